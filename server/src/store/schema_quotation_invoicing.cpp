// Migration: quotation_invoiced_at (issue 10). When a sales order was last marked invoiced, so the team dashboard
// compares this month's invoiced orders with the team's monthly invoicing target (Odoo's "invoiced this month").
// Orders already invoiced before this migration count from their last write.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view quotation_invoiced_at = R"SQL(
ALTER TABLE quotations ADD COLUMN invoiced_at INTEGER;
UPDATE quotations SET invoiced_at = write_date WHERE invoice_status = 'invoiced';
CREATE INDEX quotations_invoiced ON quotations(invoice_status, invoiced_at);
)SQL";

}  // namespace tumen::store::migration
