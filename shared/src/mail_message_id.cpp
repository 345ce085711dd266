#include "tumen/mail_message_id.hpp"

#include <algorithm>
#include <charconv>

#include "tumen/text_fold.hpp"

namespace tumen {
namespace {

constexpr std::string_view prefix = "tumen-";

bool is_lower_word(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
}

bool is_hex(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

std::optional<int64_t> mail_message_id_parse_id(std::string_view s) {
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

}  // namespace

std::string make_message_id(std::string_view res_model, int64_t res_id, int64_t mail_id, std::string_view random_hex,
                            std::string_view domain) {
    std::string out = "<";
    out += prefix;
    out += res_model;
    out += '-';
    out += std::to_string(res_id);
    out += "-m";
    out += std::to_string(mail_id);
    out += '.';
    out += random_hex;
    out += '@';
    out += domain.empty() ? std::string_view("localhost") : domain;
    out += '>';
    return out;
}

std::optional<MessageIdRef> parse_our_message_id(std::string_view id) {
    id = text::trim(id);
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
    const auto at = id.rfind('@');
    if (at == std::string_view::npos || at + 1 == id.size()) return std::nullopt;
    auto local = id.substr(0, at);
    if (local.size() <= prefix.size() || local.substr(0, prefix.size()) != prefix) return std::nullopt;
    local.remove_prefix(prefix.size());
    // model-resid-mMAILID.random
    const auto dash1 = local.find('-');
    if (dash1 == std::string_view::npos) return std::nullopt;
    const auto model = local.substr(0, dash1);
    const auto rest = local.substr(dash1 + 1);
    const auto dash2 = rest.find("-m");
    const auto dot = rest.find('.');
    if (dash2 == std::string_view::npos || dot == std::string_view::npos || dot < dash2) return std::nullopt;
    const auto res_id = mail_message_id_parse_id(rest.substr(0, dash2));
    const auto mail_id = mail_message_id_parse_id(rest.substr(dash2 + 2, dot - dash2 - 2));
    if (!is_lower_word(model) || !res_id || !mail_id || *res_id <= 0 || !is_hex(rest.substr(dot + 1)))
        return std::nullopt;
    return MessageIdRef{std::string(model), *res_id, *mail_id};
}

std::string normalize_message_id(std::string_view id) {
    id = text::trim(id);
    if (!id.empty() && id.front() == '<') id.remove_prefix(1);
    if (!id.empty() && id.back() == '>') id.remove_suffix(1);
    id = text::trim(id);
    if (id.empty()) return {};
    return "<" + std::string(id) + ">";
}

std::vector<std::string> split_message_ids(std::string_view header) {
    std::vector<std::string> out;
    auto add = [&](std::string_view id) {
        auto n = normalize_message_id(id);
        if (n.size() > 2 && n.find_first_of(" \t\r\n") == std::string::npos &&
            std::find(out.begin(), out.end(), n) == out.end())
            out.push_back(std::move(n));
    };
    if (header.find('<') != std::string_view::npos) {
        std::size_t pos = 0;
        while ((pos = header.find('<', pos)) != std::string_view::npos) {
            const auto close = header.find('>', pos + 1);
            if (close == std::string_view::npos) break;
            add(header.substr(pos + 1, close - pos - 1));
            pos = close + 1;
        }
        return out;
    }
    std::size_t pos = 0;
    while (pos < header.size()) {
        const auto start = header.find_first_not_of(" \t\r\n,", pos);
        if (start == std::string_view::npos) break;
        const auto end = std::min(header.find_first_of(" \t\r\n,", start), header.size());
        const auto word = header.substr(start, end - start);
        if (word.find('@') != std::string_view::npos) add(word);
        pos = end;
    }
    return out;
}

}  // namespace tumen
