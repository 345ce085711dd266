// A kiosk token's wall display: the boards of its teams only (another team's board is 404), cards without contact
// details, and this month's leaderboard of won deals per salesperson for tokens issued with it.
#include <doctest/doctest.h>

#include "auth_helpers.hpp"
#include "events_helpers.hpp"
#include "test_server.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {

std::unique_ptr<httplib::Client> kiosk_views_bearer(TestServer& s, const std::string& token) {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", s.app->port());
    c->set_read_timeout(10, 0);
    c->set_default_headers({{"Authorization", "Bearer " + token}});
    return c;
}

std::string kiosk_token(TestServer& s, const std::vector<int64_t>& teams, bool leaderboard) {
    auto r = post_json(s.client, "/api/v1/kiosk-tokens", {{"name", "Лобби"}, {"team_ids", teams}, {"leaderboard", leaderboard}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r)["token"];
}

json post_ok(httplib::Client& c, const std::string& path, const json& body) {
    auto r = post_json(c, path, body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status < 300, path << " -> " << r->status << " " << r->body);
    return body_of(r);
}

}  // namespace

TEST_CASE("a kiosk board shows its team's columns and cards without contact details; other boards are 404") {
    TestServer s;
    s.login();
    const int64_t north = insert_team(s, "Хойд"), south = insert_team(s, "Өмнөд");
    const int64_t fresh = add_stage(s, "Шинэ", 1), offer = add_stage(s, "Санал", 2);
    for (int i = 0; i < 3; ++i)
        new_lead(s.client, {{"name", "Хойд " + std::to_string(i)}, {"team_id", north}, {"stage_id", fresh},
                            {"contact_name", "Батбаяр"}, {"email", "bat@gobi.mn"}, {"phone", "+97699112233"},
                            {"expected_revenue", {{"amount", 1000000}, {"currency", "MNT"}}}});
    const int64_t bold = create_user(s, "bold", "sales_all")["id"], saraa = create_user(s, "saraa", "sales_all")["id"];
    new_lead(s.client, {{"name", "Хойд санал"}, {"team_id", north}, {"stage_id", offer}, {"user_id", bold}});
    new_lead(s.client, {{"name", "Өмнөд"}, {"team_id", south}, {"stage_id", fresh}, {"user_id", saraa}});

    const std::string token = kiosk_token(s, {north}, false);
    auto tv = kiosk_views_bearer(s, token);
    auto r = tv->Get(("/api/v1/kiosk/boards/" + std::to_string(north)).c_str());
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    const json board = body_of(r);
    CHECK(board["team"]["name"] == "Хойд");
    std::map<int64_t, int64_t> counts;
    for (const auto& g : board["groups"]) {
        counts[g["key"].get<int64_t>()] = g["count"];
        for (const auto& card : g["items"]) {
            CHECK(card["team_id"] == north);
            CHECK(card.contains("name"));
            CHECK_FALSE(card.contains("email"));
            CHECK_FALSE(card.contains("phone"));
            CHECK_FALSE(card.contains("contact_name"));
        }
    }
    CHECK(counts == std::map<int64_t, int64_t>{{fresh, 3}, {offer, 1}});
    CHECK(board["groups"][0]["sums"][0]["expected_revenue"] == 3000000);
    bool has_offer_stage = false;
    for (const auto& st : board["stages"]) has_offer_stage |= st["id"] == offer;
    CHECK(has_offer_stage);
    // The salespeople of its cards by name (for initials), and nobody of another team.
    std::map<int64_t, std::string> users;
    for (const auto& u : board["users"]) users[u["id"].get<int64_t>()] = u["name"];
    CHECK(users == std::map<int64_t, std::string>{{bold, "Хэрэглэгч bold"}});

    // Another team's board, a board that does not exist, the leaderboard it was not issued with.
    CHECK(tv->Get(("/api/v1/kiosk/boards/" + std::to_string(south)).c_str())->status == 404);
    CHECK(tv->Get("/api/v1/kiosk/boards/99999")->status == 404);
    CHECK(tv->Get("/api/v1/kiosk/leaderboard")->status == 403);
    // A user has no kiosk view (their board is GET /api/v1/leads/groups).
    CHECK(s.client.Get(("/api/v1/kiosk/boards/" + std::to_string(north)).c_str())->status == 403);
}

TEST_CASE("the kiosk leaderboard counts this month's won deals of its teams per salesperson") {
    TestServer s;
    s.login();
    const int64_t north = insert_team(s, "Хойд"), south = insert_team(s, "Өмнөд");
    const int64_t fresh = add_stage(s, "Шинэ", 1);
    add_stage(s, "Ялсан", 9, true);
    const int64_t bold = create_user(s, "bold", "sales_all")["id"], saraa = create_user(s, "saraa", "sales_all")["id"];
    auto won = [&](const std::string& name, int64_t team, int64_t user, int64_t amount) {
        const json lead = new_lead(s.client, {{"name", name}, {"team_id", team}, {"stage_id", fresh}, {"user_id", user},
                                              {"expected_revenue", {{"amount", amount}, {"currency", "MNT"}}}});
        post_ok(s.client, "/api/v1/leads/" + std::to_string(lead["id"].get<int64_t>()) + "/won", {{"version", lead["version"]}});
    };
    won("Бат 1", north, bold, 500000);
    won("Бат 2", north, bold, 700000);
    won("Сараа 1", north, saraa, 2000000);
    won("Өмнөд", south, saraa, 9000000);  // another team: not on this display
    new_lead(s.client, {{"name", "Нээлттэй"}, {"team_id", north}, {"stage_id", fresh}, {"user_id", bold}});  // not won
    // Won last year: not this month.
    const json old = new_lead(s.client, {{"name", "Хуучин"}, {"team_id", north}, {"stage_id", fresh}, {"user_id", saraa}});
    post_ok(s.client, "/api/v1/leads/" + std::to_string(old["id"].get<int64_t>()) + "/won", {{"version", old["version"]}});
    s.app->db().write([&](tumen::store::Connection& c) {
        c.exec("UPDATE leads SET date_closed = date_closed - 400 * 86400 WHERE id = " + std::to_string(old["id"].get<int64_t>()));
    });

    auto tv = kiosk_views_bearer(s, kiosk_token(s, {north}, true));
    auto r = tv->Get("/api/v1/kiosk/leaderboard");
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    const json board = body_of(r);
    CHECK(board["month"].get<std::string>().size() == 7);
    std::map<int64_t, std::pair<int64_t, int64_t>> per_user;  // user -> (count, MNT)
    for (const auto& c : board["cells"]) per_user[c["key1"].get<int64_t>()] = {c["count"], c["expected"]["MNT"]};
    CHECK(per_user == std::map<int64_t, std::pair<int64_t, int64_t>>{{bold, {2, 1200000}}, {saraa, {1, 2000000}}});
    for (const auto& c : board["cells"]) CHECK(c["label1"].get<std::string>().rfind("Хэрэглэгч ", 0) == 0);
}
