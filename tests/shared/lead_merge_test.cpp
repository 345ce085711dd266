#include <doctest/doctest.h>

#include "lifecycle_fixtures.hpp"
#include "tumen/lead_merge.hpp"

using namespace tumen;
using namespace fixtures;

namespace {

Lead lead_merge_make(std::int64_t id, LeadType type, std::optional<std::int64_t> stage, double probability) {
    Lead l;
    l.id = id;
    l.name = "Хүсэлт #" + std::to_string(id);
    l.type = type;
    l.team_id = 1;
    l.stage_id = stage;
    l.probability = l.automated_probability = probability;
    l.create_date = t0 + id;
    return l;
}

std::vector<std::int64_t> ids(const std::vector<Lead>& v) {
    std::vector<std::int64_t> out;
    for (const auto& l : v) out.push_back(l.id);
    return out;
}

}  // namespace

TEST_CASE("merge order: opportunities first, then stage, probability, oldest") {
    const auto st = stages();
    Lead lead_adv = lead_merge_make(1, LeadType::lead, 3, 60);
    Lead opp_new = lead_merge_make(2, LeadType::opportunity, 1, 10);
    Lead opp_adv = lead_merge_make(3, LeadType::opportunity, 3, 50);
    Lead opp_adv_hi = lead_merge_make(4, LeadType::opportunity, 3, 70);
    Lead opp_adv_hi_old = lead_merge_make(0 + 5, LeadType::opportunity, 3, 70);
    Lead lost_lead = lead_merge_make(6, LeadType::lead, 3, 0);
    lost_lead.active = false;
    auto order = merge_order({lost_lead, lead_adv, opp_new, opp_adv, opp_adv_hi_old, opp_adv_hi}, st);
    CHECK(ids(order) == std::vector<std::int64_t>{4, 5, 3, 2, 1, 6});
}

TEST_CASE("merge: per-field rules") {
    const auto st = stages();
    Lead head = lead_merge_make(10, LeadType::opportunity, 3, 40);
    head.description = "Эхний тайлбар";
    head.tag_ids = {1, 2};
    head.priority = 1;
    head.address.city = "Улаанбаатар";
    head.follower_ids = {5};
    Lead lead2 = lead_merge_make(11, LeadType::lead, 2, 30);
    lead2.email = "saraa@gobi.mn";
    lead2.phone = "99112233";
    lead2.partner_name = "Говь ХК";
    lead2.description = "Хоёр дахь";
    lead2.tag_ids = {2, 3};
    lead2.priority = 3;
    lead2.expected_revenue = {700000000, "MNT"};
    lead2.address.street = "Чингисийн өргөн чөлөө";
    lead2.address.city = "Улаанбаатар";
    lead2.address.country = "MN";
    lead2.user_id = 8;
    lead2.follower_ids = {5, 6};
    Lead lead3 = lead_merge_make(12, LeadType::lead, std::nullopt, 5);
    lead3.email = "other@x.mn";
    lead3.description = "Гурав";
    lead3.lost_reason_id = 2;
    auto r = merge_leads({lead3, lead2, head}, st, {}, t0 + 100);
    REQUIRE(r.ok());
    const Lead& m = r->merged;
    CHECK(m.id == 10);
    CHECK(m.type == LeadType::opportunity);
    CHECK(m.name == head.name);
    CHECK(m.email == "saraa@gobi.mn");  // first non-empty in merge order
    CHECK(m.phone == "99112233");
    CHECK(m.partner_name == "Говь ХК");
    CHECK(m.user_id == 8);
    CHECK(m.expected_revenue == Money{700000000, "MNT"});
    CHECK(m.description == "Эхний тайлбар\n\nХоёр дахь\n\nГурав");
    CHECK(m.tag_ids == std::vector<std::int64_t>{1, 2, 3});
    CHECK(m.follower_ids == std::vector<std::int64_t>{5, 6});
    CHECK(m.priority == 3);
    CHECK(m.address.street == "Чингисийн өргөн чөлөө");  // the fullest address block, as a whole
    CHECK(m.address.country == "MN");
    CHECK_FALSE(m.lost_reason_id);  // head has a probability
    CHECK(m.stage_id == 3);
    CHECK(m.probability == 40);
    CHECK(m.date_open == t0 + 100);
    CHECK(m.write_date == t0 + 100);
    CHECK(r->removed_ids == std::vector<std::int64_t>{11, 12});
    REQUIRE(r->tracking.size() == 2);  // salesperson, expected revenue
    CHECK(r->tracking[0].field == "user_id");
}

TEST_CASE("merge keeps the lost reason when the head's probability is 0") {
    Lead a = lead_merge_make(1, LeadType::lead, 1, 0);
    a.active = false;
    Lead b = lead_merge_make(2, LeadType::lead, 1, 0);
    b.active = false;
    b.lost_reason_id = 4;
    auto r = merge_leads({a, b}, stages(), {}, t0);
    REQUIRE(r.ok());
    CHECK(r->merged.id == 1);
    CHECK(r->merged.lost_reason_id == 4);
}

TEST_CASE("merge overrides and the team's stage") {
    const auto st = stages();
    Lead a = lead_merge_make(1, LeadType::opportunity, 2, 30);
    Lead b = lead_merge_make(2, LeadType::opportunity, 1, 10);
    MergeOptions opt;
    opt.team_id = 2;
    opt.user_id = 9;
    auto r = merge_leads({a, b}, st, opt, t0);
    REQUIRE(r.ok());
    CHECK(r->merged.team_id == 2);
    CHECK(r->merged.user_id == 9);
    CHECK(r->merged.stage_id == 10);  // stage 2 is team 1's: team 2's first stage instead
    CHECK(r->merged.probability == 20);
    Lead no_stage = lead_merge_make(3, LeadType::lead, std::nullopt, 0);
    Lead won = lead_merge_make(4, LeadType::lead, std::nullopt, 0);
    won.stage_id = 4;
    auto w = merge_leads({no_stage, won}, st, {}, t0);
    CHECK(w->merged.id == 4);
    CHECK(w->merged.stage_id == 4);
}

TEST_CASE("merge input errors") {
    const auto st = stages();
    Lead a = lead_merge_make(1, LeadType::lead, 1, 10);
    CHECK(merge_leads({a}, st, {}, t0).error().code == ErrorCode::validation);
    CHECK_FALSE(merge_leads({a, a}, st, {}, t0).ok());
    Lead unsaved = lead_merge_make(0, LeadType::lead, 1, 10);
    CHECK_FALSE(merge_leads({a, unsaved}, st, {}, t0).ok());
    MergeOptions five;
    five.max_records = 2;
    CHECK_FALSE(merge_leads({a, lead_merge_make(2, LeadType::lead, 1, 1), lead_merge_make(3, LeadType::lead, 1, 1)}, st, five, t0).ok());
}

TEST_CASE("the merge note lists the removed records in the merger's language") {
    const Lead a = lead_merge_make(11, LeadType::lead, 1, 10), b = lead_merge_make(12, LeadType::lead, 1, 10);
    CHECK(merge_note(i18n::Lang::en, {&a, &b}) == "Merged with: " + a.name + " (#11), " + b.name + " (#12)");
    CHECK(merge_note(i18n::Lang::mn, {&b}) == "Дараахтай нэгтгэв: " + b.name + " (#12)");
}
