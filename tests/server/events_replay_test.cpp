// Last-Event-ID: a reconnecting client gets what it missed from the change log, or `reload` when that is no
// longer kept (the log is bounded) or the id is not one this server sent.
#include <doctest/doctest.h>

#include "events_helpers.hpp"
#include "store/change_log.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

std::vector<int64_t> rename_many(TestServer& s, int64_t lead_id, int64_t version, int n) {
    std::vector<int64_t> versions;
    for (int i = 0; i < n; ++i) {
        auto r = patch_json(s.client, "/api/v1/leads/" + std::to_string(lead_id),
                            {{"name", "Нэр " + std::to_string(i)}, {"version", version}});
        REQUIRE(r->status == 200);
        version = body_of(r)["version"];
        versions.push_back(version);
    }
    return versions;
}

}  // namespace

TEST_CASE("a reconnecting client receives the events it missed, in order, by header or query") {
    TestServer s;
    s.login();
    auto admin = sign_in(s, "admin", admin_password);
    auto lead = new_lead(s.client, {{"name", "Анхны"}});
    std::string last;
    {
        auto stream = open_stream(s, admin.cookie);
        auto hello = stream->next_named("hello");
        REQUIRE(hello);
        last = hello->id;
    }  // the client goes away
    const auto versions = rename_many(s, lead["id"], lead["version"], 3);

    for (const std::string& how : {std::string("header"), std::string("query")}) {
        CAPTURE(how);
        auto again = how == "header" ? open_stream(s, admin.cookie, {"Last-Event-ID: " + last})
                                     : open_stream(s, admin.cookie, {}, "/api/v1/events?last_event_id=" + last);
        REQUIRE(again->status() == 200);
        int64_t previous = std::stoll(last);
        int64_t version = 0;
        json d;
        for (int i = 0; i < 3; ++i) {
            auto e = again->next();
            REQUIRE(e);
            CHECK(e->event == "lead.updated");
            CHECK(std::stoll(e->id) == previous + 1);  // nothing skipped, nothing twice
            previous = std::stoll(e->id);
            // Each event carries the lead as it was read after its commit (the same moment or later): versions
            // never go back, and the last one is the lead as it is now.
            d = json::parse(e->data);
            CHECK(d["version"].get<int64_t>() >= version);
            version = d["version"];
        }
        CHECK(d["lead"]["name"] == "Нэр 2");
        CHECK(d["version"] == versions.back());
    }
}

TEST_CASE("the change log is bounded; a client further behind is told to reload") {
    TestServer s([](tumen::server::Config& c) { c.change_log_keep_rows = 5; });
    s.login();
    auto admin = sign_in(s, "admin", admin_password);
    auto lead = new_lead(s.client, {{"name", "Олон"}});
    rename_many(s, lead["id"], lead["version"], 12);
    s.app->events().prune();
    CHECK(scalar(s, "SELECT count(*) FROM change_log") == 5);
    const int64_t oldest = scalar(s, "SELECT min(id) FROM change_log");
    const int64_t newest = scalar(s, "SELECT max(id) FROM change_log");

    auto behind = open_stream(s, admin.cookie, {"Last-Event-ID: 1"});
    auto e = behind->next();
    REQUIRE(e);
    CHECK(e->event == "reload");
    CHECK(e->id == std::to_string(newest));  // a reconnect after reloading starts from here
    CHECK(json::parse(e->data)["reason"] == "too_old");

    // Just inside the window: replay, no reload.
    auto inside = open_stream(s, admin.cookie, {"Last-Event-ID: " + std::to_string(oldest - 1)});
    auto first = inside->next();
    REQUIRE(first);
    CHECK(first->event == "lead.updated");
    CHECK(first->id == std::to_string(oldest));

    auto future = open_stream(s, admin.cookie, {"Last-Event-ID: " + std::to_string(newest + 100)});
    auto f = future->next();
    REQUIRE(f);
    CHECK(f->event == "reload");
    CHECK(json::parse(f->data)["reason"] == "unknown_id");
}

TEST_CASE("pruning keeps the newest row, so ids keep growing") {
    TestServer s;
    s.login();
    new_lead(s.client, {{"name", "Нэг"}});
    const int64_t newest = scalar(s, "SELECT max(id) FROM change_log");
    s.app->db().write([](tumen::store::Connection& c) { tumen::store::prune_changes(c, 0, INT64_MAX); });
    CHECK(scalar(s, "SELECT count(*) FROM change_log") == 1);
    new_lead(s.client, {{"name", "Хоёр"}});
    CHECK(scalar(s, "SELECT max(id) FROM change_log") == newest + 1);
}
