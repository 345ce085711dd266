// The font atlas: DejaVu Sans (regular and bold) with Latin-1, the Cyrillic letters of Mongolian, Russian and Kazakh,
// and ₮ (the list: state/glyph_ranges.hpp), rasterised for the device pixel ratio so text stays sharp on HiDPI.
#pragma once
#include <vector>

#include "imgui.h"

namespace tumen::app {

struct Fonts {
    ImFont* body = nullptr;    // regular, inputs and running text
    ImFont* strong = nullptr;  // bold, labels and buttons
    ImFont* title = nullptr;   // bold, page titles
    ImFont* small = nullptr;   // regular, footnotes
    // The wall display's sizes (readable from 3 m on a 1080p TV); only in the atlas of a kiosk page, else null.
    ImFont* kiosk_small = nullptr;   // regular: company, counts
    ImFont* kiosk_body = nullptr;    // bold: card titles, names
    ImFont* kiosk_title = nullptr;   // bold: page and column titles
    ImFont* kiosk_huge = nullptr;    // bold: the won deal's amount
};

struct FontFiles {
    std::vector<unsigned char> regular;  // DejaVuSans.ttf
    std::vector<unsigned char> bold;     // DejaVuSans-Bold.ttf
};

// The code points the atlas holds (ImGui range list, zero-terminated).
const ImWchar* glyph_ranges();

// Rebuilds io.Fonts for `dpr` from the TTF bytes (which stay owned by `files`). With empty files it falls back to
// ImGui's built-in font (no Cyrillic) so the app still works when the font could not be loaded.
// The caller re-uploads the texture (renderer backend). `kiosk` adds the wall display's large sizes (a bigger
// atlas, so only a kiosk page pays for it).
Fonts build_fonts(const FontFiles& files, float dpr, bool kiosk = false);

}  // namespace tumen::app
