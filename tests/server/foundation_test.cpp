// The server skeleton over real HTTP: health, static files, error shapes, limits, sign-in and CSRF.
#include <doctest/doctest.h>

#include <fstream>

#include "test_server.hpp"

using tumen::testing::TestServer;
using nlohmann::json;

TEST_CASE("health reports the version and the database") {
    TestServer s;
    auto r = s.client.Get("/api/v1/health");
    REQUIRE(r);
    CHECK(r->status == 200);
    auto j = TestServer::body(r);
    CHECK(j["status"] == "ok");
    CHECK(j["version"] == TUMEN_VERSION);
    CHECK(j["database"]["status"] == "ok");
    CHECK(j["database"]["schema_version"].get<int>() == tumen::store::latest_schema_version());
    CHECK(r->get_header_value("X-Content-Type-Options") == "nosniff");
}

TEST_CASE("static files are served with correct MIME types") {
    TestServer s;
    auto web = s.dir / "web";
    std::ofstream(web / "index.html") << "<!doctype html><title>t</title>";
    std::ofstream(web / "tumen.js") << "console.log(1)";
    std::ofstream(web / "tumen.wasm", std::ios::binary) << std::string("\0asm\1\0\0\0", 8);
    auto r = s.client.Get("/");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Type").find("text/html") == 0);
    r = s.client.Get("/tumen.wasm");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Type") == "application/wasm");
    CHECK(r->body.size() == 8);
    r = s.client.Get("/tumen.js");
    REQUIRE(r);
    CHECK(r->get_header_value("Content-Type").find("javascript") != std::string::npos);
}

TEST_CASE("static files: gzipped once, revalidated by ETag, never outside the web root") {
    TestServer s;
    auto web = s.dir / "web";
    std::string js;
    for (int i = 0; i < 2000; ++i) js += "console.log(" + std::to_string(i % 7) + ");\n";
    std::ofstream(web / "tumen.js") << js;
    std::ofstream(s.dir / "secret.txt") << "not for the web";

    auto r = s.client.Get("/tumen.js", {{"Accept-Encoding", "gzip, deflate, br"}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Content-Encoding") == "gzip");
    CHECK(r->body == js);  // the client inflated it
    CHECK(r->get_header_value("Cache-Control") == "no-cache");
    const std::string etag = r->get_header_value("ETag");
    REQUIRE(!etag.empty());

    r = s.client.Get("/tumen.js", {{"Accept-Encoding", "identity"}});
    REQUIRE(r);
    CHECK(r->get_header_value("Content-Encoding").empty());
    CHECK(r->body == js);
    // Not compressed again by httplib for an encoding we do not cache (it would brotli it on every request).
    r = s.client.Get("/tumen.js", {{"Accept-Encoding", "br"}});
    REQUIRE(r);
    CHECK(r->get_header_value("Content-Encoding").empty());
    CHECK(r->body == js);

    // A second visit: the browser's copy is still good.
    r = s.client.Get("/tumen.js", {{"If-None-Match", etag}});
    REQUIRE(r);
    CHECK(r->status == 304);
    CHECK(r->body.empty());

    // A new build: the old tag no longer matches.
    std::ofstream(web / "tumen.js") << js << "// v2\n";
    r = s.client.Get("/tumen.js", {{"If-None-Match", etag}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(r->body == js + "// v2\n");
    CHECK(r->get_header_value("ETag") != etag);

    r = s.client.Get("/../secret.txt");
    REQUIRE(r);
    CHECK(r->body.find("not for the web") == std::string::npos);
}

TEST_CASE("unknown paths get 404 in the JSON error shape") {
    TestServer s;
    auto r = s.client.Get("/api/v1/no-such-thing");
    REQUIRE(r);
    CHECK(r->status == 404);
    auto j = TestServer::body(r);
    CHECK(j["error"]["code"] == "not_found");
    CHECK(j["error"].contains("message"));
    CHECK(j["error"]["field"].is_null());
}

TEST_CASE("a body over the limit gets 413 in the JSON error shape") {
    TestServer s([](tumen::server::Config& c) { c.max_body_bytes = 1024; });
    auto r = s.client.Post("/api/v1/session/login", std::string(4096, 'x'), "application/json");
    REQUIRE(r);
    CHECK(r->status == 413);
    CHECK(TestServer::body(r)["error"]["code"] == "payload_too_large");
}

TEST_CASE("malformed JSON gets 400 naming the position; missing fields get 422 naming each") {
    TestServer s;
    auto r = s.client.Post("/api/v1/session/login", R"({"login": "admin", )", "application/json");
    REQUIRE(r);
    CHECK(r->status == 400);
    auto j = TestServer::body(r);
    CHECK(j["error"]["code"] == "bad_request");
    CHECK(j["error"]["position"].get<int>() > 0);

    r = s.client.Post("/api/v1/session/login", R"({"login": 5})", "application/json");
    REQUIRE(r);
    CHECK(r->status == 422);
    j = TestServer::body(r);
    CHECK(j["error"]["field"] == "login");
    CHECK(j["error"]["details"].size() == 2);
}

TEST_CASE("sign-in: wrong password is 401, right password gives a session cookie and a CSRF token") {
    TestServer s;
    auto r = s.client.Post("/api/v1/session/login", R"({"login":"admin","password":"nope"})", "application/json");
    REQUIRE(r);
    CHECK(r->status == 401);
    CHECK(TestServer::body(r)["error"]["code"] == "unauthorized");
    r = s.client.Post("/api/v1/session/login", R"({"login":"ghost","password":"nope"})", "application/json");
    REQUIRE(r);
    CHECK(r->status == 401);

    CHECK(s.client.Get("/api/v1/session/me")->status == 401);
    s.login();
    auto me = s.client.Get("/api/v1/session/me");
    REQUIRE(me);
    CHECK(me->status == 200);
    CHECK(TestServer::body(me)["user"]["login"] == "admin");
}

TEST_CASE("the session cookie is HttpOnly and SameSite=Strict") {
    TestServer s;
    auto r = s.client.Post("/api/v1/session/login",
                           json({{"login", "admin"}, {"password", tumen::testing::admin_password}}).dump(), "application/json");
    REQUIRE(r);
    auto cookie = r->get_header_value("Set-Cookie");
    CHECK(cookie.find("HttpOnly") != std::string::npos);
    CHECK(cookie.find("SameSite=Strict") != std::string::npos);
}

TEST_CASE("state-changing requests without the CSRF header are refused with 403") {
    TestServer s;
    s.login();
    // A second session whose requests carry the cookie but no X-CSRF-Token.
    httplib::Client bare("127.0.0.1", s.app->port());
    auto login = bare.Post("/api/v1/session/login",
                           json({{"login", "admin"}, {"password", tumen::testing::admin_password}}).dump(), "application/json");
    auto cookie = login->get_header_value("Set-Cookie");
    bare.set_default_headers({{"Cookie", cookie.substr(0, cookie.find(';'))}});
    auto out = bare.Post("/api/v1/session/logout", "", "application/json");
    REQUIRE(out);
    CHECK(out->status == 403);
    CHECK(TestServer::body(out)["error"]["code"] == "forbidden");
    // With the token the same request works, and the session is gone afterwards.
    auto ok = s.client.Post("/api/v1/session/logout", "", "application/json");
    REQUIRE(ok);
    CHECK(ok->status == 204);
    CHECK(s.client.Get("/api/v1/session/me")->status == 401);
}

TEST_CASE("the OpenAPI document lists every endpoint of the contract") {
    TestServer s;
    auto r = s.client.Get("/api/v1/openapi.json");
    REQUIRE(r);
    CHECK(r->status == 200);
    auto doc = TestServer::body(r);
    CHECK(doc["openapi"] == "3.0.3");
    for (const auto& e : tumen::api::endpoints()) {
        std::string method(e.method);
        for (auto& c : method) c = static_cast<char>(std::tolower(c));
        CHECK_MESSAGE(doc["paths"][std::string(e.path)].contains(method), e.id);
    }
}

TEST_CASE("many concurrent keep-alive clients are served") {
    TestServer s;
    std::vector<std::thread> threads;
    std::atomic<int> ok{0};
    for (int t = 0; t < 16; ++t)
        threads.emplace_back([&] {
            httplib::Client c("127.0.0.1", s.app->port());
            for (int i = 0; i < 20; ++i)
                if (auto r = c.Get("/api/v1/health"); r && r->status == 200) ++ok;
        });
    for (auto& t : threads) t.join();
    CHECK(ok == 16 * 20);
}
