// Sales teams and their members (F-TEAM). Assignment domains are filter-language text, parsed and checked
// against the field registry by the filter module, not here.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/money.hpp"

namespace tumen {

struct Team {
    std::int64_t id = 0;
    std::string name;                      // required
    std::optional<std::int64_t> user_id;   // team leader
    std::vector<std::int64_t> member_ids;  // user ids (details per member in TeamMember)
    std::string alias;                     // e-mail local part; inbound mail to it creates leads in this team
    bool use_leads = true;                 // new records start as leads (else as opportunities)
    bool use_opportunities = true;
    Money invoiced_target;                 // per month
    std::string assignment_domain;         // which unassigned leads this team takes
    bool assignment_optout = false;        // skipped by automatic assignment
    bool active = true;
    std::int64_t version = 0;

    bool operator==(const Team&) const = default;
};

inline constexpr std::int32_t default_member_capacity = 30;  // leads per 30 days, Odoo's default

struct TeamMember {
    std::int64_t id = 0;
    std::int64_t team_id = 0;               // required
    std::int64_t user_id = 0;               // required
    std::string assignment_domain;          // which leads suit this member
    std::string assignment_domain_preferred;  // of those, the ones this member gets before the round robin ('' = none)
    std::int32_t max_leads_30d = default_member_capacity;  // capacity over a rolling 30 days (0 = none)
    bool active = true;                     // takes part in assignment
    std::int64_t version = 0;

    bool operator==(const TeamMember&) const = default;
};

void to_json(nlohmann::json& j, const Team& team);
Result<Team> team_from_json(const nlohmann::json& j);
FieldErrors apply_patch(Team& team, const nlohmann::json& patch);
FieldErrors validate(const Team& team);

void to_json(nlohmann::json& j, const TeamMember& member);
Result<TeamMember> team_member_from_json(const nlohmann::json& j);
FieldErrors apply_patch(TeamMember& member, const nlohmann::json& patch);
FieldErrors validate(const TeamMember& member);

// The type of a record created in this team (by mail alias, web form or quick create).
bool team_creates_leads(const Team& team);

}  // namespace tumen
