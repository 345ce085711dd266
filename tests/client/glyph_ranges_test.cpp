// The font atlas holds only the glyphs listed in state/glyph_ranges.hpp: every text the interface shows (both
// catalogs) and the demo's Mongolian and English data must be drawable with it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <set>
#include <string>

#include "state/glyph_ranges.hpp"
#include "tumen/demo_data.hpp"
#include "tumen/i18n.hpp"
#include "tumen/utf8.hpp"

using namespace tumen;
using tumen::client::glyph_ranges;
using tumen::client::has_glyph;

namespace {

// The code points of `text` the atlas lacks, as "U+XXXX" (and the text they came from, for the message).
std::set<std::string> missing_glyphs(std::string_view text) {
    std::set<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = utf8::decode(text, i);
        if (cp == utf8::invalid || cp < 0x20 || has_glyph(cp)) continue;
        char buf[16];
        std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
        out.insert(std::string(buf) + " in \"" + std::string(text.substr(0, 60)) + "\"");
    }
    return out;
}

}  // namespace

TEST_CASE("the glyph ranges are ordered pairs, zero-terminated, without overlaps") {
    int n = 0;
    while (glyph_ranges[n] != 0) n += 2;
    REQUIRE(n >= 2);
    for (int i = 0; i < n; i += 2) {
        CHECK(glyph_ranges[i] <= glyph_ranges[i + 1]);
        if (i > 0) CHECK(glyph_ranges[i] > glyph_ranges[i - 1]);
    }
    CHECK(has_glyph(U'Ө'));
    CHECK(has_glyph(U'ү'));
    CHECK(has_glyph(U'ё'));
    CHECK(has_glyph(U'₮'));
    CHECK(has_glyph(U'қ'));
    CHECK_FALSE(has_glyph(U'Ӂ'));  // U+04C1, Moldovan Cyrillic: not in the atlas
    CHECK_FALSE(has_glyph(U'₿'));  // U+20BF: a currency sign no currency we know uses
}

TEST_CASE("every catalog text has its glyphs in the atlas") {
    std::set<std::string> missing;
    for (const i18n::Lang lang : i18n::all_languages)
        for (const auto& e : i18n::catalog(lang))
            for (auto& m : missing_glyphs(e.text)) missing.insert(std::string(i18n::code(lang)) + " " + std::string(e.key) + ": " + m);
    CHECK_MESSAGE(missing.empty(), (missing.empty() ? std::string() : *missing.begin()) << " (" << missing.size() << " in all)");
}

TEST_CASE("the demo's leads and contacts have their glyphs in the atlas") {
    demo::Config config;
    const demo::Generator gen(config);
    std::set<std::string> missing;
    const auto check = [&](const nlohmann::json& j) {
        const std::string text = j.dump();  // UTF-8 kept as is (ensure_ascii is off)
        for (auto& m : missing_glyphs(text)) missing.insert(m);
    };
    for (std::int64_t i = 0; i < 3000; ++i) check(nlohmann::json(gen.lead(i)));
    for (std::int64_t i = 0; i < std::min<std::int64_t>(gen.contact_count(), 2000); ++i) check(nlohmann::json(gen.contact(i)));
    CHECK_MESSAGE(missing.empty(), (missing.empty() ? std::string() : *missing.begin()) << " (" << missing.size() << " in all)");
}

TEST_CASE("the symbol of every currency we know is in the atlas (the board writes amounts with them)") {
    std::set<std::string> missing;
    for (const auto code : known_currencies())
        for (auto& m : missing_glyphs(currency_symbol(code))) missing.insert(m);
    CHECK_MESSAGE(missing.empty(), (missing.empty() ? std::string() : *missing.begin()));
}
