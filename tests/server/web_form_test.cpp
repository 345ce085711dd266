// The website contact form against a real server: a form post becomes a lead in the chosen team and for the chosen
// salesperson with the visitor's address (through a trusted proxy), answered 303 to the thank-you page; JSON posts
// get JSON; the honeypot creates nothing; limits (413, 422 naming fields), the per-address rate limit (429 +
// Retry-After), switched off (404), origins (403 / CORS preflight) and the admin settings (409 on a stale version).
#include <doctest/doctest.h>

#include <set>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

constexpr const char* submit = "/api/v1/public/contact";

struct FormServer {
    TestServer s{[](tumen::server::Config& c) {
        c.seed_reference = true;
        c.trusted_proxies = {"127.0.0.1"};  // so each test picks the visitor's address with X-Forwarded-For
    }};
    int64_t team = 0, seller = 0;

    FormServer() {
        s.login();
        team = insert_team(s, "Вэб борлуулалт");
        seller = create_user(s, "seller", "sales_all")["id"].get<int64_t>();
    }
    json settings() { return body_of(s.client.Get("/api/v1/settings/web-form")); }
    httplib::Result put(json patch) {
        patch["version"] = settings()["version"];
        return s.client.Put("/api/v1/settings/web-form", patch.dump(), "application/json");
    }
    void enable(json extra = json::object()) {
        json p = {{"enabled", true}, {"team_id", team}, {"user_id", seller}};
        for (auto& [k, v] : extra.items()) p[k] = v;
        auto r = put(p);
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
    }
    // An anonymous visitor at `ip` (X-Forwarded-For through the trusted loopback proxy).
    httplib::Client visitor(const std::string& ip, httplib::Headers extra = {}) {
        httplib::Client c("127.0.0.1", s.app->port());
        c.set_read_timeout(10, 0);
        extra.emplace("X-Forwarded-For", ip);
        c.set_default_headers(extra);
        return c;
    }
    int64_t leads() { return scalar(s, "SELECT count(*) FROM leads"); }
};

}  // namespace

TEST_CASE("web form: a form post creates the lead in the chosen team and for the salesperson, then 303") {
    FormServer f;
    f.enable();
    auto v = f.visitor("203.0.113.7");
    httplib::Params form = {{"name", "Батбаяр"}, {"email", "bat@gobi.mn"}, {"company", "Говь ХХК"},
                            {"message", "Үнийн санал авъя"}, {"lang", "mn"}, {"website", ""}};
    auto r = v.Post(submit, form);
    REQUIRE(r);
    CHECK_MESSAGE(r->status == 303, r->body);
    CHECK(r->get_header_value("Location") == "/contact/thanks?lang=mn");
    REQUIRE(f.leads() == 1);
    auto& c = f.s.app->db().reader();
    auto st = c.prepare_uncached(
        "SELECT l.name, l.team_id, l.user_id, l.visitor_ip, l.partner_name, l.description, s.name, l.stage_id "
        "FROM leads l LEFT JOIN utm_sources s ON s.id = l.source_id");
    REQUIRE(st.step());
    CHECK(st.get_text(0) == "Website: Батбаяр");
    CHECK(st.get_int(1) == f.team);
    CHECK(st.get_int(2) == f.seller);
    CHECK(st.get_text(3) == "203.0.113.7");
    CHECK(st.get_text(4) == "Говь ХХК");
    CHECK(st.get_text(5) == "Үнийн санал авъя");
    CHECK(st.get_text(6) == "Website");
    CHECK_FALSE(st.is_null(7));
    // The normal creation path: a change-log event (live updates) and the channel's counters.
    CHECK(scalar(f.s, "SELECT count(*) FROM change_log WHERE entity = 'lead' AND action = 'created'") == 1);
    auto ch = f.settings()["channel"];
    CHECK(ch["received"] == 1);
    CHECK(ch["created"] == 1);
    CHECK(ch["state"] == "ok");

    auto thanks = v.Get("/contact/thanks?lang=mn");
    REQUIRE(thanks);
    CHECK(thanks->status == 200);
    CHECK(thanks->body.find("Баярлалаа") != std::string::npos);
    auto thanks_en = v.Get("/contact/thanks?lang=en");
    CHECK(thanks_en->body.find("Thank you") != std::string::npos);
}

TEST_CASE("web form: JSON post answers 201 JSON; bad fields 422 naming them; too big 413") {
    FormServer f;
    f.enable({{"thank_you_url", "https://www.example.mn/thanks"}});
    auto v = f.visitor("198.51.100.1");
    auto ok = v.Post(submit, json{{"email", "a@b.mn"}, {"subject", "Demo please"}}.dump(), "application/json");
    REQUIRE(ok);
    CHECK_MESSAGE(ok->status == 201, ok->body);
    CHECK(body_of(ok) == json{{"ok", true}});
    CHECK(scalar(f.s, "SELECT count(*) FROM leads WHERE name = 'Demo please'") == 1);

    auto bad = v.Post(submit, json{{"email", "nonsense"}, {"phone", "call me"}}.dump(), "application/json");
    REQUIRE(bad);
    CHECK(bad->status == 422);
    std::set<std::string> fields;
    const json err = body_of(bad);  // named: ranging over a temporary's member dangles
    for (const auto& d : err["error"]["details"]) fields.insert(d["field"].get<std::string>());
    CHECK_MESSAGE((fields == std::set<std::string>{"email", "phone"}), bad->body);

    auto big = v.Post(submit, json{{"email", "a@b.mn"}, {"message", std::string(40 * 1024, 'x')}}.dump(), "application/json");
    REQUIRE(big);
    CHECK(big->status == 413);
    CHECK(f.leads() == 1);

    // A form post with a thank-you URL of the site goes there; a refused one gets an HTML page naming the field.
    auto form_ok = v.Post(submit, httplib::Params{{"phone", "+976 9911 2233"}});
    CHECK(form_ok->status == 303);
    CHECK(form_ok->get_header_value("Location") == "https://www.example.mn/thanks");
    auto form_bad = v.Post(submit, httplib::Params{{"name", "Бат"}, {"lang", "en"}});
    CHECK(form_bad->status == 422);
    CHECK(form_bad->get_header_value("Content-Type").find("text/html") == 0);
    CHECK(form_bad->body.find("E-mail") != std::string::npos);
    CHECK(f.settings()["channel"]["rejected"] == 2);
}

TEST_CASE("web form: the honeypot is answered like a success and creates nothing") {
    FormServer f;
    f.enable();
    auto v = f.visitor("192.0.2.55");
    auto r = v.Post(submit, json{{"email", "bot@spam.example"}, {"website", "http://spam.example"}}.dump(),
                    "application/json");
    REQUIRE(r);
    CHECK(r->status == 201);
    CHECK(body_of(r) == json{{"ok", true}});
    auto form = v.Post(submit, httplib::Params{{"email", "bot@spam.example"}, {"website", "x"}});
    CHECK(form->status == 303);
    CHECK(f.leads() == 0);
    CHECK(scalar(f.s, "SELECT count(*) FROM web_form_submissions WHERE outcome = 'spam'") == 2);
    CHECK(f.settings()["spam_last_30_days"] == 2);
}

TEST_CASE("web form: the rate limit is per address, with Retry-After") {
    FormServer f;
    f.enable({{"rate_limit_per_hour", 2}});
    auto a = f.visitor("203.0.113.10");
    const std::string body = json{{"email", "a@b.mn"}}.dump();
    CHECK(a.Post(submit, body, "application/json")->status == 201);
    CHECK(a.Post(submit, body, "application/json")->status == 201);
    auto third = a.Post(submit, body, "application/json");
    REQUIRE(third);
    CHECK(third->status == 429);
    REQUIRE(third->has_header("Retry-After"));
    const int retry = std::stoi(third->get_header_value("Retry-After"));
    CHECK(retry > 3000);
    CHECK(retry <= 3600);
    auto b = f.visitor("203.0.113.11");
    CHECK(b.Post(submit, body, "application/json")->status == 201);
    CHECK(f.leads() == 3);
    CHECK(scalar(f.s, "SELECT count(*) FROM web_form_submissions WHERE outcome = 'throttled'") == 1);
}

TEST_CASE("web form: switched off is 404 and creates nothing") {
    FormServer f;
    auto v = f.visitor("203.0.113.20");
    auto r = v.Post(submit, json{{"email", "a@b.mn"}}.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(f.leads() == 0);
}

TEST_CASE("web form: other sites post only from allowed origins; the CORS preflight says so") {
    FormServer f;
    f.enable({{"allowed_origins", {"https://shop.example.mn"}}});
    auto allowed = f.visitor("203.0.113.30", {{"Origin", "https://shop.example.mn"}});
    auto r = allowed.Post(submit, json{{"email", "a@b.mn"}}.dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 201);
    CHECK(r->get_header_value("Access-Control-Allow-Origin") == "https://shop.example.mn");

    auto evil = f.visitor("203.0.113.31", {{"Origin", "https://evil.example"}});
    auto refused = evil.Post(submit, json{{"email", "a@b.mn"}}.dump(), "application/json");
    CHECK(refused->status == 403);
    CHECK(f.leads() == 1);

    // Our own page (same origin as the Host) needs no listing.
    const std::string self = "http://127.0.0.1:" + std::to_string(f.s.app->port());
    auto own = f.visitor("203.0.113.32", {{"Origin", self}});
    CHECK(own.Post(submit, json{{"phone", "99112233"}}.dump(), "application/json")->status == 201);

    auto pre = allowed.Options(submit, httplib::Headers{{"Access-Control-Request-Method", "POST"}});
    REQUIRE(pre);
    CHECK(pre->status == 204);
    CHECK(pre->get_header_value("Access-Control-Allow-Origin") == "https://shop.example.mn");
    CHECK(pre->get_header_value("Access-Control-Allow-Headers").find("Content-Type") != std::string::npos);
    auto pre_evil = evil.Options(submit);
    REQUIRE(pre_evil);
    CHECK(pre_evil->status == 403);
    CHECK_FALSE(pre_evil->has_header("Access-Control-Allow-Origin"));
}

TEST_CASE("web form settings: admins only, checked, 409 on a stale version") {
    FormServer f;
    auto bad = f.put({{"enabled", true}, {"team_id", 999999}, {"allowed_origins", "https://x.mn/path"},
                      {"rate_limit_per_hour", 0}});
    REQUIRE(bad);
    CHECK(bad->status == 422);
    std::set<std::string> fields;
    const json err = body_of(bad);  // named: ranging over a temporary's member dangles
    for (const auto& d : err["error"]["details"]) fields.insert(d["field"].get<std::string>());
    CHECK_MESSAGE(fields.count("allowed_origins") == 1, bad->body);
    CHECK(fields.count("rate_limit_per_hour") == 1);

    const auto v1 = f.settings()["version"].get<int64_t>();
    auto ok = f.s.client.Put("/api/v1/settings/web-form",
                             json{{"version", v1}, {"enabled", true}, {"team_id", f.team}}.dump(), "application/json");
    CHECK(ok->status == 200);
    CHECK(body_of(ok)["version"] == v1 + 1);
    auto stale = f.s.client.Put("/api/v1/settings/web-form", json{{"version", v1}, {"enabled", false}}.dump(),
                                "application/json");
    CHECK(stale->status == 409);
    CHECK(f.settings()["enabled"] == true);

    auto seller = sign_in(f.s, "seller");
    CHECK(seller.client->Get("/api/v1/settings/web-form")->status == 403);
}
