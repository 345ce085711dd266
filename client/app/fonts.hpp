// The font atlas: DejaVu Sans (regular and bold) with Latin, full Cyrillic (Mongolian Ө ө Ү ү included) and ₮,
// rasterised for the device pixel ratio so text stays sharp on HiDPI screens.
#pragma once
#include <vector>

#include "imgui.h"

namespace tumen::app {

struct Fonts {
    ImFont* body = nullptr;    // regular, inputs and running text
    ImFont* strong = nullptr;  // bold, labels and buttons
    ImFont* title = nullptr;   // bold, page titles
    ImFont* small = nullptr;   // regular, footnotes
};

struct FontFiles {
    std::vector<unsigned char> regular;  // DejaVuSans.ttf
    std::vector<unsigned char> bold;     // DejaVuSans-Bold.ttf
};

// The code points the atlas holds (ImGui range list, zero-terminated).
const ImWchar* glyph_ranges();

// Rebuilds io.Fonts for `dpr` from the TTF bytes (which stay owned by `files`). With empty files it falls back to
// ImGui's built-in font (no Cyrillic) so the app still works when the font could not be loaded.
// The caller re-uploads the texture (renderer backend).
Fonts build_fonts(const FontFiles& files, float dpr);

}  // namespace tumen::app
