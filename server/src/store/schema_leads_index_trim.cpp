// Migration: leads_index_trim (issue 3). Every index on `leads` costs each inserted lead one more B-tree insert
// (~2 us each on this machine; a CSV import writes 100,000 leads). Reviewed against the query plans of every
// statement the server test suite prepares on `leads` (256) on a 200,000-lead database, before and after:
//   leads_unassigned (create_date WHERE user_id IS NULL AND active = 1) was used by none of them: the
//     assignment's unassigned-lead queries take leads_user (user_id, active) for the same terms. Dropped.
//   leads_partner: only asked with partner_id = ? / IN (...) (a contact's leads, the contact merge), which
//     imply partner_id IS NOT NULL, so the partial index still serves them; most leads have no contact.
// Plans of all 256 statements are the same after (bench/README.md, import, session 15).
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view leads_index_trim = R"SQL(
DROP INDEX leads_unassigned;
DROP INDEX leads_partner;
CREATE INDEX leads_partner ON leads(partner_id) WHERE partner_id IS NOT NULL;
)SQL";

}  // namespace tumen::store::migration
