// Sales teams and members over real HTTP: CRUD with versions, leader/member/alias checks, assignment domains
// validated by the filter parser, members added, changed and removed, and teams with leads archived, not deleted.
#include <doctest/doctest.h>

#include "api_session.hpp"

using nlohmann::json;
using tumen::testing::ApiSession;
using tumen::testing::TestServer;
using tumen::testing::names_field;

namespace {
std::string team_path(int64_t id) { return "/api/v1/teams/" + std::to_string(id); }
}  // namespace

TEST_CASE("teams: create with leader and members, edit with the version read") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    const int64_t leader = tumen::testing::create_user(admin, "gerel", "manager", "Гэрэл");
    const int64_t seller = tumen::testing::create_user(admin, "tuya", "sales_own", "Туяа");
    auto created = admin.post("/api/v1/teams", {{"name", "Улаанбаатар борлуулалт"}, {"user_id", leader},
                                                {"member_ids", {seller}}, {"alias", "ub-sales"},
                                                {"invoiced_target", {{"amount", 5000000000LL}, {"currency", "MNT"}}},
                                                {"assignment_domain", "country = \"MN\" and expected_revenue >= 1000000"}});
    REQUIRE(created.status == 201);
    const int64_t id = created.body["id"];
    CHECK(created.body["member_ids"] == json::array({seller}));
    CHECK(created.body["invoiced_target"]["amount"] == 5000000000LL);
    CHECK(created.body["version"] == 1);

    auto members = admin.get(team_path(id) + "/members");
    REQUIRE(members.status == 200);
    REQUIRE(members.body["items"].size() == 1);
    CHECK(members.body["items"][0]["user_id"] == seller);
    CHECK(members.body["items"][0]["max_leads_30d"] == 30);

    auto edited = admin.patch(team_path(id), {{"name", "УБ борлуулалт"}, {"member_ids", {seller, leader}}, {"version", 1}});
    REQUIRE(edited.status == 200);
    CHECK(edited.body["version"] == 2);
    CHECK(edited.body["member_ids"].size() == 2);
    CHECK(admin.get(team_path(id) + "/members").body["items"].size() == 2);

    auto stale = admin.patch(team_path(id), {{"name", "Хуучин нэр"}, {"version", 1}});
    CHECK(stale.status == 409);
    CHECK(stale.error()["current"]["name"] == "УБ борлуулалт");

    // The user's own view of their teams follows the membership.
    CHECK(admin.get("/api/v1/users/" + std::to_string(seller)).body["team_ids"] == json::array({id}));
}

TEST_CASE("teams: unknown users, taken aliases and bad assignment domains are refused naming the field") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto r = admin.post("/api/v1/teams", {{"name", "Эрдэнэт"}, {"user_id", 5555}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "user_id"));
    r = admin.post("/api/v1/teams", {{"name", "Эрдэнэт"}, {"member_ids", {1, 5555}}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "member_ids"));
    r = admin.post("/api/v1/teams", {{"name", "Эрдэнэт"}, {"assignment_domain", "country = \"MN\" and ("}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "assignment_domain"));
    r = admin.post("/api/v1/teams", {{"name", "Эрдэнэт"}, {"assignment_domain", "no_such_field = 1"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "assignment_domain"));
    r = admin.post("/api/v1/teams", {{"name", ""}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "name"));

    REQUIRE(admin.post("/api/v1/teams", {{"name", "Эрдэнэт"}, {"alias", "erdenet"}}).status == 201);
    auto taken = admin.post("/api/v1/teams", {{"name", "Эрдэнэт 2"}, {"alias", "erdenet"}});
    CHECK(taken.status == 409);
    CHECK(taken.error()["field"] == "alias");
    // Teams without an alias do not collide with each other.
    CHECK(admin.post("/api/v1/teams", {{"name", "А"}}).status == 201);
    CHECK(admin.post("/api/v1/teams", {{"name", "Б"}}).status == 201);
}

TEST_CASE("team members: add, change capacity and domain, remove") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    const int64_t user = tumen::testing::create_user(admin, "nomin", "sales_own", "Номин");
    auto team = admin.post("/api/v1/teams", {{"name", "Говь"}});
    REQUIRE(team.status == 201);
    const int64_t team_id = team.body["id"];

    auto added = admin.post(team_path(team_id) + "/members",
                            {{"user_id", user}, {"max_leads_30d", 45}, {"assignment_domain", "tags has \"VIP\""}});
    REQUIRE(added.status == 201);
    const int64_t member = added.body["id"];
    CHECK(added.body["team_id"] == team_id);
    CHECK(added.body["version"] == 1);
    CHECK(admin.get(team_path(team_id)).body["version"] == 2);  // member_ids changed
    CHECK(admin.get(team_path(team_id)).body["member_ids"] == json::array({user}));

    auto dup = admin.post(team_path(team_id) + "/members", {{"user_id", user}});
    CHECK(dup.status == 409);
    CHECK(dup.error()["field"] == "user_id");
    auto ghost = admin.post(team_path(team_id) + "/members", {{"user_id", 9999}});
    CHECK(ghost.status == 422);
    CHECK(names_field(ghost, "user_id"));
    auto no_user = admin.post(team_path(team_id) + "/members", json::object());
    CHECK(no_user.status == 422);
    CHECK(names_field(no_user, "user_id"));
    CHECK(admin.post("/api/v1/teams/777/members", {{"user_id", user}}).status == 404);

    const std::string mpath = team_path(team_id) + "/members/" + std::to_string(member);
    auto changed = admin.patch(mpath, {{"max_leads_30d", 10}, {"active", false}, {"version", 1}});
    REQUIRE(changed.status == 200);
    CHECK(changed.body["max_leads_30d"] == 10);
    CHECK(changed.body["active"] == false);
    CHECK(changed.body["version"] == 2);

    auto bad = admin.patch(mpath, {{"assignment_domain", "probability >= \"high\""}, {"max_leads_30d", -5}, {"version", 2}});
    CHECK(bad.status == 422);
    CHECK(names_field(bad, "max_leads_30d"));
    bad = admin.patch(mpath, {{"assignment_domain", "probability >= \"high\""}, {"version", 2}});
    CHECK(bad.status == 422);
    CHECK(names_field(bad, "assignment_domain"));
    auto stale = admin.patch(mpath, {{"max_leads_30d", 11}, {"version", 1}});
    CHECK(stale.status == 409);
    CHECK(stale.error()["current"]["max_leads_30d"] == 10);
    auto move = admin.patch(mpath, {{"user_id", 1}, {"version", 2}});
    CHECK(move.status == 422);
    CHECK(names_field(move, "user_id"));

    CHECK(admin.del(mpath).status == 204);
    CHECK(admin.del(mpath).status == 404);
    CHECK(admin.get(team_path(team_id)).body["member_ids"].empty());
}

TEST_CASE("teams: a team with leads is archived, not deleted; an empty one is deleted with its stages") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto busy = admin.post("/api/v1/teams", {{"name", "Ажилтай"}});
    auto empty = admin.post("/api/v1/teams", {{"name", "Хоосон"}});
    const int64_t busy_id = busy.body["id"], empty_id = empty.body["id"];
    auto lead = admin.post("/api/v1/leads", {{"name", "Багийн сэжим"}, {"team_id", busy_id}});
    REQUIRE(lead.status == 201);
    auto refused = admin.del(team_path(busy_id));
    CHECK(refused.status == 409);
    CHECK(refused.error()["message"].get<std::string>().find("archive") != std::string::npos);
    auto archived = admin.patch(team_path(busy_id), {{"active", false}, {"version", busy.body["version"]}});
    CHECK(archived.status == 200);
    CHECK(archived.body["active"] == false);
    CHECK(admin.get("/api/v1/teams").body["items"].size() == 1);
    CHECK(admin.get("/api/v1/teams?active=all").body["items"].size() == 2);

    auto stage = admin.post("/api/v1/stages", {{"name", "Хоосон багийн"}, {"team_id", empty_id}});
    REQUIRE(stage.status == 201);
    CHECK(admin.del(team_path(empty_id)).status == 204);
    CHECK(admin.get(team_path(empty_id)).status == 404);
    CHECK(admin.get("/api/v1/stages/" + std::to_string(stage.body["id"].get<int64_t>())).status == 404);
}

TEST_CASE("teams: salespeople may read teams and members but not change them") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    const int64_t user = tumen::testing::create_user(admin, "oyun", "sales_own", "Оюун");
    auto team = admin.post("/api/v1/teams", {{"name", "Хөвсгөл"}, {"member_ids", {user}}});
    const int64_t id = team.body["id"];
    ApiSession sales(s.app->port(), "oyun", tumen::testing::user_password);
    CHECK(sales.get("/api/v1/teams").status == 200);
    auto members = sales.get(team_path(id) + "/members");
    REQUIRE(members.status == 200);
    const int64_t member = members.body["items"][0]["id"];
    CHECK(sales.post("/api/v1/teams", {{"name", "Минийх"}}).status == 403);
    CHECK(sales.patch(team_path(id), {{"name", "Х"}, {"version", 1}}).status == 403);
    CHECK(sales.del(team_path(id)).status == 403);
    CHECK(sales.post(team_path(id) + "/members", {{"user_id", 1}}).status == 403);
    CHECK(sales.patch(team_path(id) + "/members/" + std::to_string(member), {{"max_leads_30d", 500}, {"version", 1}}).status == 403);
    CHECK(sales.del(team_path(id) + "/members/" + std::to_string(member)).status == 403);
}
