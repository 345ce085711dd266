// EM_JS glue of the browser seam. Strings cross as UTF-8: C -> JS with UTF8ToString, JS -> C malloc'd by JS and
// freed here.
#include "browser.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace {

// clang-format off
EM_JS(void, js_clipboard_write, (const char* p), {
    const text = UTF8ToString(p);
    // The hidden-textarea route works where the async API is missing or refused (no permission, insecure origin).
    const fallback = () => {
        const had = document.activeElement;  // the composition overlay (web/input.js) keeps the keyboard
        const ta = document.createElement("textarea");
        ta.value = text;
        ta.setAttribute("readonly", "");
        ta.style.cssText = "position:fixed;left:-9999px;top:0;opacity:0";
        document.body.appendChild(ta);
        ta.select();
        try { document.execCommand("copy"); } catch (e) {}
        document.body.removeChild(ta);
        if (had && had !== document.body && had.focus) had.focus({ preventScroll: true });
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(fallback);
    else fallback();
});

EM_JS(char*, js_string_result, (int which), {
    let s = "";
    try {
        if (which === 0) s = location.hash;
        else if (which === 1) s = navigator.language || "";
        else if (which === 2) s = navigator.platform || "";
        else if (which === 3) s = location.origin || "";
    } catch (e) {}
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

EM_JS(char*, js_load_setting, (const char* key), {
    let s = "";
    try { s = localStorage.getItem(UTF8ToString(key)) || ""; } catch (e) {}
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

EM_JS(void, js_save_setting, (const char* key, const char* value), {
    try { localStorage.setItem(UTF8ToString(key), UTF8ToString(value)); } catch (e) {}
});

// The page's side of the theme and the leave prompt live in web/index.html (window.tumenPage), which also applies
// the stored theme before the wasm loads, so a dark page never flashes white.
EM_JS(int, js_prefers_dark, (), {
    try { return window.tumenPage && window.tumenPage.prefersDark() ? 1 : 0; } catch (e) { return 0; }
});

EM_JS(void, js_set_page_theme, (int dark), {
    if (window.tumenPage) window.tumenPage.setTheme(!!dark);
});

EM_JS(void, js_set_leave_prompt, (int ask), {
    if (window.tumenPage) window.tumenPage.askBeforeLeaving = !!ask;
});

EM_JS(void, js_history, (int replace, const char* hash), {
    const h = UTF8ToString(hash);
    if (location.hash === h) return;
    if (replace) history.replaceState(history.state, "", h);
    else history.pushState(null, "", h);
});

// A lost WebGL context (GPU reset, driver update, too many contexts) leaves a dead canvas. Every GL object of the
// client (font atlas, shaders, buffers) is gone with it, so the page loads again once the browser gives the context
// back, or after a few seconds if it never does. preventDefault() is what allows the restore at all.
EM_JS(void, js_reload_after_context_loss, (), {
    const canvas = Module["canvas"];
    let reloading = false;
    const reload = () => { if (!reloading) { reloading = true; location.reload(); } };
    canvas.addEventListener("webglcontextlost", (e) => {
        e.preventDefault();
        console.warn("tumen: WebGL context lost; reloading the page");
        setTimeout(reload, 3000);
    }, false);
    canvas.addEventListener("webglcontextrestored", reload, false);
});

EM_JS(void, js_set_cursor, (const char* c), { Module["canvas"].style.cursor = UTF8ToString(c); });

EM_JS(void, js_set_document, (const char* title, const char* lang), {
    if (title) document.title = UTF8ToString(title);
    if (lang) document.documentElement.lang = UTF8ToString(lang);
});

EM_JS(void, js_announce_ready, (), {
    const loader = document.getElementById("loader");
    if (loader) loader.classList.add("hidden");
    if (window.tumen) window.tumen.ready = true;
    window.dispatchEvent(new Event("tumen-ready"));
});

EM_JS(void, js_startup_mark, (const char* name, int presented), {
    if (!self.performance || !performance.mark) return;
    const n = "tumen:" + UTF8ToString(name);
    performance.mark(n);
    if (presented) requestAnimationFrame(() => performance.mark(n + ".presented"));
});

EM_JS(void, js_startup_measure, (const char* name, double start), {
    if (!self.performance || !performance.measure) return;
    try { performance.measure("tumen:" + UTF8ToString(name), { start: start, end: performance.now() }); } catch (e) {}
});

// The bytes become a Blob behind a temporary object URL, "clicked" through an <a download> (the export of the
// leads list); HEAPU8 is copied by the Blob constructor, so the buffer may be freed afterwards.
EM_JS(void, js_save_file, (const char* name, const char* mime, const char* data, int size), {
    const blob = new Blob([HEAPU8.slice(data, data + size)], { type: UTF8ToString(mime) });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = UTF8ToString(name);
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(() => URL.revokeObjectURL(url), 60000);
});

// A hidden <input type=file> "clicked" (the click follows the user's button press closely enough to count as
// user activation); the chosen file is read with FileReader (at most `max` bytes) and handed to
// tumen_on_file_picked on the heap, then the loop is woken. A new pick replaces an input still waiting.
EM_JS(void, js_pick_file, (const char* accept, double max), {
    const old = document.getElementById("tumen-file-input");
    if (old) old.remove();
    const input = document.createElement("input");
    input.type = "file";
    input.id = "tumen-file-input";
    input.accept = UTF8ToString(accept);
    input.style.display = "none";
    input.addEventListener("change", () => {
        const file = input.files && input.files[0];
        input.remove();
        if (file) Module.tumenReadFile(file, max, "_tumen_on_file_picked");
    });
    document.body.appendChild(input);
    input.click();
});

EM_JS(void, js_install_file_drop, (double max), {
    const files = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
    // The hint stays while dragover keeps firing (every ~50 ms); dragleave is unreliable across child elements,
    // so a quiet spell of 300 ms, a drop or Esc ends it.
    let over = false, quiet = 0;
    const drag = (on) => {
        clearTimeout(quiet);
        if (on) quiet = setTimeout(() => drag(false), 300);
        if (on === over) return;
        over = on;
        Module["_tumen_on_file_drag"](on ? 1 : 0);
        Module["_tumen_wake"]();
    };
    window.addEventListener("dragover", (e) => {
        if (!files(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        drag(true);
    });
    window.addEventListener("drop", (e) => {
        if (!files(e)) return;
        e.preventDefault();  // the browser would otherwise leave the app to show the file
        drag(false);
        const file = e.dataTransfer.files && e.dataTransfer.files[0];
        if (file) Module.tumenReadFile(file, max, "_tumen_on_file_dropped");
    });
});

// Reads the first `max` bytes of a File and hands name and bytes (on the heap, freed after) to the exported C
// function `target`, then wakes the loop. Defined once, before a file can be picked or dropped.
EM_JS(void, js_define_read_file, (), {
    Module.tumenReadFile = (file, max, target) => {
        const reader = new FileReader();
        reader.onload = () => {
            const bytes = new Uint8Array(reader.result);
            const n = lengthBytesUTF8(file.name) + 1;
            const name = _malloc(n);
            stringToUTF8(file.name, name, n);
            const data = _malloc(bytes.length + 1);
            HEAPU8.set(bytes, data);
            try { Module[target](name, data, bytes.length); } finally { _free(name); _free(data); }
            Module["_tumen_wake"]();
        };
        reader.readAsArrayBuffer(file.slice(0, max));
    };
});

EM_JS(void, js_open_url, (const char* path), {
    window.tumenOpened = (window.tumenOpened || []).concat([UTF8ToString(path)]);  // for the browser tests
    window.open(UTF8ToString(path), "_blank", "noopener");
});

EM_JS(void, js_show_fatal, (const char* msg), {
    if (window.tumenFatal) window.tumenFatal(UTF8ToString(msg));
});
// clang-format on

std::string take(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}

}  // namespace

namespace tumen::platform {

void save_file(const std::string& name, const std::string& mime, const std::string& bytes) {
    js_save_file(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}

void open_url(const std::string& path) { js_open_url(path.c_str()); }

namespace {
std::function<void(std::string, std::string)> g_file_chosen;  // the pick under way (one at a time)
}  // namespace

std::function<void(std::string, std::string)> g_file_dropped;
std::function<void(bool)> g_file_drag;

void install_file_drop(std::size_t max_bytes, std::function<void(std::string, std::string)> dropped,
                       std::function<void(bool)> dragging) {
    g_file_dropped = std::move(dropped);
    g_file_drag = std::move(dragging);
    js_define_read_file();
    js_install_file_drop(static_cast<double>(max_bytes) + 1);
}

void pick_file(const std::string& accept, std::size_t max_bytes, std::function<void(std::string, std::string)> chosen) {
    g_file_chosen = std::move(chosen);
    js_pick_file(accept.c_str(), static_cast<double>(max_bytes) + 1);
}

CanvasGeometry measure_canvas() {
    CanvasGeometry g;
    emscripten_get_element_css_size("#canvas", &g.css_width, &g.css_height);
    g.dpr = emscripten_get_device_pixel_ratio();
    if (!(g.dpr > 0)) g.dpr = 1;
    g.width = std::max(1, static_cast<int>(std::lround(g.css_width * g.dpr)));
    g.height = std::max(1, static_cast<int>(std::lround(g.css_height * g.dpr)));
    return g;
}

void set_canvas_size(int width, int height) {
    int w = 0, h = 0;
    emscripten_get_canvas_element_size("#canvas", &w, &h);
    if (w != width || h != height) emscripten_set_canvas_element_size("#canvas", width, height);
}

void clipboard_write(const std::string& text) { js_clipboard_write(text.c_str()); }

std::string location_hash() { return take(js_string_result(0)); }
void history_push(const std::string& hash) { js_history(0, hash.c_str()); }
void history_replace(const std::string& hash) { js_history(1, hash.c_str()); }

std::string browser_language() { return take(js_string_result(1)); }
std::string page_origin() { return take(js_string_result(3)); }
std::string load_setting(const char* key) { return take(js_load_setting(key)); }
void save_setting(const char* key, const std::string& value) { js_save_setting(key, value.c_str()); }

bool system_prefers_dark() { return js_prefers_dark() != 0; }
void set_page_theme(bool dark) { js_set_page_theme(dark ? 1 : 0); }
void set_leave_prompt(bool ask) { js_set_leave_prompt(ask ? 1 : 0); }

void set_cursor(const char* css_cursor) { js_set_cursor(css_cursor); }
void reload_after_context_loss() { js_reload_after_context_loss(); }
void set_document_title(const std::string& title) { js_set_document(title.c_str(), nullptr); }
void set_document_language(std::string_view code) { js_set_document(nullptr, std::string(code).c_str()); }
bool is_mac() { return take(js_string_result(2)).rfind("Mac", 0) == 0; }

void announce_ready() { js_announce_ready(); }
void startup_mark(const char* name, bool presented) { js_startup_mark(name, presented ? 1 : 0); }
void startup_measure(const std::string& name, double start_ms) { js_startup_measure(name.c_str(), start_ms); }
void show_fatal(const std::string& message) { js_show_fatal(message.c_str()); }

}  // namespace tumen::platform

extern "C" EMSCRIPTEN_KEEPALIVE void tumen_on_file_picked(const char* name, const char* data, int size) {
    auto chosen = std::move(tumen::platform::g_file_chosen);
    tumen::platform::g_file_chosen = nullptr;
    if (chosen) chosen(name ? name : "", std::string(data, static_cast<std::size_t>(size > 0 ? size : 0)));
}

extern "C" EMSCRIPTEN_KEEPALIVE void tumen_on_file_drag(int over) {
    if (tumen::platform::g_file_drag) tumen::platform::g_file_drag(over != 0);
}

extern "C" EMSCRIPTEN_KEEPALIVE void tumen_on_file_dropped(const char* name, const char* data, int size) {
    if (tumen::platform::g_file_dropped)
        tumen::platform::g_file_dropped(name ? name : "", std::string(data, static_cast<std::size_t>(size > 0 ? size : 0)));
}
