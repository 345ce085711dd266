// Renderer for Dear ImGui's draw data with WebGL2 (OpenGL ES 3.0 through Emscripten): our own, in place of
// imgui_impl_opengl3, written for the one case we have. The client owns the whole WebGL context and nothing else
// draws into it, so GL state is set once and never read back or restored; a frame is one vertex and one index
// upload plus a scissor and a draw per command. In Chromium every glGet* is a synchronous round trip to the GPU
// process (0.9 s of glGetIntegerv per page load with the stock backend, bench/README.md): this file calls glGet*
// once, at the first frame, to see whether the shader program linked.
//
// Implemented (the renderer half of ImGui's backend contract):
//  - the font atlas as a one-channel (R8) coverage texture; ImTextureID is the GL texture name (a texture made the
//    same way draws; an RGBA image would need its own shader);
//  - ImDrawCmd clip rectangles (scissor) and textures, ImDrawData's DisplayPos and FramebufferScale;
//  - ImDrawCmd::UserCallback, and ImDrawCallback_ResetRenderState (sets our state again);
//  - ImDrawCmd::VtxOffset (ImGuiBackendFlags_RendererHasVtxOffset: lists over 64K vertices with 16-bit indices);
//  - 16- or 32-bit ImDrawIdx, whichever imconfig chose.
// Not implemented: multi-viewports, saving the caller's GL state.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

namespace tumen::platform {

class GlRenderer {
public:
    // Compiles and links the shaders and makes the buffers and the vertex array on the current context. The
    // compile runs in the GPU process while the page loads; its result is read at the first render().
    void init();
    // The font atlas (built by ImGui's GetTexDataAsAlpha8 if needed) as a texture; the old one, if any, is deleted.
    void create_font_texture();
    void destroy_font_texture();
    // Clears the canvas to `clear` and draws. False when the shaders did not compile or link (error() says why;
    // also logged to the console once): nothing can be drawn.
    bool render(const ImDrawData* data, int fb_width, int fb_height, const ImVec4& clear);
    const std::string& error() const { return error_; }

private:
    bool check_program();    // once: the link status (the only glGet of a successful run)
    void set_state();        // blend, scissor, program, vertex array: once, and on ImDrawCallback_ResetRenderState
    void point_vertices(unsigned first_vertex);  // the attributes start at this vertex of the frame's buffer

    unsigned program_ = 0, vertex_shader_ = 0, fragment_shader_ = 0;
    unsigned vao_ = 0, vbo_ = 0, ibo_ = 0, font_texture_ = 0;
    enum class Link { pending, ok, failed } link_ = Link::pending;
    std::string error_;
    ImVec4 xform_{0, 0, 0, 0};   // the transform last given to the shader (attribute 3's constant value)
    std::vector<ImDrawVert> vertices_;  // all lists' vertices and indices of a frame, uploaded in one call each
    std::vector<ImDrawIdx> indices_;
};

}  // namespace tumen::platform
