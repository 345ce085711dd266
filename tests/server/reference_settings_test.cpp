// Settings lists over real HTTP: lost reasons, tags, contact categories and UTM records — defaults seeded on a new
// database, CRUD, 422 naming fields, duplicate names (any case, Cyrillic too) as 409, stale versions as 409 with
// the current record, 403 for salespeople, and deletes that would erase history refused.
#include <doctest/doctest.h>

#include <functional>

#include "api_session.hpp"
#include "store/constraints.hpp"

using nlohmann::json;
using tumen::testing::ApiSession;
using tumen::testing::TestServer;
using tumen::testing::names_field;

namespace {

bool has_name(const json& list, const std::string& name) {
    for (const auto& x : list["items"])
        if (x["name"] == name) return true;
    return false;
}

}  // namespace

TEST_CASE("a new database has default stages, lost reasons, tags, UTM sources and contact categories") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto stages = admin.get("/api/v1/stages");
    REQUIRE(stages.status == 200);
    std::vector<std::string> names;
    for (const auto& st : stages.body["items"]) names.push_back(st["name"]);
    CHECK(names == std::vector<std::string>{"New", "Qualified", "Proposition", "Won"});
    const auto& won = stages.body["items"][3];
    CHECK(won["is_won"] == true);
    CHECK(won["fold"] == true);

    auto reasons = admin.get("/api/v1/lost-reasons");
    CHECK(has_name(reasons.body, "Too expensive"));
    CHECK(has_name(reasons.body, "We don't have people/skills"));
    CHECK(has_name(reasons.body, "Not enough stock"));
    auto sources = admin.get("/api/v1/utm/sources").body;
    for (const char* n : {"Search engine", "Facebook", "Website", "Referral", "Newsletter"}) CHECK_MESSAGE(has_name(sources, n), n);
    CHECK(!admin.get("/api/v1/tags").body["items"].empty());
    CHECK(!admin.get("/api/v1/contact-categories").body["items"].empty());
    // No teams: the demo data generator makes those.
    CHECK(admin.get("/api/v1/teams").body["items"].empty());
}

TEST_CASE("seeding runs once: a list emptied on purpose stays empty after a restart") {
    auto dir = tumen::testing::make_temp_dir("tumen-seed");
    {
        auto app = TestServer::make(dir, tumen::testing::seeded);
        ApiSession admin(app->port(), "admin", tumen::testing::admin_password);
        const json tags = admin.get("/api/v1/tags").body["items"];  // a copy: the reply is a temporary
        REQUIRE(!tags.empty());
        for (const auto& t : tags)
            REQUIRE(admin.del("/api/v1/tags/" + std::to_string(t["id"].get<int64_t>())).status == 204);
    }
    {
        auto app = TestServer::make(dir, tumen::testing::seeded);
        ApiSession admin(app->port(), "admin", tumen::testing::admin_password);
        CHECK(admin.get("/api/v1/tags").body["items"].empty());
        CHECK(admin.get("/api/v1/stages").body["items"].size() == 4);
    }
    std::filesystem::remove_all(dir);
}

TEST_CASE("tags: create, read, rename with the version read, delete") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto created = admin.post("/api/v1/tags", {{"name", "Уул уурхай"}, {"color", 5}});
    REQUIRE(created.status == 201);
    const int64_t id = created.body["id"];
    CHECK(created.body["version"] == 1);
    CHECK(created.body["name"] == "Уул уурхай");
    const std::string path = "/api/v1/tags/" + std::to_string(id);

    auto got = admin.get(path);
    CHECK(got.status == 200);
    CHECK(got.body["color"] == 5);

    auto renamed = admin.patch(path, {{"name", "Уул уурхай ба эрчим хүч"}, {"version", 1}});
    REQUIRE(renamed.status == 200);
    CHECK(renamed.body["version"] == 2);
    CHECK(renamed.body["name"] == "Уул уурхай ба эрчим хүч");

    // The same version again is stale: 409 with the record as it is now, nothing overwritten.
    auto stale = admin.patch(path, {{"color", 2}, {"version", 1}});
    CHECK(stale.status == 409);
    CHECK(stale.error()["field"] == "version");
    CHECK(stale.error()["current"]["version"] == 2);
    CHECK(stale.error()["current"]["name"] == "Уул уурхай ба эрчим хүч");
    CHECK(admin.get(path).body["color"] == 5);

    CHECK(admin.patch(path, {{"color", 2}}).status == 422);  // no version at all
    CHECK(admin.del(path).status == 204);
    CHECK(admin.get(path).status == 404);
    CHECK(admin.del(path).status == 404);
    CHECK(admin.patch("/api/v1/tags/999999", {{"name", "x"}, {"version", 1}}).status == 404);
}

TEST_CASE("settings records: bad input gets 422 naming each field") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto r = admin.post("/api/v1/tags", {{"color", 42}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "color"));
    CHECK(names_field(r, "name"));

    r = admin.post("/api/v1/tags", {{"name", "Шинэ"}, {"colour", 1}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "colour"));  // unknown field

    r = admin.post("/api/v1/lost-reasons", {{"name", std::string(121, 'x')}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "name"));

    r = admin.post("/api/v1/utm/campaigns", {{"name", "Наадам 2026"}, {"active", "yes"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "active"));

    r = admin.post("/api/v1/utm/mediums", {{"name", "SMS"}, {"version", 7}, {"id", 99}});
    CHECK(r.status == 201);  // id and version in a body are ignored: the server owns them
    CHECK(r.body["version"] == 1);
    CHECK(r.body["id"] != 99);

    auto bad_json = admin.raw_post("/api/v1/tags", R"({"name": )");
    CHECK(bad_json.status == 400);
    CHECK(bad_json.error().contains("position"));
}

TEST_CASE("duplicate names are 409 naming the field, whatever the case (Cyrillic too)") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    REQUIRE(admin.post("/api/v1/tags", {{"name", "Өндөр ач холбогдол"}}).status == 201);
    auto dup = admin.post("/api/v1/tags", {{"name", "ӨНДӨР АЧ ХОЛБОГДОЛ"}});
    CHECK(dup.status == 409);
    CHECK(dup.error()["field"] == "name");
    dup = admin.post("/api/v1/tags", {{"name", "  өндөр   ач холбогдол "}});
    CHECK(dup.status == 409);

    auto other = admin.post("/api/v1/tags", {{"name", "Бага"}});
    REQUIRE(other.status == 201);
    auto clash = admin.patch("/api/v1/tags/" + std::to_string(other.body["id"].get<int64_t>()),
                             {{"name", "өндөр ач холбогдол"}, {"version", 1}});
    CHECK(clash.status == 409);
    CHECK(clash.error()["field"] == "name");

    CHECK(admin.post("/api/v1/utm/sources", {{"name", "facebook"}}).status == 409);  // seeded "Facebook"
    CHECK(admin.post("/api/v1/lost-reasons", {{"name", "TOO EXPENSIVE"}}).status == 409);
}

TEST_CASE("salespeople may read settings lists but not change them") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    tumen::testing::create_user(admin, "saraa", "sales_own", "Сараа");
    ApiSession sales(s.app->port(), "saraa", tumen::testing::user_password);
    auto tags = sales.get("/api/v1/tags");
    CHECK(tags.status == 200);
    const int64_t tag = tags.body["items"][0]["id"];
    CHECK(sales.get("/api/v1/lost-reasons").status == 200);
    CHECK(sales.get("/api/v1/utm/campaigns").status == 200);

    for (const char* path : {"/api/v1/tags", "/api/v1/lost-reasons", "/api/v1/contact-categories", "/api/v1/utm/sources",
                             "/api/v1/utm/mediums", "/api/v1/utm/campaigns"}) {
        auto r = sales.post(path, {{"name", "Миний"}});
        CHECK_MESSAGE(r.status == 403, path);
        CHECK(r.error()["code"] == "forbidden");
    }
    CHECK(sales.patch("/api/v1/tags/" + std::to_string(tag), {{"name", "x"}, {"version", 1}}).status == 403);
    CHECK(sales.del("/api/v1/tags/" + std::to_string(tag)).status == 403);

    tumen::testing::create_user(admin, "boss", "manager", "Дарга");
    ApiSession manager(s.app->port(), "boss", tumen::testing::user_password);
    CHECK(manager.post("/api/v1/tags", {{"name", "Менежерийн"}}).status == 201);
}

TEST_CASE("archived lost reasons and UTM records drop out of the default list") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto r = admin.post("/api/v1/lost-reasons", {{"name", "Үнэ өндөр"}});
    REQUIRE(r.status == 201);
    const std::string path = "/api/v1/lost-reasons/" + std::to_string(r.body["id"].get<int64_t>());
    REQUIRE(admin.patch(path, {{"active", false}, {"version", 1}}).status == 200);
    CHECK(!has_name(admin.get("/api/v1/lost-reasons").body, "Үнэ өндөр"));
    CHECK(has_name(admin.get("/api/v1/lost-reasons?active=false").body, "Үнэ өндөр"));
    CHECK(has_name(admin.get("/api/v1/lost-reasons?active=all").body, "Үнэ өндөр"));
    CHECK(admin.get("/api/v1/lost-reasons?active=maybe").status == 400);
}

TEST_CASE("a lost reason or UTM source used by a lead is archived, not deleted; a tag is removed from its leads") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto reason = admin.post("/api/v1/lost-reasons", {{"name", "Өрсөлдөгч сонгосон"}});
    auto source = admin.post("/api/v1/utm/sources", {{"name", "Радио"}});
    auto tag = admin.post("/api/v1/tags", {{"name", "Түр"}});
    REQUIRE(reason.status == 201);
    REQUIRE(source.status == 201);
    REQUIRE(tag.status == 201);
    const int64_t reason_id = reason.body["id"], source_id = source.body["id"], tag_id = tag.body["id"];

    auto lead = admin.post("/api/v1/leads", {{"name", "Говь ХК — ноолуур"}, {"source_id", source_id}, {"tag_ids", {tag_id}}});
    REQUIRE(lead.status == 201);
    const std::string lead_path = "/api/v1/leads/" + std::to_string(lead.body["id"].get<int64_t>());
    auto lost = admin.post(lead_path + "/lost", {{"version", lead.body["version"]}, {"lost_reason_id", reason_id}});
    REQUIRE(lost.status == 200);

    auto refused = admin.del("/api/v1/lost-reasons/" + std::to_string(reason_id));
    CHECK(refused.status == 409);
    CHECK(refused.error()["message"].get<std::string>().find("archive") != std::string::npos);
    CHECK(admin.del("/api/v1/utm/sources/" + std::to_string(source_id)).status == 409);

    CHECK(admin.del("/api/v1/tags/" + std::to_string(tag_id)).status == 204);
    CHECK(admin.get(lead_path).body["tag_ids"].empty());

    // An unused one goes away.
    auto unused = admin.post("/api/v1/lost-reasons", {{"name", "Хэрэггүй"}});
    CHECK(admin.del("/api/v1/lost-reasons/" + std::to_string(unused.body["id"].get<int64_t>())).status == 204);
}

TEST_CASE("contact categories nest, but a category cannot be its own ancestor") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto root = admin.post("/api/v1/contact-categories", {{"name", "Харилцагч"}, {"color", 3}});
    REQUIRE(root.status == 201);
    const int64_t root_id = root.body["id"];
    auto child = admin.post("/api/v1/contact-categories", {{"name", "Том харилцагч"}, {"parent_id", root_id}});
    REQUIRE(child.status == 201);
    const int64_t child_id = child.body["id"];
    CHECK(child.body["parent_id"] == root_id);

    auto cycle = admin.patch("/api/v1/contact-categories/" + std::to_string(root_id), {{"parent_id", child_id}, {"version", 1}});
    CHECK(cycle.status == 422);
    CHECK(names_field(cycle, "parent_id"));
    auto self = admin.patch("/api/v1/contact-categories/" + std::to_string(root_id), {{"parent_id", root_id}, {"version", 1}});
    CHECK(self.status == 422);
    auto unknown = admin.post("/api/v1/contact-categories", {{"name", "Өнчин"}, {"parent_id", 987654}});
    CHECK(unknown.status == 422);
    CHECK(names_field(unknown, "parent_id"));

    // Deleting the parent leaves the child at the top.
    CHECK(admin.del("/api/v1/contact-categories/" + std::to_string(root_id)).status == 204);
    CHECK(admin.get("/api/v1/contact-categories/" + std::to_string(child_id)).body["parent_id"].is_null());
}

TEST_CASE("settings lists are sorted by name, case-insensitively") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    const json seeded_tags = admin.get("/api/v1/tags").body["items"];
    for (const auto& t : seeded_tags)
        admin.del("/api/v1/tags/" + std::to_string(t["id"].get<int64_t>()));
    for (const char* n : {"өвөл", "Алт", "Зун", "бор"}) REQUIRE(admin.post("/api/v1/tags", {{"name", n}}).status == 201);
    std::vector<std::string> names;
    const json sorted = admin.get("/api/v1/tags").body["items"];
    for (const auto& t : sorted) names.push_back(t["name"]);
    CHECK(names == std::vector<std::string>{"Алт", "бор", "Зун", "өвөл"});
}

TEST_CASE("the OpenAPI document describes every body of the contacts, stages, teams and settings endpoints") {
    TestServer s;
    auto doc = TestServer::body(s.client.Get("/api/v1/openapi.json"));
    const auto& schemas = doc["components"]["schemas"];
    int checked = 0;
    for (const auto& e : tumen::api::endpoints()) {
        const std::string tag(e.tag);
        if (tag != "contacts" && tag != "stages" && tag != "teams" && tag != "settings") continue;
        for (std::string_view name : {e.request, e.response})
            if (!name.empty()) {
                CHECK_MESSAGE(schemas.contains(std::string(name)), e.id, " names ", name);
                ++checked;
            }
    }
    CHECK(checked > 50);
    // Every $ref inside those schemas resolves.
    std::function<void(const json&)> walk = [&](const json& j) {
        if (j.is_object()) {
            if (j.contains("$ref")) {
                const std::string ref = j["$ref"];
                CHECK_MESSAGE(schemas.contains(ref.substr(ref.rfind('/') + 1)), ref);
            }
            for (const auto& [k, v] : j.items()) walk(v);
        } else if (j.is_array()) {
            for (const auto& v : j) walk(v);
        }
    };
    for (const char* name : {"Contact", "ContactPage", "StageList", "TeamList", "TeamMemberList", "UtmList", "TagPatch"}) {
        REQUIRE_MESSAGE(schemas.contains(name), name);
        walk(schemas[name]);
    }
    CHECK(schemas["TagPatch"]["required"] == json::array({"version"}));
    CHECK(schemas["ContactInput"]["required"] == json::array({"name"}));
}

TEST_CASE("constraint failures that slip past the checks become 409/422 naming the field, never 500") {
    TestServer s;
    auto& db = s.app->db();
    auto attempt = [&](const std::string& sql, const tumen::store::ForeignKeyHint& fk = {}) {
        return tumen::store::map_constraints(
            [&]() -> tumen::Result<bool> {
                db.write([&](tumen::store::Connection& c) { c.exec(sql); });
                return true;
            },
            fk);
    };
    REQUIRE(attempt("INSERT INTO tags(name) VALUES ('Давхар')").ok());
    auto dup = attempt("INSERT INTO tags(name) VALUES ('Давхар')");
    REQUIRE(!dup.ok());
    CHECK(dup.error().code == tumen::ErrorCode::conflict);
    CHECK(dup.error().field == "name");

    auto member = attempt("INSERT INTO team_members(team_id, user_id) VALUES (424242, 1)", {"team_id"});
    REQUIRE(!member.ok());
    CHECK(member.error().code == tumen::ErrorCode::validation);
    CHECK(member.error().field == "team_id");

    auto range = attempt("INSERT INTO tags(name, color) VALUES ('Өнгө', 99)");
    REQUIRE(!range.ok());
    CHECK(range.error().code == tumen::ErrorCode::validation);
    CHECK(range.error().field == "color");

    auto missing = attempt("INSERT INTO tags(color) VALUES (1)");
    REQUIRE(!missing.ok());
    CHECK(missing.error().field == "name");

    // Anything else is a real fault and still throws.
    CHECK_THROWS_AS(attempt("INSERT INTO no_such_table VALUES (1)"), tumen::store::SqlError);
}
