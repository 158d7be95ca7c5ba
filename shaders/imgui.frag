#version 300 es
// Straight (not premultiplied) alpha, as ImGui's colours and its font atlas are: the renderer blends
// with SRC_ALPHA, ONE_MINUS_SRC_ALPHA. highp (always there in ES 3.00): with mediump, often fp16 on
// phones, UVs into an atlas over 1024 texels wide land between texels and glyphs blur.
precision highp float;
uniform sampler2D u_texture;
in vec2 v_uv;
in vec4 v_color;
out vec4 o_color;

void main() {
    o_color = v_color * texture(u_texture, v_uv);
}
