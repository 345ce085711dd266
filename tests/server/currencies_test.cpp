// Settings › Currencies over real HTTP: rates into the company currency (decimal text, exact), 422 naming the
// field, the company currency itself refused as a rate row, managers only for changes, and the board's group reply
// carrying the active rates so a column over several currencies sums to one figure.
#include <doctest/doctest.h>

#include "api_session.hpp"
#include "tumen/currency_rates.hpp"

using nlohmann::json;
using tumen::testing::ApiSession;
using tumen::testing::TestServer;

TEST_CASE("currencies: add a rate, change it with the version read, archive it, delete it") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    CHECK(admin.get("/api/v1/company-currency").body == json{{"currency", "MNT"}});
    auto usd = admin.post("/api/v1/currencies", {{"name", "usd"}, {"rate", "3450.25"}});
    REQUIRE(usd.status == 201);
    CHECK(usd.body["name"] == "USD");  // stored upper-cased
    CHECK(usd.body["rate"] == "3450.25");
    CHECK(usd.body["active"] == true);
    const std::string path = "/api/v1/currencies/" + std::to_string(usd.body["id"].get<int64_t>());
    auto changed = admin.patch(path, {{"rate", "3461.1"}, {"version", 1}});
    REQUIRE(changed.status == 200);
    CHECK(changed.body["version"] == 2);
    CHECK(admin.patch(path, {{"rate", "1"}, {"version", 1}}).status == 409);  // stale
    CHECK(admin.patch(path, {{"active", false}, {"version", 2}}).status == 200);
    CHECK(admin.get("/api/v1/currencies").body["items"].size() == 0);  // active ones by default
    CHECK(admin.get("/api/v1/currencies?active=all").body["items"].size() == 1);
    CHECK(admin.del(path).status == 204);
    CHECK(admin.get(path).status == 404);
}

TEST_CASE("currencies: bad codes, bad rates, duplicates and the company currency are refused naming the field") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    auto bad = admin.post("/api/v1/currencies", {{"name", "XYZ"}, {"rate", "-3"}});
    REQUIRE(bad.status == 422);
    std::set<std::string> fields;
    for (const auto& d : bad.error()["details"]) fields.insert(d["field"].get<std::string>());
    CHECK(fields == std::set<std::string>{"name", "rate"});
    auto many_decimals = admin.post("/api/v1/currencies", {{"name", "EUR"}, {"rate", "1.0000000001"}});
    CHECK(many_decimals.status == 422);
    CHECK(many_decimals.error()["details"][0]["field"] == "rate");
    auto company = admin.post("/api/v1/currencies", {{"name", "MNT"}, {"rate", "1"}});
    REQUIRE(company.status == 422);
    CHECK(company.error()["details"][0]["field"] == "name");
    CHECK(company.error()["details"][0]["key"] == "error.company_currency");
    REQUIRE(admin.post("/api/v1/currencies", {{"name", "EUR"}, {"rate", "3745.8"}}).status == 201);
    auto twice = admin.post("/api/v1/currencies", {{"name", "eur"}, {"rate", "3700"}});
    CHECK(twice.status == 409);
    // The company currency: a known code, and not one that has a rate row.
    CHECK(admin.put("/api/v1/company-currency", {{"currency", "ABC"}}).status == 422);
    auto has_rate = admin.put("/api/v1/company-currency", {{"currency", "EUR"}});
    REQUIRE(has_rate.status == 422);
    CHECK(has_rate.error()["details"][0]["key"] == "error.currency_has_rate");
    CHECK(admin.put("/api/v1/company-currency", {{"currency", "MNT"}, {"rate", "1"}}).status == 422);  // unknown field
    auto moved = admin.put("/api/v1/company-currency", {{"currency", "USD"}});
    REQUIRE(moved.status == 200);
    CHECK(admin.get("/api/v1/company-currency").body["currency"] == "USD");
}

TEST_CASE("currencies: salespeople read them; only managers and administrators change them") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    tumen::testing::create_user(admin, "saraa", "sales_own", "Сараа");
    ApiSession sales(s.app->port(), "saraa", tumen::testing::user_password);
    CHECK(sales.get("/api/v1/currencies").status == 200);
    CHECK(sales.get("/api/v1/company-currency").status == 200);
    CHECK(sales.post("/api/v1/currencies", {{"name", "USD"}, {"rate", "3450"}}).status == 403);
    CHECK(sales.put("/api/v1/company-currency", {{"currency", "USD"}}).status == 403);
    CHECK(admin.get("/api/v1/company-currency").body["currency"] == "MNT");
    tumen::testing::create_user(admin, "boss", "manager", "Дарга");
    ApiSession manager(s.app->port(), "boss", tumen::testing::user_password);
    CHECK(manager.post("/api/v1/currencies", {{"name", "USD"}, {"rate", "3450"}}).status == 201);
}

TEST_CASE("the board's group reply carries the active rates; a column over two currencies sums to one figure") {
    TestServer s(tumen::testing::seeded);
    ApiSession admin(s);
    REQUIRE(admin.post("/api/v1/currencies", {{"name", "USD"}, {"rate", "3450.25"}}).status == 201);
    REQUIRE(admin.post("/api/v1/currencies", {{"name", "EUR"}, {"rate", "3745.8"}, {"active", false}}).status == 201);
    REQUIRE(admin.post("/api/v1/leads", {{"name", "Доллартай"}, {"expected_revenue", {{"amount", 200000}, {"currency", "USD"}}}}).status == 201);
    REQUIRE(admin.post("/api/v1/leads", {{"name", "Төгрөгтэй"}, {"expected_revenue", {{"amount", 100000000}, {"currency", "MNT"}}}}).status == 201);
    auto groups = admin.get("/api/v1/leads/groups?group_by=stage");
    REQUIRE(groups.status == 200);
    CHECK(groups.body["rates"] == json::parse(R"({"company":"MNT","rates":{"USD":"3450.25"}})"));
    const tumen::RateTable rates = tumen::rate_table_from_json(groups.body["rates"]);
    std::vector<tumen::Money> sums;
    for (const auto& g : groups.body["groups"])
        for (const auto& m : g["sums"]) sums.push_back({m["expected_revenue"].get<int64_t>(), m["currency"].get<std::string>()});
    const auto total = tumen::company_total(sums, rates);
    CHECK(total.complete);
    CHECK(total.total == tumen::Money{100000000 + 690050000, "MNT"});  // 1,000,000 ₮ + $2,000 × 3,450.25
}
