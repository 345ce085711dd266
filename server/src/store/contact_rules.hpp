// Record rules for contacts, the contact counterpart of store/record_rules.hpp (leads). Contacts are shared
// address-book data: every internal user (admin, manager, sales_all, sales_own) sees and edits all of them, as in
// Odoo. A portal (reseller) user sees only its own partner and the people under it; kiosk tokens see none.
// A contact outside the rule answers 404, never 403, so ids cannot be probed.
#pragma once
#include <string>

#include "caller.hpp"
#include "store/record_rules.hpp"

namespace tumen::store {

// The contacts the caller may see, as a condition on `alias` (default "c", a plain identifier).
SqlFragment contact_rule_sql(const server::Caller& caller, const std::string& alias = "c");

// Internal users may create and change contacts (deleting needs a manager, checked by the endpoint's access).
bool may_write_contacts(const server::Caller& caller);

}  // namespace tumen::store
