// Money as int64 minor units plus an ISO 4217 code, never floating point: parsing and formatting decimal text
// go digit by digit, and every arithmetic step checks for overflow.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/i18n.hpp"

namespace tumen {

inline constexpr std::string_view default_currency = "MNT";

struct Money {
    std::int64_t amount = 0;  // minor units (möngö for MNT, cents for USD, yen for JPY)
    std::string currency = std::string(default_currency);
    bool operator==(const Money&) const = default;
};

// Digits after the decimal point (MNT 2, USD 2, JPY 0, KWD 3, ...); nullopt for a code we do not know.
std::optional<int> currency_minor_digits(std::string_view code);
bool is_known_currency(std::string_view code);
// Every code we know, the most used here first (MNT, USD, EUR, ...): what a currency picker offers.
std::vector<std::string_view> known_currencies();
// "₮" for MNT, "$" for USD, ...; the code itself when there is no common symbol.
std::string_view currency_symbol(std::string_view code);

// Decimal text to minor units: "1234.5" (2 digits) -> 123450. Accepts a sign, group separators
// (',', space, NBSP, narrow NBSP, '\'', '_') in groups of three, '.' as decimal point, or ',' when it is the
// only separator and is not followed by exactly three digits ("12,5" -> 12.5, "1 234,56" -> 1234.56).
// More decimals than the currency has are an error unless they are zeros; so is overflow.
Result<std::int64_t> parse_amount(std::string_view text, int minor_digits);
// Same, with the currency's minor digits; unknown currency is an error.
Result<Money> parse_money(std::string_view text, std::string_view currency);

struct AmountFormat {
    std::string_view group = ",";    // "" for none
    std::string_view decimal = ".";
    bool drop_zero_decimals = false; // "1,500" instead of "1,500.00"
};
// How `lang` writes amounts for people to read: the board, the lead form, the chatter and the quotation PDF all take
// it from here. Unicode CLDR (what browsers' Intl.NumberFormat does): Mongolian, like English, groups with "," and
// marks decimals with "." ("1,500,000", "12.5 сая"); one language writing "409,1" on the board and "27.68 %" in the
// form read as two conventions (issue 5).
AmountFormat amount_format(i18n::Lang lang);
// 123450 with 2 digits -> "1,234.50".
std::string format_amount(std::int64_t minor, int minor_digits, const AmountFormat& format = {});
// "1,234.50 USD" (unknown currencies are formatted with 2 digits).
std::string format_money(const Money& money, const AmountFormat& format = {});

std::optional<std::int64_t> checked_add(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checked_sub(std::int64_t a, std::int64_t b);
std::optional<std::int64_t> checked_mul(std::int64_t a, std::int64_t b);
// nullopt when the currencies differ or the sum overflows.
std::optional<Money> add(const Money& a, const Money& b);

// amount × probability / 100, probability in [0, 100] taken to 2 decimals, rounded half away from zero, exact
// for every int64 amount ("prorated" / weighted revenue).
std::int64_t weighted_amount(std::int64_t amount, double probability);

}  // namespace tumen
