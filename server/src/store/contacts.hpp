// Contacts (people and companies) in SQLite: row mapping, folded and normalised copies, the full-text index,
// categories, the company hierarchy and optimistic versions. Callers hold a transaction for every write.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/record_rules.hpp"
#include "store/sqlite.hpp"
#include "tumen/contact.hpp"

namespace tumen::store {

std::optional<Contact> find_contact(Connection& c, int64_t id);
bool contact_visible(Connection& c, int64_t id, const SqlFragment& scope);

void insert_contact(Connection& c, Contact& contact);  // sets id, version 1
bool update_contact(Connection& c, Contact& contact);  // false = stale version; bumps contact.version
// Deletes the contact, its index entry and chatter. Leads, users and child contacts that pointed at it are
// detached (set to null) and, for leads and contacts, get a new version so stale editors see a conflict.
void delete_contact(Connection& c, int64_t id);

// The columns and FROM clause every contact query uses (alias `c`), and the row reader for them.
const std::string& contact_columns_sql();
Contact read_contact_row(Statement& s);
void load_contact_categories(Connection& c, std::vector<Contact>& contacts);

// True when `ancestor` is `id` itself or one of its parents, grandparents, ... (a cycle guard for parent_id).
bool contact_has_ancestor(Connection& c, int64_t id, int64_t ancestor);
std::vector<int64_t> missing_contact_categories(Connection& c, const std::vector<int64_t>& ids);
bool contact_exists(Connection& c, int64_t id);

// Leads and opportunities (active ones the caller may see, per `lead_rule` over alias `l`) linked to the
// contact or to any contact under it (a company's people), as Odoo's smart buttons count them.
struct ContactLeadCounts {
    int64_t leads = 0;
    int64_t opportunities = 0;
};
ContactLeadCounts contact_lead_counts(Connection& c, int64_t id, const SqlFragment& lead_rule);

}  // namespace tumen::store
