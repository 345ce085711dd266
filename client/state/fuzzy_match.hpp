// Fuzzy matching for the command palette: the typed text as a subsequence of a label, case-insensitive for Latin
// and Cyrillic (Mongolian Ө/Ү and Ё included), scored so that prefixes, word starts and unbroken runs rank first.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace tumen::client {

// `text` as Unicode code points, lower-cased (ASCII and Cyrillic); invalid UTF-8 bytes are kept as themselves.
std::u32string fold_case(std::string_view text);

// nullopt when `pattern` (spaces ignored) is not a subsequence of `text`; otherwise a score, higher = better:
// each matched character scores, more at a word start and right after the previous match, most at the very start;
// skipped characters cost a little, so "lead" ranks "Leads" above "Mark as lost and dead".
std::optional<int> fuzzy_score(std::string_view pattern, std::string_view text);

}  // namespace tumen::client
