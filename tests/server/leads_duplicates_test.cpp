// GET /leads/{id}/duplicates over real HTTP: candidates found by e-mail, company domain, company and contact
// names with Cyrillic case and ё/е folding, phone; strict ones flagged; only leads the caller may see.
#include <doctest/doctest.h>

#include "lead_actions_helpers.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
json duplicates_of(ApiSession& s, int64_t id) {
    auto r = s.get(lead_path(id, "/duplicates"));
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    return r.body["items"];
}
bool has_reason(const json& item, const std::string& reason) {
    for (const auto& r : item["reasons"])
        if (r == reason) return true;
    return false;
}
}  // namespace

TEST_CASE("duplicates by e-mail: the same free-mail address, and the same company domain") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto a = make_lead(admin, {{"name", "Хүсэлт А"}, {"email", "Bat.Erdene@Gmail.com"}});
    auto same = make_lead(admin, {{"name", "Хүсэлт Б"}, {"email", "bat.erdene@gmail.com"}});
    auto other_free = make_lead(admin, {{"name", "Хүсэлт В"}, {"email", "someone.else@gmail.com"}});
    auto c = make_lead(admin, {{"name", "Корпорат 1"}, {"email", "sales@erdenet.mn"}});
    auto colleague = make_lead(admin, {{"name", "Корпорат 2"}, {"email", "ceo@Erdenet.mn"}});
    make_lead(admin, {{"name", "Өөр"}, {"email", "ceo@oyu.mn"}});

    auto items = duplicates_of(admin, a["id"]);
    auto hit = item_of(items, same["id"]);
    REQUIRE_FALSE(hit.is_null());
    CHECK(hit["reason"] == "same_email");
    CHECK(hit["strict"] == true);
    CHECK(hit["email_from"] == "bat.erdene@gmail.com");
    CHECK(hit["name"] == "Хүсэлт Б");
    CHECK(item_of(items, other_free["id"]).is_null());  // gmail.com is no company
    CHECK(item_of(items, a["id"]).is_null());            // never itself

    items = duplicates_of(admin, c["id"]);
    hit = item_of(items, colleague["id"]);
    REQUIRE_FALSE(hit.is_null());
    CHECK(has_reason(hit, "same_email_domain"));
    CHECK(hit["strict"] == false);  // another address: similar, not the same person
    CHECK(items.size() == 1);
}

TEST_CASE("duplicates by company and contact name: Cyrillic case, ё = е, legal forms and quotes ignored") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto a = make_lead(admin, {{"name", "Барилгын материал"}, {"partner_name", "«Мөнх Ёргөө» ХХК"}});
    auto b = make_lead(admin, {{"name", "Цемент нийлүүлэлт"}, {"partner_name", "МӨНХ ЕРГӨӨ"}});
    auto unrelated = make_lead(admin, {{"name", "Цонх"}, {"partner_name", "Мөнх Тэнгэр ХХК"}});
    auto p = make_lead(admin, {{"name", "Аяллын багц"}, {"contact_name", "Алёна Петрова"}});
    auto q = make_lead(admin, {{"name", "Зочид буудал"}, {"contact_name", "АЛЕНА ПЕТРОВА"}});

    auto items = duplicates_of(admin, a["id"]);
    auto hit = item_of(items, b["id"]);
    REQUIRE_FALSE(hit.is_null());
    CHECK(hit["reason"] == "same_company_name");
    CHECK(hit["partner_name"] == "МӨНХ ЕРГӨӨ");
    CHECK(item_of(items, unrelated["id"]).is_null());

    items = duplicates_of(admin, q["id"]);
    hit = item_of(items, p["id"]);
    REQUIRE_FALSE(hit.is_null());
    CHECK(has_reason(hit, "same_contact_name"));
}

TEST_CASE("duplicates list only leads the caller may see, and unknown leads are 404") {
    TestServer s(seeded);
    ApiSession admin(s);
    const int64_t own = create_user(admin, "saraa", "sales_own", "Сараа");
    ApiSession saraa(s.app->port(), "saraa", user_password);
    auto mine = make_lead(saraa, {{"name", "Миний"}, {"email", "boss@altai.mn"}});
    auto mine_too = make_lead(saraa, {{"name", "Миний 2"}, {"email", "boss@altai.mn"}});
    auto theirs = make_lead(admin, {{"name", "Бусдын"}, {"email", "boss@altai.mn"}, {"user_id", 1}});
    CHECK(mine["user_id"] == own);

    auto items = duplicates_of(saraa, mine["id"]);
    CHECK_FALSE(item_of(items, mine_too["id"]).is_null());
    CHECK(item_of(items, theirs["id"]).is_null());
    CHECK(duplicates_of(admin, mine["id"]).size() == 2);

    CHECK(saraa.get(lead_path(theirs["id"], "/duplicates")).status == 404);
    CHECK(admin.get(lead_path(987654, "/duplicates")).status == 404);
}
