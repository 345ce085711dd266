// The activities view model against a fake server: the lead's block lists open activities with the due date in
// words, the Schedule dialog fills summary / note / due date from the type, 422 lands at the field, Mark done
// sends the feedback with the version read and offers the suggested next types (or names the triggered one),
// Snooze and Cancel, a 409 reloads with a message, and My activities keeps its three groups.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* types_body = R"({"items":[
  {"id":1,"name":"Call","code":"call","icon":"phone","category":"call","default_summary":"Call back","default_note":"",
   "delay_count":2,"delay_unit":"days","delay_from":"today","chaining":"suggest","suggested_ids":[3],"sequence":1,
   "active":true,"version":1},
  {"id":2,"name":"Send offer","code":"","icon":"envelope","category":"email","default_summary":"Send the offer",
   "default_note":"Attach the PDF","delay_count":1,"delay_unit":"weeks","delay_from":"today","chaining":"trigger",
   "triggered_id":1,"suggested_ids":[],"sequence":2,"active":true,"version":1},
  {"id":3,"name":"Meeting","code":"meeting","icon":"users","category":"meeting","default_summary":"","default_note":"",
   "delay_count":0,"delay_unit":"days","delay_from":"today","chaining":"suggest","suggested_ids":[],"sequence":3,
   "active":true,"version":1}]})";

json activity(std::int64_t id, const std::string& due, const std::string& state, std::int64_t version = 1,
              std::int64_t type_id = 1) {
    return {{"id", id},          {"lead_id", 42},   {"type_id", type_id}, {"summary", "Call back"}, {"note", ""},
            {"due_date", due},   {"user_id", 1},    {"state", "open"},    {"created_at", "2026-11-20T10:00:00Z"},
            {"version", version}, {"due_state", state}, {"type_code", "call"}, {"icon", "phone"}};
}

struct ActivityFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    ActivitiesState& st = app.activities();

    ActivityFixture() {
        host.history = {"#/pipeline"};
        app.start("#/pipeline", "en-US", "");
        net.answer(200, R"({"user":{"id":1,"login":"admin","name":"Admin","role":"admin"},"csrf_token":"tok-1"})");
        drain_other();
    }
    // Answers whatever the other views asked for, keeping the activity requests in order.
    void drain_other() {
        for (int guard = 0; guard < 20; ++guard) {
            // By path, not query: the board's cards request (sent at start) asks for a next_activity field.
            auto it = std::find_if(net.pending.begin(), net.pending.end(), [](const FakeTransport::Pending& p) {
                const std::string& path = p.request.path;
                return path.substr(0, path.find('?')).find("activit") == std::string::npos;
            });
            if (it == net.pending.end()) return;
            auto p = std::move(*it);
            net.pending.erase(it);
            p.done(HttpResponse{200, R"({"items":[]})"});
        }
    }
    // Opens lead 42's block: types, then the list (today = 2026-11-28).
    void open_block(json items) {
        st.show_lead(42);
        REQUIRE(net.pending.size() == 2);
        CHECK(net.answer(200, types_body).path == "/api/v1/activity-types");
        CHECK(net.answer(200, json{{"items", items}, {"today", "2026-11-28"}}.dump()).path == "/api/v1/leads/42/activities");
    }
};

std::string words(const Message& m) { return m.render(i18n::Lang::en); }

}  // namespace

TEST_CASE("activities: a due date in words against today") {
    const DayNumber today = *parse_date("2026-11-28");
    CHECK(words(due_words(today, today)) == "today");
    CHECK(words(due_words(today + 1, today)) == "tomorrow");
    CHECK(words(due_words(today + 3, today)) == "in 3 days");
    CHECK(words(due_words(today - 1, today)) == "overdue 1 day");
    CHECK(words(due_words(today - 2, today)) == "overdue 2 days");
    CHECK(due_words(today - 2, today).render(i18n::Lang::mn) == "2 хоног хэтэрсэн");
}

TEST_CASE("activities: the lead's block lists open activities with their type and state") {
    ActivityFixture f;
    f.open_block(json::array({activity(5, "2026-11-26", "overdue"), activity(6, "2026-12-01", "planned", 1, 2)}));
    REQUIRE(f.st.lead_loaded());
    REQUIRE(f.st.lead_items().size() == 2);
    const auto& first = f.st.lead_items()[0];
    CHECK(first.due_state == "overdue");
    CHECK(f.st.type_label(first) == "Call");  // seeded: the catalog's word
    CHECK(f.st.type_label(f.st.lead_items()[1]) == "Send offer");  // a manager's own type: as typed
    CHECK(words(due_words(*first.activity.due_date, *f.st.today())) == "overdue 2 days");
    f.app.set_language(i18n::Lang::mn);
    CHECK(f.st.type_label(first) == "Утасдах");
    // The same lead again asks for nothing; another lead loads afresh.
    f.st.show_lead(42);
    CHECK(f.net.pending.empty());
    f.st.show_lead(43);
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.pending.front().request.path == "/api/v1/leads/43/activities");
}

TEST_CASE("activities: Schedule takes the type's defaults; text typed over stays; 422 lands at the field") {
    ActivityFixture f;
    f.open_block(json::array());
    f.st.open_schedule(42);
    CHECK(f.st.dialog() == ActivityDialog::schedule);
    auto& d = f.st.draft();
    CHECK(d.type_id == 1);
    CHECK(d.summary == "Call back");
    CHECK(d.due_date == "2026-11-30");  // 2 days after today
    CHECK(d.user_id == 1);
    f.st.pick_type(2);  // the summary was the old type's default: it follows the new type
    CHECK(d.summary == "Send the offer");
    CHECK(d.note == "Attach the PDF");
    CHECK(d.due_date == "2026-12-05");  // 1 week
    d.summary = "Send the offer with the discount";
    f.st.pick_type(1);
    CHECK(d.summary == "Send the offer with the discount");
    CHECK(d.note.empty());  // the note was the old default

    d.due_date = "28.11.2026";
    f.st.save_dialog();
    CHECK(f.net.pending.empty());  // refused here, before any request
    REQUIRE(f.st.error("due_date"));

    d.due_date = "2026-12-01";
    f.st.save_dialog();
    CHECK_FALSE(f.st.error("due_date"));
    REQUIRE(f.net.pending.size() == 1);
    HttpRequest sent = f.net.answer(422, R"({"error":{"code":"validation","message":"invalid","details":[
        {"field":"user_id","message":"no such user","key":"error.not_found"}]}})");
    CHECK(sent.method == "POST");
    CHECK(sent.path == "/api/v1/leads/42/activities");
    const json body = json::parse(sent.body);
    CHECK(body["type_id"] == 1);
    CHECK(body["due_date"] == "2026-12-01");
    CHECK(body["summary"] == "Send the offer with the discount");
    CHECK(header(sent, "X-CSRF-Token") == "tok-1");
    CHECK(f.st.dialog() == ActivityDialog::schedule);  // stays open with the message at the field
    REQUIRE(f.st.error("user_id"));

    f.st.save_dialog();
    f.net.answer(201, activity(9, "2026-12-01", "planned").dump());
    CHECK(f.st.dialog() == ActivityDialog::none);
    CHECK(words(f.st.notice()) == "Activity scheduled.");
    REQUIRE(f.net.pending.size() == 1);  // the block reloads
    f.net.answer(200, json{{"items", json::array({activity(9, "2026-12-01", "planned")})}, {"today", "2026-11-28"}}.dump());
    CHECK(f.st.lead_items().size() == 1);
}

TEST_CASE("activities: Mark done sends the feedback with the version and offers the suggested types") {
    ActivityFixture f;
    f.open_block(json::array({activity(5, "2026-11-26", "overdue", 3)}));
    f.st.open_done(f.st.lead_items()[0]);
    CHECK(f.st.dialog() == ActivityDialog::done);
    f.st.feedback() = "Хариу өгсөн";
    f.st.submit_done();
    json done = activity(5, "2026-11-26", "overdue", 4);
    done["state"] = "done";
    HttpRequest sent = f.net.answer(200, json{{"activity", done}, {"scheduled", json::array()},
                                              {"suggested_type_ids", {3, 99}}, {"message_id", 77}}.dump());
    CHECK(sent.path == "/api/v1/activities/5/done");
    CHECK(json::parse(sent.body) == json{{"feedback", "Хариу өгсөн"}, {"version", 3}});
    CHECK(f.st.dialog() == ActivityDialog::next);
    CHECK(f.st.suggested() == std::vector<std::int64_t>{3});  // an unknown type is not offered
    f.st.schedule_suggested(3);
    CHECK(f.st.dialog() == ActivityDialog::schedule);
    CHECK(f.st.draft().type_id == 3);
    CHECK(f.st.draft().lead_id == 42);
    CHECK(f.st.draft().due_date == "2026-11-28");
}

TEST_CASE("activities: a type that triggers the next one: the scheduled activity is named, no question asked") {
    ActivityFixture f;
    f.open_block(json::array({activity(6, "2026-11-28", "today", 1, 2)}));
    f.st.open_done(f.st.lead_items()[0]);
    f.st.submit_done();
    f.net.answer(200, json{{"activity", activity(6, "2026-11-28", "today", 2, 2)},
                           {"scheduled", json::array({activity(8, "2026-11-30", "planned")})},
                           {"suggested_type_ids", json::array()}}.dump());
    CHECK(f.st.dialog() == ActivityDialog::none);
    CHECK(words(f.st.notice()) == "Marked done; next step scheduled: Call — Call back");
    CHECK(f.net.pending.size() == 1);  // reload of the block
}

TEST_CASE("activities: Snooze and Cancel; a stale edit reloads with a message; the done dialog keeps a refusal") {
    ActivityFixture f;
    f.open_block(json::array({activity(5, "2026-11-26", "overdue", 3)}));
    f.st.snooze(f.st.lead_items()[0], 7);
    HttpRequest sent = f.net.answer(200, activity(5, "2026-12-05", "planned", 4).dump());
    CHECK(sent.path == "/api/v1/activities/5/snooze");
    CHECK(json::parse(sent.body) == json{{"days", 7}, {"version", 3}});  // the version read, like every write
    CHECK(words(f.st.notice()) == "Moved 7 day(s) later.");
    f.net.answer(200, json{{"items", json::array({activity(5, "2026-12-05", "planned", 4)})}, {"today", "2026-11-28"}}.dump());

    // Snoozed by someone else meanwhile: the 409 says so and the block shows the record as it is now.
    ActivityItem stale_copy = f.st.lead_items()[0];
    stale_copy.activity.version = 3;
    f.st.snooze(stale_copy, 1);
    sent = f.net.answer(409, json{{"error", {{"code", "conflict"}, {"message", "stale"},
                                             {"current", activity(5, "2026-12-05", "planned", 4)}}}}.dump());
    CHECK(json::parse(sent.body)["version"] == 3);
    CHECK(words(f.st.banner()) == "Someone else changed this activity; the current list is shown.");
    REQUIRE(f.net.pending.size() == 1);  // reload
    f.net.answer(200, json{{"items", json::array({activity(5, "2026-12-05", "planned", 4)})}, {"today", "2026-11-28"}}.dump());
    f.st.dismiss();

    f.st.cancel(5);
    sent = f.net.answer(200, activity(5, "2026-12-05", "planned", 5).dump());
    CHECK(sent.method == "DELETE");
    CHECK(sent.path == "/api/v1/activities/5");
    f.net.answer(200, json{{"items", json::array()}, {"today", "2026-11-28"}}.dump());
    CHECK(f.st.lead_items().empty());

    f.st.open_edit(*activity_item_from_json(activity(7, "2026-12-02", "planned", 2)));
    CHECK(f.st.draft().activity_id == 7);
    f.st.draft().summary = "Changed";
    f.st.save_dialog();
    sent = f.net.answer(409, json{{"error", {{"code", "conflict"}, {"message", "stale"},
                                             {"current", activity(7, "2026-12-03", "planned", 3)}}}}.dump());
    CHECK(sent.method == "PATCH");
    CHECK(json::parse(sent.body)["version"] == 2);
    CHECK(f.st.dialog() == ActivityDialog::none);
    CHECK(words(f.st.banner()) == "Someone else changed this activity; the current list is shown.");
    CHECK(f.net.pending.size() == 1);  // reload

    f.net.answer(200, json{{"items", json::array({activity(7, "2026-12-03", "planned", 3)})}, {"today", "2026-11-28"}}.dump());
    f.st.open_done(f.st.lead_items()[0]);
    f.st.submit_done();
    f.net.answer(422, R"({"error":{"code":"validation","message":"the activity is not open","field":"state"}})");
    CHECK(f.st.dialog() == ActivityDialog::done);
    CHECK(f.st.busy() == false);
}

TEST_CASE("activities: My activities in three groups; a manager picks another user; a 401 ends the session") {
    ActivityFixture f;
    f.st.load_mine();
    f.net.answer(200, types_body);
    f.net.answer(200, R"({"items":[{"id":1,"login":"admin","name":"Админ"},{"id":2,"login":"sara","name":"Сараа"}]})");
    CHECK(f.st.user_name(2) == "Сараа");
    CHECK(f.st.user_name(9) == "#9");
    json overdue = activity(5, "2026-11-26", "overdue");
    overdue["lead_name"] = "Номин ХХК";
    HttpRequest sent = f.net.answer(200, json{{"user_id", 1}, {"today", "2026-11-28"},
                                              {"groups", {{"overdue", {overdue}}, {"today", json::array()},
                                                          {"planned", {activity(6, "2026-12-01", "planned")}}}}}.dump());
    CHECK(sent.path == "/api/v1/activities/mine");
    REQUIRE(f.st.mine_loaded());
    REQUIRE(f.st.mine(ActivityState::overdue).size() == 1);
    CHECK(f.st.mine(ActivityState::overdue)[0].lead_name == "Номин ХХК");
    CHECK(f.st.mine(ActivityState::today).empty());
    CHECK(f.st.mine(ActivityState::planned).size() == 1);

    f.st.load_mine(2);
    CHECK(f.net.pending.front().request.path == "/api/v1/activities/mine?user_id=2");
    f.net.answer(401, R"({"error":{"code":"unauthorized","message":"signed out"}})");
    CHECK(f.app.session_status() == SessionStatus::signed_out);
}

TEST_CASE("activities: #/activities loads My activities; ?user= asks for another user's") {
    ActivityFixture f;
    f.app.navigate(Route::activities());
    CHECK(f.host.url() == "#/activities");
    CHECK(f.app.view() == "activities");
    f.drain_other();
    REQUIRE(f.net.pending.size() == 2);
    CHECK(f.net.answer(200, types_body).path == "/api/v1/activity-types");
    CHECK(f.net.answer(200, R"({"user_id":1,"today":"2026-11-28","groups":{"overdue":[],"today":[],"planned":[]}})").path ==
          "/api/v1/activities/mine");
    CHECK(f.st.mine_loaded());
    f.app.navigate(activities_route(2));
    CHECK(f.host.url() == "#/activities?user=2");
    f.drain_other();
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.pending.front().request.path == "/api/v1/activities/mine?user_id=2");
    CHECK(parse_route("#/activities?user=2").view == View::activities);
    CHECK(format_route(parse_route("#/activities?user=2")) == "#/activities?user=2");
}
