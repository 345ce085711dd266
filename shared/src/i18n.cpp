#include "tumen/i18n.hpp"

#include "i18n_catalogs.hpp"

#include <algorithm>
#include <unordered_map>

namespace tumen::i18n {

namespace {

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
    return true;
}

// Key -> entry, per language, built on that language's first lookup. A hash index rather than a sorted copy: the
// web client's first frame paid ~50 ms (baseline-compiled wasm) to copy and sort both catalogs (issue 5).
using CatalogIndex = std::unordered_map<std::string_view, const Entry*>;

CatalogIndex index_catalog(Lang lang) {
    const auto& entries = catalog(lang);
    CatalogIndex index;
    index.reserve(entries.size());
    for (const auto& e : entries) index.emplace(e.key, &e);  // a duplicated key: the first one wins
    return index;
}

const CatalogIndex& index_of(Lang lang) {
    if (lang == Lang::mn) {
        static const CatalogIndex mn = index_catalog(Lang::mn);
        return mn;
    }
    static const CatalogIndex en = index_catalog(Lang::en);
    return en;
}

const Entry* find(Lang lang, std::string_view key) {
    const CatalogIndex& index = index_of(lang);
    const auto it = index.find(key);
    return it != index.end() ? it->second : nullptr;
}

}  // namespace

std::string_view code(Lang lang) { return lang == Lang::mn ? "mn" : "en"; }

std::string_view native_name(Lang lang) { return lang == Lang::mn ? "Монгол" : "English"; }

std::optional<Lang> parse_code(std::string_view c) {
    for (Lang l : all_languages)
        if (iequals(c, code(l))) return l;
    return std::nullopt;
}

Lang from_tag(std::string_view tag) {
    // The primary subtag is everything before the first '-' or '_' ("mn-MN", "mn_MN").
    auto primary = tag.substr(0, tag.find_first_of("-_"));
    return iequals(primary, "mn") ? Lang::mn : Lang::en;
}

std::string_view tr(Lang lang, std::string_view key) {
    const Entry* e = find(lang, key);
    return e ? e->text : key;
}

bool has(Lang lang, std::string_view key) { return find(lang, key) != nullptr; }

std::vector<std::string_view> keys(Lang lang) {
    std::vector<std::string_view> out;
    for (const auto& e : catalog(lang)) out.push_back(e.key);
    std::sort(out.begin(), out.end());
    return out;
}

std::string format(std::string_view pattern, const Args& args) {
    std::string out;
    out.reserve(pattern.size());
    size_t i = 0;
    while (i < pattern.size()) {
        if (pattern[i] == '{') {
            size_t close = pattern.find('}', i + 1);
            if (close != std::string_view::npos) {
                auto name = pattern.substr(i + 1, close - i - 1);
                auto it = std::find_if(args.begin(), args.end(), [&](const auto& a) { return a.first == name; });
                if (it != args.end()) {
                    out += it->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += pattern[i++];
    }
    return out;
}

std::string tr(Lang lang, std::string_view key, const Args& args) {
    const bool has_fragments =
        std::any_of(args.begin(), args.end(), [](const auto& a) { return !a.first.empty() && a.first[0] == '_'; });
    if (!has_fragments) return format(tr(lang, key), args);
    // A fragment may name fragments of its own ("{_reason}" holding "... {_type} ..."): each round words every
    // fragment again with the previous round's wording, so three rounds settle three levels of nesting.
    Args worded = args;
    for (int round = 0; round < 3; ++round) {
        Args next = worded;
        for (size_t i = 0; i < args.size(); ++i)
            if (!args[i].first.empty() && args[i].first[0] == '_') next[i].second = format(tr(lang, args[i].second), worded);
        worded = std::move(next);
    }
    return format(tr(lang, key), worded);
}

std::vector<std::string> placeholders(std::string_view pattern) {
    std::vector<std::string> out;
    size_t i = 0;
    while ((i = pattern.find('{', i)) != std::string_view::npos) {
        size_t close = pattern.find('}', i + 1);
        if (close == std::string_view::npos) break;
        out.emplace_back(pattern.substr(i + 1, close - i - 1));
        i = close + 1;
    }
    return out;
}

const std::vector<Entry>& catalog(Lang lang) { return lang == Lang::mn ? catalog_mn() : catalog_en(); }

}  // namespace tumen::i18n
