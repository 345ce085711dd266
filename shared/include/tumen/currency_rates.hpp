// Currencies and their exchange rates (Settings › Currencies): what one unit of each currency is worth in the
// company currency, so that sums over leads in several currencies (a board column, a report) can be shown as one
// figure. Amounts stay stored in their own currency; only totals are converted, exactly, in integers.
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/money.hpp"

namespace tumen {

// Rates are decimal text with up to rate_decimals digits after the point ("3450.25", "0.000289855").
inline constexpr int rate_decimals = 9;

// A row of Settings › Currencies. `name` is the ISO 4217 code (upper case): the settings lists' shared shape.
struct CurrencyRate {
    std::int64_t id = 0;
    std::string name;        // "USD"
    std::string rate = "1";  // company-currency units for one unit of `name`
    bool active = true;      // inactive: kept, but not offered and not used to convert
    std::int64_t version = 0;
    bool operator==(const CurrencyRate&) const = default;
};

void to_json(nlohmann::json& j, const CurrencyRate& r);
Result<CurrencyRate> currency_rate_from_json(const nlohmann::json& j);
FieldErrors apply_patch(CurrencyRate& r, const nlohmann::json& patch);
FieldErrors validate(const CurrencyRate& r);

// "3450.25" -> 3450250000000 (units of 10^-9); a rate must be positive.
Result<std::int64_t> parse_rate(std::string_view text);

// The rates in force: the company currency and every active currency's rate.
struct RateTable {
    std::string company = std::string(default_currency);
    std::map<std::string, std::int64_t, std::less<>> rates;  // code -> rate in 10^-9 company units

    // An amount in the company currency's minor units, rounded half away from zero; nullopt when `m`'s currency
    // has no rate or the result does not fit.
    std::optional<std::int64_t> to_company(const Money& m) const;
    bool operator==(const RateTable&) const = default;
};

// {"company": "MNT", "rates": {"USD": "3450.25"}}: as the board's reply carries it.
nlohmann::json rate_table_json(const std::string& company, const std::vector<CurrencyRate>& rows);
RateTable rate_table_from_json(const nlohmann::json& j);  // anything unreadable is left out

// Amounts in several currencies as one company-currency figure. `complete` is false when a currency has no rate
// (its amount is not in `total`).
struct CompanyTotal {
    Money total;
    bool complete = true;
};
CompanyTotal company_total(const std::vector<Money>& amounts, const RateTable& rates);

}  // namespace tumen
