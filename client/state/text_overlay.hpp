// Where the page's composition <input> goes (client/platform/text_input.cpp): over the active text field, from its
// caret to its right edge, so the browser's IME candidate window and the text being composed appear at the caret.
// In a multi-line field only the caret's line is covered. Plain geometry in one coordinate space (device pixels).
#pragma once
#include <algorithm>

namespace tumen::client {

struct Box {
    float x = 0, y = 0, w = 0, h = 0;
    bool operator==(const Box&) const = default;
};

// field: the active field's frame (w <= 0: unknown); caret_x/caret_y: the caret's line top-left; line_h: the font
// size; min_w: the narrowest useful overlay.
inline Box text_overlay_box(Box field, float caret_x, float caret_y, float line_h, float min_w) {
    if (field.w <= 0 || field.h <= 0) return {caret_x, caret_y, min_w, line_h};
    Box b;
    b.x = std::clamp(caret_x, field.x, std::max(field.x, field.x + field.w - min_w));
    b.w = field.x + field.w - b.x;
    if (field.h > 4 * line_h) {  // a one-line field is the font plus its padding (44 px for 16 px here)
        b.y = std::clamp(caret_y, field.y, std::max(field.y, field.y + field.h - line_h));
        b.h = line_h;
    } else {
        b.y = field.y;
        b.h = field.h;
    }
    return b;
}

}  // namespace tumen::client
