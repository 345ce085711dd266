// Activities: types and activities through JSON with field-named errors, default due dates (days, weeks, months
// clamped at month ends incl. leap years, from today or the previous deadline), states against today, snoozing,
// chaining and a lead's next activity / "no next step".
#include <doctest/doctest.h>

#include "tumen/activity.hpp"

using namespace tumen;
using nlohmann::json;

namespace {
DayNumber d(const char* iso) { return *parse_date(iso); }
bool activity_has_error_on(const FieldErrors& fe, std::string_view field) {
    for (const auto& x : fe.list())
        if (x.field == field) return true;
    return false;
}
bool activity_has_error_on(const Error& e, std::string_view field) {
    for (const auto& x : e.details)
        if (x.field == field) return true;
    return false;
}
ActivityType type_with(std::int32_t count, DelayUnit unit, DelayFrom from = DelayFrom::today) {
    ActivityType t;
    t.name = "Call";
    t.delay_count = count;
    t.delay_unit = unit;
    t.delay_from = from;
    return t;
}
Activity open_on(std::int64_t id, const char* due) {
    Activity a;
    a.id = id;
    a.lead_id = 1;
    a.due_date = d(due);
    return a;
}
}  // namespace

TEST_CASE("activity type: JSON round trip and defaults") {
    auto t = activity_type_from_json({{"name", "Follow-up call"}, {"icon", "phone"}, {"category", "call"},
                                      {"delay_count", 3}, {"delay_unit", "weeks"}, {"delay_from", "previous_deadline"},
                                      {"chaining", "suggest"}, {"suggested_ids", {2, 3}}});
    REQUIRE(t.ok());
    CHECK(t->category == ActivityCategory::call);
    CHECK(t->delay_unit == DelayUnit::weeks);
    CHECK(t->delay_from == DelayFrom::previous_deadline);
    CHECK(t->suggested_ids == std::vector<std::int64_t>{2, 3});
    json j = t.value();
    CHECK(j["category"] == "call");
    CHECK(j["triggered_id"].is_null());
    auto back = activity_type_from_json(j);
    REQUIRE(back.ok());
    CHECK(back.value() == t.value());
    json plain = ActivityType{};
    CHECK(plain["category"] == "default");
}

TEST_CASE("activity type: errors name the fields") {
    auto bad = activity_type_from_json({{"name", ""}, {"category", "fax"}, {"delay_count", 1000}, {"icon", "Bad Icon"},
                                        {"delay_unit", "hours"}});
    REQUIRE_FALSE(bad.ok());
    CHECK(activity_has_error_on(bad.error(), "name"));
    CHECK(activity_has_error_on(bad.error(), "category"));
    CHECK(activity_has_error_on(bad.error(), "delay_count"));
    CHECK(activity_has_error_on(bad.error(), "icon"));
    CHECK(activity_has_error_on(bad.error(), "delay_unit"));
    CHECK(bad.error().code == ErrorCode::validation);

    auto trig = activity_type_from_json({{"name", "Call"}, {"chaining", "trigger"}});
    REQUIRE_FALSE(trig.ok());
    CHECK(activity_has_error_on(trig.error(), "triggered_id"));

    ActivityType t = type_with(1, DelayUnit::days);
    t.id = 7;
    t.chaining = ActivityChaining::trigger;
    t.triggered_id = 7;
    CHECK(activity_has_error_on(validate(t), "triggered_id"));
    CHECK(activity_has_error_on(apply_patch(t, {{"code", "call"}}), "code"));  // read-only
}

TEST_CASE("activity: JSON, required due date and read-only fields") {
    auto a = activity_from_json({{"lead_id", 4}, {"type_id", 2}, {"summary", "Call back"}, {"due_date", "2026-11-28"},
                                 {"user_id", 3}, {"state", "open"}});
    REQUIRE(a.ok());
    CHECK(a->due_date == d("2026-11-28"));
    json j = a.value();
    CHECK(j["due_date"] == "2026-11-28");
    CHECK(j["state"] == "open");
    CHECK(activity_from_json(j).value() == a.value());

    auto missing = activity_from_json({{"lead_id", 4}, {"summary", "x"}});
    REQUIRE_FALSE(missing.ok());
    CHECK(activity_has_error_on(missing.error(), "due_date"));

    Activity b = a.value();
    auto fe = apply_patch(b, {{"due_date", "2026-02-30"}, {"state", "done"}, {"feedback", "x"}, {"colour", 1}});
    CHECK(activity_has_error_on(fe, "due_date"));
    CHECK(activity_has_error_on(fe, "state"));
    CHECK(activity_has_error_on(fe, "feedback"));
    CHECK(activity_has_error_on(fe, "colour"));
    CHECK(apply_patch(b, {{"due_date", nullptr}}).list().size() == 1);  // clearing a required date
    Activity c = a.value();
    CHECK(apply_patch(c, {{"summary", "Meet"}, {"due_date", "2026-12-01"}, {"version", 9}}).empty());
    CHECK(c.summary == "Meet");
    CHECK(c.due_date == d("2026-12-01"));
}

TEST_CASE("default_due: days and weeks from today or the previous deadline") {
    CHECK(default_due(type_with(0, DelayUnit::days), d("2026-11-28"), std::nullopt) == d("2026-11-28"));
    CHECK(default_due(type_with(3, DelayUnit::days), d("2026-11-28"), std::nullopt) == d("2026-12-01"));
    CHECK(default_due(type_with(2, DelayUnit::weeks), d("2026-12-25"), std::nullopt) == d("2027-01-08"));
    const auto prev = type_with(2, DelayUnit::days, DelayFrom::previous_deadline);
    CHECK(default_due(prev, d("2026-11-28"), d("2026-11-20")) == d("2026-11-22"));
    CHECK(default_due(prev, d("2026-11-28"), std::nullopt) == d("2026-11-30"));  // nothing done before: from today
    // delay_from = today ignores the previous deadline
    CHECK(default_due(type_with(2, DelayUnit::days), d("2026-11-28"), d("2026-11-20")) == d("2026-11-30"));
}

TEST_CASE("default_due: months clamp at the month end, leap years included") {
    const auto m1 = type_with(1, DelayUnit::months);
    CHECK(default_due(m1, d("2026-01-31"), std::nullopt) == d("2026-02-28"));
    CHECK(default_due(m1, d("2028-01-31"), std::nullopt) == d("2028-02-29"));  // leap year
    CHECK(default_due(m1, d("2026-03-31"), std::nullopt) == d("2026-04-30"));
    CHECK(default_due(m1, d("2026-12-15"), std::nullopt) == d("2027-01-15"));
    CHECK(default_due(type_with(12, DelayUnit::months), d("2028-02-29"), std::nullopt) == d("2029-02-28"));
    CHECK(default_due(type_with(48, DelayUnit::months), d("2028-02-29"), std::nullopt) == d("2032-02-29"));
    CHECK(default_due(type_with(1, DelayUnit::months, DelayFrom::previous_deadline), d("2026-06-01"), d("2026-05-31")) ==
          d("2026-06-30"));
}

TEST_CASE("activity_state and snooze") {
    CHECK(activity_state(d("2026-11-27"), d("2026-11-28")) == ActivityState::overdue);
    CHECK(activity_state(d("2026-11-28"), d("2026-11-28")) == ActivityState::today);
    CHECK(activity_state(d("2026-11-29"), d("2026-11-28")) == ActivityState::planned);
    CHECK(to_string(ActivityState::overdue) == "overdue");
    CHECK(to_string(ActivityState::today) == "today");
    CHECK(to_string(ActivityState::planned) == "planned");
    CHECK(snoozed_due(d("2026-12-05"), d("2026-11-28"), 1) == d("2026-12-06"));  // planned: from its due date
    CHECK(snoozed_due(d("2026-11-01"), d("2026-11-28"), 7) == d("2026-12-05"));  // overdue: from today
    CHECK(activity_state(snoozed_due(d("2026-11-01"), d("2026-11-28"), 1), d("2026-11-28")) == ActivityState::planned);
}

TEST_CASE("next_steps: trigger schedules one type, suggest offers a list") {
    ActivityType t = type_with(1, DelayUnit::days);
    t.suggested_ids = {4, 5};
    CHECK(next_steps(t) == NextSteps{std::nullopt, {4, 5}});
    t.chaining = ActivityChaining::trigger;
    t.triggered_id = 6;
    CHECK(next_steps(t) == NextSteps{6, {}});
}

TEST_CASE("lead_activity_summary: earliest open due is next; no next step only on open leads") {
    std::vector<Activity> list = {open_on(5, "2026-12-03"), open_on(3, "2026-12-01"), open_on(9, "2026-12-01"),
                                  open_on(1, "2026-11-01")};
    list[3].state = ActivityStatus::done;  // earlier but done: ignored
    auto s = lead_activity_summary(list, true);
    REQUIRE(s.next);
    CHECK(s.next->id == 3);  // tie on 1 Dec: lowest id
    CHECK_FALSE(s.no_next_step);

    list[1].state = ActivityStatus::cancelled;
    CHECK(lead_activity_summary(list, true).next->id == 9);

    auto none = lead_activity_summary({}, true);
    CHECK_FALSE(none.next);
    CHECK(none.no_next_step);
    CHECK_FALSE(lead_activity_summary({}, false).no_next_step);  // won/lost/archived leads need no next step
}

TEST_CASE("activity bar JSON") {
    ActivityBar b{2, 1, 4, 3};
    CHECK(b.total() == 10);
    json j = b;
    CHECK(j["overdue"] == 2);
    CHECK(activity_bar_from_json(j) == b);
    CHECK(activity_bar_from_json(json::object()) == ActivityBar{});
    CHECK(activity_bar_from_json(nullptr) == ActivityBar{});
}
