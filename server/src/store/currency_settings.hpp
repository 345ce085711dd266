// The company currency (a row of `settings`, MNT until someone changes it) and the rate table built from it and
// Settings › Currencies (the `currencies` reference table).
#pragma once
#include <string>

#include "store/sqlite.hpp"
#include "tumen/currency_rates.hpp"

namespace tumen::store {

std::string company_currency(Connection& c);
void set_company_currency(Connection& c, const std::string& code);
// The active currencies with their rates into the company currency, as the board's reply carries them.
nlohmann::json rate_table_json(Connection& c);

}  // namespace tumen::store
