// Sales team members in SQLite: one row per (team, user) with the member's assignment domain and capacity.
#pragma once
#include <optional>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/team.hpp"

namespace tumen::store {

std::vector<TeamMember> list_team_members(Connection& c, int64_t team_id);  // by id (joining order)
std::optional<TeamMember> find_team_member(Connection& c, int64_t id);
std::optional<TeamMember> find_team_member_by_user(Connection& c, int64_t team_id, int64_t user_id);
void insert_team_member(Connection& c, TeamMember& m);  // sets id, version 1
bool update_team_member(Connection& c, TeamMember& m);  // false = stale version; bumps m.version
void delete_team_member(Connection& c, int64_t id);
// Makes the team's members exactly `user_ids`: new ones join with the defaults, missing ones leave.
void set_team_members(Connection& c, int64_t team_id, const std::vector<int64_t>& user_ids);
// Ids among `ids` that name no user.
std::vector<int64_t> missing_users(Connection& c, const std::vector<int64_t>& ids);

}  // namespace tumen::store
