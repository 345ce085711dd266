// Candidate rows for duplicate detection and customer matching, narrowed by indexed queries (normalised
// e-mail, e-mail domain, partner and its company, phone, folded names through the full-text indexes). The
// shared rules (tumen/lead_duplicates.hpp, tumen/lead_convert.hpp) then decide among them; the queries only
// have to return a superset of what those rules can match, within a bound per rule.
#pragma once
#include <cstdint>
#include <vector>

#include "store/record_rules.hpp"
#include "store/sqlite.hpp"
#include "tumen/contact.hpp"
#include "tumen/lead.hpp"

namespace tumen::store {

// More rows than a similarity rule accepts (it drops itself above 20 hits), so the rule still sees "too many".
inline constexpr int candidates_per_rule = 60;

// Leads (any state, the caller's record rule applied) that may be duplicates of `lead`; never `lead` itself.
std::vector<Lead> duplicate_candidates(Connection& c, const Lead& lead, const SqlFragment& lead_rule);

// Contacts (per `contact_rule`, alias "c") the lead may belong to: its partner, the given ids, the same
// normalised e-mail, and names like its company, contact and own name; plus the parent company of each.
std::vector<Contact> contact_candidates(Connection& c, const Lead& lead, const std::vector<int64_t>& also_ids,
                                        const SqlFragment& contact_rule);

// The contacts with these ids and their parent companies (to tell which company a partner belongs to).
std::vector<Contact> contacts_with_parents(Connection& c, const std::vector<int64_t>& ids);

}  // namespace tumen::store
