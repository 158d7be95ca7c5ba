#include "web/gl_renderer.h"

#include <GLES3/gl3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "starling_shaders.h"  // generated from shaders/ by cmake/embed_shaders.cmake

namespace starling::web::gl {
namespace {

constexpr GLuint kPosition = 0, kUv = 1, kColor = 2;  // layout(location) in shaders/imgui.vert
static_assert(sizeof(ImDrawIdx) == 4, "WebGL has no base-vertex draws: ImDrawIdx is 32-bit (cmake/deps.cmake)");

struct Renderer {
    GLuint program = 0;
    GLint transform = -1;
    GLint sampler = -1;
    GLuint vao = 0;
    GLuint vertexBuffer = 0;
    GLuint indexBuffer = 0;
    std::size_t vertexCapacity = 0;  // bytes
    std::size_t indexCapacity = 0;
    std::vector<GLuint> textures;
    int created = 0;
};

Renderer g;

GLuint compile(GLenum type, const char* source) {
    GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        char log[512] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        std::fprintf(stderr, "gl: shader does not compile: %s\n", log);
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

GLuint link(GLuint vertex, GLuint fragment) {
    GLuint program = glCreateProgram();
    glAttachShader(program, vertex);
    glAttachShader(program, fragment);
    glLinkProgram(program);
    glDetachShader(program, vertex);
    glDetachShader(program, fragment);
    GLint ok = GL_FALSE;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        char log[512] = {};
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        std::fprintf(stderr, "gl: program does not link: %s\n", log);
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

// The buffer holds at least `bytes`: grows to the next power of two (a new store, the old one orphaned),
// so a busy frame does not reallocate again on the next one.
void reserve(GLenum target, std::size_t& capacity, std::size_t bytes) {
    if (bytes <= capacity) return;
    std::size_t grown = std::max<std::size_t>(capacity, 64 * 1024);
    while (grown < bytes) grown *= 2;
    glBufferData(target, static_cast<GLsizeiptr>(grown), nullptr, GL_STREAM_DRAW);
    capacity = grown;
}

// WebGL has no glDrawElementsBaseVertex: each draw list's vertices are reached by pointing the
// attributes at its first vertex, and its indices stay as ImGui wrote them.
void pointAttributes(std::size_t firstVertex) {
    const std::size_t base = firstVertex * sizeof(ImDrawVert);
    auto at = [base](std::size_t field) { return reinterpret_cast<const void*>(base + field); };
    glVertexAttribPointer(kPosition, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(kUv, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(kColor, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, col)));
}

GLuint name(ImTextureID texture) { return static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(texture)); }

}  // namespace

bool init() {
    GLuint vertex = compile(GL_VERTEX_SHADER, shaders::kImguiVert);
    GLuint fragment = compile(GL_FRAGMENT_SHADER, shaders::kImguiFrag);
    if (vertex != 0 && fragment != 0) g.program = link(vertex, fragment);
    if (vertex != 0) glDeleteShader(vertex);
    if (fragment != 0) glDeleteShader(fragment);
    if (g.program == 0) return false;
    g.transform = glGetUniformLocation(g.program, "u_transform");
    g.sampler = glGetUniformLocation(g.program, "u_texture");

    glGenVertexArrays(1, &g.vao);
    glGenBuffers(1, &g.vertexBuffer);
    glGenBuffers(1, &g.indexBuffer);
    glBindVertexArray(g.vao);
    glBindBuffer(GL_ARRAY_BUFFER, g.vertexBuffer);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.indexBuffer);  // recorded in the VAO
    glEnableVertexAttribArray(kPosition);
    glEnableVertexAttribArray(kUv);
    glEnableVertexAttribArray(kColor);
    glBindVertexArray(0);
    return true;
}

void shutdown() {
    for (GLuint t : g.textures) glDeleteTextures(1, &t);
    if (g.vertexBuffer != 0) glDeleteBuffers(1, &g.vertexBuffer);
    if (g.indexBuffer != 0) glDeleteBuffers(1, &g.indexBuffer);
    if (g.vao != 0) glDeleteVertexArrays(1, &g.vao);
    if (g.program != 0) glDeleteProgram(g.program);
    const int created = g.created;
    g = Renderer{};
    g.created = created;
}

void render(const ImDrawData* data, int width, int height, const ImVec4& clear) {
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(clear.x, clear.y, clear.z, clear.w);
    glClear(GL_COLOR_BUFFER_BIT);
    if (data == nullptr || data->CmdListsCount == 0 || g.program == 0 || width <= 0 || height <= 0) return;

    // ImGui's colours are straight alpha; the destination alpha stays 1 (the canvas is opaque anyway).
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(g.program);
    const ImVec2 pos = data->DisplayPos, size = data->DisplaySize, scale = data->FramebufferScale;
    glUniform4f(g.transform, 2.0f / size.x, -2.0f / size.y, -1.0f - 2.0f * pos.x / size.x,
                1.0f + 2.0f * pos.y / size.y);
    glUniform1i(g.sampler, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(g.vao);
    glBindBuffer(GL_ARRAY_BUFFER, g.vertexBuffer);

    // One upload per list into one vertex and one index buffer.
    const std::size_t vertexBytes = static_cast<std::size_t>(data->TotalVtxCount) * sizeof(ImDrawVert);
    const std::size_t indexBytes = static_cast<std::size_t>(data->TotalIdxCount) * sizeof(ImDrawIdx);
    reserve(GL_ARRAY_BUFFER, g.vertexCapacity, vertexBytes);
    reserve(GL_ELEMENT_ARRAY_BUFFER, g.indexCapacity, indexBytes);
    std::size_t vtxAt = 0, idxAt = 0;
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        const auto vb = static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert);
        const auto ib = static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx);
        if (vb > 0) glBufferSubData(GL_ARRAY_BUFFER, static_cast<GLintptr>(vtxAt), vb, list->VtxBuffer.Data);
        if (ib > 0) glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLintptr>(idxAt), ib, list->IdxBuffer.Data);
        vtxAt += vb;
        idxAt += ib;
    }

    GLuint bound = 0;
    glBindTexture(GL_TEXTURE_2D, 0);
    std::size_t firstVertex = 0, firstIndex = 0;
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        std::size_t pointedAt = SIZE_MAX;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback != nullptr) {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
                continue;
            }
            const float x0 = (cmd.ClipRect.x - pos.x) * scale.x, y0 = (cmd.ClipRect.y - pos.y) * scale.y;
            const float x1 = (cmd.ClipRect.z - pos.x) * scale.x, y1 = (cmd.ClipRect.w - pos.y) * scale.y;
            if (x1 <= x0 || y1 <= y0 || cmd.ElemCount == 0) continue;
            glScissor(static_cast<GLint>(x0), static_cast<GLint>(static_cast<float>(height) - y1),
                      static_cast<GLsizei>(x1 - x0), static_cast<GLsizei>(y1 - y0));
            if (firstVertex + cmd.VtxOffset != pointedAt) {
                pointedAt = firstVertex + cmd.VtxOffset;
                pointAttributes(pointedAt);
            }
            if (GLuint t = name(cmd.GetTexID()); t != bound) {
                bound = t;
                glBindTexture(GL_TEXTURE_2D, t);
            }
            const std::size_t offset = (firstIndex + cmd.IdxOffset) * sizeof(ImDrawIdx);
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), GL_UNSIGNED_INT,
                           reinterpret_cast<const void*>(offset));
        }
        firstVertex += static_cast<std::size_t>(list->VtxBuffer.Size);
        firstIndex += static_cast<std::size_t>(list->IdxBuffer.Size);
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
}

ImTextureID createTexture(int width, int height, const unsigned char* pixels, Filter filter) {
    GLuint t = 0;
    glGenTextures(1, &t);
    glBindTexture(GL_TEXTURE_2D, t);
    const GLint f = filter == Filter::Linear ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, f);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, f);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glBindTexture(GL_TEXTURE_2D, 0);
    g.textures.push_back(t);
    ++g.created;
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(t));
}

void updateTexture(ImTextureID texture, int x, int y, int width, int height, const unsigned char* pixels,
                   int strideBytes) {
    if (width <= 0 || height <= 0) return;
    glBindTexture(GL_TEXTURE_2D, name(texture));
    glPixelStorei(GL_UNPACK_ROW_LENGTH, strideBytes / 4);
    glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
    glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
    glBindTexture(GL_TEXTURE_2D, 0);
}

void destroyTexture(ImTextureID texture) {
    GLuint t = name(texture);
    auto it = std::find(g.textures.begin(), g.textures.end(), t);
    if (it == g.textures.end()) return;
    g.textures.erase(it);
    glDeleteTextures(1, &t);
}

int textureCount() { return static_cast<int>(g.textures.size()); }
int texturesCreated() { return g.created; }

}  // namespace starling::web::gl
