#include "tumen/money.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>
#include <vector>

#include "tumen/utf8.hpp"

namespace tumen {

namespace {

struct CurrencyInfo {
    std::string_view code;
    int minor_digits;
    std::string_view symbol;
};

constexpr std::array<CurrencyInfo, 40> currencies{{
    {"MNT", 2, "₮"},  {"USD", 2, "$"},  {"EUR", 2, "€"},  {"GBP", 2, "£"},  {"JPY", 0, "¥"},
    {"CNY", 2, "¥"},  {"KRW", 0, "₩"},  {"RUB", 2, "₽"},  {"KZT", 2, "₸"},  {"CHF", 2, "CHF"},
    {"AUD", 2, "A$"}, {"CAD", 2, "C$"}, {"HKD", 2, "HK$"}, {"SGD", 2, "S$"}, {"NZD", 2, "NZ$"},
    {"INR", 2, "₹"},  {"TRY", 2, "₺"},  {"THB", 2, "฿"},  {"VND", 0, "₫"},  {"IDR", 2, "Rp"},
    {"MYR", 2, "RM"}, {"PHP", 2, "₱"},  {"TWD", 2, "NT$"}, {"SEK", 2, "kr"}, {"NOK", 2, "kr"},
    {"DKK", 2, "kr"}, {"PLN", 2, "zł"}, {"CZK", 2, "Kč"}, {"HUF", 2, "Ft"}, {"UAH", 2, "₴"},
    {"AED", 2, "AED"}, {"SAR", 2, "SAR"}, {"BRL", 2, "R$"}, {"MXN", 2, "MX$"}, {"ZAR", 2, "R"},
    {"CLP", 0, "CLP"}, {"ISK", 0, "kr"}, {"KWD", 3, "KWD"}, {"BHD", 3, "BHD"}, {"OMR", 3, "OMR"},
}};

const CurrencyInfo* find_currency(std::string_view code) {
    const auto it = std::find_if(currencies.begin(), currencies.end(), [&](const auto& c) { return c.code == code; });
    return it == currencies.end() ? nullptr : &*it;
}

Error amount_error(std::string message) { return Error::make(ErrorCode::validation, std::move(message)); }

bool money_is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_group_separator(char32_t cp) {
    return cp == U',' || cp == U' ' || cp == U'\'' || cp == U'_' || cp == 0x00A0 || cp == 0x202F || cp == 0x2009;
}

// Picks the decimal separator per the rule in the header; 0 when there is none.
char decimal_separator(std::string_view s) {
    if (s.find('.') != std::string_view::npos) return '.';
    if (std::count(s.begin(), s.end(), ',') != 1) return 0;
    const auto after = s.substr(s.find(',') + 1);
    const auto digits = static_cast<std::size_t>(std::find_if_not(after.begin(), after.end(), money_is_digit) - after.begin());
    return digits == after.size() && digits != 3 ? ',' : 0;
}

// "1 234 567" -> "1234567"; groups after the first must have exactly three digits.
std::optional<std::string> strip_groups(std::string_view s) {
    std::vector<std::string> groups(1);
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = utf8::decode(s, i);
        if (cp >= U'0' && cp <= U'9') groups.back() += static_cast<char>(cp);
        else if (is_group_separator(cp)) groups.emplace_back();
        else return std::nullopt;
    }
    if (groups.size() > 1) {
        if (groups.front().empty() || groups.front().size() > 3) return std::nullopt;
        for (std::size_t g = 1; g < groups.size(); ++g)
            if (groups[g].size() != 3) return std::nullopt;
    }
    std::string digits;
    for (const auto& g : groups) digits += g;
    return digits;
}

std::optional<std::int64_t> digits_value(std::string_view digits) {
    std::int64_t v = 0;
    for (char c : digits) {
        const auto m = checked_mul(v, 10);
        if (!m) return std::nullopt;
        const auto a = checked_add(*m, c - '0');
        if (!a) return std::nullopt;
        v = *a;
    }
    return v;
}

std::int64_t pow10(int n) {
    std::int64_t p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

std::string group_digits(std::string digits, std::string_view group) {
    if (group.empty()) return digits;
    std::string out;
    const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out.append(digits, 0, first);
    for (std::size_t i = first; i < digits.size(); i += 3) {
        out.append(group);
        out.append(digits, i, 3);
    }
    return out;
}

}  // namespace

std::optional<int> currency_minor_digits(std::string_view code) {
    const auto* c = find_currency(code);
    return c ? std::optional<int>(c->minor_digits) : std::nullopt;
}

bool is_known_currency(std::string_view code) { return find_currency(code) != nullptr; }

std::vector<std::string_view> known_currencies() {
    std::vector<std::string_view> out;
    for (const auto& c : currencies) out.push_back(c.code);
    return out;
}

std::string_view currency_symbol(std::string_view code) {
    const auto* c = find_currency(code);
    return c ? c->symbol : code;
}

Result<std::int64_t> parse_amount(std::string_view text, int minor_digits) {
    auto s = text;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.empty()) return amount_error("is empty");
    const bool negative = s.front() == '-';
    if (s.front() == '-' || s.front() == '+') s.remove_prefix(1);
    const char dec = decimal_separator(s);
    const auto split = dec ? s.find(dec) : std::string_view::npos;
    const auto whole = strip_groups(s.substr(0, split));
    std::string_view frac = split == std::string_view::npos ? std::string_view{} : s.substr(split + 1);
    if (!whole || !std::all_of(frac.begin(), frac.end(), money_is_digit) || (whole->empty() && frac.empty()))
        return amount_error("is not a decimal number");
    while (frac.size() > static_cast<std::size_t>(minor_digits) && frac.back() == '0') frac.remove_suffix(1);
    if (frac.size() > static_cast<std::size_t>(minor_digits))
        return amount_error("has more than " + std::to_string(minor_digits) + " decimals");
    const auto units = digits_value(*whole);
    const auto scaled = units ? checked_mul(*units, pow10(minor_digits)) : std::nullopt;
    const auto fraction = digits_value(frac);
    const auto total = scaled && fraction ? checked_add(*scaled, *fraction * pow10(minor_digits - static_cast<int>(frac.size())))
                                          : std::nullopt;
    if (!total) return amount_error("is too large");
    return negative ? -*total : *total;
}

Result<Money> parse_money(std::string_view text, std::string_view currency) {
    const auto digits = currency_minor_digits(currency);
    if (!digits) return amount_error("unknown currency " + std::string(currency));
    auto amount = parse_amount(text, *digits);
    if (!amount) return amount.error();
    return Money{amount.value(), std::string(currency)};
}

AmountFormat amount_format(i18n::Lang lang) {
    switch (lang) {
        case i18n::Lang::mn:
        case i18n::Lang::en: return AmountFormat{",", ".", false};
    }
    return AmountFormat{};
}

std::string format_amount(std::int64_t minor, int minor_digits, const AmountFormat& format) {
    // Work on the magnitude as unsigned so INT64_MIN formats too.
    const bool negative = minor < 0;
    const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(minor) : static_cast<std::uint64_t>(minor);
    const auto scale = static_cast<std::uint64_t>(pow10(minor_digits));
    std::string out = negative ? "-" : "";
    out += group_digits(std::to_string(magnitude / scale), format.group);
    const std::uint64_t frac = magnitude % scale;
    if (minor_digits > 0 && !(format.drop_zero_decimals && frac == 0)) {
        std::string f = std::to_string(frac);
        out.append(format.decimal);
        out.append(static_cast<std::size_t>(minor_digits) - f.size(), '0');
        out += f;
    }
    return out;
}

std::string format_money(const Money& money, const AmountFormat& format) {
    return format_amount(money.amount, currency_minor_digits(money.currency).value_or(2), format) + " " + money.currency;
}

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return std::nullopt;
    return r;
}

std::optional<std::int64_t> checked_sub(std::int64_t a, std::int64_t b) {
    std::int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) return std::nullopt;
    return r;
}

std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b) {
    std::int64_t r;
    if (__builtin_mul_overflow(a, b, &r)) return std::nullopt;
    return r;
}

std::optional<Money> add(const Money& a, const Money& b) {
    if (a.currency != b.currency) return std::nullopt;
    const auto sum = checked_add(a.amount, b.amount);
    if (!sum) return std::nullopt;
    return Money{*sum, a.currency};
}

std::int64_t weighted_amount(std::int64_t amount, double probability) {
    // Probability in hundredths of a percent: the product is split so that no step can overflow.
    const auto p = static_cast<std::int64_t>(std::llround(std::clamp(probability, 0.0, 100.0) * 100.0));
    constexpr std::int64_t whole = 10000;
    const std::int64_t q = amount / whole;
    const std::int64_t r = amount % whole;  // same sign as amount
    const std::int64_t rest = r * p;        // |rest| < 10^8
    const std::int64_t rounded = (rest >= 0 ? rest + whole / 2 : rest - whole / 2) / whole;
    return q * p + rounded;
}

}  // namespace tumen
