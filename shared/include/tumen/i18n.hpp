// UI text catalogs: every string the client shows comes from here, in Mongolian and English.
// Keys are stable dotted names ("login.submit"); both catalogs must hold exactly the same keys (tested).
// Placeholders are written {name} and filled by format(); they must match between the two catalogs (tested).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tumen::i18n {

enum class Lang { mn, en };

inline constexpr std::array<Lang, 2> all_languages = {Lang::mn, Lang::en};

// ISO 639-1 code: "mn", "en".
std::string_view code(Lang lang);
// The language's name in itself ("Монгол", "English"): what a language switch shows.
std::string_view native_name(Lang lang);
// Exact code "mn"/"en" (case-insensitive); nullopt for anything else.
std::optional<Lang> parse_code(std::string_view code);
// A browser language tag (navigator.language, BCP 47: "mn", "mn-MN", "en-US", "ru"): Mongolian for mn-*,
// English for everything else (the product's two UI languages).
Lang from_tag(std::string_view tag);

// The text of `key` in `lang`. A missing key returns the key itself, so a gap shows up on screen, never a crash.
std::string_view tr(Lang lang, std::string_view key);
bool has(Lang lang, std::string_view key);
// Every key of a catalog, sorted.
std::vector<std::string_view> keys(Lang lang);

// Replaces each {name} in `pattern` by its value; unknown placeholders are left as they are.
// Names are owned: errors carry their arguments across the wire and outlive the code that made them.
using Args = std::vector<std::pair<std::string, std::string>>;
std::string format(std::string_view pattern, const Args& args);
// tr() then format(). An argument whose name starts with '_' holds a catalog key, translated in `lang` too
// ({_expected} = "api.filter.expect.integer"): a message can name a fragment that has words of its own.
std::string tr(Lang lang, std::string_view key, const Args& args);
// The {names} used in a pattern, in order of appearance (for the catalog consistency test).
std::vector<std::string> placeholders(std::string_view pattern);

// One catalog entry. The catalogs themselves live in i18n_catalog_<code>.cpp.
struct Entry {
    std::string_view key;
    std::string_view text;
};
// The raw catalog as written (unsorted, possibly with mistakes the tests are there to catch).
const std::vector<Entry>& catalog(Lang lang);

}  // namespace tumen::i18n
