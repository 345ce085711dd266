// Contact search over real HTTP: full text (Cyrillic case-insensitive, ё = е, prefixes, e-mail and phone),
// the filter language over contact fields, sorting, stable keyset pages, totals and bad queries.
#include <doctest/doctest.h>

#include <set>

#include "api_session.hpp"

using nlohmann::json;
using tumen::testing::ApiSession;
using tumen::testing::TestServer;

namespace {

std::string q(const std::string& s) { return httplib::detail::encode_query_param(s); }

std::set<std::string> contacts_search_names(const tumen::testing::ApiReply& r) {
    std::set<std::string> out;
    for (const auto& x : r.body["items"]) out.insert(x["name"].get<std::string>());
    return out;
}

struct ContactsSearchFixture {
    TestServer server{tumen::testing::seeded};
    ApiSession admin{server};
    int64_t vip = 0;
    ContactsSearchFixture() {
        vip = admin.post("/api/v1/contact-categories", {{"name", "ВИП"}}).body["id"];
        const int64_t company = admin.post("/api/v1/contacts", {{"name", "Хаан Банк"}, {"is_company", true},
                                                                {"city", "Улаанбаатар"}, {"category_ids", {vip}}}).body["id"];
        add({{"name", "Өлзий Батбаяр"}, {"email", "ulzii@khanbank.mn"}, {"parent_id", company}, {"phone", "+976 9911-2233"}});
        add({{"name", "Үүрийн Гэгээ"}, {"city", "Дархан"}, {"country", "MN"}});
        add({{"name", "Алёна Петрова"}, {"email", "alena@example.ru"}, {"country", "RU"}, {"category_ids", {vip}}});
        add({{"name", "John Smith"}, {"email", "john@example.com"}, {"country", "US"}, {"opt_out", true}});
    }
    void add(json body) {
        auto r = admin.post("/api/v1/contacts", body);
        if (r.status != 201) throw std::runtime_error(r.body.dump());
    }
};

}  // namespace

TEST_CASE("contact search: Cyrillic names match case-insensitively and by prefix") {
    ContactsSearchFixture f;
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?q=" + q("өлзий"))) == std::set<std::string>{"Өлзий Батбаяр"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?q=" + q("ӨЛЗИЙ"))) == std::set<std::string>{"Өлзий Батбаяр"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?q=" + q("батб"))) == std::set<std::string>{"Өлзий Батбаяр"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?q=" + q("үүрийн гэгээ"))) == std::set<std::string>{"Үүрийн Гэгээ"});
    // ё and е are one letter for search.
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?q=" + q("алена"))) == std::set<std::string>{"Алёна Петрова"});
    // City, e-mail and phone (as typed or digits only) are searched too.
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?q=" + q("дархан"))) == std::set<std::string>{"Үүрийн Гэгээ"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?q=" + q("john@example.com"))) == std::set<std::string>{"John Smith"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?q=" + q("99112233"))) == std::set<std::string>{"Өлзий Батбаяр"});
    // FTS syntax in user text is just text.
    CHECK(f.admin.get("/api/v1/contacts?q=" + q("\"OR * -:")).status == 200);
    CHECK(f.admin.get("/api/v1/contacts?q=" + q("хоосон")).body["items"].empty());
}

TEST_CASE("contact search: the filter language over contact fields") {
    ContactsSearchFixture f;
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?filter=" + q("is_company = true"))) == std::set<std::string>{"Хаан Банк"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?filter=" + q("categories has \"вип\""))) ==
          std::set<std::string>{"Хаан Банк", "Алёна Петрова"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?filter=" + q("name contains \"БАТБАЯР\""))) ==
          std::set<std::string>{"Өлзий Батбаяр"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?filter=" + q("email ends_with \"example.com\" or country = \"RU\""))) ==
          std::set<std::string>{"John Smith", "Алёна Петрова"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?filter=" + q("parent.name starts_with \"хаан\""))) ==
          std::set<std::string>{"Өлзий Батбаяр"});
    CHECK(contacts_search_names(f.admin.get("/api/v1/contacts?filter=" + q("opt_out = true") + "&q=" + q("john"))) ==
          std::set<std::string>{"John Smith"});

    auto bad = f.admin.get("/api/v1/contacts?filter=" + q("country = \"MN\" and ("));
    CHECK(bad.status == 400);
    CHECK(bad.error()["field"] == "filter");
    CHECK(bad.error()["position"].get<int>() > 0);
    auto unknown = f.admin.get("/api/v1/contacts?filter=" + q("expected_revenue > 5"));
    CHECK(unknown.status == 400);
    CHECK(f.admin.get("/api/v1/contacts?sort=" + q("salary desc")).status == 400);
    CHECK(f.admin.get("/api/v1/contacts?limit=0").status == 400);
}

TEST_CASE("contact search: archived contacts only when asked") {
    ContactsSearchFixture f;
    auto r = f.admin.get("/api/v1/contacts?q=" + q("john"));
    const int64_t id = r.body["items"][0]["id"];
    REQUIRE(f.admin.patch("/api/v1/contacts/" + std::to_string(id), {{"active", false}, {"version", 1}}).status == 200);
    CHECK(f.admin.get("/api/v1/contacts?q=" + q("john")).body["items"].empty());
    CHECK(f.admin.get("/api/v1/contacts?active=false").body["items"].size() == 1);
    CHECK(f.admin.get("/api/v1/contacts?active=all&total=true").body["total"] == 5);
}

TEST_CASE("contact search: keyset pages are stable and complete, by name and by id") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    std::set<std::string> all;
    for (int i = 0; i < 23; ++i) {
        // Names repeat, so the id breaks ties between equal sort keys.
        std::string name = std::string(i % 2 ? "Бат " : "бат ") + std::to_string(i % 5);
        auto r = admin.post("/api/v1/contacts", {{"name", name}});
        REQUIRE(r.status == 201);
        all.insert(std::to_string(r.body["id"].get<int64_t>()));
    }
    for (const char* sort : {"name asc", "name desc", "id desc", "create_date asc"}) {
        std::set<std::string> seen;
        std::string after;
        std::string last_key;
        int pages = 0;
        do {
            std::string url = "/api/v1/contacts?limit=5&sort=" + q(sort) + (after.empty() ? "" : "&after=" + after);
            auto page = admin.get(url);
            REQUIRE(page.status == 200);
            for (const auto& x : page.body["items"]) CHECK(seen.insert(std::to_string(x["id"].get<int64_t>())).second);
            after = page.body["next"].is_null() ? "" : page.body["next"].get<std::string>();
            ++pages;
        } while (!after.empty() && pages < 20);
        CHECK_MESSAGE(seen == all, sort);
        CHECK(pages == 5);
    }
    auto first = admin.get("/api/v1/contacts?limit=5&total=true&sort=" + q("name asc"));
    CHECK(first.body["total"] == 23);
    // A cursor made for one sort is refused for another.
    auto wrong = admin.get("/api/v1/contacts?limit=5&sort=id&after=" + first.body["next"].get<std::string>());
    CHECK(wrong.status == 400);
    CHECK(wrong.error()["field"] == "after");
    CHECK(admin.get("/api/v1/contacts?after=zz").status == 400);
}
