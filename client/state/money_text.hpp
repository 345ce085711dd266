// Money as the board shows it, in the UI language: exact on cards ("₮1,500,000" / "1,500,000 ₮") and short in
// column headers ("₮12.5M" / "12.5 сая ₮"); digits as amount_format (tumen/money.hpp) writes them. Amounts stay int64 minor units; only the text is rounded.
#pragma once
#include <string>

#include "tumen/i18n.hpp"
#include "tumen/money.hpp"

namespace tumen::client {

std::string money_text(const Money& money, i18n::Lang lang);
// The number of money_text without the currency ("1,500,000", "12.5"): what the lead form's amount field holds.
std::string amount_number(const Money& money, i18n::Lang lang);
std::string money_compact(const Money& money, i18n::Lang lang);

}  // namespace tumen::client
