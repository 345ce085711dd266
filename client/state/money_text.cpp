#include "money_text.hpp"

#include <cstdlib>

namespace tumen::client {

namespace {

AmountFormat format_of(i18n::Lang lang) {
    AmountFormat f = amount_format(lang);
    f.drop_zero_decimals = true;
    return f;
}

// "₮" before the number in English, after it in Mongolian; a currency without a symbol is written as its code after.
std::string with_currency(const std::string& number, std::string_view currency, i18n::Lang lang) {
    const std::string_view symbol = currency_symbol(currency);
    const bool has_symbol = symbol != currency;
    if (has_symbol && lang == i18n::Lang::en) {
        if (!number.empty() && number[0] == '-') return "-" + std::string(symbol) + number.substr(1);
        return std::string(symbol) + number;
    }
    return number + "\u00A0" + std::string(symbol);
}

}  // namespace

std::string amount_number(const Money& money, i18n::Lang lang) {
    return format_amount(money.amount, currency_minor_digits(money.currency).value_or(2), format_of(lang));
}

std::string money_text(const Money& money, i18n::Lang lang) {
    return with_currency(amount_number(money, lang), money.currency, lang);
}

std::string money_compact(const Money& money, i18n::Lang lang) {
    const int digits = currency_minor_digits(money.currency).value_or(2);
    std::int64_t unit = 1;
    for (int i = 0; i < digits; ++i) unit *= 10;
    const std::int64_t major = money.amount / unit;
    struct Step {
        std::int64_t size;
        const char* key;
    };
    static constexpr Step steps[] = {{1'000'000'000'000, "money.trillions"}, {1'000'000'000, "money.billions"},
                                     {1'000'000, "money.millions"}, {1'000, "money.thousands"}};
    for (const auto& s : steps) {
        if (std::llabs(major) < s.size) continue;
        // One decimal, rounded half away from zero, computed on integers: 12_345_678 -> 12.3.
        const std::int64_t tenths_unit = s.size / 10;
        std::int64_t tenths = (std::llabs(major) + tenths_unit / 2) / tenths_unit;
        std::string n = format_amount(major < 0 ? -tenths : tenths, 1, format_of(lang));
        return with_currency(i18n::tr(lang, s.key, {{"n", n}}), money.currency, lang);
    }
    return money_text(money, lang);
}

}  // namespace tumen::client
