// Migration: Settings › Currencies. One row per currency the company converts: its ISO code (`name`, the settings
// lists' shared shape), its rate into the company currency as decimal text (exact; tumen/currency_rates.hpp parses
// it), and whether it is in use. The company currency itself is the settings row 'currency.company' (MNT when
// absent) and has no rate row.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view currencies = R"SQL(
CREATE TABLE currencies (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE CHECK (length(name) = 3 AND name = upper(name)),
  rate     TEXT NOT NULL CHECK (length(rate) BETWEEN 1 AND 40),
  active   INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  version  INTEGER NOT NULL DEFAULT 1
);
)SQL";

}  // namespace tumen::store::migration
