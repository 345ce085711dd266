// GET /api/v1/dashboard: a team's open opportunities, unassigned leads, won this month against its target and
// new leads per week, over the leads the caller may see.
#include <doctest/doctest.h>

#include "auth_helpers.hpp"
#include "events_helpers.hpp"
#include "test_server.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {

json get_ok(httplib::Client& c, const std::string& path) {
    auto r = c.Get(path.c_str());
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, path << " -> " << r->status << " " << r->body);
    return json::parse(r->body);
}

}  // namespace

TEST_CASE("the team dashboard's figures match the team's leads, and other teams' leads stay out") {
    TestServer s;
    s.login();
    const int64_t north = insert_team(s, "Хойд"), south = insert_team(s, "Өмнөд");
    s.app->db().write([&](tumen::store::Connection& c) {
        c.exec("UPDATE teams SET invoiced_target = 50000000 WHERE id = " + std::to_string(north));
    });
    const int64_t fresh = add_stage(s, "Шинэ", 1);
    add_stage(s, "Ялсан", 9, true);
    const int64_t bold = create_user(s, "bold", "sales_own", {{"team_ids", {north}}})["id"];
    auto lead = [&](const std::string& name, int64_t team, std::optional<int64_t> user, const std::string& type,
                    int64_t amount) {
        json body = {{"name", name}, {"team_id", team}, {"stage_id", fresh}, {"type", type},
                     {"expected_revenue", {{"amount", amount}, {"currency", "MNT"}}}, {"probability", 50}};
        if (user) body["user_id"] = *user;
        return new_lead(s.client, body);
    };
    lead("Нээлттэй 1", north, bold, "opportunity", 1000000);
    lead("Нээлттэй 2", north, std::nullopt, "opportunity", 3000000);
    lead("Сэжим", north, std::nullopt, "lead", 0);
    lead("Өмнөд", south, std::nullopt, "opportunity", 9000000);
    json won = lead("Ялсан", north, bold, "opportunity", 7000000);
    auto r = post_json(s.client, "/api/v1/leads/" + std::to_string(won["id"].get<int64_t>()) + "/won", {{"version", won["version"]}});
    REQUIRE(r);
    REQUIRE(r->status == 200);

    const json d = get_ok(s.client, "/api/v1/dashboard?team_id=" + std::to_string(north));
    CHECK(d["team"]["name"] == "Хойд");
    CHECK(d["team"]["invoiced_target"]["amount"] == 50000000);
    CHECK(d["open"]["count"] == 2);
    CHECK(d["open"]["expected"]["MNT"] == 4000000);
    CHECK(d["open"]["weighted"]["MNT"] == 2000000);
    CHECK(d["unassigned"] == 2);  // the open opportunity and the lead without a salesperson
    CHECK(d["won_this_month"]["count"] == 1);
    CHECK(d["won_this_month"]["expected"]["MNT"] == 7000000);
    REQUIRE(d["new_per_week"].size() == 8);
    CHECK(d["new_per_week"][7]["count"] == 4);  // all created this week (the won one included)
    CHECK(d["new_per_week"][0]["count"] == 0);

    // Every team at once.
    const json all = get_ok(s.client, "/api/v1/dashboard");
    CHECK(all["team"].is_null());
    CHECK(all["open"]["count"] == 3);

    // A salesperson with own documents: their leads and their team's unassigned ones.
    auto own = sign_in(s, "bold");
    const json theirs = get_ok(*own.client, "/api/v1/dashboard?team_id=" + std::to_string(north));
    CHECK(theirs["open"]["count"] == 2);  // theirs + the unassigned one of their team
    CHECK(theirs["won_this_month"]["count"] == 1);

    CHECK(s.client.Get("/api/v1/dashboard?team_id=99999")->status == 404);
    CHECK(s.client.Get("/api/v1/dashboard?team_id=abc")->status == 400);
}
