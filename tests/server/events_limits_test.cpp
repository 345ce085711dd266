// Each open stream holds a worker thread: the number of streams is capped (503 with a clear error beyond it),
// idle streams send heartbeats, and a client that disappears frees its slot.
#include <doctest/doctest.h>

#include <thread>

#include "events_helpers.hpp"

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
