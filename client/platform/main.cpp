// The web client's entry point and main loop: GLFW window + WebGL2 context, Dear ImGui, fonts, the idle logic,
// and the exports the page calls (window.tumen glue in web/index.html).
#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>

#include "app/fonts.hpp"
#include "app/theme.hpp"
#include "app/ui.hpp"
#include "app/views.hpp"
#include "browser.hpp"
#include "event_source.hpp"
#include "fetch.hpp"
#include "gl_renderer.hpp"
#include "key_guard.hpp"
#include "imgui.h"
#include "imgui_internal.h"  // the active field's frame and caret, for the composition overlay
#include "imgui_impl_glfw.h"
#include "state/app_state.hpp"
#include "state/frame_timer.hpp"
#include "state/input_trickle.hpp"
#include "state/startup_hold.hpp"
#include "state/test_probe.hpp"
#include "state/text_overlay.hpp"
#include "state/touch_gestures.hpp"
#include "text_input.hpp"

namespace {

using namespace tumen;

// Frames to draw after something happened: ImGui needs two or three to settle layout and hover state.
constexpr int settle_frames = 3;

struct Client {
    GLFWwindow* window = nullptr;
    platform::GlRenderer renderer;    // ImGui's draw data to WebGL2 (gl_renderer.hpp)
    bool render_failed = false;       // the shaders did not link: the page says so, the loop stops
    platform::BrowserHost host;
    std::unique_ptr<platform::FetchTransport> transport;
    std::unique_ptr<platform::FetchEventChannel> live;  // GET /api/v1/events while signed in
    std::unique_ptr<client::AppState> app;
    app::Ui ui;
    app::FontFiles font_files;
    int fonts_pending = 2;
    bool fonts_built = false;

    platform::CanvasGeometry canvas;
    bool geometry_dirty = true;
    double built_dpr = 0;            // DPR the font atlas and style were made for
    float built_scale = 0;           // and the interface size (Settings > My account)
    int built_dark = -1;             // the theme the style and the page show (-1: none yet)
    bool leave_prompt = false;       // beforeunload asks (unsaved edits)
    bool built_kiosk = false;        // the atlas holds the kiosk's large sizes

    int dirty_frames = settle_frames;
    bool paused = false;
    std::uint64_t frame_count = 0;
    bool board_frame_marked = false;  // the start-up mark of the first frame showing the board's data is set
    bool hold_timer = false;          // the wake-up at the end of the first frame's wait is scheduled
    client::FrameTimer frame_timer;   // the whole frame: input, layout, draw lists, WebGL calls
    client::FrameTimer render_timer;  // of it, the WebGL part (software rendering in headless Chromium)
    bool ready = false;

    client::InputTrickle input;       // key, character and button events waiting for their frame (input_trickle.hpp)
    bool buttons_down[3] = {};        // the mouse buttons as the queue has delivered them
    client::TouchGestures touch;      // fingers on the canvas as a mouse (touch_gestures.hpp)
    std::string clipboard;            // what we last copied
    // Paste (see tumen_on_paste): a Ctrl/Cmd+V chord was pressed and its 'paste' event is expected; the text of
    // that event, waiting for ImGui's own Ctrl+V handling to ask for it; the buffer handed to ImGui.
    bool paste_chord = false;
    std::string chord_paste;
    std::string clipboard_out;
    std::string cursor = "default";
    std::string title;
    i18n::Lang shown_language = i18n::Lang::en;
    bool language_shown = false;
    std::string state_json;           // buffer returned to JS by tumen_state_json
    bool timer_pending = false;       // a wake-up asked by a view (Ui::wake_in) is scheduled
    double timer_due = 0;             // when it fires (emscripten_get_now ms)
};

Client* g = nullptr;

void wake() {
    if (!g || g->render_failed) return;
    // A wall display has no pointer or typing to settle: one frame per change (each costs a full-screen draw).
    const bool kiosk = g->app && g->app->route().view == View::kiosk;
    g->dirty_frames = std::max(g->dirty_frames, kiosk ? 1 : settle_frames);
    if (g->paused) {
        g->paused = false;
        emscripten_resume_main_loop();
    }
}

// ---- GLFW callbacks installed before ImGui's backend, which chains to them: any input wakes the loop ----
// (GLFW never sees touches: web/input.js takes them; so a cursor or button event is the real mouse.)
void on_cursor_pos(GLFWwindow*, double, double) {
    if (g->touch.owns_pointer()) g->touch.mouse_used();
    wake();
}
// Buttons wait in the key queue (input_trickle.hpp): a click must not overtake the letters typed before it.
// The pointer's position is the backend's (read when the press is delivered): one taken at the event can be in the
// wrong scale while the canvas is being resized.
void on_mouse_button(GLFWwindow*, int button, int action, int) {
    if (g->touch.owns_pointer()) g->touch.mouse_used();
    g->input.push(client::InputEvent::button(button, action));
    wake();
}
// Replace the backend's key and character callbacks: events are queued and handed to the backend frame by frame,
// in order (see input_trickle.hpp).
void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
    // The browser fires 'paste' while handling the keydown of a paste chord, i.e. right after this callback.
    const bool chord = (key == GLFW_KEY_V && (mods & (GLFW_MOD_CONTROL | GLFW_MOD_SUPER))) ||
                       (key == GLFW_KEY_INSERT && (mods & GLFW_MOD_SHIFT));
    if (chord && action == GLFW_PRESS) g->paste_chord = true;
    if ((key == GLFW_KEY_V || key == GLFW_KEY_INSERT) && action == GLFW_RELEASE) g->paste_chord = false;
    g->input.push(client::InputEvent::key_event(key, scancode, action, mods));
    wake();
}
void on_char(GLFWwindow*, unsigned int c) {
    g->input.push(client::InputEvent::character(c));
    wake();
}
void on_cursor_enter(GLFWwindow*, int) { wake(); }
void on_focus(GLFWwindow*, int) { wake(); }
// Replaces the backend's scroll callback: 3.1.6 passes the DOM wheel deltas as they are (pixels, ~100 per notch in
// Chrome; lines, ~3 in Firefox) with the opposite sign of GLFW's convention.
void on_scroll(GLFWwindow*, double dx, double dy) {
    auto norm = [](double d) { return static_cast<float>(std::abs(d) >= 10 ? -d / 100.0 : -d / 3.0); };
    ImGuiIO& io = ImGui::GetIO();
    io.MouseWheelH += norm(dx);
    io.MouseWheel += norm(dy);
    wake();
}

const char* get_clipboard(void*) {
    // ImGui asks when it handles Ctrl+V: it gets the text of the paste event that chord caused, once. (The
    // browser clipboard cannot be read synchronously; without a paste event there is nothing to insert.)
    g->clipboard_out = std::move(g->chord_paste);
    g->chord_paste.clear();
    return g->clipboard_out.c_str();
}

void set_clipboard(void*, const char* text) {
    g->clipboard = text ? text : "";
    platform::clipboard_write(g->clipboard);
}

const char* css_cursor(ImGuiMouseCursor c) {
    switch (c) {
        case ImGuiMouseCursor_None: return "none";
        case ImGuiMouseCursor_TextInput: return "text";
        case ImGuiMouseCursor_ResizeAll: return "move";
        case ImGuiMouseCursor_ResizeNS: return "ns-resize";
        case ImGuiMouseCursor_ResizeEW: return "ew-resize";
        case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
        case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
        case ImGuiMouseCursor_Hand: return "pointer";
        case ImGuiMouseCursor_NotAllowed: return "not-allowed";
        default: return "default";
    }
}

// Canvas size and DPR, checked only when the page said something changed (resize/DPR events, start).
void update_geometry() {
    if (!g->geometry_dirty) return;
    g->geometry_dirty = false;
    g->canvas = platform::measure_canvas();
    platform::set_canvas_size(g->canvas.width, g->canvas.height);
    const bool kiosk = g->app->route().view == View::kiosk;
    // The wall display keeps its own sizes; elsewhere the user's interface size multiplies the DPR.
    const float scale = kiosk ? 1.0f : g->app->ui_prefs().scale();
    if (g->fonts_pending == 0 && (g->canvas.dpr != g->built_dpr || kiosk != g->built_kiosk || scale != g->built_scale)) {
        // Between frames: new atlas at the new pixel size, new texture, style re-scaled from defaults.
        g->built_dpr = g->canvas.dpr;
        g->built_kiosk = kiosk;
        g->built_scale = scale;
        if (!g->fonts_built) platform::startup_mark("atlas_start");
        g->ui.device_dpr = static_cast<float>(g->canvas.dpr);
        g->ui.dpr = static_cast<float>(g->canvas.dpr) * scale;
        g->ui.fonts = app::build_fonts(g->font_files, g->ui.dpr, kiosk);
        g->built_dark = g->app->dark_theme() ? 1 : 0;
        app::apply_theme(g->ui.dpr, g->built_dark == 1);
        platform::set_page_theme(g->built_dark == 1);
        g->renderer.create_font_texture();  // replaces the old atlas' texture
        if (!g->fonts_built) platform::startup_mark("atlas");
        g->fonts_built = true;
    }
}

// The composition overlay (text_input.hpp) over the field whose caret ImGui drew this frame. ImGui 1.86 resets
// PlatformImePos to (1,1) at NewFrame and an active, editable InputText sets it to its caret's line; the field's
// frame is the nav rectangle of the active item (a clicked or focused field is also the nav item).
void place_text_overlay() {
    const ImGuiContext& c = *GImGui;
    const bool caret = c.PlatformImePos.x != 1.0f || c.PlatformImePos.y != 1.0f;
    if (!caret || c.ActiveId == 0) {
        platform::place_text_input(false, 0, 0, 0, 0, 0);
        return;
    }
    client::Box field;
    if (c.NavId == c.ActiveId && c.NavWindow) {
        const ImRect r = ImGui::WindowRectRelToAbs(c.NavWindow, c.NavWindow->NavRectRel[c.NavLayer]);
        field = {r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()};
    }
    const client::Box b =
        client::text_overlay_box(field, c.PlatformImePos.x, c.PlatformImePos.y, c.FontSize, 4 * c.FontSize);
    const float css = g->canvas.width > 0 ? static_cast<float>(g->canvas.css_width / g->canvas.width) : 1.0f;
    const bool secret = c.InputTextState.ID == c.ActiveId && (c.InputTextState.Flags & ImGuiInputTextFlags_Password);
    platform::place_text_input(true, b.x * css, b.y * css, b.w * css, b.h * css, c.FontSize * css, secret);
}

void sync_document() {
    if (g->ui.title != g->title) {
        g->title = g->ui.title;
        platform::set_document_title(g->title);
    }
    if (!g->language_shown || g->app->language() != g->shown_language) {
        g->language_shown = true;
        g->shown_language = g->app->language();
        platform::set_document_language(i18n::code(g->shown_language));
    }
    if (g->app->unsaved_edits() != g->leave_prompt) {
        g->leave_prompt = g->app->unsaved_edits();
        platform::set_leave_prompt(g->leave_prompt);
    }
    // A wall display has nobody at a mouse: no cursor over the picture.
    const std::string cursor = g->app->route().view == View::kiosk ? "none" : css_cursor(ImGui::GetMouseCursor());
    if (cursor != g->cursor) {
        g->cursor = cursor;
        platform::set_cursor(g->cursor.c_str());
    }
}

// Whether the first frame still waits for the start-up replies; sets a wake-up for the end of the wait.
bool hold_first_frame() {
    if (g->frame_count > 0) return false;
    const double now = emscripten_get_now();
    if (!client::hold_first_frame(*g->app, now)) return false;
    if (!g->hold_timer) {
        g->hold_timer = true;
        // Fires at the end of the wait even when the replies came first: a wake then would draw frames on an idle
        // page, so it wakes only a loop still holding its first frame.
        emscripten_async_call([](void*) { if (g && g->frame_count == 0) wake(); }, nullptr,
                              static_cast<int>(client::first_frame_wait_ms - now) + 1);
    }
    return true;
}

void frame() {
    // A DPR change without a resize event (some zoom paths) is still caught on the next wake-up: reading the
    // ratio is cheap, measuring the canvas' CSS box is not, so only the ratio is checked every frame.
    if (emscripten_get_device_pixel_ratio() != g->canvas.dpr) g->geometry_dirty = true;
    if ((g->app->route().view == View::kiosk) != g->built_kiosk) g->geometry_dirty = true;
    if (g->app->route().view != View::kiosk && g->app->ui_prefs().scale() != g->built_scale) g->geometry_dirty = true;
    update_geometry();
    // A theme switch (the user's, or the system's under "System") only restyles: the atlas stays.
    const int dark = g->app->dark_theme() ? 1 : 0;
    if (g->fonts_built && dark != g->built_dark) {
        g->built_dark = dark;
        app::apply_theme(g->ui.dpr, dark == 1);
        platform::set_page_theme(dark == 1);
    }
    // Nothing to show until the fonts are in (the page's loading indicator covers the canvas meanwhile), nor, at
    // start-up, before the session and the board's columns are (startup_hold.hpp); each reply wakes the loop.
    if (!g->fonts_built || g->dirty_frames <= 0 || hold_first_frame()) {
        g->paused = true;
        emscripten_pause_main_loop();
        return;
    }
    --g->dirty_frames;
    const double frame_start = emscripten_get_now();
    // Start-up marks (bench/board_browser.mjs): the first frame, and the first with the board's data.
    const bool board_frame = !g->board_frame_marked && g->app->route().view == View::pipeline &&
                             g->app->board().status() == client::BoardStatus::ready;
    if (board_frame) platform::startup_mark("board_frame_start");

    const auto events = g->input.take_frame();
    // What this frame's input changes can show only in the next one (the header was drawn before the field that
    // took the letter): one more frame, even when nothing follows (an on-screen keyboard sends text without keys).
    if (!events.empty()) g->dirty_frames = std::max(g->dirty_frames, 1);
    for (const auto& e : events) {
        if (e.kind == client::InputEvent::Kind::button) {
            if (e.key >= 0 && e.key < 3) g->buttons_down[e.key] = e.action != 0;
        } else if (e.kind == client::InputEvent::Kind::key)
            ImGui_ImplGlfw_KeyCallback(g->window, e.key, e.scancode, e.action, e.mods);
        else if (e.kind == client::InputEvent::Kind::character)
            ImGui_ImplGlfw_CharCallback(g->window, e.codepoint);
        else
            ImGui::GetIO().AddInputCharactersUTF8(e.utf8.c_str());
    }
    ImGui_ImplGlfw_NewFrame();
    ImGuiIO& io = ImGui::GetIO();
    if (g->touch.owns_pointer()) {
        // A finger has the pointer: the backend's GLFW reading (the old mouse position) is replaced.
        g->touch.configure(static_cast<float>(10 * g->canvas.dpr), 100 * g->ui.dpr);  // the board: 100 px a notch
        const client::PointerFrame p = g->touch.take_frame();
        io.MousePos = ImVec2(p.x, p.y);
        for (bool& down : io.MouseDown) down = false;
        io.MouseDown[0] = p.down;
        io.MouseWheel += p.wheel_y;
        io.MouseWheelH += p.wheel_x;
    } else {
        // The backend polls the buttons as they are now; the queue's state replaces that.
        for (int b = 0; b < 3; ++b) io.MouseDown[b] = g->buttons_down[b];
    }
    // Work in device pixels (GLFW reports the mouse in canvas backing pixels already).
    io.DisplaySize = ImVec2(static_cast<float>(g->canvas.width), static_cast<float>(g->canvas.height));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    ImGui::NewFrame();
    g->ui.begin_frame();
    app::draw_app(*g->app, g->ui);
    ImGui::Render();

    const double render_start = emscripten_get_now();
    const ImVec4 clear = ImGui::ColorConvertU32ToFloat4(app::color::page_bottom);
    if (!g->renderer.render(ImGui::GetDrawData(), g->canvas.width, g->canvas.height, clear)) {
        // Nothing can be drawn: the page says so (the console has the shader log) and the loop stops.
        g->render_failed = true;
        platform::show_fatal(g->app->tr("error.webgl_shader"));
        g->paused = true;
        emscripten_pause_main_loop();
        return;
    }
    g->render_timer.add(emscripten_get_now() - render_start);
    g->ui.end_frame();
    g->frame_timer.add(emscripten_get_now() - frame_start);
    platform::set_text_input(io.WantTextInput);  // "/" is a shortcut only outside text fields (key_guard.hpp)
    place_text_overlay();
    ++g->frame_count;
    if (g->frame_count == 1) {
        platform::startup_measure("frame1 work", frame_start);
        platform::startup_mark("frame1", true);
    }
    if (board_frame) {
        g->board_frame_marked = true;
        platform::startup_mark("board_frame", true);
    }
    sync_document();

    // Keep drawing while a button or key is held (drags, key repeat) or the layout is still moving.
    bool held = false;
    for (bool down : io.MouseDown) held = held || down;
    for (bool down : io.KeysDown) held = held || down;
    if (held || !g->input.empty() || g->touch.pending() || g->ui.wants_another_frame()) g->dirty_frames = std::max(g->dirty_frames, 1);
    // A view polls (an e-mail waiting in the outbox) or has a deadline (a kiosk page turn): the loop sleeps until the
    // earliest one. A timer already set for later stays (a spare wake-up is harmless); an earlier one is added.
    if (g->ui.wake_ms() >= 0) {
        const double due = emscripten_get_now() + g->ui.wake_ms();
        if (!g->timer_pending || due < g->timer_due - 1) {
            g->timer_pending = true;
            g->timer_due = due;
            emscripten_async_call([](void*) {
                if (emscripten_get_now() >= g->timer_due - 1) g->timer_pending = false;
                wake();
            }, nullptr, static_cast<int>(g->ui.wake_ms()));
        }
    }

    if (!g->ready) {
        g->ready = true;
        platform::announce_ready();
    }
}

void font_loaded(bool ok, std::vector<unsigned char> bytes, std::vector<unsigned char>& slot) {
    if (ok) slot = std::move(bytes);
    if (--g->fonts_pending > 0) return;
    platform::startup_mark("fonts");
    if (g->font_files.regular.empty() || g->font_files.bold.empty()) {
        // Without the TTF the UI still works with ImGui's built-in font (Latin only).
        emscripten_log(EM_LOG_ERROR, "tumen: could not load /fonts/DejaVuSans*.ttf; using the built-in font");
        g->font_files = {};
    }
    g->geometry_dirty = true;
    wake();
}

}  // namespace

// ---- exports called by web/index.html ----
extern "C" {

// The page's 'paste' event. After Ctrl/Cmd+V the text waits for ImGui's own paste handling (which replaces the
// selection as one edit, and would ignore typed characters while Ctrl is down); a paste from elsewhere (the
// browser's menu, a test's synthetic event) is typed into the focused field.
EMSCRIPTEN_KEEPALIVE void tumen_on_paste(const char* text) {
    if (!g || !text) return;
    if (g->paste_chord) {
        g->chord_paste = text;
        g->paste_chord = false;
    } else {
        g->input.push(client::InputEvent::text(text));
    }
    wake();
}

// Text committed in the composition overlay (web/input.js): typed into the focused field like a character.
EMSCRIPTEN_KEEPALIVE void tumen_on_text_input(const char* text) {
    if (!g || !text || !*text) return;
    g->input.push(client::InputEvent::text(text));
    wake();
}

// A finger on the canvas (web/input.js): kind 0 start, 1 move, 2 end, 3 cancel; x, y in canvas device pixels.
EMSCRIPTEN_KEEPALIVE void tumen_on_touch(int kind, int id, double x, double y) {
    if (!g) return;
    const auto fx = static_cast<float>(x), fy = static_cast<float>(y);
    if (kind == 0) g->touch.start(id, fx, fy);
    else if (kind == 1) g->touch.move(id, fx, fy);
    else if (kind == 2) g->touch.end(id, fx, fy);
    else g->touch.cancel(id);
    wake();
}

EMSCRIPTEN_KEEPALIVE void tumen_on_url_changed(const char* hash) {
    if (!g || !hash) return;
    g->app->on_url_changed(hash);
    wake();
}

EMSCRIPTEN_KEEPALIVE void tumen_on_resize() {
    if (!g) return;
    g->geometry_dirty = true;
    wake();
}

EMSCRIPTEN_KEEPALIVE void tumen_wake() { wake(); }

EMSCRIPTEN_KEEPALIVE const char* tumen_state_json() {
    if (!g) return "{\"ready\":false}";
    client::FrameInfo f;
    f.frame_count = g->frame_count;
    f.dpr = static_cast<float>(g->canvas.dpr);
    f.canvas_width = g->canvas.width;
    f.canvas_height = g->canvas.height;
    f.ready = g->ready;
    f.idle = g->paused;
    f.frame_ms = g->frame_timer.recent();
    f.render_ms = g->render_timer.recent();
    f.heap_bytes = emscripten_get_heap_size();
    g->state_json = client::state_json(*g->app, g->ui.widgets(), f);
    return g->state_json.c_str();
}

}  // extern "C"

int main() {
    platform::startup_mark("main");
    g = new Client();  // lives as long as the page
    g->transport = std::make_unique<platform::FetchTransport>(wake);
    g->app = std::make_unique<client::AppState>(*g->transport, g->host);
    g->live = std::make_unique<platform::FetchEventChannel>(wake);
    g->app->set_live_channel(g->live.get());
    // The session check (and the board's data, see AppState::start) and the font downloads start now, before the
    // WebGL context and shaders (~0.5-1 s in a software renderer): the server works while the browser sets up.
    // Their replies are handled once main() has returned to the browser.
    g->app->start(platform::location_hash(), platform::browser_language(), platform::load_setting("tumen.language"));
    platform::install_file_drop(client::AttachmentShelf::max_bytes,
                                [](std::string name, std::string bytes) { g->app->take_dropped_file(std::move(name), std::move(bytes)); },
                                [](bool over) { g->app->set_file_drag(over); });
    platform::fetch_file("fonts/DejaVuSans.ttf", [](bool ok, std::vector<unsigned char> b) {
        font_loaded(ok, std::move(b), g->font_files.regular);
    });
    platform::fetch_file("fonts/DejaVuSans-Bold.ttf", [](bool ok, std::vector<unsigned char> b) {
        font_loaded(ok, std::move(b), g->font_files.bold);
    });

    if (!glfwInit()) {
        platform::show_fatal(g->app->tr("error.webgl"));
        return 1;
    }
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    g->canvas = platform::measure_canvas();
    g->window = glfwCreateWindow(g->canvas.width, g->canvas.height, "Tumen CRM", nullptr, nullptr);
    if (!g->window) {
        platform::show_fatal(g->app->tr("error.webgl"));
        return 1;
    }
    platform::startup_mark("context");
    glfwMakeContextCurrent(g->window);
    platform::reload_after_context_loss();

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no file system; nothing to persist yet
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would be a timer that never lets the page idle
    io.ConfigMacOSXBehaviors = platform::is_mac();

    // Ours first: the backend stores these as "previous" callbacks and calls them after its own work.
    glfwSetCursorPosCallback(g->window, on_cursor_pos);
    glfwSetMouseButtonCallback(g->window, on_mouse_button);
    glfwSetCursorEnterCallback(g->window, on_cursor_enter);
    glfwSetWindowFocusCallback(g->window, on_focus);
    ImGui_ImplGlfw_InitForOpenGL(g->window, true);
    glfwSetScrollCallback(g->window, on_scroll);  // replaces the backend's (see on_scroll)
    glfwSetKeyCallback(g->window, on_key);        // replaces the backend's; frame() feeds it the queued events
    glfwSetCharCallback(g->window, on_char);      // likewise
    platform::install_key_guard();                // after GLFW's listeners: Ctrl+K, Ctrl+S, F1, Alt+n stay ours
    // Shaders compile in the GPU process while the fonts and the board's data are on their way.
    g->renderer.init();
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    io.ClipboardUserData = nullptr;

    platform::startup_mark("main_done");
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
