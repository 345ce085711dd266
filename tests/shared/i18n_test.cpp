#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

#include "tumen/i18n.hpp"
#include "tumen/import_mapping.hpp"

using namespace tumen::i18n;

namespace {
bool has_cyrillic(std::string_view s) {
    // UTF-8 lead bytes 0xD0..0xD3 start code points U+0400..U+04FF (Cyrillic, incl. Ө ө Ү ү).
    return std::any_of(s.begin(), s.end(), [](char c) {
        auto b = static_cast<unsigned char>(c);
        return b >= 0xD0 && b <= 0xD3;
    });
}
}  // namespace

TEST_CASE("every key exists in both catalogs") {
    for (Lang a : all_languages)
        for (Lang b : all_languages)
            for (auto key : keys(a)) {
                INFO("key ", std::string(key), " from ", std::string(code(a)), " missing in ", std::string(code(b)));
                CHECK(has(b, key));
            }
    CHECK(keys(Lang::mn) == keys(Lang::en));
    CHECK(keys(Lang::en).size() > 20);
}

TEST_CASE("no catalog has a duplicate key or an empty text") {
    for (Lang l : all_languages) {
        std::set<std::string_view> seen;
        for (const auto& e : catalog(l)) {
            INFO(std::string(code(l)), ": ", std::string(e.key));
            CHECK(seen.insert(e.key).second);
            CHECK(!e.text.empty());
        }
    }
}

TEST_CASE("placeholders match between the catalogs") {
    for (auto key : keys(Lang::en)) {
        auto en = placeholders(tr(Lang::en, key));
        auto mn = placeholders(tr(Lang::mn, key));
        std::sort(en.begin(), en.end());
        std::sort(mn.begin(), mn.end());
        INFO(std::string(key));
        CHECK(en == mn);
    }
}

TEST_CASE("the Mongolian catalog is written in Cyrillic") {
    CHECK(tr(Lang::mn, "login.title") == "Нэвтрэх");
    CHECK(tr(Lang::mn, "login.password") == "Нууц үг");  // ү (U+04AF)
    CHECK(tr(Lang::en, "login.title") == "Sign in");
    size_t cyrillic = 0;
    size_t neutral = 0;  // only placeholders and punctuation ("{token}"): nothing to translate
    for (const auto& e : catalog(Lang::mn)) {
        cyrillic += has_cyrillic(e.text) ? 1 : 0;
        std::string words(e.text);
        for (const auto& name : placeholders(e.text)) words.erase(words.find("{" + name + "}"), name.size() + 2);
        neutral += std::none_of(words.begin(), words.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    }
    // Everything but brand-like strings is translated.
    CHECK(cyrillic + neutral + 2 >= catalog(Lang::mn).size());
    for (const auto& e : catalog(Lang::en)) {
        INFO(std::string(e.key));
        CHECK(!has_cyrillic(e.text));
    }
}

TEST_CASE("a missing key shows itself instead of failing") {
    CHECK(tr(Lang::en, "no.such.key") == "no.such.key");
    CHECK_FALSE(has(Lang::mn, "no.such.key"));
}

TEST_CASE("the language follows the browser's language tag") {
    CHECK(from_tag("mn") == Lang::mn);
    CHECK(from_tag("mn-MN") == Lang::mn);
    CHECK(from_tag("MN_mn") == Lang::mn);
    CHECK(from_tag("en-US") == Lang::en);
    CHECK(from_tag("ru-RU") == Lang::en);
    CHECK(from_tag("mni") == Lang::en);  // Manipuri, not Mongolian
    CHECK(from_tag("") == Lang::en);
    CHECK(parse_code("MN") == Lang::mn);
    CHECK(parse_code("en") == Lang::en);
    CHECK_FALSE(parse_code("en-US").has_value());
    CHECK(native_name(Lang::mn) == "Монгол");
    CHECK(code(Lang::mn) == "mn");
}

TEST_CASE("format fills named placeholders, also with Cyrillic values") {
    CHECK(format("Welcome, {name}", {{"name", "Өлзий Үүрцайх"}}) == "Welcome, Өлзий Үүрцайх");
    CHECK(format("{a}-{b}-{a}", {{"a", "1"}, {"b", "2"}}) == "1-2-1");
    CHECK(format("{unknown} stays", {}) == "{unknown} stays");
    CHECK(format("broken {brace", {{"brace", "x"}}) == "broken {brace");
    CHECK(tr(Lang::mn, "lead.title", {{"id", "42"}}) == "Сэжим #42");
    CHECK(placeholders("x {a} y {bb}") == std::vector<std::string>{"a", "bb"});
}

TEST_CASE("Mongolian spells e-mail one way: И-мэйл, in the catalog and in the import screen's field labels") {
    auto one_way = [](std::string_view text) {
        return text.find("Имэйл") == std::string_view::npos && text.find("имэйл") == std::string_view::npos;
    };
    for (const auto& e : catalog(Lang::mn)) {
        INFO(std::string(e.key));
        CHECK(one_way(e.text));
    }
    for (auto entity : {import::Entity::lead, import::Entity::contact})
        for (const auto& f : import::import_fields(entity)) {
            INFO(std::string(f.name));
            CHECK(one_way(f.label_mn));
        }
}
