#include "gl_renderer.hpp"

#include <GLES3/gl3.h>
#include <emscripten.h>

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace tumen::platform {

namespace {

// Attribute locations are fixed in the shader text, so none has to be asked for. The transform is an attribute
// too, with no array behind it: its constant value (glVertexAttrib4f) reaches every vertex, and unlike a uniform
// it needs no location query (a round trip to the GPU process).
constexpr GLuint gl_attr_pos = 0, gl_attr_uv = 1, gl_attr_color = 2, gl_attr_xform = 3;

const char* const gl_vertex_source = R"(#version 300 es
layout(location = 0) in vec2 a_pos;
layout(location = 1) in vec2 a_uv;
layout(location = 2) in vec4 a_color;
layout(location = 3) in vec4 a_xform;  // xy: scale, zw: offset from ImGui's pixels to clip space
out vec2 v_uv;
out vec4 v_color;
void main() {
    v_uv = a_uv;
    v_color = a_color;
    gl_Position = vec4(a_pos * a_xform.xy + a_xform.zw, 0.0, 1.0);
}
)";

// highp texture coordinates: mediump (fp16 on phones) cannot address every texel of a 4096-wide atlas.
const char* const gl_fragment_source = R"(#version 300 es
precision mediump float;
uniform sampler2D u_texture;  // unit 0, the uniform's default: never set
in highp vec2 v_uv;
in vec4 v_color;
layout(location = 0) out vec4 o_color;
void main() {
    o_color = vec4(v_color.rgb, v_color.a * texture(u_texture, v_uv).r);  // the atlas holds coverage only (R8)
}
)";

GLuint gl_compile(GLenum kind, const char* source) {
    const GLuint s = glCreateShader(kind);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);  // status read only if the link fails (check_program)
    return s;
}

std::string gl_shader_log(GLuint shader, const char* what) {
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok) return {};
    char log[1024] = {};
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    return std::string(what) + " shader: " + log + "\n";
}

GLuint gl_texture_name(ImTextureID id) { return static_cast<GLuint>(reinterpret_cast<std::intptr_t>(id)); }

}  // namespace

void GlRenderer::init() {
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "tumen_webgl2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;

    vertex_shader_ = gl_compile(GL_VERTEX_SHADER, gl_vertex_source);
    fragment_shader_ = gl_compile(GL_FRAGMENT_SHADER, gl_fragment_source);
    program_ = glCreateProgram();
    glAttachShader(program_, vertex_shader_);
    glAttachShader(program_, fragment_shader_);
    glLinkProgram(program_);

    glGenVertexArrays(1, &vao_);
    glGenBuffers(1, &vbo_);
    glGenBuffers(1, &ibo_);
    set_state();
}

void GlRenderer::set_state() {
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    // Colour blends over what is below; alpha accumulates coverage (the canvas has no alpha channel anyway).
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    glUseProgram(program_);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(vao_);
    glBindBuffer(GL_ARRAY_BUFFER, vbo_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, ibo_);  // recorded in the vertex array
    glEnableVertexAttribArray(gl_attr_pos);
    glEnableVertexAttribArray(gl_attr_uv);
    glEnableVertexAttribArray(gl_attr_color);
    point_vertices(0);
}

void GlRenderer::point_vertices(unsigned first_vertex) {
    const auto at = [&](std::size_t member) {
        return reinterpret_cast<const void*>(first_vertex * sizeof(ImDrawVert) + member);
    };
    constexpr GLsizei stride = sizeof(ImDrawVert);
    glVertexAttribPointer(gl_attr_pos, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(gl_attr_uv, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(gl_attr_color, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(ImDrawVert, col)));
}

bool GlRenderer::check_program() {
    GLint linked = 0;
    glGetProgramiv(program_, GL_LINK_STATUS, &linked);
    if (linked) {
        link_ = Link::ok;
        return true;
    }
    link_ = Link::failed;
    char log[1024] = {};
    glGetProgramInfoLog(program_, sizeof log, nullptr, log);
    error_ = gl_shader_log(vertex_shader_, "vertex") + gl_shader_log(fragment_shader_, "fragment") + "link: " + log;
    emscripten_log(EM_LOG_ERROR, "tumen: the WebGL shaders failed: %s", error_.c_str());
    return false;
}

void GlRenderer::create_font_texture() {
    destroy_font_texture();
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    // One byte per texel: a quarter of the RGBA upload and no conversion pass (the start-up's glTexImage2D was
    // ~60-90 ms in headless Chromium, issue 5). The fragment shader reads coverage from the red channel.
    io.Fonts->GetTexDataAsAlpha8(&pixels, &width, &height);
    glGenTextures(1, &font_texture_);
    glBindTexture(GL_TEXTURE_2D, font_texture_);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of single bytes
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(font_texture_)));
}

void GlRenderer::destroy_font_texture() {
    if (!font_texture_) return;
    glDeleteTextures(1, &font_texture_);
    font_texture_ = 0;
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

bool GlRenderer::render(const ImDrawData* data, int fb_width, int fb_height, const ImVec4& clear) {
    glViewport(0, 0, fb_width, fb_height);
    glScissor(0, 0, fb_width, fb_height);  // the clear obeys the scissor test, which stays on
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (link_ == Link::pending && !check_program()) return false;
    if (link_ == Link::failed) return false;
    if (!data || data->CmdListsCount == 0 || fb_width <= 0 || fb_height <= 0) return true;

    // ImGui's coordinates (DisplayPos..DisplayPos+DisplaySize) to clip space, y down.
    const ImVec2 pos = data->DisplayPos, size = data->DisplaySize;
    if (size.x <= 0 || size.y <= 0) return true;
    const ImVec4 xform(2.0f / size.x, -2.0f / size.y, -1.0f - pos.x * 2.0f / size.x, 1.0f + pos.y * 2.0f / size.y);
    if (std::memcmp(&xform, &xform_, sizeof xform) != 0) {
        xform_ = xform;
        glVertexAttrib4f(gl_attr_xform, xform.x, xform.y, xform.z, xform.w);
    }

    // One upload of each kind per frame: the lists side by side. A list's commands address its own vertices, so
    // the attributes are re-pointed at each list's start (plus VtxOffset); indices are offset in bytes.
    vertices_.resize(static_cast<std::size_t>(data->TotalVtxCount));
    indices_.resize(static_cast<std::size_t>(data->TotalIdxCount));
    std::size_t nv = 0, ni = 0;
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        const auto vn = static_cast<std::size_t>(list->VtxBuffer.Size), in = static_cast<std::size_t>(list->IdxBuffer.Size);
        std::memcpy(vertices_.data() + nv, list->VtxBuffer.Data, vn * sizeof(ImDrawVert));
        std::memcpy(indices_.data() + ni, list->IdxBuffer.Data, in * sizeof(ImDrawIdx));
        nv += vn;
        ni += in;
    }
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(nv * sizeof(ImDrawVert)), vertices_.data(), GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER, static_cast<GLsizeiptr>(ni * sizeof(ImDrawIdx)), indices_.data(),
                 GL_STREAM_DRAW);

    constexpr GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    const ImVec2 scale = data->FramebufferScale;
    // What the state holds, as far as this frame knows (a callback may change it; the last frame left its own).
    constexpr GLuint unknown_texture = ~0u;
    GLuint bound_texture = unknown_texture;
    long pointed = -1;  // the vertex the attributes start at
    std::size_t list_vertex = 0, list_index = 0;
    for (int n = 0; n < data->CmdListsCount; ++n) {
        const ImDrawList* list = data->CmdLists[n];
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState) {
                    set_state();
                    glVertexAttrib4f(gl_attr_xform, xform.x, xform.y, xform.z, xform.w);
                } else {
                    cmd.UserCallback(list, &cmd);
                }
                bound_texture = unknown_texture;
                pointed = -1;
                continue;
            }
            if (cmd.ElemCount == 0) continue;
            // The clip rectangle in framebuffer pixels; GL's scissor counts rows from the bottom.
            const float x1 = (cmd.ClipRect.x - pos.x) * scale.x, y1 = (cmd.ClipRect.y - pos.y) * scale.y;
            const float x2 = (cmd.ClipRect.z - pos.x) * scale.x, y2 = (cmd.ClipRect.w - pos.y) * scale.y;
            const int left = x1 < 0 ? 0 : static_cast<int>(x1), top = y1 < 0 ? 0 : static_cast<int>(y1);
            const int right = x2 > static_cast<float>(fb_width) ? fb_width : static_cast<int>(x2);
            const int bottom = y2 > static_cast<float>(fb_height) ? fb_height : static_cast<int>(y2);
            if (right <= left || bottom <= top) continue;
            glScissor(left, fb_height - bottom, right - left, bottom - top);

            const GLuint texture = gl_texture_name(cmd.GetTexID());
            if (texture != bound_texture) {
                glBindTexture(GL_TEXTURE_2D, texture);
                bound_texture = texture;
            }
            const long first_vertex = static_cast<long>(list_vertex + cmd.VtxOffset);
            if (first_vertex != pointed) {
                point_vertices(static_cast<unsigned>(first_vertex));
                pointed = first_vertex;
            }
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), index_type,
                           reinterpret_cast<const void*>((list_index + cmd.IdxOffset) * sizeof(ImDrawIdx)));
        }
        list_vertex += static_cast<std::size_t>(list->VtxBuffer.Size);
        list_index += static_cast<std::size_t>(list->IdxBuffer.Size);
    }
    return true;
}

}  // namespace tumen::platform
