// Errors over real HTTP in the language the request asks for (the client sends Accept-Language: mn|en).
#include <doctest/doctest.h>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;

TEST_CASE("a Mongolian request gets its validation, refusal, lockout and not-found errors in Mongolian") {
    TestServer s;
    s.login();
    create_user(s, "saraa", "sales_own");
    auto saraa = sign_in(s, "saraa");
    httplib::Client c("127.0.0.1", s.app->port());  // no default headers: each request names its language

    const httplib::Headers mn = {{"Accept-Language", "mn-MN,mn;q=0.9"}, {"Cookie", saraa.cookie}, {"X-CSRF-Token", saraa.csrf}};
    const std::string bad_lead = json{{"name", ""}, {"priority", 9}}.dump();
    auto r = c.Post("/api/v1/leads", mn, bad_lead, "application/json");
    REQUIRE(r);
    CHECK(r->status == 422);
    auto err = body_of(r)["error"];
    CHECK(err["field"] == "name");
    CHECK(err["details"][0]["message"] == "заавал бөглөнө");
    // The summary names the field by the lead form's label, not its wire name.
    CHECK(err["message"].get<std::string>().rfind("Гарчиг талбар: заавал бөглөнө", 0) == 0);

    // The same request in English keeps the service's words.
    auto en = c.Post("/api/v1/leads", {{"Accept-Language", "en"}, {"Cookie", saraa.cookie}, {"X-CSRF-Token", saraa.csrf}},
                                 bad_lead, "application/json");
    CHECK(body_of(en)["error"]["details"][0]["message"] == "is required");

    // The router's own refusals: no CSRF token, and a salesperson at a managers' endpoint.
    r = c.Post("/api/v1/leads", {{"Accept-Language", "mn"}, {"Cookie", saraa.cookie}}, "{}", "application/json");
    CHECK(r->status == 403);
    CHECK(body_of(r)["error"]["message"] == "Хамгаалалтын (CSRF) токен алга эсвэл буруу; хуудсаа дахин ачаална уу");
    r = c.Post("/api/v1/lost-reasons", mn, json{{"name", "Үнэ"}}.dump(), "application/json");
    CHECK(r->status == 403);
    CHECK(body_of(r)["error"]["message"] == "Зөвхөн борлуулалтын менежер");

    r = c.Get("/api/v1/leads/987654", mn);
    CHECK(r->status == 404);
    CHECK(body_of(r)["error"]["message"] == "Олдсонгүй: энэ бичлэг байхгүй эсвэл танд харах эрх алга");

    // A wrong password says so (not "sign in first", the code's generic meaning); then the lock after five.
    httplib::Client anon("127.0.0.1", s.app->port());
    r = anon.Post("/api/v1/session/login", {{"Accept-Language", "mn"}},
                  json{{"login", "saraa"}, {"password", "wrong-first"}}.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 401);
    CHECK(body_of(r)["error"]["message"] == "Нэвтрэх нэр эсвэл нууц үг буруу байна");
    r = anon.Post("/api/v1/session/login", {{"Accept-Language", "en"}},
                  json{{"login", "nobody-here"}, {"password", "wrong"}}.dump(), "application/json");
    CHECK(body_of(r)["error"]["message"] == "Wrong login or password");
    for (int i = 1; i < 5; ++i)
        r = anon.Post("/api/v1/session/login", {{"Accept-Language", "mn"}},
                      json{{"login", "saraa"}, {"password", "wrong-" + std::to_string(i)}}.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 429);
    err = body_of(r)["error"];
    CHECK(err["message"] == "Олон удаа буруу нэвтэрсэн тул түр түгжигдлээ. 1 минутын дараа дахин оролдоно уу.");
    CHECK(err["current"]["retry_after"] == 60);
}
