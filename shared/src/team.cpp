#include "record_codec.hpp"
#include "tumen/team.hpp"

namespace tumen {

namespace {

using namespace detail;

const RecordCodec<Team>& team_codec() {
    static const RecordCodec<Team> c({
        record_id_field(mem(&Team::id)),
        text_field("name", mem(&Team::name), {.max_chars = 120, .required = true}),
        optional_id_field("user_id", mem(&Team::user_id)),
        id_list_field("member_ids", mem(&Team::member_ids)),
        text_field("alias", mem(&Team::alias), {.max_chars = 64, .check = check_alias}),
        bool_field("use_leads", mem(&Team::use_leads)),
        bool_field("use_opportunities", mem(&Team::use_opportunities)),
        money_field("invoiced_target", mem(&Team::invoiced_target)),
        text_field("assignment_domain", mem(&Team::assignment_domain), {.max_chars = 10000, .multiline = true}),
        bool_field("assignment_optout", mem(&Team::assignment_optout)),
        bool_field("active", mem(&Team::active)),
        version_field(mem(&Team::version)),
    });
    return c;
}

const RecordCodec<TeamMember>& member_codec() {
    static const RecordCodec<TeamMember> c({
        record_id_field(mem(&TeamMember::id)),
        id_field("team_id", mem(&TeamMember::team_id)),
        id_field("user_id", mem(&TeamMember::user_id)),
        text_field("assignment_domain", mem(&TeamMember::assignment_domain), {.max_chars = 10000, .multiline = true}),
        text_field("assignment_domain_preferred", mem(&TeamMember::assignment_domain_preferred),
                   {.max_chars = 10000, .multiline = true}),
        int_field("max_leads_30d", mem(&TeamMember::max_leads_30d), 0, 100000),
        bool_field("active", mem(&TeamMember::active)),
        version_field(mem(&TeamMember::version)),
    });
    return c;
}

void check_team(const Team& t, FieldErrors& e) {
    if (t.name.empty()) e.add("name", "is required", "error.required");
}

void check_member(const TeamMember& m, FieldErrors& e) {
    if (m.team_id <= 0) e.add("team_id", "is required", "error.required");
    if (m.user_id <= 0) e.add("user_id", "is required", "error.required");
}

}  // namespace

void to_json(nlohmann::json& j, const Team& team) { j = team_codec().to_json(team); }
Result<Team> team_from_json(const nlohmann::json& j) { return decode_record(team_codec(), j, check_team); }
FieldErrors apply_patch(Team& team, const nlohmann::json& patch) {
    return patch_record(team_codec(), team, patch, check_team);
}
FieldErrors validate(const Team& team) { return validate_record(team_codec(), team, check_team); }

void to_json(nlohmann::json& j, const TeamMember& member) { j = member_codec().to_json(member); }
Result<TeamMember> team_member_from_json(const nlohmann::json& j) {
    return decode_record(member_codec(), j, check_member);
}
FieldErrors apply_patch(TeamMember& member, const nlohmann::json& patch) {
    return patch_record(member_codec(), member, patch, check_member);
}
FieldErrors validate(const TeamMember& member) { return validate_record(member_codec(), member, check_member); }

bool team_creates_leads(const Team& team) { return team.use_leads; }

}  // namespace tumen
