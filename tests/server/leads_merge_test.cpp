// POST /leads/merge over real HTTP: chatter, attachments, followers and tags move to the kept lead, the others
// are deleted, a note lists them; a caller who cannot see every lead changes nothing; bad input is a 422.
#include <doctest/doctest.h>

#include <filesystem>

#include "lead_actions_helpers.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
int64_t attach_text(IoSession& s, int64_t lead, const std::string& content, const std::string& name) {
    auto r = s.post_multipart(lead_path(lead, "/attachments"), {{"file", content, name, "text/plain"}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return json::parse(r->body)["id"].get<int64_t>();
}
}  // namespace

TEST_CASE("merging three leads moves notes, attachments, tags and followers to the kept one and deletes the others") {
    TestServer s(seeded);
    ApiSession admin(s);
    IoSession files(s);
    const int64_t sales = create_user(admin, "nara", "sales_all", "Нараа");
    auto a = make_lead(admin, {{"name", "Сүүний үйлдвэр"}, {"email", "info@suu.mn"}, {"tag_ids", {1}}});
    auto b = make_lead(admin, {{"name", "Сүү ХК"}, {"type", "opportunity"}, {"stage_id", 2}, {"tag_ids", {2}},
                               {"follower_ids", {sales}}, {"description", "Тендер"}});
    auto c = make_lead(admin, {{"name", "Сүүний савлагаа"}, {"phone", "+976 7011 2233"}});
    add_note(admin, a["id"], "А тэмдэглэл");
    add_note(admin, c["id"], "В тэмдэглэл");
    const int64_t file_a = attach_text(files, a["id"], "гэрээний төсөл", "contract.txt");
    const int64_t file_c = attach_text(files, c["id"], "үнийн санал", "offer.txt");

    auto r = admin.post("/api/v1/leads/merge", {{"ids", {a["id"], b["id"], c["id"]}}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    // The most advanced record is kept: the opportunity in a later stage.
    const int64_t kept = r.body["id"];
    CHECK(kept == b["id"]);
    CHECK(r.body["type"] == "opportunity");
    CHECK(r.body["tag_ids"] == json({1, 2}));
    CHECK(r.body["email"] == "info@suu.mn");
    CHECK(r.body["phone"] == "+976 7011 2233");
    CHECK(r.body["follower_ids"].size() >= 1);
    CHECK(admin.get(lead_path(a["id"])).status == 404);
    CHECK(admin.get(lead_path(c["id"])).status == 404);

    auto bodies = chatter_bodies(admin, kept);
    CHECK(contains(bodies, "А тэмдэглэл"));
    CHECK(contains(bodies, "В тэмдэглэл"));
    CHECK(has_substring(bodies, "Merged with:"));
    CHECK(has_substring(bodies, "#" + std::to_string(a["id"].get<int64_t>())));

    auto list = admin.get(lead_path(kept, "/attachments"));
    REQUIRE(list.status == 200);
    std::vector<int64_t> ids;
    for (const auto& x : list.body["items"]) ids.push_back(x["id"]);
    CHECK(ids.size() == 2);
    CHECK(std::find(ids.begin(), ids.end(), file_a) != ids.end());
    CHECK(std::find(ids.begin(), ids.end(), file_c) != ids.end());
    CHECK(admin.get("/api/v1/attachments/" + std::to_string(file_a)).status == 200);

    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM messages WHERE res_model = 'lead' AND res_id <> " + std::to_string(kept)) == 0);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE action = 'merged' AND entity_id = " + std::to_string(kept)) == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts") == 1);
}

TEST_CASE("target_id chooses the lead that is kept") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto a = make_lead(admin, {{"name", "Эхнийх"}, {"type", "opportunity"}, {"stage_id", 3}});
    auto b = make_lead(admin, {{"name", "Хоёрдахь"}, {"email", "x@hoyor.mn"}});
    auto r = admin.post("/api/v1/leads/merge", {{"ids", {a["id"], b["id"]}}, {"target_id", b["id"]}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["id"] == b["id"]);
    CHECK(r.body["name"] == "Эхнийх");  // the fields still follow the merge order
    CHECK(r.body["email"] == "x@hoyor.mn");
    CHECK(r.body["version"] == b["version"].get<int64_t>() + 1);
    CHECK(admin.get(lead_path(a["id"])).status == 404);
    CHECK(has_substring(chatter_bodies(admin, b["id"]), "Эхнийх (#" + std::to_string(a["id"].get<int64_t>()) + ")"));
}

TEST_CASE("the merge note is written in the language of the person who merged") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto made = admin.post("/api/v1/users", {{"login", "saraa"}, {"name", "Сараа"}, {"role", "sales_all"},
                                             {"password", user_password}, {"lang", "mn"}});
    REQUIRE_MESSAGE(made.status == 201, made.body.dump());
    ApiSession saraa(s.app->port(), "saraa", user_password);
    auto a = make_lead(saraa, {{"name", "Говийн сүү"}, {"type", "opportunity"}, {"stage_id", 2}});
    auto b = make_lead(saraa, {{"name", "Говь сүү ХХК"}});
    auto r = saraa.post("/api/v1/leads/merge", {{"ids", {a["id"], b["id"]}}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    const auto bodies = chatter_bodies(saraa, a["id"]);
    CHECK(contains(bodies, "Дараахтай нэгтгэв: Говь сүү ХХК (#" + std::to_string(b["id"].get<int64_t>()) + ")"));
    CHECK_FALSE(has_substring(bodies, "Merged with:"));
}

TEST_CASE("a salesperson who cannot see one of the leads merges nothing") {
    TestServer s(seeded);
    ApiSession admin(s);
    create_user(admin, "dulmaa", "sales_own", "Дулмаа");
    ApiSession dulmaa(s.app->port(), "dulmaa", user_password);
    auto mine = make_lead(dulmaa, {{"name", "Миний хүсэлт"}});
    auto mine_too = make_lead(dulmaa, {{"name", "Миний хүсэлт 2"}});
    auto theirs = make_lead(admin, {{"name", "Захирлын хүсэлт"}, {"user_id", 1}});
    add_note(dulmaa, mine["id"], "Хадгалагдах ёстой");

    auto r = dulmaa.post("/api/v1/leads/merge", {{"ids", {mine["id"], mine_too["id"], theirs["id"]}}});
    CHECK(r.status == 404);
    CHECK(read_lead(admin, mine["id"])["version"] == mine["version"]);
    CHECK(read_lead(admin, mine_too["id"])["version"] == mine_too["version"]);
    CHECK(read_lead(admin, theirs["id"])["version"] == theirs["version"]);
    CHECK(contains(chatter_bodies(admin, mine["id"]), "Хадгалагдах ёстой"));
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 3);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE action IN ('merged', 'deleted')") == 0);
}

TEST_CASE("bad merge input is 422 naming the field; unknown ids are 404") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto a = make_lead(admin, {{"name", "Нэг"}});
    auto b = make_lead(admin, {{"name", "Хоёр"}});
    auto r = admin.post("/api/v1/leads/merge", {{"ids", {a["id"]}}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "ids"));
    r = admin.post("/api/v1/leads/merge", json::object());
    CHECK(r.status == 422);
    CHECK(names_field(r, "ids"));
    r = admin.post("/api/v1/leads/merge", {{"ids", {a["id"], "two"}}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "ids"));
    r = admin.post("/api/v1/leads/merge", {{"ids", {a["id"], a["id"]}}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "ids"));
    r = admin.post("/api/v1/leads/merge", {{"ids", {a["id"], b["id"]}}, {"target_id", 777}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "target_id"));
    CHECK(admin.post("/api/v1/leads/merge", {{"ids", {a["id"], 987654}}}).status == 404);
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 2);
}
