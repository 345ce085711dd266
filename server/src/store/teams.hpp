// Sales teams and their members in SQLite.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/team.hpp"

namespace tumen::store {

std::optional<Team> find_team(Connection& c, int64_t id);
// The team a user's new leads go to: their first active membership (lowest team sequence, then id).
std::optional<Team> default_team_of(Connection& c, int64_t user_id);
std::vector<int64_t> team_ids_of(Connection& c, int64_t user_id);

// Settings: every team by sequence then name; `active` is "true" | "false" | "all".
std::vector<Team> list_teams(Connection& c, const std::string& active = "all");
// Writes the team row only; members are kept by store/team_members.hpp. An empty alias is stored as NULL.
void insert_team(Connection& c, Team& t);  // sets id, version 1
bool update_team(Connection& c, Team& t);  // false = stale version; bumps t.version
void delete_team(Connection& c, int64_t id);

}  // namespace tumen::store
