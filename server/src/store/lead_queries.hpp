// Lead searches for lists, the board and reports: filter language + full-text + record rules + keyset paging,
// and grouped counts/sums. Every query here ANDs the caller's record rule (store/record_rules.hpp).
#pragma once
#include <span>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

#include "store/filter_sql.hpp"
#include "store/keyset.hpp"
#include "store/filter_sql_fields.hpp"
#include "store/leads.hpp"
#include "tumen/filter_context.hpp"

namespace tumen::store {

struct LeadQuery {
    std::string filter;              // filter language text ('' = everything)
    std::string text;                // full-text words (prefix match over name, contact, company, e-mail, phone, notes)
    std::string active = "true";     // "true" | "false" | "all"
    std::string sort = "id desc";    // "<field> [asc|desc]" with field in sortable_lead_fields()
    int limit = 50;                  // 1..500
    std::string after;               // cursor from the previous page ('' = first page)
    filter::Context context;         // clock, zone and user for `today`, `me`
};

struct LeadPage {
    std::vector<Lead> leads;
    std::string next;    // cursor of the next page, '' at the end
    int64_t total = -1;  // matching rows (only when asked: counting is a second query)
};

const std::vector<std::string>& sortable_lead_fields();
// The SQL each of them sorts by (over `leads l`): tests hold the indexed ones to reading in index order.
std::span<const SortKey> lead_sort_keys();

// The WHERE condition (record rule AND filter AND full-text AND active) of a query; 400 for a bad filter.
// `fts_joined`: the query joins leads_fts itself (FROM leads_fts JOIN leads l), so the words are a plain MATCH.
Result<SqlFragment> lead_condition(const LeadQuery& q, const SqlFragment& rule, bool fts_joined = false);
Result<LeadPage> search_leads(Connection& c, const LeadQuery& q, const SqlFragment& rule, bool with_total);

// One group of the board or of a report.
struct LeadGroup {
    nlohmann::json key;          // stage id, user id, "MN", "2026-11", ... (null = none)
    int64_t count = 0;
    std::map<std::string, std::pair<int64_t, int64_t>> sums;  // currency -> (expected, probability-weighted)
    std::vector<Lead> leads;     // the first cards of the group (board), best first
    std::string next;            // cursor for GET /leads?sort=priority desc&after=... ('' = all cards shown)
};

// The SQL of a group-by key over `leads l`. Many-valued keys (tag) read `lt.tag_id` from a join of lead_tags lt
// and have an EXISTS with one `?` to select one group's leads.
struct GroupKeySql {
    const char* name;
    const char* expr;
    const char* exists;  // nullptr for single-valued keys
};
const GroupKeySql* find_group_key(std::string_view name);

// Group-by keys: stage, user, team, country, tag, source, lost_reason, create_month, create_week, deadline_month, closed_month.
const std::vector<std::string>& lead_group_keys();
Result<std::vector<LeadGroup>> group_leads(Connection& c, const LeadQuery& q, const SqlFragment& rule,
                                           const std::string& group_by, int cards_per_group);

}  // namespace tumen::store
