#include "store/contact_rules.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace tumen::store {

namespace {
bool internal_role(const std::string& role) {
    return role == "admin" || role == "manager" || role == "sales_all" || role == "sales_own";
}
}  // namespace

SqlFragment contact_rule_sql(const server::Caller& caller, const std::string& a) {
    const bool identifier = !a.empty() && !std::isdigit(static_cast<unsigned char>(a[0])) &&
                            std::all_of(a.begin(), a.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; });
    if (!identifier) throw std::invalid_argument("record rule alias must be an identifier: " + a);
    if (internal_role(caller.role)) return {"1", {}};
    if (caller.role == "portal" && caller.partner_id)
        return {"(" + a + ".id = ? OR " + a + ".parent_id = ?)", {*caller.partner_id, *caller.partner_id}};
    return {"0", {}};  // kiosk, unknown roles, portal users without a partner: fail closed
}

bool may_write_contacts(const server::Caller& caller) { return internal_role(caller.role); }

}  // namespace tumen::store
