// Sales teams and their members: CRUD with optimistic versions, leader and member users checked, e-mail alias
// unique, assignment domains validated by the filter parser. A team that still has leads (directly or in its
// own stages) is archived rather than deleted. Adding or removing a member gives the team a new version, since
// member_ids is part of the team record.
#pragma once
#include <nlohmann/json.hpp>

#include "caller.hpp"
#include "store/database.hpp"
#include "tumen/team.hpp"

namespace tumen::server {

class TeamService {
public:
    explicit TeamService(store::Database& db) : db_(db) {}

    Result<std::vector<Team>> list(const std::string& active);
    Result<Team> get(int64_t id);
    Result<Team> create(const Caller& caller, const nlohmann::json& body);
    Result<Team> edit(const Caller& caller, int64_t id, const nlohmann::json& patch);  // patch carries "version"
    Result<bool> remove(const Caller& caller, int64_t id);

    Result<std::vector<TeamMember>> members(int64_t team_id);
    Result<TeamMember> add_member(const Caller& caller, int64_t team_id, const nlohmann::json& body);
    Result<TeamMember> edit_member(const Caller& caller, int64_t team_id, int64_t member_id, const nlohmann::json& patch);
    Result<bool> remove_member(const Caller& caller, int64_t team_id, int64_t member_id);

private:
    store::Database& db_;
};

}  // namespace tumen::server
