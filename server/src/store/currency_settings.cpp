#include "store/currency_settings.hpp"

#include "store/reference_tables.hpp"

namespace tumen::store {

std::string company_currency(Connection& c) {
    auto s = c.prepare("SELECT value FROM settings WHERE key = 'currency.company'");
    return s.step() ? s.get_text(0) : std::string(default_currency);
}

void set_company_currency(Connection& c, const std::string& code) {
    c.prepare("INSERT INTO settings(key, value) VALUES ('currency.company', ?) "
              "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, code)
        .run();
}

nlohmann::json rate_table_json(Connection& c) {
    std::vector<CurrencyRate> rows;
    for (const auto& j : list_refs(c, currencies_table(), "true"))
        if (auto r = currency_rate_from_json(j)) rows.push_back(std::move(r.value()));
    return tumen::rate_table_json(company_currency(c), rows);
}

}  // namespace tumen::store
