#include "tumen/import_rows.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "tumen/csv.hpp"
#include "tumen/money.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::import {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Fields whose cell text goes into the patch as it is (the record rules trim, collapse and check it).
bool is_plain_text(std::string_view f) {
    static const std::set<std::string_view> names = {"name", "contact_name", "partner_name", "email", "phone", "mobile",
                                                     "website", "street", "city", "state", "zip", "description",
                                                     "function", "comment"};
    return names.count(f) > 0;
}

// Reads "12", "12.5" (no sign, no exponent) without the C locale's opinion on decimal points.
std::optional<double> parse_decimal(std::string_view s) {
    if (s.empty()) return std::nullopt;
    double value = 0, scale = 0;
    bool digits = false;
    for (char c : s) {
        if (is_digit(c)) {
            digits = true;
            if (scale == 0) value = value * 10 + (c - '0');
            else value += (c - '0') * scale, scale /= 10;
        } else if (c == '.' && scale == 0) {
            scale = 0.1;
        } else {
            return std::nullopt;
        }
    }
    if (!digits) return std::nullopt;
    return value;
}

std::optional<int> parse_small_int(std::string_view s) {
    if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), is_digit)) return std::nullopt;
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

// Splits "2026-11-27" / "27.11.2026" into its three numbers and separators.
struct DateParts {
    int a = 0, b = 0, c = 0;
    std::size_t len_a = 0, len_c = 0;
    char sep = 0;
};

std::optional<DateParts> date_parts(std::string_view s) {
    DateParts p;
    std::size_t i = 0;
    auto number = [&](int& out, std::size_t& len) {
        const std::size_t start = i;
        while (i < s.size() && is_digit(s[i])) out = out * 10 + (s[i++] - '0');
        len = i - start;
        return len > 0 && len <= 4;
    };
    std::size_t len_b = 0;
    if (!number(p.a, p.len_a) || i >= s.size()) return std::nullopt;
    p.sep = s[i++];
    if (p.sep != '-' && p.sep != '/' && p.sep != '.') return std::nullopt;
    if (!number(p.b, len_b) || len_b > 2 || i >= s.size() || s[i++] != p.sep) return std::nullopt;
    if (!number(p.c, p.len_c) || i != s.size()) return std::nullopt;
    return p;
}

std::optional<DayNumber> make_day(int y, int m, int d) {
    if (y < 1 || y > 9999 || !is_valid_date(y, m, d)) return std::nullopt;
    return days_from_civil(y, m, d);
}

const std::map<std::string, std::string>& country_names() {
    static const std::map<std::string, std::string> m = [] {
        std::map<std::string, std::string> names;
        const std::vector<std::pair<const char*, std::vector<const char*>>> table = {
            {"MN", {"mongolia", "монгол", "монгол улс", "mongol"}},
            {"CN", {"china", "хятад", "бнхау", "prc"}},
            {"RU", {"russia", "russian federation", "орос", "оху"}},
            {"US", {"united states", "usa", "united states of america", "америк", "ахш", "америкийн нэгдсэн улс"}},
            {"JP", {"japan", "япон"}},
            {"KR", {"south korea", "korea", "republic of korea", "солонгос", "бнсу", "өмнөд солонгос"}},
            {"DE", {"germany", "герман", "хбну"}},
            {"GB", {"united kingdom", "uk", "great britain", "их британи", "англи"}},
            {"FR", {"france", "франц"}},
            {"KZ", {"kazakhstan", "казахстан"}},
            {"CA", {"canada", "канад"}},
            {"AU", {"australia", "австрали"}},
            {"SG", {"singapore", "сингапур"}},
            {"TR", {"turkey", "türkiye", "турк"}},
            {"IN", {"india", "энэтхэг"}},
        };
        for (const auto& [code, list] : table)
            for (const char* n : list) names.emplace(text::fold_key(n), code);
        return names;
    }();
    return m;
}

void add_error_once(FieldErrors& e, const FieldError& x) {
    for (const auto& have : e.list())
        if (have.field == x.field || x.field.rfind(have.field + ".", 0) == 0) return;
    e.add(x.field, x.message, x.key);
}

template <class T>
Result<T> record_from_row(T record, const RowValues& row) {
    FieldErrors e = row.errors;
    const FieldErrors rules = apply_patch(record, row.patch);
    for (const auto& x : rules.list()) add_error_once(e, x);
    if (!e.empty()) return e.to_error();
    return record;
}

}  // namespace

std::optional<double> parse_percent_text(std::string_view text) {
    std::string s(text::trim(text));
    if (!s.empty() && s.back() == '%') s = std::string(text::trim(std::string_view(s).substr(0, s.size() - 1)));
    std::replace(s.begin(), s.end(), ',', '.');
    auto v = parse_decimal(s);
    if (!v || *v > 100) return std::nullopt;
    return v;
}

std::optional<int> parse_priority_text(std::string_view text) {
    const std::string key = text::fold_key(text);
    if (auto n = parse_small_int(key); n && *n <= 3) return n;
    static const std::map<std::string, int> words = {
        {"low", 0}, {"normal", 0}, {"medium", 1}, {"high", 2}, {"very high", 3},
        {"бага", 0}, {"энгийн", 0}, {"дунд", 1}, {"өндөр", 2}, {"маш өндөр", 3},
    };
    if (auto it = words.find(key); it != words.end()) return it->second;
    int stars = 0;
    for (std::size_t i = 0; i < key.size();) {
        const char32_t cp = utf8::decode(key, i);
        if (cp == U'★' || cp == U'*') ++stars;
        else if (cp != U'☆' && cp != U' ') return std::nullopt;
    }
    if (stars <= 3 && !key.empty()) return stars;
    return std::nullopt;
}

std::optional<DayNumber> parse_date_text(std::string_view text) {
    std::string_view s = text::trim(text);
    if (s.size() > 10 && (s[10] == ' ' || s[10] == 'T')) s = s.substr(0, 10);  // "2026-11-27 00:00:00"
    const auto p = date_parts(s);
    if (!p) return std::nullopt;
    if (p->len_a == 4) return make_day(p->a, p->b, p->c);  // year first
    if (p->len_c != 4) return std::nullopt;
    if (p->sep == '.' || p->sep == '-') return make_day(p->c, p->b, p->a);  // 27.11.2026
    // Slashes are written day-first and month-first: only an unambiguous date is taken.
    if (p->a > 12 || p->a == p->b) return make_day(p->c, p->b, p->a);
    if (p->b > 12) return make_day(p->c, p->a, p->b);
    return std::nullopt;
}

std::optional<bool> parse_bool_text(std::string_view text) {
    const std::string key = text::fold_key(text);
    static const std::set<std::string> yes = {"yes", "y", "true", "1", "x", "on", "тийм", "т", "✓", "✔"};
    static const std::set<std::string> no = {"no", "n", "false", "0", "off", "үгүй", "ү", "-"};
    if (yes.count(key)) return true;
    if (no.count(key)) return false;
    return std::nullopt;
}

std::optional<bool> parse_company_text(std::string_view text) {
    const std::string key = text::fold_key(text);
    static const std::set<std::string> company = {"company", "organization", "organisation", "business", "компани",
                                                  "байгууллага", "аж ахуйн нэгж", "аан"};
    static const std::set<std::string> person = {"person", "individual", "contact", "хувь хүн", "хүн", "иргэн"};
    if (company.count(key)) return true;
    if (person.count(key)) return false;
    return parse_bool_text(text);
}

std::optional<std::string> parse_lead_type_text(std::string_view text) {
    const std::string key = text::fold_key(text);
    if (key == "lead" || key == "сэжим") return std::string("lead");
    if (key == "opportunity" || key == "боломж") return std::string("opportunity");
    return std::nullopt;
}

std::optional<std::string> country_code_of(std::string_view text) {
    const std::string_view t = text::trim(text);
    if (t.size() == 2 && std::isalpha(static_cast<unsigned char>(t[0])) && std::isalpha(static_cast<unsigned char>(t[1]))) {
        std::string code(t);
        for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        return code;
    }
    const auto& names = country_names();
    if (auto it = names.find(text::fold_key(t)); it != names.end()) return it->second;
    return std::nullopt;
}

std::optional<std::string> lang_code_of(std::string_view text) {
    static const std::map<std::string, std::string> names = {
        {"mongolian", "mn"}, {"монгол", "mn"}, {"монгол хэл", "mn"}, {"english", "en"}, {"англи", "en"},
        {"англи хэл", "en"}, {"russian", "ru"}, {"орос", "ru"}, {"орос хэл", "ru"}, {"chinese", "zh"},
        {"хятад", "zh"}, {"japanese", "ja"}, {"япон", "ja"}, {"korean", "ko"}, {"солонгос", "ko"},
    };
    const std::string key = text::fold_key(text);
    if (auto it = names.find(key); it != names.end()) return it->second;
    return std::nullopt;
}

AmountText split_amount_text(std::string_view text) {
    AmountText out;
    std::string word;
    const std::string_view t = text::trim(text);
    for (std::size_t i = 0; i < t.size();) {
        const std::size_t start = i;
        const char32_t cp = utf8::decode(t, i);
        const std::string_view bytes = t.substr(start, i - start);
        if ((cp >= '0' && cp <= '9') || cp == '.' || cp == ',' || cp == '-' || cp == '+' || cp == '\'' || cp == '_' ||
            text::is_space(cp)) {
            out.number.append(bytes);
            continue;
        }
        switch (cp) {
            case U'₮': out.currency = "MNT"; break;
            case U'$': out.currency = "USD"; break;
            case U'€': out.currency = "EUR"; break;
            case U'£': out.currency = "GBP"; break;
            case U'₽': out.currency = "RUB"; break;
            case U'₩': out.currency = "KRW"; break;
            default: word.append(bytes);
        }
    }
    const std::string w = text::fold_key(word);
    std::string upper = w;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (w == "төг" || w == "төг." || w == "төгрөг" || w == "tug" || w == "tugrik") out.currency = "MNT";
    else if (w.size() == 3 && is_known_currency(upper)) out.currency = upper;
    else if (!w.empty()) out.number = std::string(t);  // unknown words: let the amount parser name the problem
    out.number = std::string(text::trim(out.number));
    return out;
}

std::vector<std::string> split_names(std::string_view text) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != ',' && text[i] != ';') continue;
        std::string name = text::collapse_whitespace(text.substr(start, i - start));
        if (!name.empty() && seen.insert(text::fold_key(name)).second) out.push_back(std::move(name));
        start = i + 1;
    }
    return out;
}

RowValues read_row(const std::vector<std::string>& cells, const std::vector<std::string>& mapping,
                   const RowOptions& options) {
    RowValues out;
    auto& patch = out.patch;
    std::string amount, currency;
    for (std::size_t i = 0; i < mapping.size() && i < cells.size(); ++i) {
        const std::string& field = mapping[i];
        if (field.empty()) continue;
        const std::string value(text::trim(csv::strip_formula_guard(text::trim(cells[i]))));
        if (value.empty()) continue;
        if (is_plain_text(field)) {
            // Notes keep their line breaks; every other text is one line (apply_patch collapses it).
            patch[field] = field == "description" || field == "comment" ? std::string(csv::strip_formula_guard(cells[i])) : value;
        } else if (field == "country") {
            patch[field] = country_code_of(value).value_or(value);
        } else if (field == "lang") {
            patch[field] = lang_code_of(value).value_or(value);
        } else if (field == "priority") {
            if (auto p = parse_priority_text(value)) patch[field] = *p;
            else out.errors.add(field, "must be 0-3, stars, or low / medium / high / very high", "error.range", {{"detail", value}});
        } else if (field == "probability") {
            if (auto p = parse_percent_text(value)) patch[field] = *p;
            else out.errors.add(field, "must be a number from 0 to 100", "error.range", {{"detail", value}});
        } else if (field == "date_deadline") {
            if (auto d = parse_date_text(value)) patch[field] = format_date(*d);
            else out.errors.add(field, "must be a date such as 2026-11-27 or 27.11.2026", "error.date", {{"detail", value}});
        } else if (field == "type") {
            if (auto t = parse_lead_type_text(value)) patch[field] = *t;
            else out.errors.add(field, "must be lead or opportunity", "error.enum", {{"detail", value}});
        } else if (field == "expected_revenue") {
            amount = value;
        } else if (field == "currency") {
            currency = value;
            for (auto& c : currency) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (text::fold_key(value) == "төг" || value == "₮") currency = "MNT";
            if (!is_known_currency(currency)) {
                out.errors.add(field, "must be a known ISO 4217 currency code such as MNT or USD", "error.currency",
                               {{"detail", value}});
                currency.clear();
            }
        } else if (field == "tags") {
            out.tags = split_names(value);
        } else if (field == "parent_name") {
            out.parent_name = text::collapse_whitespace(value);
        } else if (field == "is_company") {
            if (auto b = parse_company_text(value)) patch[field] = *b;
            else out.errors.add(field, "must be company or person (yes / no)", "error.type", {{"detail", value}});
        } else if (field == "opt_out") {
            if (auto b = parse_bool_text(value)) patch[field] = *b;
            else out.errors.add(field, "must be yes or no", "error.type", {{"detail", value}});
        }
    }
    if (!amount.empty()) {
        const AmountText a = split_amount_text(amount);
        if (!a.currency.empty() && !currency.empty() && a.currency != currency)
            out.errors.add("expected_revenue", "is in " + a.currency + " but the currency column says " + currency,
                           "error.currency_mismatch", {{"amount_currency", a.currency}, {"currency", currency}});
        const std::string cur = !currency.empty() ? currency : !a.currency.empty() ? a.currency : options.currency;
        const auto digits = currency_minor_digits(cur);
        if (!digits) {
            out.errors.add("currency", "is not a known currency: " + cur, "error.currency", {{"detail", cur}});
        } else if (auto minor = parse_amount(a.number, *digits)) {
            patch["expected_revenue"] = {{"amount", minor.value()}, {"currency", cur}};
        } else {
            out.errors.add("expected_revenue", "cannot be read as an amount: " + minor.error().message, "error.number",
                           {{"detail", amount}});
        }
    } else if (!currency.empty()) {
        patch["expected_revenue"] = {{"currency", currency}};
    }
    if (options.entity == Entity::lead && !patch.contains("name")) {
        for (const char* fallback : {"partner_name", "contact_name", "email"})
            if (patch.contains(fallback)) {
                patch["name"] = patch[fallback];
                out.derived_name = true;
                break;
            }
    }
    return out;
}

Result<Lead> lead_from_row(const std::vector<std::string>& cells, const std::vector<std::string>& mapping,
                           const RowOptions& options) {
    Lead lead;
    lead.expected_revenue.currency = options.currency;
    return record_from_row(std::move(lead), read_row(cells, mapping, options));
}

Result<Contact> contact_from_row(const std::vector<std::string>& cells, const std::vector<std::string>& mapping,
                                 const RowOptions& options) {
    return record_from_row(Contact{}, read_row(cells, mapping, options));
}

}  // namespace tumen::import
