#include "field_checks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tumen/email_phone.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::detail {

namespace {

bool is_lower_ascii(char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_letter(char c) { return is_lower_ascii(c) || (c >= 'A' && c <= 'Z'); }

// Control characters other than white space never belong in CRM text (they break CSV, e-mail and display).
bool has_control_chars(std::string_view s, bool allow_line_breaks) {
    return std::any_of(s.begin(), s.end(), [&](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\n' || c == '\r' || c == '\t') return !allow_line_breaks;
        return c < 0x20 || c == 0x7F;
    });
}

void type_error(FieldErrors& e, const std::string& field, const char* what) {
    e.add(field, std::string("must be ") + what, "error.type");
}

}  // namespace

const char* check_email(std::string& v, const char*& key) {
    if (v.empty() || is_valid_email(parse_named_address(v).email)) return nullptr;
    key = "error.email";
    return "is not a valid e-mail address";
}

const char* check_phone(std::string& v, const char*& key) {
    if (v.empty() || is_valid_phone(v)) return nullptr;
    key = "error.phone";
    return "is not a valid phone number";
}

const char* check_country(std::string& v, const char*& key) {
    if (v.empty()) return nullptr;
    if (v.size() != 2 || !is_ascii_letter(v[0]) || !is_ascii_letter(v[1])) {
        key = "error.country";
        return "must be a two-letter ISO 3166 country code";
    }
    for (auto& c : v) c = static_cast<char>(c & ~0x20);  // upper-case
    return nullptr;
}

const char* check_lang(std::string& v, const char*& key) {
    if (v.empty()) return nullptr;
    const auto sep = v.find_first_of("_-");
    const std::string_view base = std::string_view(v).substr(0, sep);
    const bool base_ok = base.size() >= 2 && base.size() <= 3 && std::all_of(base.begin(), base.end(), is_ascii_letter);
    const std::string_view region = sep == std::string::npos ? "" : std::string_view(v).substr(sep + 1);
    const bool region_ok = sep == std::string::npos ||
                           (region.size() == 2 && std::all_of(region.begin(), region.end(), is_ascii_letter));
    if (base_ok && region_ok) {
        for (std::size_t i = 0; i < base.size(); ++i) v[i] = static_cast<char>(v[i] | 0x20);
        return nullptr;
    }
    key = "error.lang";
    return "must be a language code such as mn, en or en_US";
}

const char* check_website(std::string& v, const char*& key) {
    if (v.find(' ') == std::string::npos) return nullptr;
    key = "error.format";
    return "must not contain spaces";
}

const char* check_alias(std::string& v, const char*& key) {
    for (auto& c : v) c = static_cast<char>(is_ascii_letter(c) ? (c | 0x20) : c);
    const bool ok = std::all_of(v.begin(), v.end(), [](char c) {
        return is_lower_ascii(c) || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '+';
    });
    if (ok && (v.empty() || (v.front() != '.' && v.back() != '.'))) return nullptr;
    key = "error.format";
    return "must be the local part of an e-mail address (a-z, 0-9, . _ - +)";
}

const char* check_model_name(std::string& v, const char*& key) {
    const bool ok = !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return is_lower_ascii(c) || c == '_' || c == '.'; });
    if (ok) return nullptr;
    key = "error.format";
    return "must be a model name such as lead or contact";
}

void read_text(const json& v, const std::string& field, std::string& out, const TextRule& rule, FieldErrors& e) {
    if (!v.is_string() && !v.is_null()) return type_error(e, field, "a string");
    const std::string& raw = v.is_null() ? std::string() : v.get_ref<const std::string&>();
    if (!utf8::is_valid(raw)) return e.add(field, "is not valid UTF-8", "error.utf8");
    std::string value = rule.multiline ? raw : text::collapse_whitespace(raw);
    if (has_control_chars(value, rule.multiline)) return e.add(field, "contains control characters", "error.format");
    if (rule.required && text::trim(value).empty()) return e.add(field, "is required", "error.required");
    if (utf8::length(value) > rule.max_chars)
        return e.add(field, "is longer than " + std::to_string(rule.max_chars) + " characters", "error.too_long");
    const char* key = "error.format";
    if (rule.check)
        if (const char* message = rule.check(value, key)) return e.add(field, message, key);
    out = std::move(value);
}

void read_bool(const json& v, const std::string& field, bool& out, FieldErrors& e) {
    if (!v.is_boolean()) return type_error(e, field, "true or false");
    out = v.get<bool>();
}

void read_int(const json& v, const std::string& field, std::int64_t& out, std::int64_t min, std::int64_t max,
              FieldErrors& e) {
    if (!v.is_number_integer()) return type_error(e, field, "an integer");
    const bool too_big = v.is_number_unsigned() &&
                         v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    const std::int64_t n = too_big ? std::numeric_limits<std::int64_t>::max() : v.get<std::int64_t>();
    if (too_big || n < min || n > max)
        return e.add(field, "must be between " + std::to_string(min) + " and " + std::to_string(max), "error.range");
    out = n;
}

void read_id(const json& v, const std::string& field, std::int64_t& out, FieldErrors& e) {
    FieldErrors local;
    std::int64_t id = 0;
    read_int(v, field, id, 1, std::numeric_limits<std::int64_t>::max(), local);
    if (!local.empty()) return e.add(field, "must be a positive integer id", "error.id");
    out = id;
}

void read_optional_id(const json& v, const std::string& field, std::optional<std::int64_t>& out, FieldErrors& e) {
    if (v.is_null()) {
        out.reset();
        return;
    }
    std::int64_t id = 0;
    FieldErrors local;
    read_id(v, field, id, local);
    if (!local.empty()) return e.add(field, "must be a positive integer id or null", "error.id");
    out = id;
}

void read_id_list(const json& v, const std::string& field, std::vector<std::int64_t>& out, FieldErrors& e) {
    if (!v.is_array()) return type_error(e, field, "an array of ids");
    std::vector<std::int64_t> ids;
    bool ok = true;
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::int64_t id = 0;
        FieldErrors local;
        read_id(v[i], field, id, local);
        if (!local.empty()) {
            e.add(field + "[" + std::to_string(i) + "]", "must be a positive integer id", "error.id");
            ok = false;
        } else if (std::find(ids.begin(), ids.end(), id) == ids.end()) {
            ids.push_back(id);
        }
    }
    if (ok) out = std::move(ids);
}

void read_percent(const json& v, const std::string& field, double& out, FieldErrors& e) {
    if (!v.is_number()) return type_error(e, field, "a number");
    const double p = v.get<double>();
    if (!std::isfinite(p) || p < 0 || p > 100) return e.add(field, "must be between 0 and 100", "error.range");
    out = std::round(p * 100) / 100;
}

void read_optional_percent(const json& v, const std::string& field, std::optional<double>& out, FieldErrors& e) {
    if (v.is_null()) {
        out.reset();
        return;
    }
    double p = 0;
    FieldErrors local;
    read_percent(v, field, p, local);
    if (!local.empty()) return e.add(field, "must be a number between 0 and 100, or null", "error.range");
    out = p;
}

void read_money(const json& v, const std::string& field, Money& out, bool allow_negative, FieldErrors& e) {
    if (!v.is_object()) return type_error(e, field, "an object {amount, currency}");
    Money m = out;
    const std::size_t before = e.list().size();
    if (v.contains("amount")) {
        read_int(v["amount"], field + ".amount", m.amount,
                 allow_negative ? std::numeric_limits<std::int64_t>::min() : 0,
                 std::numeric_limits<std::int64_t>::max(), e);
    }
    if (v.contains("currency")) {
        const auto& c = v["currency"];
        if (!c.is_string() || !is_known_currency(c.get<std::string>()))
            e.add(field + ".currency", "must be a known ISO 4217 currency code such as MNT or USD", "error.currency");
        else
            m.currency = c.get<std::string>();
    }
    for (const auto& [key, value] : v.items())
        if (key != "amount" && key != "currency") e.add(field + "." + key, "is not a field", "error.unknown_field");
    if (e.list().size() == before) out = std::move(m);
}

void read_timestamp(const json& v, const std::string& field, Timestamp& out, FieldErrors& e) {
    const auto t = v.is_string() ? parse_timestamp(v.get_ref<const std::string&>()) : std::nullopt;
    if (!t) return e.add(field, "must be an ISO 8601 UTC time such as 2026-11-27T13:30:00Z", "error.datetime");
    out = *t;
}

void read_optional_timestamp(const json& v, const std::string& field, std::optional<Timestamp>& out, FieldErrors& e) {
    if (v.is_null()) {
        out.reset();
        return;
    }
    Timestamp t = 0;
    FieldErrors local;
    read_timestamp(v, field, t, local);
    if (!local.empty())
        return e.add(field, "must be an ISO 8601 UTC time such as 2026-11-27T13:30:00Z, or null", "error.datetime");
    out = t;
}

void read_optional_date(const json& v, const std::string& field, std::optional<DayNumber>& out, FieldErrors& e) {
    if (v.is_null()) {
        out.reset();
        return;
    }
    const auto d = v.is_string() ? parse_date(v.get_ref<const std::string&>()) : std::nullopt;
    if (!d) return e.add(field, "must be a date such as 2026-11-27, or null", "error.date");
    out = *d;
}

json money_json(const Money& m) { return {{"amount", m.amount}, {"currency", m.currency}}; }

json optional_id_json(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }

json optional_timestamp_json(const std::optional<Timestamp>& t) {
    return t ? json(format_timestamp(*t)) : json(nullptr);
}

json optional_date_json(const std::optional<DayNumber>& d) { return d ? json(format_date(*d)) : json(nullptr); }

}  // namespace tumen::detail
