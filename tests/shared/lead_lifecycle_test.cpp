#include <doctest/doctest.h>

#include "lifecycle_fixtures.hpp"
#include "tumen/lead_lifecycle.hpp"

using namespace tumen;
using namespace fixtures;
using nlohmann::json;

namespace {

const TrackingValue* find_tracking(const LeadChange& c, const std::string& field) {
    for (const auto& t : c.tracking)
        if (t.field == field) return &t;
    return nullptr;
}

}  // namespace

TEST_CASE("moving to a won stage sets probability 100 and the closed date") {
    const auto st = stages();
    auto r = move_to_stage(opportunity(), 4, st, t0 + day);
    REQUIRE(r.ok());
    const Lead& l = r->lead;
    CHECK(l.stage_id == 4);
    CHECK(l.probability == 100);
    CHECK(l.automated_probability == 100);
    CHECK(l.date_closed == t0 + day);
    CHECK(l.date_last_stage_update == t0 + day);
    CHECK(l.write_date == t0 + day);
    REQUIRE(r->tracking.size() == 2);
    CHECK(r->tracking[0].field == "stage_id");
    CHECK(r->tracking[0].old_value == 2);
    CHECK(r->tracking[0].new_value == 4);
    CHECK(r->tracking[1].field == "probability");
    CHECK(r->tracking[1].new_value == 100.0);
    CHECK(won_status(l, st) == WonStatus::won);
}

TEST_CASE("leaving a won stage reopens the lead") {
    const auto st = stages();
    Lead won = move_to_stage(opportunity(), 4, st, t0 + day).value().lead;
    auto r = move_to_stage(won, 2, st, t0 + 2 * day);
    REQUIRE(r.ok());
    CHECK_FALSE(r->lead.date_closed);
    CHECK(r->lead.probability == 30);  // the stage's default
    CHECK_FALSE(r->lead.probability_manual);
    CHECK(won_status(r->lead, st) == WonStatus::pending);
    auto to_plain = move_to_stage(won, 3, st, t0 + 2 * day);  // no default probability: 0 until scored
    CHECK(to_plain->lead.probability == 0);
}

TEST_CASE("moving between won stages keeps the closed date") {
    const auto st = stages();
    Lead l = opportunity();
    l.team_id = 2;
    l.stage_id = 10;
    Lead won = move_to_stage(l, 11, st, t0 + day).value().lead;
    auto r = move_to_stage(won, 12, st, t0 + 5 * day);
    REQUIRE(r.ok());
    CHECK(r->lead.date_closed == t0 + day);
    CHECK(r->lead.date_last_stage_update == t0 + 5 * day);
}

TEST_CASE("a stage's default probability applies unless the probability is manual") {
    const auto st = stages();
    Lead l = opportunity();
    l.stage_id = 1;
    auto r = move_to_stage(l, 2, st, t0 + day);
    CHECK(r->lead.probability == 30);
    l.probability_manual = true;
    l.probability = 55;
    auto m = move_to_stage(l, 2, st, t0 + day);
    CHECK(m->lead.probability == 55);
    CHECK(m->lead.automated_probability == 30);
}

TEST_CASE("stage move errors and no-ops") {
    const auto st = stages();
    auto unknown = move_to_stage(opportunity(), 99, st, t0);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == ErrorCode::validation);
    CHECK(unknown.error().field == "stage_id");
    auto other_team = move_to_stage(opportunity(), 10, st, t0);
    REQUIRE_FALSE(other_team.ok());
    CHECK(other_team.error().details.front().key == "error.stage_team");
    Lead archived = opportunity();
    archived.active = false;
    CHECK(move_to_stage(archived, 3, st, t0).error().code == ErrorCode::conflict);
    auto same = move_to_stage(opportunity(), 2, st, t0 + day);
    REQUIRE(same.ok());
    CHECK(same->tracking.empty());
    CHECK(same->lead == opportunity());
}

TEST_CASE("mark won picks the team's next won stage") {
    const auto st = stages();
    auto r = mark_won(opportunity(), st, t0 + day);
    REQUIRE(r.ok());
    CHECK(r->lead.stage_id == 4);
    CHECK(r->lead.probability == 100);
    CHECK(r->lead.date_closed == t0 + day);

    Lead l2 = opportunity();
    l2.team_id = 2;
    l2.stage_id = 10;
    CHECK(mark_won(l2, st, t0).value().lead.stage_id == 11);  // the first won stage after the current one
    auto again = mark_won(mark_won(l2, st, t0).value().lead, st, t0 + day);
    CHECK(again->tracking.empty());
    CHECK(again->lead.stage_id == 11);
}

TEST_CASE("mark won falls back to the last won stage before the current one, and needs one") {
    auto st = stages();
    st.push_back(stage(13, "Дараагийн", 20, 2));
    Lead l = opportunity();
    l.team_id = 2;
    l.stage_id = 13;
    CHECK(mark_won(l, st, t0).value().lead.stage_id == 12);
    std::vector<Stage> no_won = {stage(1, "Шинэ", 1, 1)};
    Lead l1 = opportunity();
    l1.stage_id = 1;
    CHECK(mark_won(l1, no_won, t0).error().code == ErrorCode::conflict);
}

TEST_CASE("mark won restores a lost lead") {
    const auto st = stages();
    Lead lost = mark_lost(opportunity(), st, 7, "Үнэ өндөр", t0).value().lead;
    auto r = mark_won(lost, st, t0 + day);
    REQUIRE(r.ok());
    CHECK(r->lead.active);
    CHECK_FALSE(r->lead.lost_reason_id);
    CHECK(r->lead.lost_note.empty());
    CHECK(r->lead.probability == 100);
    CHECK(won_status(r->lead, st) == WonStatus::won);
}

TEST_CASE("mark lost archives with reason and note, probability 0") {
    const auto st = stages();
    auto r = mark_lost(opportunity(), st, 7, "Өрсөлдөгч хямд үнэ санал болгосон", t0 + day);
    REQUIRE(r.ok());
    const Lead& l = r->lead;
    CHECK_FALSE(l.active);
    CHECK(l.probability == 0);
    CHECK(l.automated_probability == 0);
    CHECK(l.lost_reason_id == 7);
    CHECK(l.lost_note == "Өрсөлдөгч хямд үнэ санал болгосон");
    CHECK(l.date_closed == t0 + day);
    CHECK(won_status(l, st) == WonStatus::lost);
    REQUIRE(find_tracking(r.value(), "lost_reason_id"));
    CHECK(find_tracking(r.value(), "lost_reason_id")->new_value == 7);
    CHECK(find_tracking(r.value(), "probability")->old_value == 30.0);
}

TEST_CASE("mark lost refuses won and already lost leads and bad notes") {
    const auto st = stages();
    Lead won = mark_won(opportunity(), st, t0).value().lead;
    CHECK(mark_lost(won, st, 1, "", t0).error().code == ErrorCode::conflict);
    Lead lost = mark_lost(opportunity(), st, std::nullopt, "", t0).value().lead;
    CHECK(lost.lost_reason_id == std::nullopt);
    CHECK(mark_lost(lost, st, 1, "", t0).error().code == ErrorCode::conflict);
    auto bad = mark_lost(opportunity(), st, 1, std::string(10001, 'x'), t0);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "lost_note");
    CHECK(mark_lost(opportunity(), st, 0, "", t0).error().field == "lost_reason_id");
}

TEST_CASE("restore brings a lost lead back with its automatic probability") {
    const auto st = stages();
    Lead lost = mark_lost(opportunity(), st, 7, "Хариу өгөхгүй", t0).value().lead;
    auto r = restore(lost, st, t0 + day);
    REQUIRE(r.ok());
    CHECK(r->lead.active);
    CHECK(r->lead.probability == 30);
    CHECK_FALSE(r->lead.lost_reason_id);
    CHECK(r->lead.lost_note.empty());
    CHECK_FALSE(r->lead.date_closed);
    CHECK(find_tracking(r.value(), "lost_reason_id")->old_value == 7);
    CHECK(restore(r->lead, st, t0).error().code == ErrorCode::conflict);
}

TEST_CASE("archive keeps the probability; unarchive restores") {
    const auto st = stages();
    auto a = archive(opportunity(), t0 + day);
    REQUIRE(a.ok());
    CHECK_FALSE(a->lead.active);
    CHECK(a->lead.probability == 30);
    CHECK(a->lead.date_closed == t0 + day);
    CHECK(won_status(a->lead, st) == WonStatus::pending);
    CHECK(a->tracking.empty());
    CHECK(archive(a->lead, t0).error().code == ErrorCode::conflict);
    auto u = unarchive(a->lead, st, t0 + 2 * day);
    REQUIRE(u.ok());
    CHECK(u->lead.active);
    CHECK(u->lead.probability == 30);
    CHECK_FALSE(u->lead.date_closed);
}

TEST_CASE("create_lead fills the pipeline defaults") {
    const auto st = stages();
    NewLeadDefaults d;
    d.team_id = 1;
    auto r = create_lead({{"name", "Эрдэнэт үйлдвэрийн тендер"}, {"contact_name", "Оюунчимэг"}}, st, d, t0);
    REQUIRE(r.ok());
    const Lead& l = r->lead;
    CHECK(l.type == LeadType::lead);
    CHECK(l.stage_id == 1);
    CHECK(l.probability == 10);
    CHECK(l.automated_probability == 10);
    CHECK_FALSE(l.probability_manual);
    CHECK(l.create_date == t0);
    CHECK(l.date_last_stage_update == t0);
    CHECK_FALSE(l.date_open);
    CHECK(l.expected_revenue.currency == "MNT");

    auto manual = create_lead({{"name", "x"}, {"probability", 70}, {"user_id", 5}, {"stage_id", 3}}, st, d, t0);
    REQUIRE(manual.ok());
    CHECK(manual->lead.probability == 70);
    CHECK(manual->lead.probability_manual);
    CHECK(manual->lead.date_open == t0);
    auto won = create_lead({{"name", "x"}, {"stage_id", 4}}, st, d, t0);
    CHECK(won->lead.probability == 100);
    CHECK(won->lead.date_closed == t0);
}

TEST_CASE("create_lead reports every error") {
    const auto st = stages();
    NewLeadDefaults d;
    d.team_id = 1;
    auto r = create_lead({{"priority", 9}, {"create_date", "2026-01-01T00:00:00Z"}}, st, d, t0);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().details.size() == 3);  // priority, read-only create_date, name required
    auto wrong_team = create_lead({{"name", "x"}, {"stage_id", 10}}, st, d, t0);
    CHECK(wrong_team.error().field == "stage_id");
    auto unknown = create_lead({{"name", "x"}, {"stage_id", 77}}, st, d, t0);
    CHECK(unknown.error().details.front().key == "error.not_found");
}

TEST_CASE("edit_lead applies stage rules, tracking and date_open") {
    const auto st = stages();
    auto r = edit_lead(opportunity(), {{"stage_id", 4}, {"user_id", 8}, {"name", "Шинэ нэр"}}, st, t0 + day);
    REQUIRE(r.ok());
    CHECK(r->lead.probability == 100);
    CHECK(r->lead.date_closed == t0 + day);
    CHECK(r->lead.date_open == t0 + day);
    CHECK(r->lead.name == "Шинэ нэр");
    CHECK(r->lead.write_date == t0 + day);
    CHECK(r->tracking.size() == 3);  // stage, salesperson, probability
    auto unassign = edit_lead(opportunity(), {{"user_id", nullptr}}, st, t0);
    CHECK_FALSE(unassign->lead.date_open);
}

TEST_CASE("edit_lead: team change moves to the new team's first stage") {
    const auto st = stages();
    auto r = edit_lead(opportunity(), {{"team_id", 2}}, st, t0 + day);
    REQUIRE(r.ok());
    CHECK(r->lead.stage_id == 10);
    CHECK(r->lead.probability == 20);
    CHECK(r->tracking.size() == 3);  // stage, team, probability
    auto explicit_stage = edit_lead(opportunity(), {{"team_id", 2}, {"stage_id", 11}}, st, t0);
    CHECK(explicit_stage->lead.stage_id == 11);
    auto mismatch = edit_lead(opportunity(), {{"team_id", 2}, {"stage_id", 3}}, st, t0);
    CHECK(mismatch.error().field == "stage_id");
}

TEST_CASE("edit_lead: manual probability and reset to automatic") {
    const auto st = stages();
    auto m = edit_lead(opportunity(), {{"probability", 45}}, st, t0);
    REQUIRE(m.ok());
    CHECK(m->lead.probability == 45);
    CHECK(m->lead.probability_manual);
    auto back = edit_lead(m->lead, {{"probability_manual", false}}, st, t0);
    CHECK(back->lead.probability == 30);
    CHECK_FALSE(back->lead.probability_manual);
    auto same = edit_lead(opportunity(), {{"probability", 30}}, st, t0);
    CHECK_FALSE(same->lead.probability_manual);
    Lead won = mark_won(opportunity(), st, t0).value().lead;
    CHECK(edit_lead(won, {{"probability", 50}}, st, t0).error().field == "probability");
}

TEST_CASE("edit_lead: active toggles act as archive and restore, archived stage change refused") {
    const auto st = stages();
    auto a = edit_lead(opportunity(), {{"active", false}}, st, t0);
    REQUIRE(a.ok());
    CHECK_FALSE(a->lead.active);
    CHECK(a->lead.date_closed == t0);
    CHECK(edit_lead(a->lead, {{"stage_id", 3}}, st, t0).error().code == ErrorCode::conflict);
    auto back = edit_lead(a->lead, {{"active", true}, {"stage_id", 3}}, st, t0 + day);
    REQUIRE(back.ok());
    CHECK(back->lead.active);
    CHECK(back->lead.stage_id == 3);
    CHECK(edit_lead(opportunity(), {{"stage_id", nullptr}}, st, t0).error().field == "stage_id");
    CHECK(edit_lead(opportunity(), {{"bogus", 1}}, st, t0).error().code == ErrorCode::validation);
}

TEST_CASE("tracked fields and their wire values") {
    Lead a = opportunity();
    Lead b = a;
    b.expected_revenue.amount = 100;
    b.team_id.reset();
    b.description = "untracked";
    auto t = track_lead_changes(a, b);
    REQUIRE(t.size() == 2);
    CHECK(t[0].field == "team_id");
    CHECK(t[0].new_value.is_null());
    CHECK(t[1].field == "expected_revenue");
    CHECK(t[1].new_value == json{{"amount", 100}, {"currency", "MNT"}});
    CHECK(tracked_lead_fields().size() == 6);
}
