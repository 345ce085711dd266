#include "key_guard.hpp"

#include <emscripten.h>

namespace tumen::platform {

namespace {

// Registered after GLFW's own capture listener on window, so GLFW has already queued the key; preventDefault only
// stops the browser's action (and the keypress event, which none of these chords needs: "?" is Shift+"/", left alone).
EM_JS(void, js_install_key_guard, (), {
    Module.tumenTyping = false;
    window.addEventListener('keydown', function(e) {
        var primary = e.ctrlKey || e.metaKey;
        var code = e.keyCode;
        if ((primary && !e.altKey && !e.shiftKey && (code === 75 || code === 83)) ||
            code === 112 ||
            (e.altKey && !primary && code >= 49 && code <= 55) ||
            (!Module.tumenTyping && !primary && !e.altKey && !e.shiftKey && code === 191)) {
            e.preventDefault();
        }
    }, true);
});

EM_JS(void, js_set_text_input, (int typing), { Module.tumenTyping = !!typing; });

int key_guard_shown = -1;

}  // namespace

void install_key_guard() { js_install_key_guard(); }

void set_text_input(bool typing) {
    if ((typing ? 1 : 0) == key_guard_shown) return;
    key_guard_shown = typing ? 1 : 0;
    js_set_text_input(key_guard_shown);
}

}  // namespace tumen::platform
