#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/test_probe.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;

TEST_CASE("the language comes from the saved choice, else from the browser") {
    FakeTransport net;
    FakeHost host;
    {
        AppState app(net, host);
        app.start("#/login", "mn-MN", "");
        CHECK(app.language() == i18n::Lang::mn);
        CHECK(app.tr("login.submit") == "Нэвтрэх");
    }
    {
        AppState app(net, host);
        app.start("#/login", "mn-MN", "en");
        CHECK(app.language() == i18n::Lang::en);
    }
    {
        AppState app(net, host);
        app.start("#/login", "de-DE", "xx");  // unknown saved value: ignored
        CHECK(app.language() == i18n::Lang::en);
    }
}

TEST_CASE("switching the language is remembered and changes every text at once") {
    FakeTransport net;
    FakeHost host;
    AppState app(net, host);
    app.start("#/login", "en-GB", "");
    app.set_language(i18n::Lang::mn);
    CHECK(host.saved_language == "mn");
    CHECK(app.tr("login.password") == "Нууц үг");
    CHECK(app.tr("pipeline.welcome", {{"name", "Өлзий"}}) == "Сайн байна уу, Өлзий");
    // the next request names the language, so the server can word its errors for this user
    app.login_form().login = "admin";
    app.login_form().password = "pw";
    app.submit_login();
    CHECK(header(net.pending.back().request, "Accept-Language") == "mn");
}

TEST_CASE("the test probe reports route, view, language, error and widgets") {
    FakeTransport net;
    FakeHost host;
    AppState app(net, host);
    app.start("#/login", "en", "");
    net.answer(401, "{}");
    app.submit_login();  // empty login: a local error
    std::vector<WidgetInfo> widgets = {{"login.submit", "Sign in", "button", 10.25f, 20, 300, 44.04f, ""},
                                       {"login.login", "Нэвтрэх нэр", "input", 10, 80, 300, 40, "Өлзий"}};
    FrameInfo frame{42, 2.0f, 1600, 1200, true};
    auto j = nlohmann::json::parse(state_json(app, widgets, frame));
    CHECK(j["route"] == "#/login");
    CHECK(j["view"] == "login");
    CHECK(j["language"] == "en");
    CHECK(j["last_error"] == "Enter your login.");
    CHECK(j["frame_count"] == 42);
    CHECK(j["ready"] == true);
    CHECK(j["canvas"]["width"] == 1600);
    CHECK(j["user"].is_null());
    REQUIRE(j["widgets"].size() == 2);
    CHECK(j["widgets"][0]["label"] == "Sign in");
    CHECK(j["widgets"][0]["x"] == doctest::Approx(10.3));
    CHECK(j["widgets"][0]["h"] == doctest::Approx(44.0));
    CHECK(j["widgets"][1]["label"] == "Нэвтрэх нэр");
    CHECK(j["widgets"][1]["kind"] == "input");
    CHECK(j["widgets"][1]["value"] == "Өлзий");
    CHECK_FALSE(j["widgets"][0].contains("value"));  // only inputs carry a value
}

TEST_CASE("the probe survives text that is not valid UTF-8") {
    FakeTransport net;
    FakeHost host;
    AppState app(net, host);
    app.start("#/login", "en", "");
    std::vector<WidgetInfo> widgets = {{"x", std::string("half \xD3", 6), "text", 0, 0, 1, 1, ""}};
    auto text = state_json(app, widgets, {});
    CHECK(nlohmann::json::parse(text)["widgets"][0]["label"].get<std::string>().size() > 4);
}

TEST_CASE("session bodies are read defensively") {
    CHECK_FALSE(parse_session("not json").has_value());
    CHECK_FALSE(parse_session(R"({"user":{"login":"a"}})").has_value());
    CHECK_FALSE(parse_session(R"({"user":{"id":"1","login":"a"}})").has_value());
    auto s = parse_session(R"({"user":{"id":3,"login":"amar"},"csrf_token":"t"})");
    REQUIRE(s.has_value());
    CHECK(s->user.name == "amar");  // no name: the login stands in
    CHECK_FALSE(s->user.can_manage());  // no role said: nothing beyond a salesperson's screens
    for (const char* role : {"admin", "manager"}) {
        auto m = parse_session(std::string(R"({"user":{"id":4,"login":"b","role":")") + role + R"("}})");
        REQUIRE(m.has_value());
        CHECK(m->user.role == role);
        CHECK(m->user.can_manage());
    }
    for (const char* role : {"sales_all", "sales_own"})
        CHECK_FALSE(parse_session(std::string(R"({"user":{"id":5,"login":"c","role":")") + role + R"("}})")->user.can_manage());
    CHECK(problem_message({500, R"({"error":{"code":"internal","message":5}})"}).key == "error.unexpected");
    CHECK(error_code({401, R"({"error":{"code":"unauthorized","message":"x"}})"}) == "unauthorized");
    CHECK(error_code({401, "nope"}).empty());
}
