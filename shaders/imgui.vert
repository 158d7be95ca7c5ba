#version 300 es
// ImGui draw data: positions in framebuffer pixels, UV into the command's texture, RGBA8 colour.
// u_transform maps pixels to clip space: xy scale, zw offset (y points down in ImGui, up in GL).
uniform vec4 u_transform;
layout(location = 0) in vec2 a_position;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
out vec2 v_uv;
out vec4 v_color;

void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = vec4(a_position * u_transform.xy + u_transform.zw, 0.0, 1.0);
}
