// Rule-based scoring through the API: leads scored in the same write as their create/update, rules cached and
// followed after a change, the recompute job (batches, progress, one change-log row), the preview, validation
// and access rules (everyone reads rules, managers change them).
#include <doctest/doctest.h>

#include <set>

#include "jobs_helpers.hpp"
#include "services/score_rule_service.hpp"
#include "store/leads.hpp"
#include "store/score_rules.hpp"
#include "store/stages.hpp"

using namespace tumen;
using namespace tumen::testing;
using nlohmann::json;

namespace {

json score_rules_api_call(httplib::Client& c, const std::string& method, const std::string& path, const json& body, int expect) {
    httplib::Result r = method == "POST"    ? c.Post(path.c_str(), body.dump(), "application/json")
                        : method == "PATCH" ? c.Patch(path.c_str(), body.dump(), "application/json")
                        : method == "DELETE" ? c.Delete(path.c_str())
                                             : c.Get(path.c_str());
    REQUIRE(r);
    CHECK_MESSAGE(r->status == expect, method << " " << path << ": " << r->status << " " << r->body);
    return r->body.empty() ? json() : json::parse(r->body);
}

int64_t score_rules_api_new_lead(TestServer& s, const std::string& name, const std::string& country, const std::string& email,
                 std::optional<int64_t> team = std::nullopt) {
    json body = {{"name", name}, {"country", country}, {"email", email}};
    if (team) body["team_id"] = *team;
    return score_rules_api_call(s.client, "POST", "/api/v1/leads", body, 201)["id"];
}

json score_rules_api_lead(TestServer& s, int64_t id) { return score_rules_api_call(s.client, "GET", "/api/v1/leads/" + std::to_string(id), {}, 200); }

void score_rules_api_settle(TestServer& s) { REQUIRE(s.app->jobs().wait_idle(std::chrono::seconds(20))); }

}  // namespace

TEST_CASE("leads are scored when written and rescored by a job when a rule changes") {
    TestServer s;
    s.login();
    auto mn = score_rules_api_call(s.client, "POST", "/api/v1/score-rules",
                   {{"name", "country = MN"}, {"filter", "country = \"MN\""}, {"points", 20}}, 201);
    CHECK(mn["version"] == 1);
    CHECK(mn["active"] == true);
    score_rules_api_settle(s);

    const int64_t bat = score_rules_api_new_lead(s, "Батын захиалга", "MN", "bat@gmail.com");
    const int64_t li = score_rules_api_new_lead(s, "Li order", "CN", "li@sinotrans.cn");
    auto b = score_rules_api_lead(s, bat);
    CHECK(b["score"] == 20);
    CHECK(b["score_explanation"] == json::array({{{"rule_id", mn["id"]}, {"name", "country = MN"}, {"points", 20}}}));
    CHECK(score_rules_api_lead(s, li)["score"] == 0);
    const int64_t version_before = b["version"];

    // A new rule: the recompute job rescores the existing leads (without bumping their versions).
    auto free_mail = score_rules_api_call(s.client, "POST", "/api/v1/score-rules",
                          {{"name", "free-mail address"}, {"filter", "email_is_corporate = false"}, {"points", -10}}, 201);
    score_rules_api_settle(s);
    b = score_rules_api_lead(s, bat);
    CHECK(b["score"] == 10);
    CHECK(b["score_explanation"].size() == 2);
    CHECK(b["version"] == version_before);
    CHECK(score_rules_api_lead(s, li)["score"] == 0);
    CHECK(scalar(s, "SELECT count(*) FROM change_log WHERE action = 'scores_recomputed'") >= 2);

    // An update is scored in its own transaction, with the cached rules.
    auto moved = score_rules_api_call(s.client, "PATCH", "/api/v1/leads/" + std::to_string(bat), {{"country", "CN"}, {"version", b["version"]}}, 200);
    CHECK(moved["score"] == -10);
    CHECK(moved["score_explanation"][0]["name"] == "free-mail address");

    // Editing a rule (new points) and deleting one rescore everyone.
    score_rules_api_call(s.client, "PATCH", "/api/v1/score-rules/" + std::to_string(free_mail["id"].get<int64_t>()),
         {{"points", -25}, {"version", free_mail["version"]}}, 200);
    score_rules_api_settle(s);
    CHECK(score_rules_api_lead(s, bat)["score"] == -25);
    score_rules_api_call(s.client, "DELETE", "/api/v1/score-rules/" + std::to_string(free_mail["id"].get<int64_t>()), {}, 204);
    score_rules_api_settle(s);
    CHECK(score_rules_api_lead(s, bat)["score"] == 0);
    CHECK(score_rules_api_lead(s, bat)["score_explanation"] == json::array());

    // An inactive rule scores nothing; filters on the score itself are refused.
    score_rules_api_call(s.client, "PATCH", "/api/v1/score-rules/" + std::to_string(mn["id"].get<int64_t>()), {{"active", false}, {"version", 1}}, 200);
    score_rules_api_settle(s);
    const int64_t ganaa = score_rules_api_new_lead(s, "Ганаагийн захиалга", "MN", "");
    CHECK(score_rules_api_lead(s, ganaa)["score"] == 0);
    // Leads can be filtered and sorted by score.
    auto page = score_rules_api_call(s.client, "GET", "/api/v1/leads?filter=" + std::string("score%20%3D%200"), {}, 200);
    CHECK(page["items"].size() == 3);
}

TEST_CASE("the recompute job works in batches, shows progress and logs its count") {
    TestServer s;
    s.login();
    s.app->score_rules().set_batch_size(3);
    for (int i = 0; i < 10; ++i) score_rules_api_new_lead(s, "Lead " + std::to_string(i), i < 6 ? "MN" : "KR", "");
    score_rules_api_call(s.client, "POST", "/api/v1/score-rules", {{"name", "Монгол"}, {"filter", "country = \"MN\""}, {"points", 5}}, 201);
    score_rules_api_settle(s);
    CHECK(scalar(s, "SELECT sum(score) FROM leads") == 30);
    CHECK(scalar(s, "SELECT count(*) FROM leads WHERE score_explanation LIKE '%Монгол%'") == 6);
    auto list = score_rules_api_call(s.client, "GET", "/api/v1/jobs", {}, 200);
    int64_t run_id = 0;
    for (const auto& j : list["items"])
        if (j["kind"] == server::ScoreRuleService::recompute_kind && j["recurring"] == false) run_id = j["id"];
    REQUIRE(run_id > 0);
    auto j = job_of(s, run_id);
    CHECK(j["state"] == "done");
    CHECK(j["progress"] == json({{"done", 10}, {"total", 10}}));
    CHECK(j["runs"][0]["log"].back() == "rescored 10 leads, 6 changed");
}

TEST_CASE("preview: how many leads a rule matches and how scores would shift") {
    TestServer s;
    s.login();
    const int64_t team = insert_team(s, "Дархан");
    for (int i = 0; i < 10; ++i)
        score_rules_api_new_lead(s, "Lead " + std::to_string(i), i < 6 ? "MN" : "CN", "", i < 2 ? std::optional<int64_t>(team) : std::nullopt);
    auto p = score_rules_api_call(s.client, "POST", "/api/v1/score-rules/preview", {{"filter", "country = \"MN\""}, {"points", 20}}, 200);
    CHECK(p["matched"] == 6);
    CHECK(p["total"] == 10);
    CHECK(p["shifts"] == json::array({{{"delta", 0}, {"leads", 4}}, {{"delta", 20}, {"leads", 6}}}));

    auto team_only = score_rules_api_call(s.client, "POST", "/api/v1/score-rules/preview",
                          {{"filter", "country = \"MN\""}, {"points", 20}, {"team_id", team}}, 200);
    CHECK(team_only["matched"] == 2);

    auto rule = score_rules_api_call(s.client, "POST", "/api/v1/score-rules", {{"name", "MN"}, {"filter", "country = \"MN\""}, {"points", 20}}, 201);
    score_rules_api_settle(s);
    // Editing the rule: its current contribution is replaced by the new one.
    auto edit = score_rules_api_call(s.client, "POST", "/api/v1/score-rules/preview",
                     {{"filter", "country in (\"MN\", \"CN\")"}, {"points", 5}, {"rule_id", rule["id"]}}, 200);
    CHECK(edit["matched"] == 10);
    CHECK(edit["shifts"] == json::array({{{"delta", -15}, {"leads", 6}}, {{"delta", 5}, {"leads", 4}}}));
    // The preview agrees with what the job then writes.
    score_rules_api_call(s.client, "PATCH", "/api/v1/score-rules/" + std::to_string(rule["id"].get<int64_t>()),
         {{"filter", "country in (\"MN\", \"CN\")"}, {"points", 5}, {"version", rule["version"]}}, 200);
    score_rules_api_settle(s);
    CHECK(scalar(s, "SELECT sum(score) FROM leads") == 6 * 20 - 6 * 15 + 4 * 5);

    auto bad = score_rules_api_call(s.client, "POST", "/api/v1/score-rules/preview", {{"filter", "country ="}, {"points", 5}}, 422);
    CHECK(bad["error"]["details"][0]["field"] == "filter");
    score_rules_api_call(s.client, "POST", "/api/v1/score-rules/preview", {{"filter", "country = \"MN\""}}, 422);
    score_rules_api_call(s.client, "POST", "/api/v1/score-rules/preview", {{"filter", "country = \"MN\""}, {"points", 5}, {"rule_id", 999}}, 404);
}

TEST_CASE("scoring rules: everyone reads them, managers change them; bad input names the field") {
    TestServer s;
    s.login();
    create_user(s, "mgr", "manager");
    create_user(s, "sales", "sales_own");
    auto mgr = sign_in(s, "mgr");
    auto sales = sign_in(s, "sales");
    auto r = score_rules_api_call(*mgr.client, "POST", "/api/v1/score-rules", {{"name", "VIP"}, {"filter", "tags has \"VIP\""}, {"points", 50}}, 201);
    const std::string path = "/api/v1/score-rules/" + std::to_string(r["id"].get<int64_t>());
    CHECK(score_rules_api_call(*sales.client, "GET", "/api/v1/score-rules", {}, 200)["items"].size() == 1);
    CHECK(score_rules_api_call(*sales.client, "GET", path, {}, 200)["name"] == "VIP");
    score_rules_api_call(*sales.client, "POST", "/api/v1/score-rules", {{"name", "x"}, {"filter", ""}, {"points", 1}}, 403);
    score_rules_api_call(*sales.client, "PATCH", path, {{"points", 1}, {"version", 1}}, 403);
    score_rules_api_call(*sales.client, "DELETE", path, {}, 403);
    score_rules_api_call(*sales.client, "POST", "/api/v1/score-rules/preview", {{"filter", ""}, {"points", 1}}, 403);

    auto missing = score_rules_api_call(*mgr.client, "POST", "/api/v1/score-rules", {{"filter", "country = \"MN\""}}, 422);
    std::set<std::string> fields;
    for (const auto& d : missing["error"]["details"]) fields.insert(d["field"]);
    CHECK(fields == std::set<std::string>{"name", "points"});
    auto self = score_rules_api_call(*mgr.client, "POST", "/api/v1/score-rules", {{"name", "loop"}, {"filter", "score > 3"}, {"points", 1}}, 422);
    CHECK(self["error"]["details"][0]["field"] == "filter");
    auto team = score_rules_api_call(*mgr.client, "POST", "/api/v1/score-rules",
                     {{"name", "t"}, {"filter", ""}, {"points", 1}, {"team_id", 4242}}, 422);
    CHECK(team["error"]["details"][0]["field"] == "team_id");
    score_rules_api_call(*mgr.client, "PATCH", path, {{"points", 0}, {"version", 1}}, 422);
    score_rules_api_call(*mgr.client, "PATCH", path, {{"points", 5}}, 422);
    score_rules_api_call(*mgr.client, "GET", "/api/v1/score-rules/999", {}, 404);
    score_rules_api_call(*mgr.client, "PATCH", "/api/v1/score-rules/999", {{"points", 5}, {"version", 1}}, 404);
    score_rules_api_call(*mgr.client, "DELETE", "/api/v1/score-rules/999", {}, 404);
    score_rules_api_call(*mgr.client, "PATCH", path, {{"points", 40}, {"version", 1}}, 200);
    auto stale = score_rules_api_call(*mgr.client, "PATCH", path, {{"points", 30}, {"version", 1}}, 409);
    CHECK(stale["error"]["current"]["points"] == 40);
}

// The recompute scores in one SQL pass (each rule's filter compiled to SQL, one bit per rule); a lead write scores
// in C++ (RuleSet::score). Both must give every lead the same score and explanation, whatever the rules read.
TEST_CASE("the recompute's SQL pass scores every lead exactly as the C++ scorer does") {
    TestServer s;
    s.login();
    const int64_t team = insert_team(s, "Дархан");
    int64_t won_stage = 0, open_stage = 0;
    s.app->db().write([&](store::Connection& c) {
        Stage open, won;
        open.name = "Шинэ";
        open.sequence = 1;
        store::insert_stage(c, open);
        won.name = "Won";
        won.sequence = 9;
        won.is_won = true;
        store::insert_stage(c, won);
        open_stage = open.id;
        won_stage = won.id;
    });
    const int64_t vip = score_rules_api_call(s.client, "POST", "/api/v1/tags", {{"name", "ВИП"}}, 201)["id"];
    // Leads first, with no rule yet: every score the test reads was written by the recompute job.
    std::vector<int64_t> ids;
    for (int i = 0; i < 24; ++i) {
        json body = {{"name", i % 3 ? "Захиалга " + std::to_string(i) : "Алёна order " + std::to_string(i)},
                     {"country", i % 4 == 0 ? "MN" : i % 4 == 1 ? "CN" : ""},
                     {"email", i % 2 ? "x" + std::to_string(i) + "@gmail.com" : "y" + std::to_string(i) + "@tavan.mn"},
                     {"expected_revenue", {{"amount", i * 250000}, {"currency", "MNT"}}},
                     {"stage_id", i % 5 == 0 ? won_stage : open_stage},
                     {"date_deadline", i % 6 == 0 ? json(nullptr) : json(i % 2 ? "2020-01-01" : "2099-01-01")}};
        if (i % 3 == 1) body["team_id"] = team;
        if (i % 4 == 2) body["tag_ids"] = json::array({vip});
        ids.push_back(score_rules_api_call(s.client, "POST", "/api/v1/leads", body, 201)["id"]);
    }
    CHECK(scalar(s, "SELECT count(*) FROM leads WHERE score <> 0") == 0);
    const std::vector<std::pair<std::string, int>> rules = {
        {"country = \"MN\"", 20},
        {"name contains \"алена\"", 7},  // Cyrillic, folded, ё = е
        {"email_is_corporate = false", -10},
        {"tags has \"ВИП\"", 30},
        {"stage.is_won = true", 5},
        {"expected_revenue >= 2000000 and date_deadline < today", 11},
        {"date_deadline = null or country = \"\"", -3},
    };
    for (const auto& [filter, points] : rules)
        score_rules_api_call(s.client, "POST", "/api/v1/score-rules", {{"name", filter}, {"filter", filter}, {"points", points}}, 201);
    score_rules_api_call(s.client, "POST", "/api/v1/score-rules",
                         {{"name", "Дарханы баг"}, {"filter", "priority >= 0"}, {"points", 4}, {"team_id", team}}, 201);
    score_rules_api_settle(s);

    auto& c = s.app->db().reader();
    const auto rule_set = store::current_rule_set(c);
    REQUIRE(rule_set->size() == rules.size() + 1);
    CHECK(store::rescores_in_sql(*rule_set, 0));
    std::set<int64_t> matched;
    for (int64_t id : ids) {
        auto lead = store::find_lead(c, id);
        REQUIRE(lead);
        const int64_t stored = lead->score;
        const json stored_reasons = scoring::reasons_json(lead->score_explanation);
        store::score_lead(c, *lead);  // the C++ scorer, the same rules
        CHECK_MESSAGE(stored == lead->score, "lead " << id);
        CHECK_MESSAGE(stored_reasons == scoring::reasons_json(lead->score_explanation), "lead " << id);
        for (const auto& r : lead->score_explanation) matched.insert(r.rule_id);
    }
    CHECK(matched.size() == rules.size() + 1);  // every rule matched some lead and missed others (below)
    CHECK(scalar(s, "SELECT count(*) FROM leads WHERE score = 0 OR score_explanation = '[]'") < 24);
}
