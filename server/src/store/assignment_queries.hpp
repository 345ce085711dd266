// Automatic assignment in SQLite: the candidate leads of a team or member (their domain compiled to SQL, one
// query each, never one per lead), the leads each member received in the last 24 hours, the writes of a plan
// and the assignment log.
#pragma once
#include <map>
#include <optional>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/filter_sql.hpp"
#include "store/sqlite.hpp"
#include "tumen/assignment.hpp"

namespace tumen::store {

struct AssignCandidate {
    int64_t id = 0;
    std::optional<int64_t> stage_id;
};
// Leads without team and salesperson, open and not won, created at or before `created_before` (and after
// `created_after` when set), matching `domain`; by id, at most `limit`.
std::vector<AssignCandidate> team_candidates(Connection& c, const SqlWhere& domain, int64_t created_before,
                                             std::optional<int64_t> created_after, int limit);
// A team's open leads without salesperson that were never assigned (date_open unset), matching `domain`.
std::vector<assignment::TeamLead> team_unassigned(Connection& c, int64_t team_id, const SqlWhere& domain, int limit);
// (team, user) -> leads whose date_open is at or after `since`.
std::map<std::pair<int64_t, int64_t>, int> received_since(Connection& c, int64_t since);

// False when the lead was taken meanwhile (its team or salesperson is set now).
bool write_team(Connection& c, int64_t lead_id, int64_t team_id, std::optional<int64_t> new_stage, int64_t now);
// Salesperson, date_open, and the lead becomes an opportunity (date_conversion kept when set).
bool write_member(Connection& c, int64_t lead_id, int64_t user_id, int64_t now);

struct AssignmentLogRow {
    int64_t id = 0;
    int64_t run_at = 0;
    int64_t lead_id = 0;
    std::optional<int64_t> team_id;
    std::optional<int64_t> user_id;
    std::string rule;
    bool forced = false;
};
void insert_assignment_log(Connection& c, AssignmentLogRow& row);
std::vector<AssignmentLogRow> list_assignment_log(Connection& c, std::optional<int64_t> lead_id, int limit,
                                                  int64_t before_id);

// team_members.assignment_domain_preferred by (team, user); '' where none.
std::map<std::pair<int64_t, int64_t>, std::string> preferred_domains(Connection& c);

int64_t load_assignment_delay_hours(Connection& c, int64_t* version = nullptr);
bool save_assignment_delay_hours(Connection& c, int64_t hours, int64_t version);

}  // namespace tumen::store
