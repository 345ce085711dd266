#include "fonts.hpp"

#include <cmath>

#include "state/glyph_ranges.hpp"
#include "theme.hpp"

namespace tumen::app {

const ImWchar* glyph_ranges() {
    return client::glyph_ranges;  // ImWchar is 16-bit (imconfig): the same type
}

namespace {

// The kiosk's huge size only ever shows an amount: Latin-1 and the currency signs keep its atlas share small.
const ImWchar* amount_ranges() {
    static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2000, 0x200B, 0x202F, 0x202F, 0x20A0, 0x20BF, 0};
    return ranges;
}

ImFont* add(const std::vector<unsigned char>& ttf, float css_size, float dpr, const ImWchar* ranges = nullptr) {
    ImFontConfig cfg;
    // The bytes stay ours (kept for the next DPR change), but ImGui copies data it does not own, 0.7 MB per size:
    // it is told it owns them, and build_fonts takes them back before the atlas is cleared.
    cfg.FontDataOwnedByAtlas = true;
    // Glyphs at exact device pixels: no horizontal oversampling blur, positions snapped to whole pixels.
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    const float px = std::round(css_size * dpr);
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(ttf.data()),
                                                      static_cast<int>(ttf.size()), px, &cfg,
                                                      ranges ? ranges : glyph_ranges());
}

}  // namespace

Fonts build_fonts(const FontFiles& files, float dpr, bool kiosk) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    // Our TTF bytes (see add) are taken back so Clear() does not free them; ImGui's own (the built-in font's) it frees.
    for (ImFontConfig& cfg : atlas->ConfigData)
        if (cfg.FontData == files.regular.data() || cfg.FontData == files.bold.data()) cfg.FontData = nullptr;
    atlas->Clear();
    Fonts f;
    if (!files.regular.empty() && !files.bold.empty()) {
        f.body = add(files.regular, font_size::body, dpr);
        f.strong = add(files.bold, font_size::strong, dpr);
        f.title = add(files.bold, font_size::title, dpr);
        f.small = add(files.regular, font_size::small, dpr);
        if (kiosk) {
            f.kiosk_small = add(files.regular, font_size::kiosk_small, dpr);
            f.kiosk_body = add(files.bold, font_size::kiosk_body, dpr);
            f.kiosk_title = add(files.bold, font_size::kiosk_title, dpr);
            f.kiosk_huge = add(files.bold, font_size::kiosk_huge, dpr, amount_ranges());
        }
    } else {
        ImFontConfig cfg;
        cfg.SizePixels = std::round(13.0f * dpr);
        f.body = f.strong = f.title = f.small = atlas->AddFontDefault(&cfg);
        if (kiosk) {
            cfg.SizePixels = std::round(26.0f * dpr);
            f.kiosk_small = f.kiosk_body = f.kiosk_title = f.kiosk_huge = atlas->AddFontDefault(&cfg);
        }
    }
    atlas->Build();
    ImGui::GetIO().FontDefault = f.body;
    return f;
}

}  // namespace tumen::app
