#include "tumen/email_phone.hpp"

#include <algorithm>
#include <utility>

#include "tumen/text_fold.hpp"

namespace tumen {

namespace {

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool email_phone_is_digit(char c) { return c >= '0' && c <= '9'; }

// Letters, digits and hyphens; bytes >= 0x80 belong to UTF-8 letters of an internationalised label.
bool is_valid_domain_label(std::string_view label) {
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    return std::all_of(label.begin(), label.end(), [](char c) {
        return is_ascii_alnum(c) || c == '-' || static_cast<unsigned char>(c) >= 0x80;
    });
}

bool is_valid_domain(std::string_view domain) {
    if (domain.find('.') == std::string_view::npos) return false;
    std::size_t start = 0;
    while (true) {
        const auto dot = domain.find('.', start);
        if (!is_valid_domain_label(domain.substr(start, dot - start))) return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

bool is_valid_local_part(std::string_view local) {
    if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.') return false;
    if (local.find("..") != std::string_view::npos) return false;
    static constexpr std::string_view forbidden = " \t\r\n\"(),:;<>@[\\]";
    return local.find_first_of(forbidden) == std::string_view::npos;
}

std::string_view strip_quotes(std::string_view s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
    return s;
}

// parse_named_address as views into `text`.
std::pair<std::string_view, std::string_view> email_phone_named_parts(std::string_view text) {
    const auto trimmed = text::trim(text);
    const auto open = trimmed.rfind('<');
    const auto close = trimmed.rfind('>');
    if (open == std::string_view::npos || close == std::string_view::npos || close < open) return {{}, trimmed};
    return {text::trim(strip_quotes(text::trim(trimmed.substr(0, open)))),
            text::trim(trimmed.substr(open + 1, close - open - 1))};
}

// Calls fn on each ',' or ';' separated part of a list until it returns true; whether one did.
template <class Fn>
bool email_phone_any_part(std::string_view text, Fn&& fn) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find_first_of(",;", start), text.size());
        if (fn(text.substr(start, end - start))) return true;
        start = end + 1;
    }
    return false;
}

}  // namespace

NamedAddress parse_named_address(std::string_view text) {
    const auto [name, email] = email_phone_named_parts(text);
    return {std::string(name), std::string(email)};
}

bool is_valid_email(std::string_view address) {
    if (address.size() > 254) return false;
    const auto at = address.find('@');
    if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) return false;
    return is_valid_local_part(address.substr(0, at)) && is_valid_domain(address.substr(at + 1));
}

std::string normalize_email(std::string_view text) {
    std::string email = text::fold(parse_named_address(text).email);
    return is_valid_email(email) ? email : std::string{};
}

std::vector<std::string> split_emails(std::string_view text) {
    std::vector<std::string> out;
    email_phone_any_part(text, [&](std::string_view part) {
        auto email = normalize_email(part);
        if (!email.empty() && std::find(out.begin(), out.end(), email) == out.end()) out.push_back(std::move(email));
        return false;
    });
    return out;
}

bool has_valid_email(std::string_view text) {
    return email_phone_any_part(text, [](std::string_view part) {
        const auto email = email_phone_named_parts(part).second;
        // Folding ASCII only lower-cases letters, which no rule of is_valid_email tells apart; other text may
        // change length when folded (İ -> i), so it is checked folded, as normalize_email does.
        const bool ascii = std::all_of(email.begin(), email.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        return ascii ? is_valid_email(email) : is_valid_email(text::fold(email));
    });
}

std::string email_domain(std::string_view text) {
    const auto email = normalize_email(text);
    return email.empty() ? std::string{} : email.substr(email.find('@') + 1);
}

std::string normalize_phone(std::string_view text) {
    const auto trimmed = text::trim(text);
    std::string out;
    if (!trimmed.empty() && trimmed.front() == '+') out += '+';
    for (char c : trimmed)
        if (email_phone_is_digit(c)) out += c;
    return out;
}

bool is_valid_phone(std::string_view text) {
    const auto trimmed = text::trim(text);
    static constexpr std::string_view allowed = "0123456789 +-()./";
    if (trimmed.find_first_not_of(allowed) != std::string_view::npos) return false;
    if (trimmed.find('+', 1) != std::string_view::npos) return false;
    const auto digits = std::count_if(trimmed.begin(), trimmed.end(), email_phone_is_digit);
    return digits >= 3 && digits <= 20;
}

bool phones_match(std::string_view a, std::string_view b) {
    auto da = normalize_phone(a);
    auto db = normalize_phone(b);
    if (!da.empty() && da.front() == '+') da.erase(0, 1);
    if (!db.empty() && db.front() == '+') db.erase(0, 1);
    if (da.size() < 3 || db.size() < 3) return false;
    if (da == db) return true;
    const auto& shorter = da.size() < db.size() ? da : db;
    const auto& longer = da.size() < db.size() ? db : da;
    return shorter.size() >= 8 && longer.compare(longer.size() - shorter.size(), shorter.size(), shorter) == 0;
}

FreeMailDomains::FreeMailDomains(std::initializer_list<std::string_view> domains) {
    for (auto d : domains) add(d);
}

void FreeMailDomains::add(std::string_view domain) {
    auto key = text::fold(text::trim(domain));
    if (!key.empty()) domains_.insert(std::move(key));
}

bool FreeMailDomains::contains(std::string_view domain) const {
    return domains_.count(text::fold(text::trim(domain))) > 0;
}

const FreeMailDomains& builtin_free_mail_domains() {
    static const FreeMailDomains set = [] {
        FreeMailDomains s{
#include "free_mail_domains.inc"
        };
        for (auto d : {"tutanota.com", "tuta.io", "tutamail.com"}) s.add(d);  // missing from the npm list
        return s;
    }();
    return set;
}

bool is_free_mail(std::string_view email_or_domain, const FreeMailDomains& set) {
    const auto trimmed = text::trim(email_or_domain);
    if (trimmed.find('@') == std::string_view::npos) return set.contains(trimmed);
    const auto domain = email_domain(trimmed);
    return !domain.empty() && set.contains(domain);
}

}  // namespace tumen
