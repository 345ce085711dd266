// GET /api/v1/events over real HTTP streams: sign-in, the first frames, a change reaching another user's stream
// with the lead's board fields, and streams ending when the server stops.
#include <doctest/doctest.h>

#include "events_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;
using namespace std::chrono_literals;

TEST_CASE("the event stream needs a session or a kiosk token") {
    TestServer s;
    auto anon = open_stream(s, "");
    CHECK(anon->status() == 401);
    CHECK(json::parse(anon->body())["error"]["code"] == "unauthorized");

    auto forged = open_stream(s, "tumen_session=forged");
    CHECK(forged->status() == 401);
}

TEST_CASE("a signed-in stream starts with hello at the newest change and gets another user's move at once") {
    TestServer s;
    s.login();
    const int64_t a = add_stage(s, "Шинэ", 1), b = add_stage(s, "Тохирсон", 2);
    create_user(s, "sara", "sales_all");
    auto sara = sign_in(s, "sara");
    auto lead = new_lead(s.client, {{"name", "Өлзий ХХК"}, {"stage_id", a}});

    auto stream = open_stream(s, sara.cookie);
    REQUIRE(stream->status() == 200);
    CHECK(stream->header("Content-Type").rfind("text/event-stream", 0) == 0);
    CHECK(stream->header("Cache-Control").find("no-cache") != std::string::npos);
    auto hello = stream->next();
    REQUIRE(hello);
    CHECK(hello->event == "hello");
    const int64_t newest = scalar(s, "SELECT max(id) FROM change_log");
    CHECK(hello->id == std::to_string(newest));

    auto moved = post_json(s.client, "/api/v1/leads/" + std::to_string(lead["id"].get<int64_t>()) + "/move",
                           {{"stage_id", b}, {"version", lead["version"]}});
    REQUIRE(moved->status == 200);
    auto e = stream->next();
    REQUIRE(e);
    CHECK(e->event == "lead.moved");
    CHECK(std::stoll(e->id) > newest);
    json d = json::parse(e->data);
    CHECK(d["entity"] == "lead");
    CHECK(d["action"] == "moved");
    CHECK(d["id"] == lead["id"]);
    CHECK(d["version"] == body_of(moved)["version"]);
    CHECK(d["lead"]["stage_id"] == b);
    CHECK(d["lead"]["name"] == "Өлзий ХХК");
    CHECK(d["by"] == 1);
    CHECK_FALSE(d["lead"].contains("description"));  // board and list fields only
}

TEST_CASE("settings changes reach every user; an import's batch only the user who ran it") {
    TestServer s;
    s.login();
    create_user(s, "sara", "sales_all");
    auto sara = sign_in(s, "sara");
    auto stream = open_stream(s, sara.cookie);
    REQUIRE(stream->next_named("hello"));
    auto stage = post_json(s.client, "/api/v1/stages", {{"name", "Гэрээ"}});
    REQUIRE(stage->status == 201);
    auto e = stream->next();
    REQUIRE(e);
    CHECK(e->event == "stage.created");
    CHECK(json::parse(e->data)["payload"].contains("version"));
    // A row only the administrator's import may see: written the way import_targets.cpp logs a batch.
    s.app->db().write([](tumen::store::Connection& c) {
        c.exec("INSERT INTO change_log(at, entity, entity_id, action, user_id, payload) "
               "VALUES (1, 'import', 7, 'batch', 1, '{\"entity\":\"lead\",\"created\":[1]}')");
    });
    auto tag = post_json(s.client, "/api/v1/tags", {{"name", "VIP"}});
    REQUIRE(tag->status == 201);
    auto next = stream->next();
    REQUIRE(next);
    CHECK(next->event == "tag.created");  // the import batch was skipped
}

TEST_CASE("the event stream is never compressed, even when the client accepts gzip and brotli") {
    // A compressor holds events back until its buffer fills: a gzipped stream would deliver nothing live.
    TestServer s;
    s.login();
    auto admin = sign_in(s, "admin", admin_password);
    for (const std::string& accept : {std::string("gzip"), std::string("gzip, deflate, br"), std::string("br")}) {
        CAPTURE(accept);
        auto stream = open_stream(s, admin.cookie, {"Accept-Encoding: " + accept});
        REQUIRE(stream->status() == 200);
        CHECK(stream->header("Content-Encoding").empty());
        auto hello = stream->next();
        REQUIRE(hello);
        CHECK(hello->event == "hello");
    }
}

TEST_CASE("a malformed Last-Event-ID is refused naming it") {
    TestServer s;
    s.login();
    auto admin = sign_in(s, "admin", admin_password);
    auto bad = open_stream(s, admin.cookie, {"Last-Event-ID: abc"});
    CHECK(bad->status() == 422);
    CHECK(json::parse(bad->body()).dump().find("Last-Event-ID") != std::string::npos);
    auto bad_query = open_stream(s, admin.cookie, {}, "/api/v1/events?last_event_id=-3");
    CHECK(bad_query->status() == 422);
    CHECK(json::parse(bad_query->body()).dump().find("last_event_id") != std::string::npos);
}

TEST_CASE("open streams end when the server stops") {
    TestServer s;
    s.login();
    auto admin = sign_in(s, "admin", admin_password);
    auto stream = open_stream(s, admin.cookie);
    REQUIRE(stream->next_named("hello"));
    s.app->stop();  // returns only after every worker, the stream's included, has finished
    CHECK(stream->ended(5s));
}
