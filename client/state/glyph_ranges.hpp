// The characters the client's font atlas holds (client/app/fonts.cpp). Every glyph is rasterised at start-up for
// each text size, so the atlas holds what the interface and a Mongolian CRM's data use, not whole Unicode blocks:
// the full Cyrillic blocks were 304 glyphs a size, of which Mongolian, Russian and Kazakh use 112 (issue 5: the
// atlas was ~0.2 s of a ~2 s start). A character outside the list is drawn as "?".
#pragma once
#include <cstdint>

namespace tumen::client {

// Inclusive [first, last] code point pairs, zero-terminated: ImGui's ImWchar range list, shared with the tests.
inline constexpr std::uint16_t glyph_ranges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 (no-break space U+00A0 groups Mongolian amounts)
    0x010D, 0x010D,  // č  (Kč, Czech koruna)
    0x0142, 0x0142,  // ł  (zł, Polish złoty)
    0x0400, 0x045F,  // Cyrillic: Russian and Mongolian letters, Ё ё, Ukrainian/Belarusian/Serbian extras
    0x0492, 0x0493,  // Ғ ғ  Kazakh (Bayan-Ölgii)
    0x049A, 0x049B,  // Қ қ  Kazakh
    0x04A2, 0x04A3,  // Ң ң  Kazakh, Tuvan
    0x04AE, 0x04B1,  // Ү ү  Mongolian; Ұ ұ Kazakh
    0x04BA, 0x04BB,  // Һ һ  Kazakh, Buryat
    0x04D8, 0x04D9,  // Ә ә  Kazakh
    0x04E8, 0x04E9,  // Ө ө  Mongolian
    0x0E3F, 0x0E3F,  // ฿ baht
    0x2010, 0x2027,  // dashes, quotes, bullet, ellipsis
    0x20A9, 0x20BA,  // currency signs: ₩ ₫ € ₮ ₱ ₴ ₸ ₹ ₺ (every symbol tumen/money.hpp writes)
    0x20BD, 0x20BD,  // ₽ rouble
    0x2116, 0x2116,  // №
    0x2190, 0x2193,  // arrows
    0x2212, 0x2212,  // − minus sign (score explanations: "−10 free-mail address")
    0x2248, 0x2248,  // ≈ a board column's total converted from several currencies
    0x2605, 0x2606,  // ★ ☆ favourites
    0,
};

// Whether the atlas has a glyph for code point `cp`.
constexpr bool has_glyph(char32_t cp) {
    for (int i = 0; glyph_ranges[i] != 0; i += 2)
        if (cp >= glyph_ranges[i] && cp <= glyph_ranges[i + 1]) return true;
    return false;
}

}  // namespace tumen::client
