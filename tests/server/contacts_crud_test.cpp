// Contacts over real HTTP: people and companies, the company hierarchy, categories, optimistic versions,
// validation naming fields, tracked changes in the chatter, delete for managers only, and lead counts.
#include <doctest/doctest.h>

#include "api_session.hpp"

using nlohmann::json;
using tumen::testing::ApiSession;
using tumen::testing::TestServer;
using tumen::testing::names_field;

namespace {
std::string contact_path(int64_t id) { return "/api/v1/contacts/" + std::to_string(id); }
}  // namespace

TEST_CASE("contacts: a person under a company, with categories; read back as written") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    const int64_t vip = admin.post("/api/v1/contact-categories", {{"name", "Том харилцагч"}}).body["id"];
    auto company = admin.post("/api/v1/contacts", {{"name", "Монгол Шуудан ХК"}, {"is_company", true},
                                                   {"email", "info@mongolpost.mn"}, {"city", "Улаанбаатар"},
                                                   {"country", "MN"}, {"category_ids", {vip}}});
    REQUIRE(company.status == 201);
    const int64_t company_id = company.body["id"];
    CHECK(company.body["version"] == 1);
    CHECK(company.body["category_ids"] == json::array({vip}));
    CHECK(!company.body["create_date"].get<std::string>().empty());

    auto person = admin.post("/api/v1/contacts", {{"name", "Өлзий Батбаяр"}, {"parent_id", company_id},
                                                  {"function", "Худалдан авалтын менежер"}, {"phone", "+976 9911 2233"}});
    REQUIRE(person.status == 201);
    const int64_t person_id = person.body["id"];
    CHECK(person.body["parent_id"] == company_id);
    CHECK(person.body["is_company"] == false);

    auto got = admin.get(contact_path(person_id));
    REQUIRE(got.status == 200);
    CHECK(got.body["name"] == "Өлзий Батбаяр");
    CHECK(got.body["function"] == "Худалдан авалтын менежер");
    CHECK(got.body["lead_count"] == 0);
    CHECK(got.body["opportunity_count"] == 0);

    auto children = admin.get("/api/v1/contacts?filter=" + httplib::detail::encode_query_param("parent_id = " + std::to_string(company_id)));
    REQUIRE(children.status == 200);
    REQUIRE(children.body["items"].size() == 1);
    CHECK(children.body["items"][0]["id"] == person_id);
}

TEST_CASE("contacts: a company cannot be its own ancestor") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    const int64_t holding = admin.post("/api/v1/contacts", {{"name", "Таван Богд Групп"}, {"is_company", true}}).body["id"];
    const int64_t sub = admin.post("/api/v1/contacts", {{"name", "Таван Богд Трейд"}, {"is_company", true}, {"parent_id", holding}}).body["id"];
    const int64_t person = admin.post("/api/v1/contacts", {{"name", "Ганбат Дорж"}, {"parent_id", sub}}).body["id"];

    auto loop = admin.patch(contact_path(holding), {{"parent_id", person}, {"version", 1}});
    CHECK(loop.status == 422);
    CHECK(names_field(loop, "parent_id"));
    CHECK(loop.error()["details"][0]["key"] == "error.cycle");
    loop = admin.patch(contact_path(holding), {{"parent_id", sub}, {"version", 1}});
    CHECK(loop.status == 422);
    auto self = admin.patch(contact_path(holding), {{"parent_id", holding}, {"version", 1}});
    CHECK(self.status == 422);
    CHECK(names_field(self, "parent_id"));
    CHECK(admin.get(contact_path(holding)).body["parent_id"].is_null());

    // Moving the person straight under the holding is fine.
    auto moved = admin.patch(contact_path(person), {{"parent_id", holding}, {"version", 1}});
    CHECK(moved.status == 200);
    CHECK(moved.body["parent_id"] == holding);
}

TEST_CASE("contacts: bad input is 422 naming each field; unknown references too") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto r = admin.post("/api/v1/contacts", {{"email", "not-an-email"}, {"is_company", "yes"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "name"));
    CHECK(names_field(r, "email"));
    CHECK(names_field(r, "is_company"));

    r = admin.post("/api/v1/contacts", {{"name", "Сүхээ"}, {"parent_id", 424242}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "parent_id"));
    r = admin.post("/api/v1/contacts", {{"name", "Сүхээ"}, {"category_ids", {424242}}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "category_ids"));
    r = admin.post("/api/v1/contacts", {{"name", "Сүхээ"}, {"user_id", 424242}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "user_id"));
    r = admin.post("/api/v1/contacts", {{"name", "Сүхээ"}, {"create_date", "2020-01-01T00:00:00Z"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "create_date"));
    CHECK(admin.get("/api/v1/contacts/424242").status == 404);
}

TEST_CASE("contacts: a stale version is 409 with the current record; nothing is overwritten") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto c = admin.post("/api/v1/contacts", {{"name", "Энхтуяа"}, {"email", "enkhtuya@example.mn"}});
    const int64_t id = c.body["id"];
    REQUIRE(admin.patch(contact_path(id), {{"phone", "99001122"}, {"version", 1}}).status == 200);
    auto stale = admin.patch(contact_path(id), {{"email", "other@example.mn"}, {"version", 1}});
    CHECK(stale.status == 409);
    CHECK(stale.error()["field"] == "version");
    CHECK(stale.error()["current"]["phone"] == "99001122");
    CHECK(stale.error()["current"]["version"] == 2);
    CHECK(admin.get(contact_path(id)).body["email"] == "enkhtuya@example.mn");
    auto missing = admin.patch(contact_path(id), {{"email", "x@example.mn"}});
    CHECK(missing.status == 422);
    CHECK(names_field(missing, "version"));
}

TEST_CASE("contacts: changes are tracked in the chatter; notes can be posted") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    const int64_t company = admin.post("/api/v1/contacts", {{"name", "Говь ХК"}, {"is_company", true}}).body["id"];
    auto c = admin.post("/api/v1/contacts", {{"name", "Бат"}, {"email", "bat@gobi.mn"}});
    const int64_t id = c.body["id"];
    REQUIRE(admin.patch(contact_path(id), {{"email", "bat.erdene@gobi.mn"}, {"parent_id", company}, {"comment", "—"},
                                           {"version", 1}}).status == 200);
    auto note = admin.post(contact_path(id) + "/messages", {{"body", "Утсаар ярьсан: ирэх долоо хоногт уулзана."}});
    CHECK(note.status == 201);
    auto timeline = admin.get(contact_path(id) + "/messages");
    REQUIRE(timeline.status == 200);
    REQUIRE(timeline.body["items"].size() == 2);
    CHECK(timeline.body["items"][0]["kind"] == "note");
    const auto& tracking = timeline.body["items"][1];
    CHECK(tracking["kind"] == "tracking");
    std::map<std::string, json> changes;
    for (const auto& t : tracking["tracking_values"]) changes[t["field"].get<std::string>()] = t;
    CHECK(changes.count("email") == 1);
    CHECK(changes["email"]["old"] == "bat@gobi.mn");
    CHECK(changes["email"]["new"] == "bat.erdene@gobi.mn");
    CHECK(changes["parent_id"]["new"] == company);
    CHECK(changes.count("comment") == 0);
    CHECK(admin.post(contact_path(id) + "/messages", {{"body", ""}}).status == 422);
    CHECK(admin.get("/api/v1/contacts/99999/messages").status == 404);
}

TEST_CASE("contacts: salespeople create and edit, only managers delete; deleting keeps the leads, unlinked") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    tumen::testing::create_user(admin, "saraa", "sales_own", "Сараа");
    ApiSession sales(s.app->port(), "saraa", tumen::testing::user_password);
    auto c = sales.post("/api/v1/contacts", {{"name", "Цэцэг Болд"}, {"mobile", "88112233"}});
    REQUIRE(c.status == 201);
    const int64_t id = c.body["id"];
    CHECK(sales.patch(contact_path(id), {{"function", "Захирал"}, {"version", 1}}).status == 200);
    auto refused = sales.del(contact_path(id));
    CHECK(refused.status == 403);
    CHECK(sales.get(contact_path(id)).status == 200);

    auto lead = admin.post("/api/v1/leads", {{"name", "Цэцэгийн захиалга"}, {"partner_id", id}});
    REQUIRE(lead.status == 201);
    const std::string lead_path = "/api/v1/leads/" + std::to_string(lead.body["id"].get<int64_t>());
    CHECK(admin.del(contact_path(id)).status == 204);
    CHECK(admin.get(contact_path(id)).status == 404);
    auto kept = admin.get(lead_path);
    REQUIRE(kept.status == 200);
    CHECK(kept.body["partner_id"].is_null());
    CHECK(kept.body["version"].get<int64_t>() > lead.body["version"].get<int64_t>());
    CHECK(admin.del(contact_path(id)).status == 404);
}

TEST_CASE("contacts: lead and opportunity counts include the company's people and follow record rules") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    const int64_t seller = tumen::testing::create_user(admin, "naraa", "sales_own", "Нараа");
    const int64_t company = admin.post("/api/v1/contacts", {{"name", "Эрдэнэт Үйлдвэр"}, {"is_company", true}}).body["id"];
    const int64_t person = admin.post("/api/v1/contacts", {{"name", "Мөнх-Эрдэнэ"}, {"parent_id", company}}).body["id"];
    REQUIRE(admin.post("/api/v1/leads", {{"name", "Сэжим 1"}, {"partner_id", company}, {"type", "lead"}}).status == 201);
    REQUIRE(admin.post("/api/v1/leads", {{"name", "Боломж 1"}, {"partner_id", person}, {"type", "opportunity"},
                                         {"user_id", seller}}).status == 201);
    REQUIRE(admin.post("/api/v1/leads", {{"name", "Боломж 2"}, {"partner_id", company}, {"type", "opportunity"},
                                         {"user_id", 1}}).status == 201);

    auto c = admin.get(contact_path(company));
    CHECK(c.body["lead_count"] == 1);
    CHECK(c.body["opportunity_count"] == 2);
    auto p = admin.get(contact_path(person));
    CHECK(p.body["lead_count"] == 0);
    CHECK(p.body["opportunity_count"] == 1);

    // An own-documents salesperson counts only the leads she may open.
    ApiSession sales(s.app->port(), "naraa", tumen::testing::user_password);
    auto mine = sales.get(contact_path(company));
    CHECK(mine.body["opportunity_count"] == 1);

    auto listed = admin.get("/api/v1/contacts?counts=true&filter=" + httplib::detail::encode_query_param("id = " + std::to_string(company)));
    REQUIRE(listed.body["items"].size() == 1);
    CHECK(listed.body["items"][0]["opportunity_count"] == 2);
}
