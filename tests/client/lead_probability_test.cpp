// The lead form's probability block against a fake server: the explanation asked once per version of the lead,
// factors worded with the pickers' names, the "set by hand" mark, and Reset to automatic with the version read.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* lead_probability_session_body = R"({"user":{"id":1,"login":"admin","name":"Админ","role":"admin"},"csrf_token":"tok-1"})";

json lead_probability_lead_json(std::int64_t version, double probability, bool manual) {
    return {{"id", 42},          {"type", "opportunity"}, {"name", "Office chairs"},     {"stage_id", 2},
            {"team_id", 5},      {"probability", probability}, {"automated_probability", 34.5},
            {"probability_manual", manual}, {"active", true}, {"version", version}};
}

json explanation(double probability, bool manual) {
    return {{"lead_id", 42},
            {"probability", probability},
            {"automated_probability", 34.5},
            {"probability_manual", manual},
            {"explanation",
             {{"base", 25.0},
              {"probability", 34.5},
              {"factors",
               {{{"variable", "stage_id"}, {"value", "2"}, {"points", 12.2}},
                {{"variable", "phone_state"}, {"value", "False"}, {"points", -7}},  // the models' empty state
                {{"variable", "tag_id"}, {"value", "7"}, {"points", 4.3}},
                {{"variable", "country"}, {"value", "MN"}, {"points", 0}}}}}}};
}

struct LeadProbabilityFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    LeadForm& form = app.lead_form();

    bool asked(const std::string& method, const std::string& path) const {
        return std::any_of(net.pending.begin(), net.pending.end(),
                           [&](const auto& p) { return p.request.method == method && p.request.path == path; });
    }
    HttpRequest reply(const std::string& method, const std::string& path, int status, const std::string& body) {
        auto it = std::find_if(net.pending.begin(), net.pending.end(),
                               [&](const auto& p) { return p.request.method == method && p.request.path == path; });
        REQUIRE_MESSAGE(it != net.pending.end(), std::string(method + " " + path + " was not asked"));
        auto p = std::move(*it);
        net.pending.erase(it);
        p.done(HttpResponse{status, body});
        return p.request;
    }

    void open(json lead) {
        host.history = {"#/lead/42"};
        app.start("#/lead/42", "en-US", "");
        net.answer(200, lead_probability_session_body);
        form.show(42);
        while (!net.pending.empty()) {
            const std::string path = net.pending.front().request.path;
            if (path == "/api/v1/leads/42") net.answer(200, lead.dump());
            else if (path == "/api/v1/stages")
                net.answer(200, R"({"items":[{"id":1,"name":"New","sequence":1},{"id":2,"name":"Proposition","sequence":2}]})");
            else if (path == "/api/v1/tags") net.answer(200, R"({"items":[{"id":7,"name":"VIP","color":1}]})");
            else net.answer(200, R"({"items":[]})");
        }
    }
};

}  // namespace

TEST_CASE_FIXTURE(LeadProbabilityFixture, "probability: the explanation is asked once per version and worded with names") {
    open(lead_probability_lead_json(3, 34.5, false));
    CHECK_FALSE(form.probability().loaded);
    form.ensure_probability();
    form.ensure_probability();  // each frame: no second request while the same version is shown
    CHECK(std::count_if(net.pending.begin(), net.pending.end(),
                        [](const auto& p) { return p.request.path == "/api/v1/leads/42/probability"; }) == 1);
    reply("GET", "/api/v1/leads/42/probability", 200, explanation(34.5, false).dump());
    const auto& p = form.probability();
    REQUIRE(p.loaded);
    CHECK_FALSE(p.manual);
    REQUIRE(p.base.has_value());
    CHECK(*p.base == doctest::Approx(25.0));
    REQUIRE(p.factors.size() == 4);
    const auto en = i18n::Lang::en;
    CHECK(factor_text(en, form.refs(), p.factors[0]) == "+12.2 pts Stage: Proposition");
    CHECK(factor_text(en, form.refs(), p.factors[1]) == "\u22127 pts Phone: missing");
    CHECK(factor_text(en, form.refs(), p.factors[2]) == "+4.3 pts Tag: VIP");
    CHECK(factor_text(en, form.refs(), p.factors[3]) == "+0 pts Country: MN");
    CHECK(factor_text(i18n::Lang::mn, form.refs(), p.factors[1]) == "\u22127 пункт Утас: байхгүй");
    ProbabilityFactor blank = p.factors[1];
    blank.value = "";
    CHECK(factor_text(en, form.refs(), blank) == "\u22127 pts Phone: missing");
    CHECK(base_text(en, p) == "Team's base rate: 25%");
    // The logistic model's base is where its sum starts, not a rate the team has had: it is not called one.
    auto lr = explanation(34.5, false);
    lr["explanation"]["base_kind"] = "model_start";
    auto lr_info = probability_info_of(lr);
    REQUIRE(lr_info);
    CHECK(base_text(en, *lr_info) == "Model's starting point: 25%");
    CHECK(base_text(i18n::Lang::mn, *lr_info) == "Загварын эхлэх цэг: 25%");
    form.ensure_probability();
    CHECK_FALSE(asked("GET", "/api/v1/leads/42/probability"));
}

TEST_CASE_FIXTURE(LeadProbabilityFixture, "probability: set by hand, Reset to automatic sends the version and asks again") {
    open(lead_probability_lead_json(5, 80, true));
    REQUIRE(form.lead()->probability_manual);
    form.ensure_probability();
    reply("GET", "/api/v1/leads/42/probability", 200, explanation(80, true).dump());
    CHECK(form.probability().manual);
    CHECK(form.probability().automated == doctest::Approx(34.5));

    form.reset_probability();
    auto sent = reply("POST", "/api/v1/leads/42/probability/reset", 200, lead_probability_lead_json(6, 34.5, false).dump());
    CHECK(json::parse(sent.body) == json({{"version", 5}}));
    CHECK_FALSE(form.lead()->probability_manual);
    CHECK(form.lead()->probability == doctest::Approx(34.5));
    form.ensure_probability();  // a new version: the explanation is asked again
    reply("GET", "/api/v1/leads/42/probability", 200, explanation(34.5, false).dump());
    CHECK_FALSE(form.probability().manual);
}

TEST_CASE_FIXTURE(LeadProbabilityFixture, "probability: a stale reset shows the conflict; no model yet; errors are kept") {
    open(lead_probability_lead_json(5, 80, true));
    form.reset_probability();
    reply("POST", "/api/v1/leads/42/probability/reset", 409,
          json{{"error", {{"code", "conflict"}, {"message", "changed"}, {"field", "version"}, {"current", lead_probability_lead_json(7, 60, true)}}}}.dump());
    CHECK(form.conflict());
    while (!net.pending.empty()) net.answer(200, R"({"items":[]})");

    form.ensure_probability();
    reply("GET", "/api/v1/leads/42/probability", 200,
          json{{"lead_id", 42}, {"probability", 80}, {"automated_probability", 10}, {"probability_manual", true},
               {"explanation", nullptr}}.dump());
    CHECK(form.probability().loaded);
    CHECK_FALSE(form.probability().base.has_value());
    CHECK(form.probability().factors.empty());

    form.close();
    open(lead_probability_lead_json(8, 80, true));
    form.ensure_probability();
    reply("GET", "/api/v1/leads/42/probability", 403, R"({"error":{"code":"forbidden","message":"Not yours"}})");
    CHECK(form.probability().error.render(i18n::Lang::en) == "Not yours");
    CHECK(signed_points(-0.04) == "+0");
    CHECK(signed_points(2.25) == "+2.3");
}

TEST_CASE("board cards carry the score and its explanation for the badge") {
    auto card = card_from_json(json{{"id", 5}, {"name", "Desks"}, {"score", -10},
                                    {"score_explanation", {{{"rule_id", 2}, {"name", "free-mail address"}, {"points", -10}}}}});
    REQUIRE(card.has_value());
    CHECK(card->score == -10);
    REQUIRE(card->score_explanation.size() == 1);
    CHECK(card->score_explanation[0].name == "free-mail address");
    CHECK(card_from_json(json{{"id", 6}, {"name", "Chairs"}})->score == 0);
}
