// Tumen web client: the browser seam (Emscripten 3.1.6 + GLFW 3 emulation + WebGL2 + Dear ImGui 1.86).
// This folder is the ONLY place that touches emscripten or JavaScript. Everything above it (client/app,
// client/state) is plain C++ that a native test can drive. web/index.html holds the few listeners that must live
// in the page (paste, hashchange/popstate, resize and DPR changes) and calls the exports in main.cpp.
//
// Implemented features:
//  [X] Canvas: backing store = CSS size x devicePixelRatio, follows window resizes and DPR changes (browser zoom,
//      moving to another monitor). ImGui works in device pixels; fonts are re-rasterised at round(16*dpr) and the
//      style re-scaled between frames. (GLFW in 3.1.6 has no HiDPI support: we size the canvas ourselves.)
//  [X] Text: DejaVu Sans with Latin, full Cyrillic (Mongolian Ө ө Ү ү) and ₮, fetched from /fonts/ at start.
//  [X] Clipboard copy: ImGui's SetClipboardTextFn -> navigator.clipboard.writeText, hidden <textarea> +
//      execCommand('copy') fallback. (3.1.6 GLFW's clipboard functions are empty.)
//  [X] Clipboard paste: document 'paste' event -> tumen_on_paste. After Ctrl/Cmd+V (or Shift+Insert) the text is
//      what ImGui's GetClipboardTextFn returns to its own paste handling; a paste without a key chord (browser menu)
//      is typed into the focused field. Nothing is inserted twice; there is no synchronous clipboard read.
//  [X] Keyboard: key and character events are queued and fed to ImGui 1.86 (which has no input queue) at most one
//      change per key per frame, in order (client/state/input_trickle.hpp): quick taps and chords are never lost.
//  [X] Idle: no ImGui frame and no GL call while nothing changes; the main loop is paused. Input callbacks
//      (installed before ImGui's, which chains them), fetch completions, resize/DPR changes and URL changes wake it
//      for a few frames (dirty_frames = 3) so layout and hover settle. Caret blink is off (it would be a timer).
//  [X] HTTP: emscripten_fetch (XHR), same origin, JSON; status 0 = no answer; bodies of error replies are read.
//  [X] Routing: location.hash read at start; history.pushState/replaceState; hashchange/popstate -> the app.
//  [X] Language: navigator.language at start, the user's choice kept in localStorage; <html lang> and
//      document.title follow.
//  [X] Mouse cursor shape via canvas.style.cursor (3.1.6 GLFW has no cursors).
//  [X] Mouse wheel: normalised to ImGui's "one notch = 1" (3.1.6 GLFW passes raw DOM deltas with the wrong sign).
//  [X] macOS shortcuts (Cmd instead of Ctrl) when the browser runs on a Mac.
//  [X] The client's shortcuts keep keys the browser would take: Ctrl/Cmd+K, Ctrl/Cmd+S, F1, Alt+1..7, "/" (key_guard.hpp).
//  [X] Test interface: window.tumen.state() -> JSON of route, view, language, last error, frame count, widgets.
//  [X] File upload: Host::pick_file through a hidden <input type=file> and FileReader (the CSV import, a
//      record's files). A file dropped on the page goes to AppState::take_dropped_file (install_file_drop);
//      while files are dragged over it, AppState::drop_hint says where a drop would go.
//  [X] File download: bytes fetched by the app (leads export) saved through a Blob URL and <a download>.
//  [X] IME / composed input (dead keys, CJK) and the mobile on-screen keyboard: a transparent, click-through
//      <input> (web/input.js) sits over the active field from its caret and has the focus while a field is active
//      (text_input.hpp); committed text reaches ImGui as text, GLFW gets no keypress from it and no key at all
//      while composing; it is hidden outside text fields. Password fields make it type=password.
//  [X] Touch input: 3.1.6 GLFW reports touches at the previous mouse position, so the canvas' touch events go to
//      client/state/touch_gestures.hpp instead: one finger = the mouse (pointer moved a frame before the press;
//      tap = click, press-move-release = drag), two fingers = wheel scroll at their midpoint (a column, a list, the
//      board sideways); the pointer leaves after a lift. The real mouse takes over again when it moves.
//  [X] Live updates: GET /api/v1/events read with fetch() + ReadableStream and parsed as SSE (event_source.hpp);
//      reconnect with backoff and Last-Event-ID replay decided by client/state/live_updates.hpp.
//  [X] WebGL context loss: the page reloads when the context comes back (or after 3 s); the address keeps the view.
//  [X] Kiosk (#/kiosk): the mouse cursor is hidden (canvas cursor: none); large font sizes join the atlas only there.
//  [X] Theme: light / dark / the system's (prefers-color-scheme, followed live) and the interface size (90-150%
//      on top of the DPR: fonts re-rasterised, style re-scaled), kept in localStorage; the page behind the canvas
//      takes the theme before the wasm loads (no white flash in dark).
//  [X] Unsaved edits: beforeunload asks while the open form has unsaved edits.
//  [ ] Screen readers (ImGui draws pixels only).
//
// CHANGELOG
//  2026-11-27: First version: canvas/DPR, fonts, clipboard, idle loop, fetch, hash routing, language, cursor,
//              wheel, test interface.
//  2026-11-28: Live updates over a fetch()-read event stream (EventSource cannot listen for every event name).
//  2026-11-28: Kiosk: hidden cursor, kiosk font sizes, reload after a lost WebGL context; view timers may be
//              moved earlier (a highlight ending before the next page turn).
//  2026-11-29: Composition overlay <input> (IME, dead keys, on-screen keyboards) and touch (one finger = mouse,
//              two = scroll).
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "state/host.hpp"

namespace tumen::platform {

struct CanvasGeometry {
    double css_width = 0;   // CSS pixels
    double css_height = 0;
    double dpr = 1;         // window.devicePixelRatio
    int width = 0;          // backing store in device pixels: round(css * dpr)
    int height = 0;
};

// Measures the canvas' CSS box and the DPR now.
CanvasGeometry measure_canvas();
// Sets the canvas' backing store size (device pixels) when it differs.
void set_canvas_size(int width, int height);

void clipboard_write(const std::string& text);
// Offers `bytes` to the user as a downloaded file named `name`.
void save_file(const std::string& name, const std::string& mime, const std::string& bytes);
// window.open(path, "_blank") (the session cookie goes along: same origin).
void open_url(const std::string& path);

// The browser's file chooser; `chosen(name, bytes)` once a file was chosen and read (see Host::pick_file).
void pick_file(const std::string& accept, std::size_t max_bytes, std::function<void(std::string, std::string)> chosen);
// Files dragged over the page may be dropped (the first one is read, at most max_bytes + 1 bytes) and handed to
// `dropped(name, bytes)`; `dragging(true/false)` while they are over the page (for a hint); the loop is woken.
void install_file_drop(std::size_t max_bytes, std::function<void(std::string, std::string)> dropped,
                       std::function<void(bool)> dragging);

std::string location_hash();
void history_push(const std::string& hash);
void history_replace(const std::string& hash);

std::string browser_language();           // navigator.language
std::string page_origin();                // location.origin
std::string load_setting(const char* key); // localStorage, "" when absent or unavailable
void save_setting(const char* key, const std::string& value);

bool system_prefers_dark();               // matchMedia('(prefers-color-scheme: dark)')
void set_page_theme(bool dark);           // the page behind the canvas (background, color-scheme, theme-color)
void set_leave_prompt(bool ask);          // beforeunload asks first while true (unsaved edits)

void set_cursor(const char* css_cursor);  // canvas.style.cursor
void reload_after_context_loss();         // installs the webglcontextlost/restored listeners on the canvas
void set_document_title(const std::string& title);
void set_document_language(std::string_view code);
bool is_mac();

// The client is drawn: hides the loading indicator, window.tumen.ready = true.
void announce_ready();
// A start-up step reached: performance.mark("tumen:" + name), read by bench/board_browser.mjs and seen in a
// DevTools trace. `presented` also marks "tumen:<name>.presented" at the next animation frame, i.e. once the
// browser has taken what was drawn (roughly when it reaches the screen).
void startup_mark(const char* name, bool presented = false);
// performance.measure("tumen:" + name) from `start_ms` (emscripten_get_now) to now: a start-up step's duration.
void startup_measure(const std::string& name, double start_ms);
// The client cannot run (e.g. no WebGL 2): shows `message` in place of the loading indicator.
void show_fatal(const std::string& message);

// The page side of client::Host: the address bar and localStorage.
class BrowserHost : public client::Host {
public:
    void push_url(const std::string& hash) override { history_push(hash); }
    void replace_url(const std::string& hash) override { history_replace(hash); }
    void save_language(std::string_view code) override { save_setting("tumen.language", std::string(code)); }
    void open_url(const std::string& path) override { platform::open_url(path); }
    void save_file(const std::string& name, const std::string& mime, const std::string& bytes) override {
        platform::save_file(name, mime, bytes);
    }
    void pick_file(const std::string& accept, std::size_t max_bytes,
                   std::function<void(std::string, std::string)> chosen) override {
        platform::pick_file(accept, max_bytes, std::move(chosen));
    }
    std::string origin() const override { return page_origin(); }
    void save_preference(std::string_view key, std::string_view value) override {
        save_setting(std::string(key).c_str(), std::string(value));
    }
    std::string load_preference(std::string_view key) const override { return load_setting(std::string(key).c_str()); }
    bool system_prefers_dark() const override { return platform::system_prefers_dark(); }
    void set_leave_prompt(bool ask) override { platform::set_leave_prompt(ask); }
};

}  // namespace tumen::platform
