// Bulk lookups of the import and export jobs: the duplicate-key columns of every visible lead or contact
// (read once per import into a hash map), companies by folded name, and id -> name tables for export cells.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store/record_rules.hpp"
#include "store/sqlite.hpp"

namespace tumen::store {

struct DedupeRow {
    int64_t id = 0;
    std::string email_norm, phone_norm, name_fold;
};

enum class DedupeTable { leads, contacts };

// Every row of the table the rule lets through (a rule over alias `l` for leads, `c` for contacts), by id.
void scan_dedupe_rows(Connection& c, DedupeTable table, const SqlFragment& rule, const std::function<void(const DedupeRow&)>& fn);

// (name_fold, id) of the company contacts the rule (alias `c`) lets through, by id.
std::vector<std::pair<std::string, int64_t>> company_keys(Connection& c, const SqlFragment& contact_rule);

enum class NameTable { users, teams, stages, tags, lost_reasons, contact_categories };
std::map<int64_t, std::string> names_by_id(Connection& c, NameTable table);
// Names of the given contacts (missing ids are left out).
std::map<int64_t, std::string> contact_names(Connection& c, const std::vector<int64_t>& ids);

}  // namespace tumen::store
