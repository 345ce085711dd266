// Case folding and whitespace handling for comparing and searching names in Latin and Cyrillic script
// (Mongolian Ө ө Ү ү included). Folding is what makes "БАТБАЯР", "Батбаяр" and "батбаяр" one key, and
// treats ё as е, as Mongolian and Russian users type either. Invalid UTF-8 bytes pass through unchanged.
#pragma once
#include <string>
#include <string_view>

namespace tumen::text {

// Lower-case mapping of one code point (Latin, Latin-1, Latin Extended-A, Cyrillic incl. Mongolian letters)
// with ё/Ё mapped to е. Code points outside those blocks are returned unchanged.
char32_t fold_code_point(char32_t cp);

// Folds a whole string (ß becomes "ss"). Byte length may change.
std::string fold(std::string_view s);

// Unicode white space (ASCII, NBSP, en/em spaces, ideographic space, ...), plus BOM and zero-width space,
// which arrive in pasted and imported text and must never make two names differ.
bool is_space(char32_t cp);

std::string_view trim(std::string_view s);

// Trims and turns every run of white space into one ASCII space: "  Монгол \u00A0 Шуудан " -> "Монгол Шуудан".
std::string collapse_whitespace(std::string_view s);

// The comparison key of a name: collapsed and folded.
std::string fold_key(std::string_view s);

bool equals_folded(std::string_view a, std::string_view b);
bool contains_folded(std::string_view haystack, std::string_view needle);

// Folded words sorted, so "Ганболд Батбаяр" and "батбаяр  ГАНБОЛД" give one key (Mongolian names are written
// given-name-first and father's-name-first alike).
std::string word_set_key(std::string_view s);

}  // namespace tumen::text
