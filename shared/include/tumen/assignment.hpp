// Automatic lead assignment as pure planning (issue 7, Odoo §2b): the team step hands unassigned leads to teams
// drawn at random weighted by capacity among those whose domain matches; the member step hands a team's leads,
// best probability first, round-robin to members with quota left, preferred domains before plain ones. Domains
// are matched by the caller (the server compiles them to SQL, one query per team or member, not per lead) and
// arrive here as sets of lead ids. The plan says which rule decided each lead; the caller writes it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace tumen::assignment {

// Rules written to the assignment log.
inline constexpr const char* rule_team_weighted = "team.weighted";       // the only team whose domain matched, or drawn by capacity
inline constexpr const char* rule_member_preferred = "member.preferred";  // the member's preferred domain matched
inline constexpr const char* rule_member_domain = "member.domain";        // the member's domain matched (round robin)

struct TeamCandidates {
    std::int64_t team_id = 0;
    std::int64_t capacity = 0;            // Σ members' capacity per 30 days; 0 = the team takes nothing
    std::vector<std::int64_t> lead_ids;   // unassigned leads matching the team's domain, in the order to take them
};

struct TeamDecision {
    std::int64_t lead_id = 0;
    std::int64_t team_id = 0;
    std::string rule;
};

// Odoo's _allocate_leads: repeatedly draw a team with candidates left (weights = capacity, from `seed`), give it
// its first candidate not yet given to another team. Each lead goes to at most one team.
std::vector<TeamDecision> plan_teams(const std::vector<TeamCandidates>& teams, std::uint64_t seed);

struct MemberInput {
    std::int64_t user_id = 0;
    std::int32_t capacity_30d = 0;    // 0 = on leave: receives nothing
    std::int32_t received_24h = 0;    // leads given to this member in the team in the last 24 hours
    std::unordered_set<std::int64_t> domain;     // team leads matching the member's domain (all when it has none)
    std::unordered_set<std::int64_t> preferred;  // those also matching the preferred domain (empty = none)
};

struct TeamLead {
    std::int64_t id = 0;
    double probability = 0;
};

struct MemberDecision {
    std::int64_t lead_id = 0;
    std::int64_t user_id = 0;
    std::string rule;
};

// round_half_up(capacity / 30) minus what came in the last 24 hours (not subtracted when forced), at least 0.
std::int32_t daily_quota(const MemberInput& member, bool force_quota);

// Odoo's _assign_and_convert_leads for one team: members with quota > 0 ordered by (quota, random) descending;
// a preferred pass over the leads some member prefers, then a normal pass over the rest, each by descending
// probability (then id); a lead goes to the first member in the list that takes it, who then moves to the end
// of the list, or leaves it when the quota is used up.
std::vector<MemberDecision> plan_members(std::vector<TeamLead> leads, const std::vector<MemberInput>& members,
                                         bool force_quota, std::uint64_t seed);

}  // namespace tumen::assignment
