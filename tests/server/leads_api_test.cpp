// Leads over real HTTP: create, read, edit with versions, lifecycle actions, search, board groups, chatter.
#include <doctest/doctest.h>
#include <algorithm>
#include <map>
#include <set>

#include "store/stages.hpp"
#include "test_server.hpp"

using nlohmann::json;
using tumen::testing::TestServer;

namespace {

struct Pipeline {
    int64_t new_id = 0, qualified_id = 0, won_id = 0;
};

Pipeline leads_api_add_stages(TestServer& s) {
    Pipeline p;
    s.app->db().write([&](tumen::store::Connection& c) {
        tumen::Stage a;
        a.name = "New";
        a.sequence = 1;
        a.default_probability = 10;
        tumen::store::insert_stage(c, a);
        tumen::Stage b;
        b.name = "Qualified";
        b.sequence = 2;
        b.default_probability = 40;
        tumen::store::insert_stage(c, b);
        tumen::Stage w;
        w.name = "Won";
        w.sequence = 9;
        w.is_won = true;
        w.fold = true;
        tumen::store::insert_stage(c, w);
        c.exec("INSERT INTO lost_reasons(name) VALUES ('Too expensive')");
        p = {a.id, b.id, w.id};
    });
    return p;
}

json leads_api_post(TestServer& s, const std::string& path, const json& body, int expect) {
    auto r = s.client.Post(path.c_str(), body.dump(), "application/json");
    REQUIRE(r);
    CHECK_MESSAGE(r->status == expect, r->body);
    return r->body.empty() ? json() : json::parse(r->body);
}

json patch(TestServer& s, const std::string& path, const json& body, int expect) {
    auto r = s.client.Patch(path.c_str(), body.dump(), "application/json");
    REQUIRE(r);
    CHECK_MESSAGE(r->status == expect, r->body);
    return json::parse(r->body);
}

json get(TestServer& s, const std::string& path, int expect = 200) {
    auto r = s.client.Get(path.c_str());
    REQUIRE(r);
    CHECK_MESSAGE(r->status == expect, r->body);
    return json::parse(r->body);
}

std::string leads_api_url_encode(const std::string& s) {
    std::string out;
    const char* hex = "0123456789ABCDEF";
    for (unsigned char c : s) {
        if (isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("a lead is created with defaults from its stage and read back") {
    TestServer s;
    auto p = leads_api_add_stages(s);
    s.login();
    auto lead = leads_api_post(s, "/api/v1/leads",
                     {{"name", "Шинэ оффисын тавилга"}, {"contact_name", "Өлзий Батбаяр"}, {"email", "ulzii@example.mn"},
                      {"expected_revenue", {{"amount", 1500000000}, {"currency", "MNT"}}}},
                     201);
    CHECK(lead["id"].get<int64_t>() > 0);
    CHECK(lead["version"] == 1);
    CHECK(lead["stage_id"] == p.new_id);
    CHECK(lead["probability"].get<double>() == doctest::Approx(10));
    auto back = get(s, "/api/v1/leads/" + std::to_string(lead["id"].get<int64_t>()));
    CHECK(back["contact_name"] == "Өлзий Батбаяр");
    CHECK(back["expected_revenue"]["amount"] == 1500000000);
}

TEST_CASE("bad lead input gets 422 naming every field, and nothing is written") {
    TestServer s;
    leads_api_add_stages(s);
    s.login();
    auto e = leads_api_post(s, "/api/v1/leads", {{"name", ""}, {"priority", 7}, {"probability", 140}}, 422);
    CHECK(e["error"]["code"] == "validation");
    std::set<std::string> fields;
    for (auto& d : e["error"]["details"]) fields.insert(d["field"].get<std::string>());
    CHECK(fields.count("name"));
    CHECK(fields.count("priority"));
    CHECK(fields.count("probability"));
    CHECK(get(s, "/api/v1/leads?total=true")["total"] == 0);
}

TEST_CASE("an edit with a stale version gets 409 with the current record and overwrites nothing") {
    TestServer s;
    leads_api_add_stages(s);
    s.login();
    auto lead = leads_api_post(s, "/api/v1/leads", {{"name", "Deal"}}, 201);
    const std::string path = "/api/v1/leads/" + std::to_string(lead["id"].get<int64_t>());
    auto v2 = patch(s, path, {{"version", 1}, {"city", "Дархан"}}, 200);
    CHECK(v2["version"] == 2);
    auto conflict = patch(s, path, {{"version", 1}, {"city", "Эрдэнэт"}}, 409);
    CHECK(conflict["error"]["code"] == "conflict");
    CHECK(conflict["error"]["current"]["city"] == "Дархан");
    CHECK(get(s, path)["city"] == "Дархан");
    auto missing = patch(s, path, {{"city", "Эрдэнэт"}}, 422);
    CHECK(missing["error"]["field"] == "version");
}

TEST_CASE("move, won, lost and restore follow the lifecycle rules and are tracked in the chatter") {
    TestServer s;
    auto p = leads_api_add_stages(s);
    s.login();
    auto lead = leads_api_post(s, "/api/v1/leads", {{"name", "Сүлжээний тоног төхөөрөмж"}}, 201);
    const std::string path = "/api/v1/leads/" + std::to_string(lead["id"].get<int64_t>());

    auto moved = leads_api_post(s, path + "/move", {{"stage_id", p.qualified_id}, {"version", 1}}, 200);
    CHECK(moved["stage_id"] == p.qualified_id);
    CHECK(moved["probability"].get<double>() == doctest::Approx(40));

    auto won = leads_api_post(s, path + "/won", {{"version", moved["version"]}}, 200);
    CHECK(won["stage_id"] == p.won_id);
    CHECK(won["probability"].get<double>() == doctest::Approx(100));
    CHECK(!won["date_closed"].is_null());

    // Won leads are not lost directly: 409.
    leads_api_post(s, path + "/lost", {{"version", won["version"]}}, 409);
    auto back = leads_api_post(s, path + "/move", {{"stage_id", p.new_id}, {"version", won["version"]}}, 200);
    CHECK(back["date_closed"].is_null());

    auto reasons = s.app->db().reader().prepare("SELECT id FROM lost_reasons").scalar_int();
    auto lost = leads_api_post(s, path + "/lost", {{"version", back["version"]}, {"lost_reason_id", reasons}, {"note", "Үнэ өндөр"}}, 200);
    CHECK(lost["active"] == false);
    CHECK(lost["probability"].get<double>() == doctest::Approx(0));
    CHECK(lost["lost_reason_id"] == reasons);
    leads_api_post(s, path + "/lost", {{"version", lost["version"]}, {"lost_reason_id", 999}}, 422);

    auto restored = leads_api_post(s, path + "/restore", {{"version", lost["version"]}}, 200);
    CHECK(restored["active"] == true);
    CHECK(restored["lost_reason_id"].is_null());

    auto timeline = get(s, path + "/messages");
    std::set<std::string> tracked;
    for (auto& m : timeline["items"])
        for (auto& t : m["tracking_values"]) tracked.insert(t["field"].get<std::string>());
    CHECK(tracked.count("stage_id"));
    CHECK(tracked.count("probability"));
    CHECK(tracked.count("lost_reason_id"));
}

TEST_CASE("unknown lead ids are 404 and archived leads leave the default list") {
    TestServer s;
    leads_api_add_stages(s);
    s.login();
    get(s, "/api/v1/leads/424242", 404);
    auto lead = leads_api_post(s, "/api/v1/leads", {{"name", "To archive"}}, 201);
    const std::string path = "/api/v1/leads/" + std::to_string(lead["id"].get<int64_t>());
    leads_api_post(s, path + "/archive", {{"version", 1}}, 200);
    CHECK(get(s, "/api/v1/leads?total=true")["total"] == 0);
    CHECK(get(s, "/api/v1/leads?active=false&total=true")["total"] == 1);
    CHECK(get(s, "/api/v1/leads?active=all&total=true")["total"] == 1);
}

TEST_CASE("search: filter language, Cyrillic full text with ё = е, stable cursor paging") {
    TestServer s;
    leads_api_add_stages(s);
    s.login();
    const std::vector<std::string> names = {"Алёна Эрдэнэ", "Болд Ганбаатар", "Өлзийбат Дорж", "Alena Smith", "Bold Trading"};
    for (size_t i = 0; i < names.size(); ++i)
        leads_api_post(s, "/api/v1/leads",
             {{"name", "Lead " + std::to_string(i)}, {"contact_name", names[i]}, {"country", i % 2 ? "MN" : "CN"},
              {"expected_revenue", {{"amount", static_cast<int64_t>(i) * 1000}, {"currency", "MNT"}}}},
             201);

    auto mn = get(s, "/api/v1/leads?total=true&filter=" + leads_api_url_encode("country = \"MN\" and expected_revenue >= 2000"));
    CHECK(mn["total"] == 1);

    auto alena = get(s, "/api/v1/leads?total=true&q=" + leads_api_url_encode("АЛЕНА"));  // typed without ё, upper case
    REQUIRE(alena["total"] == 1);
    CHECK(alena["items"][0]["contact_name"] == "Алёна Эрдэнэ");
    CHECK(get(s, "/api/v1/leads?total=true&q=" + leads_api_url_encode("өлзий"))["total"] == 1);
    CHECK(get(s, "/api/v1/leads?total=true&filter=" + leads_api_url_encode("contact_name contains \"ГАНБААТАР\""))["total"] == 1);

    auto bad = get(s, "/api/v1/leads?filter=" + leads_api_url_encode("country = "), 400);
    CHECK(bad["error"]["field"] == "filter");
    CHECK(bad["error"].contains("position"));
    get(s, "/api/v1/leads?filter=" + leads_api_url_encode("no_such_field = 1"), 400);

    // Two leads per page, sorted by revenue: every lead exactly once, in order.
    std::vector<int64_t> seen;
    std::string after;
    for (int page = 0; page < 5; ++page) {
        auto r = get(s, "/api/v1/leads?limit=2&sort=" + leads_api_url_encode("expected_revenue desc") + (after.empty() ? "" : "&after=" + after));
        for (auto& l : r["items"]) seen.push_back(l["expected_revenue"]["amount"].get<int64_t>());
        if (r["next"].is_null()) break;
        after = r["next"].get<std::string>();
    }
    CHECK(seen == std::vector<int64_t>{4000, 3000, 2000, 1000, 0});
    get(s, "/api/v1/leads?after=zz", 400);
    get(s, "/api/v1/leads?sort=" + leads_api_url_encode("password desc"), 400);
}

TEST_CASE("sorted by deadline: leads without one come first ascending and last descending, each page once") {
    TestServer s;
    leads_api_add_stages(s);
    s.login();
    const std::vector<json> deadlines = {nullptr, "2026-12-01", nullptr, "2026-11-15", "2026-12-01", nullptr, "2027-01-10"};
    std::vector<std::pair<std::string, int64_t>> leads;  // ("" = none, id)
    for (size_t i = 0; i < deadlines.size(); ++i) {
        auto r = leads_api_post(s, "/api/v1/leads", {{"name", "Хугацаа " + std::to_string(i)}, {"date_deadline", deadlines[i]}}, 201);
        leads.emplace_back(deadlines[i].is_null() ? "" : deadlines[i].get<std::string>(), r["id"].get<int64_t>());
    }
    for (const bool desc : {false, true}) {
        auto expected = leads;
        std::sort(expected.begin(), expected.end());  // "" (none) before every date, then by id
        if (desc) std::reverse(expected.begin(), expected.end());
        std::vector<std::pair<std::string, int64_t>> seen;
        std::string after;
        for (int page = 0; page < 10; ++page) {  // two per page: pages start inside the NULLs and across the ties
            auto r = get(s, "/api/v1/leads?limit=2&sort=" + leads_api_url_encode(desc ? "date_deadline desc" : "date_deadline asc") +
                                (after.empty() ? "" : "&after=" + after));
            const json items = r["items"];
            for (const auto& l : items)
                seen.emplace_back(l["date_deadline"].is_null() ? "" : l["date_deadline"].get<std::string>(), l["id"].get<int64_t>());
            if (r["next"].is_null()) break;
            after = r["next"].get<std::string>();
        }
        CHECK_MESSAGE(seen == expected, (desc ? "desc" : "asc"));
    }
}

TEST_CASE("board groups: count, revenue and weighted revenue per stage, with the first cards") {
    TestServer s;
    auto p = leads_api_add_stages(s);
    s.login();
    for (int i = 0; i < 5; ++i)
        leads_api_post(s, "/api/v1/leads",
             {{"name", "Card " + std::to_string(i)}, {"priority", i % 4},
              {"expected_revenue", {{"amount", 10000}, {"currency", "MNT"}}}},
             201);
    auto r = get(s, "/api/v1/leads/groups?group_by=stage&limit=3");
    REQUIRE(r["groups"].size() == 1);
    auto& g = r["groups"][0];
    CHECK(g["key"] == p.new_id);
    CHECK(g["count"] == 5);
    CHECK(g["sums"][0]["expected_revenue"] == 50000);
    CHECK(g["sums"][0]["weighted_revenue"] == 5000);  // 10% of each
    CHECK(g["items"].size() == 3);
    CHECK(g["items"][0]["priority"] == 3);  // best first
    // "Load more" continues the column with the list endpoint from the group's cursor: the other two, once each.
    REQUIRE(g["next"].is_string());
    auto rest = get(s, "/api/v1/leads?limit=10&sort=" + leads_api_url_encode("priority desc") + "&after=" + g["next"].get<std::string>() +
                           "&filter=" + leads_api_url_encode("stage_id = " + std::to_string(p.new_id)));
    std::set<int64_t> ids;
    for (auto& l : g["items"]) ids.insert(l["id"].get<int64_t>());
    for (auto& l : rest["items"]) CHECK(ids.insert(l["id"].get<int64_t>()).second);
    CHECK(ids.size() == 5);
    CHECK(rest["next"].is_null());
    CHECK(get(s, "/api/v1/leads/groups?group_by=stage&limit=5")["groups"][0]["next"].is_null());
    get(s, "/api/v1/leads/groups?group_by=password", 400);
}

TEST_CASE("tag groups: untagged leads are the None group (key null), with their own cards and count") {
    TestServer s;
    leads_api_add_stages(s);
    s.login();
    const int64_t vip = leads_api_post(s, "/api/v1/tags", {{"name", "ВИП"}}, 201)["id"];
    const int64_t hot = leads_api_post(s, "/api/v1/tags", {{"name", "Халуун"}}, 201)["id"];
    leads_api_post(s, "/api/v1/leads", {{"name", "Хоёр шошготой"}, {"tag_ids", {vip, hot}}}, 201);
    leads_api_post(s, "/api/v1/leads", {{"name", "Нэг шошготой"}, {"tag_ids", {vip}}}, 201);
    const int64_t bare1 = leads_api_post(s, "/api/v1/leads", {{"name", "Шошгогүй 1"}}, 201)["id"];
    const int64_t bare2 = leads_api_post(s, "/api/v1/leads", {{"name", "Шошгогүй 2"}}, 201)["id"];
    const json r = get(s, "/api/v1/leads/groups?group_by=tag&limit=5");
    std::map<std::string, json> by_key;
    for (const auto& g : r["groups"]) by_key[g["key"].dump()] = g;
    REQUIRE(by_key.size() == 3);
    CHECK(by_key[std::to_string(vip)]["count"] == 2);
    CHECK(by_key[std::to_string(hot)]["count"] == 1);
    const json none = by_key["null"];
    REQUIRE(none.is_object());
    CHECK(none["count"] == 2);
    std::set<int64_t> ids;
    for (const auto& l : none["items"]) ids.insert(l["id"].get<int64_t>());
    CHECK(ids == std::set<int64_t>{bare1, bare2});
    // The list's drill-down condition for that group selects the same leads.
    CHECK(get(s, "/api/v1/leads?total=true&filter=" + leads_api_url_encode("tag_ids is null"))["total"] == 2);
}

TEST_CASE("notes are posted to the chatter; empty notes are refused") {
    TestServer s;
    leads_api_add_stages(s);
    s.login();
    auto lead = leads_api_post(s, "/api/v1/leads", {{"name", "Chatter"}}, 201);
    const std::string path = "/api/v1/leads/" + std::to_string(lead["id"].get<int64_t>()) + "/messages";
    leads_api_post(s, path, {{"body", "Дараа долоо хоногт уулзана"}}, 201);
    leads_api_post(s, path, {{"body", ""}}, 422);
    auto list = get(s, path);
    REQUIRE(list["items"].size() == 1);
    CHECK(list["items"][0]["body"] == "Дараа долоо хоногт уулзана");
    CHECK(list["items"][0]["kind"] == "note");
}

TEST_CASE("leads need a session: 401 without one") {
    TestServer s;
    CHECK(s.client.Get("/api/v1/leads")->status == 401);
    CHECK(s.client.Post("/api/v1/leads", "{}", "application/json")->status == 401);
}

TEST_CASE("full-text pages newest first through the index, each match once, with filters and other sorts") {
    TestServer s;
    leads_api_add_stages(s);
    s.login();
    std::set<int64_t> expected;
    for (int i = 0; i < 23; ++i) {
        // every third lead is a "Батбаяр"; the others must never appear
        const std::string name = (i % 3 == 0 ? "Батбаяр " : "Сараа ") + std::to_string(i);
        auto lead = leads_api_post(s, "/api/v1/leads", {{"name", name}, {"priority", i % 4}}, 201);
        if (i % 3 == 0) expected.insert(lead["id"].get<int64_t>());
    }
    for (const std::string& sort : {std::string(), "&sort=" + leads_api_url_encode("priority desc")}) {
        std::set<int64_t> seen;
        int64_t previous = INT64_MAX;
        std::string after;
        int pages = 0;
        do {
            auto r = get(s, "/api/v1/leads?limit=3&q=" + leads_api_url_encode("батб") + sort + (after.empty() ? "" : "&after=" + after));
            for (auto& l : r["items"]) {
                const int64_t id = l["id"];
                CHECK(seen.insert(id).second);
                if (sort.empty()) CHECK(id < previous);  // newest first
                previous = id;
            }
            after = r["next"].is_string() ? r["next"].get<std::string>() : "";
            ++pages;
        } while (!after.empty() && pages < 20);
        CHECK(seen == expected);
    }
    // the words and a filter together; the total counts the same rows
    auto r = get(s, "/api/v1/leads?total=true&limit=50&q=" + leads_api_url_encode("батбаяр") + "&filter=" + leads_api_url_encode("priority = 0"));
    CHECK(r["total"] == r["items"].size());
    for (auto& l : r["items"]) CHECK(l["priority"] == 0);
    CHECK(r["items"].size() == 2);  // i = 0 and 12 have priority 0 among i % 3 == 0
}
