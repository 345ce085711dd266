// Pipeline stages over real HTTP: add (shared or per team), rename, fold, reorder, delete only when empty
// (archived leads count), optimistic versions, validation and manager-only changes.
#include <doctest/doctest.h>

#include "api_session.hpp"

using nlohmann::json;
using tumen::testing::ApiSession;
using tumen::testing::TestServer;
using tumen::testing::names_field;

namespace {

std::string stage_path(int64_t id) { return "/api/v1/stages/" + std::to_string(id); }

std::vector<std::string> stage_names(const json& list) {
    std::vector<std::string> out;
    for (const auto& s : list["items"]) out.push_back(s["name"]);
    return out;
}

}  // namespace

TEST_CASE("stages: add, rename, fold, with versions") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto created = admin.post("/api/v1/stages", {{"name", "Хэлэлцээр"}, {"sequence", 4}, {"rotting_days", 7},
                                                 {"wip_limit", 20}, {"default_probability", 50}});
    REQUIRE(created.status == 201);
    const int64_t id = created.body["id"];
    CHECK(created.body["version"] == 1);
    CHECK(created.body["team_id"].is_null());
    CHECK(created.body["rotting_days"] == 7);

    auto renamed = admin.patch(stage_path(id), {{"name", "Үнийн хэлэлцээр"}, {"version", 1}});
    REQUIRE(renamed.status == 200);
    CHECK(renamed.body["version"] == 2);
    auto folded = admin.patch(stage_path(id), {{"fold", true}, {"version", 2}});
    REQUIRE(folded.status == 200);
    CHECK(folded.body["fold"] == true);
    CHECK(folded.body["name"] == "Үнийн хэлэлцээр");

    auto stale = admin.patch(stage_path(id), {{"name", "Хуучин"}, {"version", 2}});
    CHECK(stale.status == 409);
    CHECK(stale.error()["current"]["version"] == 3);
    CHECK(stale.error()["current"]["fold"] == true);
    CHECK(admin.get(stage_path(id)).body["name"] == "Үнийн хэлэлцээр");

    // Sending what is already there writes nothing and keeps the version.
    auto same = admin.patch(stage_path(id), {{"fold", true}, {"version", 3}});
    CHECK(same.status == 200);
    CHECK(same.body["version"] == 3);
}

TEST_CASE("stages: bad input is 422 naming each field") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto r = admin.post("/api/v1/stages", {{"sequence", "first"}, {"default_probability", 140}, {"rotting_days", -1}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "name"));
    CHECK(names_field(r, "sequence"));
    CHECK(names_field(r, "default_probability"));
    CHECK(names_field(r, "rotting_days"));

    r = admin.post("/api/v1/stages", {{"name", "Багийн"}, {"team_id", 4242}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "team_id"));
    CHECK(admin.get("/api/v1/stages/4242").status == 404);
}

TEST_CASE("stages: a team's pipeline is the shared stages plus its own") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto team = admin.post("/api/v1/teams", {{"name", "Улаанбаатар"}});
    auto other = admin.post("/api/v1/teams", {{"name", "Дархан"}});
    REQUIRE(team.status == 201);
    REQUIRE(other.status == 201);
    const int64_t team_id = team.body["id"], other_id = other.body["id"];
    REQUIRE(admin.post("/api/v1/stages", {{"name", "УБ үзүүлэн"}, {"team_id", team_id}, {"sequence", 2}}).status == 201);
    REQUIRE(admin.post("/api/v1/stages", {{"name", "Дархан гэрээ"}, {"team_id", other_id}, {"sequence", 3}}).status == 201);

    auto ub = stage_names(admin.get("/api/v1/stages?team_id=" + std::to_string(team_id)).body);
    CHECK(ub == std::vector<std::string>{"New", "Qualified", "УБ үзүүлэн", "Proposition", "Won"});
    auto all = stage_names(admin.get("/api/v1/stages").body);
    CHECK(all.size() == 6);
    CHECK(admin.get("/api/v1/stages?team_id=abc").status == 400);
}

TEST_CASE("stages: a stage added without a sequence goes at the end of every pipeline it joins") {
    // Settings > Stages sends no sequence: the new stage came first (sequence 1, before "New" by name).
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto team = admin.post("/api/v1/teams", {{"name", "Улаанбаатар"}});
    REQUIRE(team.status == 201);
    const int64_t team_id = team.body["id"];
    auto own = admin.post("/api/v1/stages", {{"name", "Гэрээ байгуулах"}, {"team_id", team_id}});
    REQUIRE(own.status == 201);
    CHECK(own.body["sequence"] == 71);  // after Won (70), the last of the shared pipeline
    auto shared = admin.post("/api/v1/stages", {{"name", "Архив"}});
    REQUIRE(shared.status == 201);
    CHECK(shared.body["sequence"] == 72);
    CHECK(stage_names(admin.get("/api/v1/stages?team_id=" + std::to_string(team_id)).body) ==
          std::vector<std::string>{"New", "Qualified", "Proposition", "Won", "Гэрээ байгуулах", "Архив"});
    CHECK(stage_names(admin.get("/api/v1/stages").body).back() == "Архив");
    // Another team's own stage follows only its pipeline: the shared stages and none of the first team's.
    auto other = admin.post("/api/v1/teams", {{"name", "Дархан"}});
    REQUIRE(other.status == 201);
    auto theirs = admin.post("/api/v1/stages", {{"name", "Дархан гэрээ"}, {"team_id", other.body["id"]}});
    REQUIRE(theirs.status == 201);
    CHECK(theirs.body["sequence"] == 73);
    // A sequence given is kept.
    auto given = admin.post("/api/v1/stages", {{"name", "Эхний"}, {"team_id", team_id}, {"sequence", 0}});
    REQUIRE(given.status == 201);
    CHECK(given.body["sequence"] == 0);
}

TEST_CASE("stages: reorder by drag sets sequence 1, 2, 3 in the order given") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto list = admin.get("/api/v1/stages").body["items"];
    REQUIRE(list.size() == 4);
    const int64_t n = list[0]["id"], q = list[1]["id"], p = list[2]["id"], w = list[3]["id"];
    auto r = admin.post("/api/v1/stages/reorder", {{"ids", {p, n, q, w}}});
    REQUIRE(r.status == 200);
    CHECK(stage_names(r.body) == std::vector<std::string>{"Proposition", "New", "Qualified", "Won"});
    CHECK(r.body["items"][0]["sequence"] == 1);
    CHECK(r.body["items"][3]["sequence"] == 4);
    CHECK(stage_names(admin.get("/api/v1/stages").body) == std::vector<std::string>{"Proposition", "New", "Qualified", "Won"});
    // A stage whose place changed has a new version; editors holding the old one get a conflict.
    CHECK(admin.patch(stage_path(p), {{"name", "Санал"}, {"version", 1}}).status == 409);

    auto unknown = admin.post("/api/v1/stages/reorder", {{"ids", {n, 99999}}});
    CHECK(unknown.status == 422);
    CHECK(names_field(unknown, "ids[1]"));
    auto twice = admin.post("/api/v1/stages/reorder", {{"ids", {n, n}}});
    CHECK(twice.status == 422);
    CHECK(names_field(twice, "ids[1]"));
    auto missing = admin.post("/api/v1/stages/reorder", json::object());
    CHECK(missing.status == 422);
    CHECK(names_field(missing, "ids"));
    // Nothing changed by the refused requests.
    CHECK(stage_names(admin.get("/api/v1/stages").body)[0] == "Proposition");
}

TEST_CASE("stages: delete only when empty — archived and lost leads count") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto stage = admin.post("/api/v1/stages", {{"name", "Түр зуурын"}, {"sequence", 0}});
    REQUIRE(stage.status == 201);
    const int64_t id = stage.body["id"];
    auto lead = admin.post("/api/v1/leads", {{"name", "Тест сэжим"}, {"stage_id", id}});
    REQUIRE(lead.status == 201);
    REQUIRE(lead.body["stage_id"] == id);
    const std::string lead_path = "/api/v1/leads/" + std::to_string(lead.body["id"].get<int64_t>());
    REQUIRE(admin.post(lead_path + "/archive", {{"version", lead.body["version"]}}).status == 200);

    auto refused = admin.del(stage_path(id));
    CHECK(refused.status == 409);
    CHECK(refused.error()["code"] == "conflict");
    CHECK(admin.get(stage_path(id)).status == 200);

    REQUIRE(admin.del(lead_path).status == 204);
    CHECK(admin.del(stage_path(id)).status == 204);
    CHECK(admin.get(stage_path(id)).status == 404);
}

TEST_CASE("stages: salespeople see the pipeline but cannot change it") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    tumen::testing::create_user(admin, "bold", "sales_all", "Болд");
    ApiSession sales(s.app->port(), "bold", tumen::testing::user_password);
    auto list = sales.get("/api/v1/stages");
    REQUIRE(list.status == 200);
    const int64_t id = list.body["items"][0]["id"];
    CHECK(sales.post("/api/v1/stages", {{"name", "Миний"}}).status == 403);
    CHECK(sales.patch(stage_path(id), {{"fold", true}, {"version", 1}}).status == 403);
    CHECK(sales.post("/api/v1/stages/reorder", {{"ids", {id}}}).status == 403);
    CHECK(sales.del(stage_path(id)).status == 403);
    CHECK(admin.get(stage_path(id)).body["version"] == 1);
}
