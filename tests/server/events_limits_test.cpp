// Each open stream holds a worker thread: the number of streams is capped (503 with a clear error beyond it),
// idle streams send heartbeats, and a client that disappears frees its slot.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "events_helpers.hpp"
#include "store/change_log.hpp"

using namespace tumen::testing;
using nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("beyond the stream cap the server answers 503 with a JSON error, and other requests still work") {
    TestServer s([](tumen::server::Config& c) { c.max_streams = 2; });
    s.login();
    auto admin = sign_in(s, "admin", admin_password);
    auto one = open_stream(s, admin.cookie), two = open_stream(s, admin.cookie);
    REQUIRE(one->next_named("hello"));
    REQUIRE(two->next_named("hello"));
    CHECK(s.app->events().open_streams() == 2);

    auto three = open_stream(s, admin.cookie);
    CHECK(three->status() == 503);
    CHECK(three->header("Retry-After") == "5");
    json err = json::parse(three->body());
    CHECK(err["error"]["code"] == "unavailable");
    CHECK(err["error"]["message"].get<std::string>().find("limit 2") != std::string::npos);
    // The streams have threads of their own: ordinary requests are served meanwhile.
    for (int i = 0; i < 10; ++i) CHECK(s.client.Get("/api/v1/session/me")->status == 200);
}

TEST_CASE("an idle stream sends heartbeats") {
    TestServer s([](tumen::server::Config& c) { c.events_heartbeat_ms = 50; });
    s.login();
    auto admin = sign_in(s, "admin", admin_password);
    auto stream = open_stream(s, admin.cookie);
    REQUIRE(stream->next_named("hello"));
    CHECK(stream->wait_comments(3, 5s));
}

TEST_CASE("a client that disconnects frees its slot: a new one can connect at the cap") {
    TestServer s([](tumen::server::Config& c) {
        c.max_streams = 1;
        c.events_heartbeat_ms = 30;
    });
    s.login();
    auto admin = sign_in(s, "admin", admin_password);
    auto first = open_stream(s, admin.cookie);
    REQUIRE(first->next_named("hello"));
    CHECK(open_stream(s, admin.cookie)->status() == 503);
    first->close();  // vanishes without a word, like a closed laptop lid
    // Its next heartbeats fail to write; the worker and the slot come back.
    int status = 0;
    for (int i = 0; i < 100 && status != 200; ++i) {
        auto next = open_stream(s, admin.cookie);
        status = next->status();
        if (status == 200) {
            CHECK(next->next_named("hello"));
            CHECK(s.app->events().open_streams() == 1);
        } else {
            std::this_thread::sleep_for(50ms);
        }
    }
    CHECK(status == 200);
}

TEST_CASE("a stream keeps its heartbeat while it replays a long run of events it may not see") {
    TestServer s([](tumen::server::Config& c) {
        c.events_heartbeat_ms = 10;
        c.change_log_keep_rows = 1000000;  // the whole run stays replayable
    });
    s.login();
    const int64_t team = insert_team(s, "Өргөө");
    const int64_t stage = add_stage(s, "Шинэ", 1);
    const int64_t own_id = create_user(s, "own", "sales_own", {{"team_ids", {team}}})["id"];
    const int64_t other_id = create_user(s, "other", "sales_own", {{"team_ids", {team}}})["id"];
    auto own = sign_in(s, "own");
    auto theirs = new_lead(s.client, {{"name", "Бусдын"}, {"user_id", other_id}, {"team_id", team}, {"stage_id", stage}});
    // 20,000 changes of someone else's lead, then one of "own"'s: a replay from the start reads the log for a
    // while and sends nothing, and the heartbeat must go out meanwhile (or proxies take the stream for dead).
    s.app->db().write([&](tumen::store::Connection& c) {
        for (int i = 0; i < 20000; ++i) {
            tumen::store::ChangeEvent e;
            e.entity = "lead";
            e.entity_id = theirs["id"];
            e.action = "updated";
            e.team_id = team;
            e.user_id = other_id;
            tumen::store::append_change(c, e);
        }
        return 0;
    });
    auto mine = new_lead(s.client, {{"name", "Минийх"}, {"user_id", own_id}, {"team_id", team}, {"stage_id", stage}});
    // Once the hub has published all of it, the stream is the one behind: it replays from the log, not memory.
    const int64_t newest = tumen::store::change_window(s.app->db().reader()).newest;
    // Up to 30 s, as the stream below: the hub publishing 20,001 rows once took more than 10 s on a loaded box.
    for (int i = 0; i < 1500 && s.app->events().published() < newest; ++i) std::this_thread::sleep_for(20ms);
    REQUIRE(s.app->events().published() == newest);

    auto stream = open_stream(s, own.cookie, {"Last-Event-ID: 0"});
    auto first = next_lead(*stream, std::chrono::seconds(30));  // the replay reads 20,000 rows: slow on a loaded CI box
    REQUIRE(first);
    CHECK(json::parse(first->data)["id"] == mine["id"]);
    CHECK(stream->comments() >= 2);
}
