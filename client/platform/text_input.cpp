#include "text_input.hpp"

#include <emscripten.h>

namespace tumen::platform {

namespace {

// window.tumenInput lives in web/input.js (loaded before tumen.js).
EM_JS(void, js_place_text_input, (double x, double y, double w, double h, double font_px, int secret), {
    if (window.tumenInput) window.tumenInput.place(x, y, w, h, font_px, !!secret);
});

EM_JS(void, js_hide_text_input, (), {
    if (window.tumenInput) window.tumenInput.hide();
});

bool text_input_shown = false;

}  // namespace

void place_text_input(bool active, float x, float y, float w, float h, float font_px, bool secret) {
    if (active) {
        text_input_shown = true;
        js_place_text_input(x, y, w, h, font_px, secret ? 1 : 0);
    } else if (text_input_shown) {
        text_input_shown = false;
        js_hide_text_input();
    }
}

}  // namespace tumen::platform
