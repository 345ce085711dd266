#include "tumen/text_fold.hpp"

#include <algorithm>
#include <vector>

#include "tumen/utf8.hpp"

namespace tumen::text {

namespace {

// Latin Extended-A pairs upper/lower as (even, odd) except in two stretches where it is (odd, even).
char32_t fold_latin_extended_a(char32_t cp) {
    if (cp == 0x0130) return U'i';   // İ
    if (cp == 0x0178) return 0x00FF; // Ÿ -> ÿ
    const bool odd_upper = (cp >= 0x0139 && cp <= 0x0148) || (cp >= 0x0179 && cp <= 0x017E);
    if (odd_upper) return (cp % 2 == 1) ? cp + 1 : cp;
    const bool even_upper = (cp >= 0x0100 && cp <= 0x0137) || (cp >= 0x014A && cp <= 0x0177);
    if (even_upper) return (cp % 2 == 0) ? cp + 1 : cp;
    return cp;
}

// Cyrillic and Cyrillic Supplement. Mongolian Ү (U+04AE) and Ө (U+04E8) fall in the (even, odd) pair ranges.
char32_t fold_cyrillic(char32_t cp) {
    if (cp >= 0x0410 && cp <= 0x042F) return cp + 0x20;
    if (cp >= 0x0400 && cp <= 0x040F) return cp + 0x50;
    if (cp == 0x04C0) return 0x04CF;  // palochka
    if (cp >= 0x04C1 && cp <= 0x04CE) return (cp % 2 == 1) ? cp + 1 : cp;
    const bool even_upper = (cp >= 0x0460 && cp <= 0x0481) || (cp >= 0x048A && cp <= 0x04BF) ||
                            (cp >= 0x04D0 && cp <= 0x052F);
    if (even_upper) return (cp % 2 == 0) ? cp + 1 : cp;
    return cp;
}

char32_t lower(char32_t cp) {
    if (cp < 0x80) return (cp >= U'A' && cp <= U'Z') ? cp + 0x20 : cp;
    if (cp >= 0x00C0 && cp <= 0x00DE && cp != 0x00D7) return cp + 0x20;
    if (cp >= 0x0100 && cp <= 0x017F) return fold_latin_extended_a(cp);
    if (cp >= 0x0400 && cp <= 0x052F) return fold_cyrillic(cp);
    return cp;
}

std::vector<std::string> split_words(std::string_view collapsed) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= collapsed.size()) {
        const auto end = std::min(collapsed.find(' ', start), collapsed.size());
        if (end > start) words.emplace_back(collapsed.substr(start, end - start));
        start = end + 1;
    }
    return words;
}

}  // namespace

char32_t fold_code_point(char32_t cp) {
    const char32_t l = lower(cp);
    return l == 0x0451 ? char32_t{0x0435} : l;  // ё -> е
}

std::string fold(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t cp = utf8::decode(s, i);
        if (cp == utf8::invalid) {
            out.append(s.substr(start, i - start));
        } else if (cp < 0x80) {
            out += static_cast<char>(lower(cp));
        } else if (cp == 0x00DF) {
            out += "ss";
        } else {
            utf8::append(out, fold_code_point(cp));
        }
    }
    return out;
}

bool is_space(char32_t cp) {
    if (cp == U' ' || (cp >= 0x09 && cp <= 0x0D)) return true;
    switch (cp) {
        case 0x0085: case 0x00A0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
        case 0x205F: case 0x3000: case 0x200B: case 0xFEFF:
            return true;
        default:
            return cp >= 0x2000 && cp <= 0x200A;
    }
}

std::string_view trim(std::string_view s) {
    // ASCII text (nearly every e-mail address and phone number) byte by byte: the same answer without decoding.
    if (std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        std::size_t b = 0, e = s.size();
        while (b < e && is_space(static_cast<unsigned char>(s[b]))) ++b;
        while (e > b && is_space(static_cast<unsigned char>(s[e - 1]))) --e;
        return b == e ? std::string_view{} : s.substr(b, e - b);
    }
    std::size_t begin = 0;
    std::size_t end = 0;  // one past the last non-space code point
    bool seen = false;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        if (is_space(utf8::decode(s, i))) continue;
        if (!seen) begin = start;
        seen = true;
        end = i;
    }
    return seen ? s.substr(begin, end - begin) : std::string_view{};
}

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        if (is_space(utf8::decode(s, i))) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out.append(s.substr(start, i - start));
    }
    return out;
}

std::string fold_key(std::string_view s) { return fold(collapse_whitespace(s)); }

bool equals_folded(std::string_view a, std::string_view b) { return fold_key(a) == fold_key(b); }

bool contains_folded(std::string_view haystack, std::string_view needle) {
    return fold_key(haystack).find(fold_key(needle)) != std::string::npos;
}

std::string word_set_key(std::string_view s) {
    auto words = split_words(fold_key(s));
    std::sort(words.begin(), words.end());
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

}  // namespace tumen::text
