// Record rules: which leads exist for a caller. One implementation, used by every store query that touches
// leads (lists, search, board, aggregates, exports, chatter, attachments, live events), so that an endpoint cannot
// forget them. A lead outside the rule answers 404, never 403, so ids cannot be probed.
//
//   admin, manager, sales_all  every lead
//   sales_own                  l.user_id = me, or I follow it, or it is unassigned (user_id NULL) in one of my teams
//   portal                     l.partner_assigned_id = my partner (none when the user has no partner)
//   kiosk, anything else       no lead (kiosk views read their boards' aggregates through dedicated queries)
//
// Two equivalent forms: SQL for queries (a WHERE fragment over the alias `l` of `leads`, using `lead_followers`),
// and a predicate for records already in memory (live events, checks after a write). A test keeps them equal.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "caller.hpp"
#include "store/sqlite.hpp"

namespace tumen::store {

struct SqlFragment {
    std::string sql;               // "1", "0" or a parenthesised condition; AND it into a WHERE clause
    std::vector<SqlValue> params;  // bound in order of the '?' in `sql`
};

// The leads the caller may see, as a condition on `alias` (default "l"). The alias must be a plain identifier.
SqlFragment lead_rule_sql(const server::Caller& caller, const std::string& alias = "l");

// What the predicate needs to know about one lead.
struct LeadAccessFacts {
    std::optional<int64_t> user_id;              // salesperson
    std::optional<int64_t> team_id;
    std::optional<int64_t> partner_assigned_id;  // reseller the lead is assigned to
    std::vector<int64_t> follower_ids;
};

bool lead_rule_allows(const server::Caller& caller, const LeadAccessFacts& lead);

// True when the caller's rule is "every lead" (lets queries skip the condition entirely).
bool sees_all_leads(const server::Caller& caller);

}  // namespace tumen::store
