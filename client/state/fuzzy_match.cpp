#include "fuzzy_match.hpp"

#include <vector>

namespace tumen::client {

namespace {

char32_t lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c >= 0x0410 && c <= 0x042F) return c + 0x20;  // А..Я
    if (c >= 0x0400 && c <= 0x040F) return c + 0x50;  // Ѐ..Џ (Ё)
    // Extended Cyrillic (Ө U+04E8, Ү U+04AE, ...): capitals at even code points, small letters right after.
    if (c >= 0x0460 && c <= 0x04FF && c % 2 == 0 && !(c >= 0x0482 && c <= 0x0489) && !(c >= 0x04C0 && c <= 0x04CE)) return c + 1;
    return c;
}

bool separator(char32_t c) {
    return c == U' ' || c == U'-' || c == U'_' || c == U'/' || c == U'.' || c == U'(' || c == U'&' || c == U',';
}

}  // namespace

std::u32string fold_case(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) {  // a stray byte: kept, so matching still sees it
            out.push_back(c);
            ++i;
            continue;
        }
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(lower(cp));
        i += len;
    }
    return out;
}

std::optional<int> fuzzy_score(std::string_view pattern, std::string_view text) {
    std::u32string p;
    for (char32_t c : fold_case(pattern))
        if (c != U' ') p.push_back(c);
    if (p.empty()) return 0;
    const std::u32string t = fold_case(text);
    // Greedy from the left finds whether it matches; a second pass from each possible start of the first character
    // keeps the best-scoring placement (labels are short, so this stays cheap).
    std::optional<int> best;
    for (size_t start = 0; start < t.size(); ++start) {
        if (t[start] != p[0]) continue;
        int score = 0;
        size_t ti = start;
        size_t prev = std::u32string::npos;
        bool ok = true;
        for (char32_t pc : p) {
            while (ti < t.size() && t[ti] != pc) ++ti;
            if (ti == t.size()) {
                ok = false;
                break;
            }
            score += 10;
            if (ti == 0) score += 30;
            else if (separator(t[ti - 1])) score += 20;
            if (prev != std::u32string::npos && ti == prev + 1) score += 15;
            if (prev != std::u32string::npos) score -= static_cast<int>(ti - prev - 1);
            prev = ti;
            ++ti;
        }
        if (!ok) break;  // no later start can match either
        score -= static_cast<int>(start);  // matches further in rank lower
        score -= static_cast<int>(t.size()) / 8;  // shorter labels win ties
        if (!best || score > *best) best = score;
    }
    return best;
}

}  // namespace tumen::client
