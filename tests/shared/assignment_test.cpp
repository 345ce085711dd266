// Lead assignment planning: the team step (weighted by capacity, each lead once) and the member step (daily
// quota, round robin, preferred domains first, capacity 0 gets nothing).
#include <doctest/doctest.h>

#include <map>

#include "tumen/assignment.hpp"

using namespace tumen::assignment;

namespace {

MemberInput member(std::int64_t user, std::int32_t capacity, std::unordered_set<std::int64_t> domain,
                   std::int32_t received = 0) {
    MemberInput m;
    m.user_id = user;
    m.capacity_30d = capacity;
    m.received_24h = received;
    m.domain = std::move(domain);
    return m;
}

std::vector<TeamLead> leads(std::initializer_list<std::pair<std::int64_t, double>> list) {
    std::vector<TeamLead> out;
    for (auto [id, p] : list) out.push_back({id, p});
    return out;
}

std::map<std::int64_t, int> per_user(const std::vector<MemberDecision>& plan) {
    std::map<std::int64_t, int> n;
    for (const auto& d : plan) ++n[d.user_id];
    return n;
}

}  // namespace

TEST_CASE("daily quota: capacity / 30 rounded half up, minus the last 24 hours unless forced") {
    CHECK(daily_quota(member(1, 30, {}), false) == 1);
    CHECK(daily_quota(member(1, 45, {}), false) == 2);
    CHECK(daily_quota(member(1, 44, {}), false) == 1);
    CHECK(daily_quota(member(1, 14, {}), false) == 0);
    CHECK(daily_quota(member(1, 90, {}, 2), false) == 1);
    CHECK(daily_quota(member(1, 90, {}, 5), false) == 0);  // never negative
    CHECK(daily_quota(member(1, 90, {}, 5), true) == 3);
    CHECK(daily_quota(member(1, 0, {}, 0), true) == 0);
}

TEST_CASE("member step: best probability first, round robin, quota respected, capacity 0 gets nothing") {
    std::unordered_set<std::int64_t> all = {1, 2, 3, 4, 5, 6, 7};
    auto team = leads({{1, 10}, {2, 90}, {3, 50}, {4, 70}, {5, 30}, {6, 20}, {7, 80}});
    // a and b: 2 a day each; on leave: nothing; c already had its one of today.
    std::vector<MemberInput> members = {member(100, 60, all), member(200, 60, all), member(300, 0, all),
                                        member(400, 30, all, 1)};
    auto plan = plan_members(team, members, false, 7);
    REQUIRE(plan.size() == 4);
    // Leads in probability order: 2 (90), 7 (80), 4 (70), 3 (50); members alternate.
    CHECK(plan[0].lead_id == 2);
    CHECK(plan[1].lead_id == 7);
    CHECK(plan[2].lead_id == 4);
    CHECK(plan[3].lead_id == 3);
    CHECK(plan[0].user_id != plan[1].user_id);
    CHECK(plan[0].user_id == plan[2].user_id);
    CHECK(plan[1].user_id == plan[3].user_id);
    auto n = per_user(plan);
    CHECK(n[100] == 2);
    CHECK(n[200] == 2);
    CHECK(n.count(300) == 0);
    CHECK(n.count(400) == 0);
    for (const auto& d : plan) CHECK(d.rule == std::string(rule_member_domain));
    // "Assign now" ignores the daily part: the member who had one today gets one more.
    CHECK(per_user(plan_members(team, members, true, 7))[400] == 1);
}

TEST_CASE("member step: a member only gets leads of its domain; preferred leads go first to who prefers them") {
    auto team = leads({{1, 90}, {2, 80}, {3, 10}});
    MemberInput a = member(100, 90, {1, 2, 3});
    MemberInput b = member(200, 90, {1, 2, 3});
    b.preferred = {3};  // b prefers the weakest lead
    MemberInput narrow = member(300, 300, {2});
    auto plan = plan_members(team, {a, b, narrow}, false, 1);
    REQUIRE(plan.size() == 3);
    CHECK(plan[0].lead_id == 3);
    CHECK(plan[0].user_id == 200);
    CHECK(plan[0].rule == std::string(rule_member_preferred));
    for (const auto& d : plan)
        if (d.user_id == 300) CHECK(d.lead_id == 2);
    // No member whose domain matches: the lead stays with the team.
    auto none = plan_members(leads({{9, 50}}), {member(100, 90, {1})}, false, 1);
    CHECK(none.empty());
}

TEST_CASE("team step: each lead goes to one team, a team without capacity takes nothing, draws follow capacity") {
    std::vector<std::int64_t> ids;
    for (std::int64_t i = 1; i <= 1000; ++i) ids.push_back(i);
    TeamCandidates big{1, 90, ids}, small{2, 10, ids}, idle{3, 0, ids};
    auto plan = plan_teams({big, small, idle}, 42);
    REQUIRE(plan.size() == 1000);
    std::map<std::int64_t, int> per_team;
    std::unordered_set<std::int64_t> seen;
    for (const auto& d : plan) {
        ++per_team[d.team_id];
        CHECK(seen.insert(d.lead_id).second);
    }
    CHECK(per_team.count(3) == 0);
    // 90:10 weights over 1000 draws (fixed seed): far from an even split.
    CHECK(per_team[1] > 800);
    CHECK(per_team[2] > 50);
    // A lead only one team's domain matches goes to that team.
    auto only = plan_teams({TeamCandidates{1, 90, {1}}, TeamCandidates{2, 10, {2}}}, 3);
    REQUIRE(only.size() == 2);
    for (const auto& d : only) CHECK(d.team_id == d.lead_id);
}
