// Lead assignment planning (Odoo §2b): team step by capacity-weighted draws, member step round robin.
#include "tumen/assignment.hpp"

#include <algorithm>
#include <cmath>
#include <list>
#include <random>
#include <tuple>

namespace tumen::assignment {

std::vector<TeamDecision> plan_teams(const std::vector<TeamCandidates>& teams, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    struct Open {
        const TeamCandidates* team;
        std::size_t next = 0;
    };
    std::vector<Open> open;
    for (const auto& t : teams)
        if (t.capacity > 0 && !t.lead_ids.empty()) open.push_back({&t});
    std::unordered_set<std::int64_t> taken;
    std::vector<TeamDecision> out;
    while (!open.empty()) {
        std::vector<double> weights;
        for (const auto& o : open) weights.push_back(static_cast<double>(o.team->capacity));
        std::discrete_distribution<std::size_t> draw(weights.begin(), weights.end());
        const std::size_t pick = open.size() == 1 ? 0 : draw(rng);
        Open& o = open[pick];
        while (o.next < o.team->lead_ids.size() && taken.count(o.team->lead_ids[o.next])) ++o.next;
        if (o.next == o.team->lead_ids.size()) {
            open.erase(open.begin() + static_cast<std::ptrdiff_t>(pick));
            continue;
        }
        const std::int64_t lead = o.team->lead_ids[o.next++];
        taken.insert(lead);
        out.push_back({lead, o.team->team_id, rule_team_weighted});
    }
    return out;
}

std::int32_t daily_quota(const MemberInput& member, bool force_quota) {
    const auto per_day = static_cast<std::int32_t>(std::floor(member.capacity_30d / 30.0 + 0.5));  // round half up
    return std::max(0, per_day - (force_quota ? 0 : member.received_24h));
}

std::vector<MemberDecision> plan_members(std::vector<TeamLead> leads, const std::vector<MemberInput>& members,
                                         bool force_quota, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    struct Slot {
        const MemberInput* member;
        std::int32_t quota;
        std::uint64_t tiebreak;
    };
    std::vector<Slot> sorted;
    for (const auto& m : members)
        if (auto q = daily_quota(m, force_quota); q > 0) sorted.push_back({&m, q, rng()});
    std::sort(sorted.begin(), sorted.end(),
              [](const Slot& a, const Slot& b) { return std::tie(a.quota, a.tiebreak) > std::tie(b.quota, b.tiebreak); });
    std::list<Slot> queue(sorted.begin(), sorted.end());
    std::sort(leads.begin(), leads.end(), [](const TeamLead& a, const TeamLead& b) {
        return a.probability != b.probability ? a.probability > b.probability : a.id < b.id;
    });

    std::vector<MemberDecision> out;
    std::unordered_set<std::int64_t> done;
    // One pass over `leads`: each lead `wanted` by some member goes to the first such member in the queue.
    auto pass = [&](auto wanted, const char* rule) {
        for (const auto& lead : leads) {
            if (queue.empty()) return;
            if (done.count(lead.id)) continue;
            for (auto it = queue.begin(); it != queue.end(); ++it) {
                if (!wanted(*it->member, lead.id)) continue;
                out.push_back({lead.id, it->member->user_id, rule});
                done.insert(lead.id);
                Slot slot = *it;
                queue.erase(it);
                if (--slot.quota > 0) queue.push_back(slot);  // round robin: to the end of the list
                break;
            }
        }
    };
    pass([](const MemberInput& m, std::int64_t id) { return m.preferred.count(id) > 0; }, rule_member_preferred);
    pass([](const MemberInput& m, std::int64_t id) { return m.domain.count(id) > 0; }, rule_member_domain);
    return out;
}

}  // namespace tumen::assignment
