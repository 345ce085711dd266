#include "tumen/currency_rates.hpp"

#include <limits>

#include "record_codec.hpp"

namespace tumen {

namespace {

using namespace detail;

// Normalises a currency code to upper case and checks that it is a known ISO 4217 code.
const char* check_currency_code(std::string& v, const char*& key) {
    for (char& c : v)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (v.empty() || is_known_currency(v)) return nullptr;
    key = "error.currency";
    return "must be a known ISO 4217 currency code such as MNT or USD";
}

const char* check_rate_text(std::string& v, const char*& key) {
    if (v.empty() || parse_rate(v)) return nullptr;
    key = "error.rate";
    return "must be a positive number with at most 9 decimals, such as 3450.25";
}

void check_currency_rate(const CurrencyRate& r, FieldErrors& e) {
    if (r.name.empty()) e.add("name", "is required", "error.required");
    if (r.rate.empty()) e.add("rate", "is required", "error.required");
}

const RecordCodec<CurrencyRate>& currency_rate_codec() {
    static const RecordCodec<CurrencyRate> c({
        record_id_field(mem(&CurrencyRate::id)),
        text_field("name", mem(&CurrencyRate::name), TextRule{.max_chars = 3, .check = check_currency_code}),
        text_field("rate", mem(&CurrencyRate::rate), TextRule{.max_chars = 40, .check = check_rate_text}),
        bool_field("active", mem(&CurrencyRate::active)),
        version_field(mem(&CurrencyRate::version)),
    });
    return c;
}

// a × b / d rounded half away from zero, in 128 bits; nullopt when it leaves int64.
std::optional<std::int64_t> mul_div_round(std::int64_t a, std::int64_t b, __int128 d) {
    const __int128 p = static_cast<__int128>(a) * b;
    __int128 q = p / d;
    const __int128 r = p % d;
    if (2 * (r < 0 ? -r : r) >= d) q += p < 0 ? -1 : 1;
    if (q > std::numeric_limits<std::int64_t>::max() || q < std::numeric_limits<std::int64_t>::min()) return std::nullopt;
    return static_cast<std::int64_t>(q);
}

__int128 pow10_128(int n) {
    __int128 p = 1;
    while (n-- > 0) p *= 10;
    return p;
}

}  // namespace

void to_json(nlohmann::json& j, const CurrencyRate& r) { j = currency_rate_codec().to_json(r); }
Result<CurrencyRate> currency_rate_from_json(const nlohmann::json& j) {
    return decode_record(currency_rate_codec(), j, check_currency_rate);
}
FieldErrors apply_patch(CurrencyRate& r, const nlohmann::json& p) {
    return patch_record(currency_rate_codec(), r, p, check_currency_rate);
}
FieldErrors validate(const CurrencyRate& r) { return validate_record(currency_rate_codec(), r, check_currency_rate); }

Result<std::int64_t> parse_rate(std::string_view text) {
    auto v = parse_amount(text, rate_decimals);
    if (!v) return v;
    if (v.value() <= 0) return Error::make(ErrorCode::validation, "a rate must be above zero", "rate");
    return v;
}

std::optional<std::int64_t> RateTable::to_company(const Money& m) const {
    if (m.currency == company) return m.amount;
    const auto rate = rates.find(m.currency);
    const auto from_digits = currency_minor_digits(m.currency), to_digits = currency_minor_digits(company);
    if (rate == rates.end() || !from_digits || !to_digits) return std::nullopt;
    // minor_to = minor_from / 10^from × rate / 10^9 × 10^to
    const int shift = *to_digits - *from_digits - rate_decimals;
    if (shift >= 0) {
        auto scaled = mul_div_round(m.amount, rate->second, 1);
        if (!scaled) return std::nullopt;
        return mul_div_round(*scaled, static_cast<std::int64_t>(pow10_128(shift)), 1);
    }
    return mul_div_round(m.amount, rate->second, pow10_128(-shift));
}

nlohmann::json rate_table_json(const std::string& company, const std::vector<CurrencyRate>& rows) {
    nlohmann::json rates = nlohmann::json::object();
    for (const auto& r : rows)
        if (r.active && r.name != company) rates[r.name] = r.rate;
    return {{"company", company}, {"rates", rates}};
}

RateTable rate_table_from_json(const nlohmann::json& j) {
    RateTable t;
    if (!j.is_object()) return t;
    if (j.contains("company") && j["company"].is_string() && is_known_currency(j["company"].get<std::string>()))
        t.company = j["company"].get<std::string>();
    if (!j.contains("rates") || !j["rates"].is_object()) return t;
    for (const auto& [code, text] : j["rates"].items()) {
        if (!text.is_string() || !is_known_currency(code)) continue;
        if (auto r = parse_rate(text.get<std::string>())) t.rates[code] = r.value();
    }
    return t;
}

CompanyTotal company_total(const std::vector<Money>& amounts, const RateTable& rates) {
    CompanyTotal out;
    out.total.currency = rates.company;
    for (const auto& m : amounts) {
        const auto v = rates.to_company(m);
        const auto sum = v ? checked_add(out.total.amount, *v) : std::nullopt;
        if (!sum) {
            out.complete = false;
            continue;
        }
        out.total.amount = *sum;
    }
    return out;
}

}  // namespace tumen
