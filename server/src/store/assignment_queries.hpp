// Automatic assignment in SQLite: the candidate leads of a team or member (their domain compiled to SQL, one
// query each, never one per lead), the leads each member received in the last 24 hours, the writes of a plan
// and the assignment log. A run plans both steps before writing, so a lead the team step gives to a team is
// matched against member domains as it will be (the pool fields) and written once.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
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
    double probability = 0;
    std::string email_norm;  // duplicates: the team step merges candidates sharing one
};
// Leads without team and salesperson, open and not won, created at or before `created_before` (and after
// `created_after` when set), matching `domain`; by id, at most `limit`.
std::vector<AssignCandidate> team_candidates(Connection& c, const SqlWhere& domain, int64_t created_before,
                                             std::optional<int64_t> created_after, int limit);
// A team's open leads without salesperson that were never assigned (date_open unset); the `limit` most probable.
std::vector<AssignCandidate> team_waiting(Connection& c, int64_t team_id, int limit);
// lead_sql_fields() over a pool of leads `p` (id, team_id, stage_id): team and stage (stage.* too) read the
// values the pool gives them, i.e. what each lead holds once this run's team step is written.
const SqlFieldMap& pooled_lead_sql_fields();
// Ids of `pool` (leads that are, or are about to be, in team `team_id`) matching `domain`, compiled with
// pooled_lead_sql_fields(); one query however large the pool.
std::unordered_set<int64_t> pool_matching(Connection& c, int64_t team_id, const std::vector<AssignCandidate>& pool,
                                          const SqlWhere& domain);
// (team, user) -> leads whose date_open is at or after `since`.
std::map<std::pair<int64_t, int64_t>, int> received_since(Connection& c, int64_t since);

// False when the lead was taken meanwhile (its team or salesperson is set now).
bool write_team(Connection& c, int64_t lead_id, int64_t team_id, std::optional<int64_t> new_stage, int64_t now);
// Salesperson, date_open, and the lead becomes an opportunity (date_conversion kept when set).
bool write_member(Connection& c, int64_t lead_id, int64_t user_id, int64_t now);
// write_team and write_member in one write (both steps decided the lead in the same run).
bool write_team_member(Connection& c, int64_t lead_id, int64_t team_id, std::optional<int64_t> new_stage,
                       int64_t user_id, int64_t now);

struct AssignmentLogRow {
    int64_t id = 0;
    int64_t run_at = 0;
    int64_t lead_id = 0;
    std::optional<int64_t> team_id;
    std::optional<int64_t> user_id;
    std::string rule;
    bool forced = false;
    std::optional<std::string> lead_name;  // read only; none once the lead is deleted or merged away
};
void insert_assignment_log(Connection& c, AssignmentLogRow& row);
std::vector<AssignmentLogRow> list_assignment_log(Connection& c, std::optional<int64_t> lead_id, int limit,
                                                  int64_t before_id);

// The names of the leads among `ids` that still exist (the run's reply names its leads like the log does).
std::unordered_map<int64_t, std::string> lead_names(Connection& c, const std::vector<int64_t>& ids);

int64_t load_assignment_delay_hours(Connection& c, int64_t* version = nullptr);
bool save_assignment_delay_hours(Connection& c, int64_t hours, int64_t version);

}  // namespace tumen::store
