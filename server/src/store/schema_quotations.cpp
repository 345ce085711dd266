// Migration: products, quotations / sales orders and their lines (issue 10).
//   products             the catalogue; price in minor units of `currency`; tax in basis points (1500 = 15 %).
//   quotation_sequences  the next number per year (S2026-0042), taken inside the creating transaction.
//   quotations           one row per revision: a new revision is a new row with the same number, revision + 1 and
//                        previous_id; amounts are the shared/ totals of its lines, stored so lists and the lead's
//                        order amount need no recomputation. The order amount of an opportunity is NOT copied onto
//                        the lead: it is the sum of its confirmed orders (state 'sale'), read through quotations_lead.
//   quotation_lines      ordered by sequence; quantity in thousandths, price in minor units.
// Times are unix seconds (UTC); validity_date is 'YYYY-MM-DD'.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view quotations = R"SQL(
CREATE TABLE products (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 1200),
  name_fold    TEXT NOT NULL DEFAULT '',
  code         TEXT NOT NULL DEFAULT '',
  description  TEXT NOT NULL DEFAULT '',
  uom          TEXT NOT NULL DEFAULT 'Unit',
  price        INTEGER NOT NULL DEFAULT 0,
  currency     TEXT NOT NULL DEFAULT 'MNT',
  tax_bp       INTEGER NOT NULL DEFAULT 0 CHECK (tax_bp BETWEEN 0 AND 10000),
  tax_included INTEGER NOT NULL DEFAULT 0 CHECK (tax_included IN (0,1)),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  create_date  INTEGER NOT NULL,
  write_date   INTEGER NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX products_name ON products(active, name_fold);

CREATE TABLE quotation_sequences (
  year INTEGER PRIMARY KEY,
  next INTEGER NOT NULL
);

CREATE TABLE quotations (
  id             INTEGER PRIMARY KEY,
  number         TEXT NOT NULL,
  revision       INTEGER NOT NULL DEFAULT 0,
  previous_id    INTEGER REFERENCES quotations(id) ON DELETE SET NULL,
  partner_id     INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  lead_id        INTEGER REFERENCES leads(id) ON DELETE SET NULL,
  user_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
  team_id        INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  validity_date  TEXT,
  payment_terms  TEXT NOT NULL DEFAULT '',
  notes          TEXT NOT NULL DEFAULT '',
  currency       TEXT NOT NULL DEFAULT 'MNT',
  state          TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','sent','sale','cancel')),
  invoice_status TEXT NOT NULL DEFAULT 'nothing' CHECK (invoice_status IN ('nothing','to_invoice','invoiced')),
  amount_untaxed INTEGER NOT NULL DEFAULT 0,
  amount_tax     INTEGER NOT NULL DEFAULT 0,
  amount_total   INTEGER NOT NULL DEFAULT 0,
  sent_at        INTEGER,
  confirmed_at   INTEGER,
  create_date    INTEGER NOT NULL,
  write_date     INTEGER NOT NULL,
  created_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  UNIQUE (number, revision)
);
CREATE INDEX quotations_lead ON quotations(lead_id, state);
CREATE INDEX quotations_partner ON quotations(partner_id, id);
CREATE INDEX quotations_user ON quotations(user_id, state);
CREATE INDEX quotations_state ON quotations(state, id);

CREATE TABLE quotation_lines (
  id           INTEGER PRIMARY KEY,
  quotation_id INTEGER NOT NULL REFERENCES quotations(id) ON DELETE CASCADE,
  sequence     INTEGER NOT NULL,
  product_id   INTEGER REFERENCES products(id) ON DELETE SET NULL,
  description  TEXT NOT NULL,
  quantity     INTEGER NOT NULL CHECK (quantity >= 0),
  price_unit   INTEGER NOT NULL,
  discount_bp  INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  tax_bp       INTEGER NOT NULL DEFAULT 0 CHECK (tax_bp BETWEEN 0 AND 10000),
  tax_included INTEGER NOT NULL DEFAULT 0 CHECK (tax_included IN (0,1))
);
CREATE INDEX quotation_lines_quotation ON quotation_lines(quotation_id, sequence);
CREATE INDEX quotation_lines_product ON quotation_lines(product_id);
)SQL";

}  // namespace tumen::store::migration
