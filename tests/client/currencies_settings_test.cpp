// Settings › Currencies against the fake transport: the company currency (read, changed, its 422 at the field)
// and the rates table (the generic settings table: add a rate, the server's 422 at the rate field).
#include <doctest/doctest.h>

#include "settings_fixture.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;

TEST_CASE_FIXTURE(SettingsFixture, "currencies: the company currency loads, changes upper-cased, and a refusal lands at the field") {
    sign_in();
    open("currencies", "manager");
    CHECK(app.settings().current() == "currencies");
    reply("GET", "/api/v1/company-currency", 200, R"({"currency":"MNT"})");
    reply("GET", "/api/v1/currencies?active=all", 200,
          R"({"items":[{"id":1,"name":"USD","rate":"3450.25","active":true,"version":1}]})");
    auto& company = app.settings().company_currency();
    REQUIRE(company.loaded());
    CHECK(company.currency() == "MNT");
    CHECK_FALSE(company.dirty());
    CHECK(app.settings().table("currencies").rows().size() == 1);

    company.draft() = "usd";
    REQUIRE(company.dirty());
    company.save();
    auto sent = reply("PUT", "/api/v1/company-currency", 422,
                      R"({"error":{"code":"validation","message":"currency: has a rate","details":[{"field":"currency","message":"has a rate in Settings › Currencies; delete that row first","key":"error.currency_has_rate"}]}})");
    CHECK(nlohmann::json::parse(sent.body) == nlohmann::json{{"currency", "USD"}});
    REQUIRE(company.errors().count("currency") == 1);
    CHECK(company.errors().at("currency").render(i18n::Lang::en) == "This currency has a rate below: delete that row first.");
    CHECK(app.settings().error().render(i18n::Lang::en) == "This currency has a rate below: delete that row first.");
    CHECK(company.currency() == "MNT");  // unchanged until the server agrees

    company.draft() = "EUR";
    company.save();
    reply("PUT", "/api/v1/company-currency", 200, R"({"currency":"EUR"})");
    CHECK(company.errors().empty());
    CHECK(company.currency() == "EUR");
    CHECK_FALSE(company.dirty());
}

TEST_CASE_FIXTURE(SettingsFixture, "currencies: a new rate is sent as typed; a bad one gets the server's message at the rate") {
    sign_in();
    open("currencies", "admin");
    reply("GET", "/api/v1/company-currency", 200, R"({"currency":"MNT"})");
    reply("GET", "/api/v1/currencies?active=all", 200, R"({"items":[]})");
    auto& t = app.settings().table("currencies");
    t.begin_add();
    t.new_draft()["name"] = "CNY";
    t.new_draft()["rate"] = "0";
    t.submit_new();
    auto sent = reply("POST", "/api/v1/currencies", 422,
                      R"({"error":{"code":"validation","message":"rate: must be positive","details":[{"field":"rate","message":"must be a positive number","key":"error.rate"}]}})");
    const auto body = nlohmann::json::parse(sent.body);
    CHECK(body["name"] == "CNY");
    CHECK(body["rate"] == "0");
    REQUIRE(t.error("rate") != nullptr);
    CHECK(t.error("rate")->render(i18n::Lang::mn) == "3450.25 гэх мэт тэгээс их тоо оруулна уу.");
    t.new_draft()["rate"] = "476.3";
    t.submit_new();
    reply("POST", "/api/v1/currencies", 201, R"({"id":4,"name":"CNY","rate":"476.3","active":true,"version":1})");
    REQUIRE(t.rows().size() == 1);
    CHECK(t.rows()[0].text("rate") == "476.3");
}
