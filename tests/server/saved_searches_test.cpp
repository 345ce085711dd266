// The search bar (issue 5) over real HTTP: the filters the new chips produce (the exact text the client's
// search_chips_test asserts) select the right leads on the server, and saved favourite searches: own and shared
// ones, one default per owner and view, changes and deletes only by the owner or an administrator, errors that
// name the field, and none for portal users.
#include <doctest/doctest.h>

#include <set>

#include "auth_helpers.hpp"
#include "tumen/route.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

std::set<int64_t> lead_ids(httplib::Client& c, const std::string& filter) {
    auto r = c.Get("/api/v1/leads?active=all&limit=100&filter=" + tumen::percent_encode(filter));
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, filter << ": " << r->body);
    std::set<int64_t> out;
    const json body = body_of(r);
    for (const auto& it : body["items"]) out.insert(it["id"].get<int64_t>());
    return out;
}

int64_t created(const httplib::Result& r) {
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r)["id"].get<int64_t>();
}

std::vector<std::string> saved_searches_names(httplib::Client& c, const std::string& view) {
    auto r = c.Get("/api/v1/saved-searches?view=" + view);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    std::vector<std::string> out;
    const json body = body_of(r);  // kept: a range-for over a temporary's member would dangle
    for (const auto& it : body["items"]) out.push_back(it["name"].get<std::string>() + (it["default"].get<bool>() ? "*" : ""));
    return out;
}

}  // namespace

TEST_CASE("search chips: rotting, tag, country and date presets select the right leads on the server") {
    TestServer s;
    s.login();
    REQUIRE(patch_json(s.client, "/api/v1/account", {{"tz", "Asia/Ulaanbaatar"}})->status == 200);
    const int64_t rots = created(post_json(s.client, "/api/v1/stages", {{"name", "Шинэ"}, {"rotting_days", 7}}));
    const int64_t vip = created(post_json(s.client, "/api/v1/tags", {{"name", "VIP"}, {"color", 3}}));
    const int64_t a = created(post_json(s.client, "/api/v1/leads", {{"name", "Алтай"}, {"country", "MN"}, {"tag_ids", {vip}}}));
    const int64_t b = created(post_json(s.client, "/api/v1/leads", {{"name", "Бээжин"}, {"country", "CN"}}));
    const int64_t c = created(post_json(s.client, "/api/v1/leads", {{"name", "Хуучин"}, {"country", "MN"}}));
    // c: idle 10 days in a stage that rots after 7, created last year.
    s.app->db().write([&](tumen::store::Connection& db) {
        db.prepare_uncached("UPDATE leads SET stage_id = ?, date_last_stage_update = CAST(strftime('%s', 'now') AS INTEGER)"
                            " - 10 * 86400, create_date = CAST(strftime('%s', 'now') AS INTEGER) - 400 * 86400 WHERE id = ?")
            .bind(1, rots).bind(2, c).run();
        return 0;
    });
    CHECK(lead_ids(s.client, "rotting = true") == std::set<int64_t>{c});
    CHECK(lead_ids(s.client, "tag_ids has " + std::to_string(vip)) == std::set<int64_t>{a});
    CHECK(lead_ids(s.client, "country = \"MN\"") == std::set<int64_t>{a, c});
    CHECK(lead_ids(s.client, "create_date >= this_month and create_date < this_month + 1m") == std::set<int64_t>{a, b});
    CHECK(lead_ids(s.client, "create_date = today") == std::set<int64_t>{a, b});
    CHECK(lead_ids(s.client, "create_date >= today - 29d and create_date <= today") == std::set<int64_t>{a, b});
    CHECK(lead_ids(s.client, "create_date >= this_year and create_date < this_year + 1y") == std::set<int64_t>{a, b});
    CHECK(lead_ids(s.client, "date_closed >= this_quarter and date_closed < this_quarter + 3m").empty());
    CHECK(lead_ids(s.client, "rotting = true and country = \"MN\" and create_date < this_year").size() == 1);
}

TEST_CASE("saved searches: own and shared, one default per view, owner or admin changes, fields named") {
    TestServer s;
    s.login();
    create_user(s, "bold", "sales_all");
    create_user(s, "sara", "sales_own");
    create_user(s, "reseller", "portal");
    auto bold = sign_in(s, "bold");
    auto sara = sign_in(s, "sara");
    auto portal = sign_in(s, "reseller");

    const int64_t mine = created(post_json(*bold.client, "/api/v1/saved-searches",
                                           {{"name", " Миний VIP "}, {"view", "list"}, {"query", "tag=3&date=create_date%3Athis_month"}, {"default", true}}));
    const int64_t team = created(post_json(*bold.client, "/api/v1/saved-searches",
                                           {{"name", "Баг: хуучирсан"}, {"view", "board"}, {"query", "f=rotting"}, {"shared", true}}));
    // A second default of the same view takes over; the board's is separate.
    const int64_t second = created(post_json(*bold.client, "/api/v1/saved-searches",
                                             {{"name", "Алдсан"}, {"view", "list"}, {"query", "f=lost"}, {"default", true}}));
    CHECK(saved_searches_names(*bold.client, "list") == std::vector<std::string>{"Алдсан*", "Миний VIP"});
    CHECK(saved_searches_names(*bold.client, "board") == std::vector<std::string>{"Баг: хуучирсан"});
    auto got = body_of(bold.client->Get("/api/v1/saved-searches"))["items"];
    CHECK(got.size() == 3);
    for (const auto& it : got) CHECK(it["own"] == true);

    // Sara sees the shared one only, cannot change or delete it, and gets 404 for Bold's private one.
    CHECK(saved_searches_names(*sara.client, "list").empty());
    auto shared_seen = body_of(sara.client->Get("/api/v1/saved-searches?view=board"))["items"];
    REQUIRE(shared_seen.size() == 1);
    CHECK(shared_seen[0]["own"] == false);
    CHECK(shared_seen[0]["query"] == "f=rotting");
    const std::string team_path = "/api/v1/saved-searches/" + std::to_string(team);
    CHECK(patch_json(*sara.client, team_path, {{"name", "Минийх"}})->status == 403);
    CHECK(sara.client->Delete(team_path)->status == 403);
    CHECK(patch_json(*sara.client, "/api/v1/saved-searches/" + std::to_string(mine), {{"name", "x"}})->status == 404);
    CHECK(sara.client->Delete("/api/v1/saved-searches/" + std::to_string(mine))->status == 404);

    // The owner renames and un-shares; the admin may change and delete anyone's.
    auto renamed = patch_json(*bold.client, team_path, {{"name", "Хуучирсан"}, {"default", true}});
    REQUIRE(renamed->status == 200);
    CHECK(body_of(renamed)["name"] == "Хуучирсан");
    CHECK(body_of(renamed)["default"] == true);
    CHECK(patch_json(s.client, "/api/v1/saved-searches/" + std::to_string(mine), {{"shared", true}})->status == 200);
    CHECK(saved_searches_names(*sara.client, "list") == std::vector<std::string>{"Миний VIP"});
    CHECK(s.client.Delete("/api/v1/saved-searches/" + std::to_string(second))->status == 204);
    CHECK(saved_searches_names(*bold.client, "list") == std::vector<std::string>{"Миний VIP"});

    // Errors name the field.
    auto bad = post_json(*bold.client, "/api/v1/saved-searches", {{"name", "  "}, {"view", "calendar"}, {"shared", "yes"}});
    REQUIRE(bad->status == 422);
    std::set<std::string> fields;
    const json bad_body = body_of(bad);
    for (const auto& d : bad_body["error"]["details"]) fields.insert(d["field"].get<std::string>());
    CHECK(fields == std::set<std::string>{"name", "view", "shared"});
    auto long_query = post_json(*bold.client, "/api/v1/saved-searches", {{"name", "n"}, {"view", "list"}, {"query", std::string(4001, 'a')}});
    REQUIRE(long_query->status == 422);
    CHECK(body_of(long_query)["error"]["field"] == "query");
    auto other_view = patch_json(*bold.client, team_path, {{"view", "list"}});
    REQUIRE(other_view->status == 422);
    CHECK(body_of(other_view)["error"]["field"] == "view");
    CHECK(bold.client->Get("/api/v1/saved-searches?view=calendar")->status == 400);

    // Portal users have none, not even the shared ones.
    CHECK(portal.client->Get("/api/v1/saved-searches")->status == 403);
    CHECK(post_json(*portal.client, "/api/v1/saved-searches", {{"name", "n"}, {"view", "list"}})->status == 403);
    CHECK(portal.client->Delete(team_path)->status == 403);
}
