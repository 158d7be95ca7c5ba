#pragma once
// Our WebGL2 renderer of ImGui draw data (in place of imgui_impl_opengl3): one program from shaders/,
// one VAO, one streaming vertex buffer and one index buffer that grow, a scissor and a texture per
// command. Textures are generic (the font atlas now; images and video later): ImTextureID is the handle.
#include <imgui.h>

namespace starling::web::gl {

enum class Filter { Linear, Nearest };

bool init();      // needs the current WebGL2 context; false if the shaders do not compile
void shutdown();  // frees the program, buffers and every texture

// Clears the framebuffer (w × h device pixels) to `clear` and draws the frame's draw data.
void render(const ImDrawData* data, int width, int height, const ImVec4& clear);

// RGBA8 textures, straight alpha. `pixels` may be null (contents undefined until updated).
ImTextureID createTexture(int width, int height, const unsigned char* pixels, Filter filter = Filter::Linear);
// Replaces a rectangle; `pixels` points at its top-left texel, rows `strideBytes` apart.
void updateTexture(ImTextureID texture, int x, int y, int width, int height, const unsigned char* pixels,
                   int strideBytes);
void destroyTexture(ImTextureID texture);
int textureCount();     // live textures
int texturesCreated();  // since the page loaded (a font atlas re-upload shows here; tests read it)

}  // namespace starling::web::gl
