#include "services/team_service.hpp"

#include "services/lead_service.hpp"
#include "services/record_support.hpp"
#include "store/constraints.hpp"
#include "store/team_members.hpp"
#include "store/teams.hpp"

namespace tumen::server {

namespace {

const store::ForeignKeyHint user_hint{"user_id", ErrorCode::validation, "no such user"};

// Checks that need the database: leader and members exist, alias unused, domain parses.
std::optional<Error> team_check_team(store::Connection& c, const Team& t) {
    FieldErrors fe;
    if (t.user_id && !store::missing_users(c, {*t.user_id}).empty()) fe.add("user_id", "no such user", "error.unknown_id");
    if (!store::missing_users(c, t.member_ids).empty())
        fe.add("member_ids", "names a user that does not exist", "error.unknown_id");
    check_lead_domain("assignment_domain", t.assignment_domain, fe);
    if (!fe.empty()) return fe.to_error();
    if (!t.alias.empty()) {
        auto other = c.prepare("SELECT count(*) FROM teams WHERE alias = ? AND id <> ?");
        other.bind(1, t.alias).bind(2, t.id);
        if (other.scalar_int() > 0) {
            Error e = Error::make(ErrorCode::conflict, "alias: another team already uses this e-mail alias", "alias");
            e.details.push_back({"alias", "is already used", "error.duplicate"});
            return e;
        }
    }
    return std::nullopt;
}

void log_team(store::Connection& c, const Caller& caller, const Team& t, const std::string& action) {
    log_record_change(c, caller, "team", t.id, action, {{"version", t.version}}, t.id);
}

// member_ids lives in team_members: a new version of the team row says the list changed.
void touch_team(store::Connection& c, const Caller& caller, int64_t team_id) {
    auto t = store::find_team(c, team_id);
    if (!t || !store::update_team(c, *t)) throw std::logic_error("team vanished inside its own transaction");
    log_team(c, caller, *t, "updated");
}

std::optional<Error> check_member(const TeamMember& m) {
    FieldErrors fe;
    check_lead_domain("assignment_domain", m.assignment_domain, fe);
    check_lead_domain("assignment_domain_preferred", m.assignment_domain_preferred, fe);
    if (!fe.empty()) return fe.to_error();
    return std::nullopt;
}

}  // namespace

Result<std::vector<Team>> TeamService::list(const std::string& active) {
    if (active != "true" && active != "false" && active != "all")
        return Error::make(ErrorCode::bad_request, "active must be true, false or all", "active");
    return store::list_teams(db_.reader(), active);
}

Result<Team> TeamService::get(int64_t id) {
    auto t = store::find_team(db_.reader(), id);
    if (!t) return record_not_found("sales team", id);
    return std::move(*t);
}

Result<Team> TeamService::create(const Caller& caller, const nlohmann::json& body) {
    Team team;
    if (FieldErrors fe = apply_patch(team, body); !fe.empty()) return fe.to_error();
    return store::map_constraints(
        [&]() -> Result<Team> {
            return db_.write([&](store::Connection& c) -> Result<Team> {
                if (auto err = team_check_team(c, team)) return *err;
                store::insert_team(c, team);
                store::set_team_members(c, team.id, team.member_ids);
                Team stored = *store::find_team(c, team.id);
                log_team(c, caller, stored, "created");
                return stored;
            });
        },
        user_hint);
}

Result<Team> TeamService::edit(const Caller& caller, int64_t id, const nlohmann::json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    auto version = required_version(patch);
    if (!version) return version.error();
    nlohmann::json fields = patch;
    fields.erase("version");
    return store::map_constraints(
        [&]() -> Result<Team> {
            return db_.write([&](store::Connection& c) -> Result<Team> {
                auto current = store::find_team(c, id);
                if (!current) return record_not_found("sales team", id);
                if (current->version != version.value()) return stale_version("sales team", *current);
                Team team = *current;
                if (FieldErrors fe = apply_patch(team, fields); !fe.empty()) return fe.to_error();
                if (team == *current) return team;
                if (auto err = team_check_team(c, team)) return *err;
                if (!store::update_team(c, team)) return stale_version("sales team", *current);
                if (team.member_ids != current->member_ids) store::set_team_members(c, id, team.member_ids);
                Team stored = *store::find_team(c, id);
                log_team(c, caller, stored, "updated");
                return stored;
            });
        },
        user_hint);
}

Result<bool> TeamService::remove(const Caller& caller, int64_t id) {
    return store::map_constraints(
        [&]() -> Result<bool> {
            return db_.write([&](store::Connection& c) -> Result<bool> {
                auto team = store::find_team(c, id);
                if (!team) return record_not_found("sales team", id);
                // Deleting would orphan these leads (and the stage cascade would fail on them): archive instead.
                auto used = c.prepare(
                    "SELECT count(*) FROM leads WHERE team_id = ? OR stage_id IN (SELECT id FROM stages WHERE team_id = ?)");
                used.bind(1, id).bind(2, id);
                if (int64_t n = used.scalar_int())
                    return still_in_use(std::to_string(n) +
                                        " lead(s), archived ones included, belong to this team or its stages; archive the "
                                        "team (active: false) instead");
                store::delete_team(c, id);
                log_team(c, caller, *team, "deleted");
                return true;
            });
        },
        store::ForeignKeyHint{"", ErrorCode::conflict, "leads still belong to this team's stages"});
}

Result<std::vector<TeamMember>> TeamService::members(int64_t team_id) {
    auto& c = db_.reader();
    if (!store::find_team(c, team_id)) return record_not_found("sales team", team_id);
    return store::list_team_members(c, team_id);
}

Result<TeamMember> TeamService::add_member(const Caller& caller, int64_t team_id, const nlohmann::json& body) {
    TeamMember member;
    member.team_id = team_id;
    if (body.is_object() && body.contains("team_id") && body["team_id"] != team_id)
        return field_error("team_id", "must be the team in the path (or left out)", "error.invalid");
    if (FieldErrors fe = apply_patch(member, body); !fe.empty()) return fe.to_error();
    if (auto err = check_member(member)) return *err;
    return store::map_constraints(
        [&]() -> Result<TeamMember> {
            return db_.write([&](store::Connection& c) -> Result<TeamMember> {
                if (!store::find_team(c, team_id)) return record_not_found("sales team", team_id);
                if (!store::missing_users(c, {member.user_id}).empty())
                    return field_error("user_id", "no such user", "error.unknown_id");
                if (store::find_team_member_by_user(c, team_id, member.user_id)) {
                    Error e = Error::make(ErrorCode::conflict, "user_id: this user is already a member of the team", "user_id");
                    e.details.push_back({"user_id", "is already a member", "error.duplicate"});
                    return e;
                }
                store::insert_team_member(c, member);
                log_record_change(c, caller, "team_member", member.id, "created", {{"version", member.version}}, team_id);
                touch_team(c, caller, team_id);
                return member;
            });
        },
        user_hint);
}

Result<TeamMember> TeamService::edit_member(const Caller& caller, int64_t team_id, int64_t member_id,
                                            const nlohmann::json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    auto version = required_version(patch);
    if (!version) return version.error();
    nlohmann::json fields = patch;
    fields.erase("version");
    return db_.write([&](store::Connection& c) -> Result<TeamMember> {
        auto current = store::find_team_member(c, member_id);
        if (!current || current->team_id != team_id) return record_not_found("team member", member_id);
        if (current->version != version.value()) return stale_version("team member", *current);
        TeamMember member = *current;
        if (FieldErrors fe = apply_patch(member, fields); !fe.empty()) return fe.to_error();
        FieldErrors fixed;
        if (member.team_id != current->team_id) fixed.add("team_id", "cannot change; remove the member and add it to the other team", "error.read_only");
        if (member.user_id != current->user_id) fixed.add("user_id", "cannot change; remove the member and add the other user", "error.read_only");
        if (!fixed.empty()) return fixed.to_error();
        if (auto err = check_member(member)) return *err;
        if (member == *current) return member;
        if (!store::update_team_member(c, member)) return stale_version("team member", *current);
        log_record_change(c, caller, "team_member", member.id, "updated", {{"version", member.version}}, team_id);
        return member;
    });
}

Result<bool> TeamService::remove_member(const Caller& caller, int64_t team_id, int64_t member_id) {
    return db_.write([&](store::Connection& c) -> Result<bool> {
        auto current = store::find_team_member(c, member_id);
        if (!current || current->team_id != team_id) return record_not_found("team member", member_id);
        store::delete_team_member(c, member_id);
        log_record_change(c, caller, "team_member", member_id, "deleted", {}, team_id);
        touch_team(c, caller, team_id);
        return true;
    });
}

}  // namespace tumen::server
