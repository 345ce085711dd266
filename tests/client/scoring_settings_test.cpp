// Settings › Scoring view models with a fake server: listed for managers, the rules list, the editor's filter
// checked locally by shared/'s filter code (nothing sent while it is wrong), the preview (matched, shifts, outdated
// after an edit), save with the version read and a 409; predictive settings (model, fields, start date, both
// models' quality) and Rebuild now following the rebuild job's progress until it is done.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "settings_fixture.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

json rule(int64_t id, const std::string& name, const std::string& filter, int64_t points, int64_t version = 1) {
    return {{"id", id}, {"name", name}, {"filter", filter}, {"points", points}, {"team_id", nullptr}, {"active", true},
            {"version", version}};
}

json predictive_settings(int64_t version = 2, const std::string& phase = "idle") {
    return {{"fields", {"country", "email_state"}},
            {"start_date", nullptr},
            {"available_fields", {"country", "state", "email_state", "phone_state", "source_id", "tag_ids"}},
            {"version", version},
            {"rebuild", {{"phase", phase}, {"after_id", 0}}},
            {"rows", 120}};
}

json scoring_settings_job(int64_t id, const std::string& state, int64_t done, int64_t total) {
    return {{"id", id}, {"kind", "scoring.predictive_rebuild"}, {"recurring", false}, {"interval_s", 0}, {"active", true},
            {"state", state}, {"attempts", 0}, {"max_attempts", 5}, {"last_error", ""},
            {"progress", {{"done", done}, {"total", total}}}, {"version", 1}};
}

struct ScoringFixture : SettingsFixture {
    void open_scoring(const std::string& role = "manager") {
        sign_in(role);
        open("scoring", role);
        reply("GET", "/api/v1/score-rules", 200,
              json{{"items", {rule(1, "Mongolia", "country = \"MN\"", 20), rule(2, "Free mail", "email ends_with \"@gmail.com\"", -10)}}}.dump());
        reply("GET", "/api/v1/scoring/predictive", 200, predictive_settings().dump());
    }
};

}  // namespace

TEST_CASE_FIXTURE(ScoringFixture, "scoring: listed for managers and administrators only, with the rules") {
    sign_in("sales_all");
    open("", "sales_all");
    auto s = app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "scoring") == s.end());
    CHECK(std::find(s.begin(), s.end(), "assignment") == s.end());
    app.settings().reset();
    open("scoring", "manager");
    reply("GET", "/api/v1/score-rules", 200,
          json{{"items", {rule(1, "Mongolia", "country = \"MN\"", 20), rule(2, "Free mail", "email ends_with \"@gmail.com\"", -10)}}}.dump());
    reply("GET", "/api/v1/scoring/predictive", 200, predictive_settings().dump());
    s = app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "scoring") != s.end());
    CHECK(std::find(s.begin(), s.end(), "assignment") != s.end());
    CHECK(app.settings().current() == "scoring");
    const auto& rules = app.settings().scoring().rules();
    REQUIRE(rules.size() == 2);
    CHECK(rules[1].points == -10);
    CHECK(app.settings().predictive().fields == std::vector<std::string>{"country", "email_state"});
    CHECK(app.settings().predictive().rows() == 120);
}

TEST_CASE_FIXTURE(ScoringFixture, "scoring: the filter is checked locally; preview shows matches and shifts") {
    open_scoring();
    auto& sc = app.settings().scoring();
    sc.create();
    sc.draft.name = "Proposition";
    sc.draft.filter = "country = ";  // unfinished: shared/'s parser says so, nothing is sent
    sc.draft.points = "15";
    CHECK(sc.check().count("filter") == 1);
    sc.preview();
    CHECK_FALSE(has("POST", "/api/v1/score-rules/preview"));
    CHECK(sc.error("filter") != nullptr);
    sc.draft.filter = "no_such_field = 1";
    CHECK(sc.check().count("filter") == 1);
    sc.draft.filter = "score > 3";  // a rule may not read the score it adds to
    CHECK(sc.check().count("filter") == 1);
    sc.draft.points = "0";
    sc.draft.filter = "stage.name = \"Proposition\"";
    CHECK(sc.check().count("points") == 1);
    sc.draft.points = "abc";
    CHECK(sc.check().count("points") == 1);
    sc.draft.points = "15";
    CHECK(sc.check().empty());

    sc.preview();
    auto sent = reply("POST", "/api/v1/score-rules/preview", 200,
                      json{{"matched", 7}, {"total", 40}, {"shifts", {{{"delta", 0}, {"leads", 33}}, {{"delta", 15}, {"leads", 7}}}}}.dump());
    CHECK(json::parse(sent.body) == json({{"filter", "stage.name = \"Proposition\""}, {"points", 15}, {"team_id", nullptr}}));
    REQUIRE(sc.preview_result().has_value());
    CHECK(sc.preview_result()->matched == 7);
    CHECK(sc.preview_result()->total == 40);
    REQUIRE(sc.preview_result()->shifts.size() == 1);  // the zero change is left out
    CHECK(sc.preview_result()->shifts[0] == std::make_pair<std::int64_t, std::int64_t>(15, 7));
    CHECK_FALSE(sc.preview_outdated());
    sc.draft.points = "20";
    CHECK(sc.preview_outdated());

    // Editing an existing rule previews its replacement (rule_id), and a server 422 lands at the field.
    sc.cancel();
    sc.edit(1);
    sc.preview();
    sent = reply("POST", "/api/v1/score-rules/preview", 422,
                 R"({"error":{"code":"validation","message":"1 field is invalid","details":[{"field":"filter","message":"unknown country","key":"error.filter"}]}})");
    CHECK(json::parse(sent.body).at("rule_id") == 1);
    REQUIRE(sc.error("filter") != nullptr);
    CHECK(sc.error("filter")->render(i18n::Lang::en) == "unknown country");
}

TEST_CASE_FIXTURE(ScoringFixture, "scoring: save creates or patches with the version; 409 keeps the edits; delete") {
    open_scoring("admin");
    auto& sc = app.settings().scoring();
    sc.create();
    sc.save();  // no name, no filter problem: the name is required locally
    CHECK(sc.error("name") != nullptr);
    CHECK_FALSE(has("POST", "/api/v1/score-rules"));
    sc.draft.name = "Big deal";
    sc.draft.filter = "expected_revenue > 100000000";
    sc.draft.points = "25";
    sc.save();
    auto sent = reply("POST", "/api/v1/score-rules", 201, rule(3, "Big deal", "expected_revenue > 100000000", 25).dump());
    CHECK(json::parse(sent.body).at("points") == 25);
    CHECK_FALSE(json::parse(sent.body).contains("version"));
    CHECK_FALSE(sc.editing());
    CHECK(sc.rules().size() == 3);
    CHECK(sc.notice().key == "settings.scoring.saved");

    sc.edit(1);
    sc.draft.points = "30";
    sc.save();
    reply("PATCH", "/api/v1/score-rules/1", 409,
          json{{"error", {{"code", "conflict"}, {"message", "This rule was changed since you read it"}, {"field", "version"},
                          {"current", rule(1, "Mongolia!", "country = \"MN\"", 20, 4)}}}}.dump());
    CHECK(sc.editing());
    CHECK(sc.draft.points == "30");
    CHECK(sc.draft.version == 4);
    CHECK(sc.rules()[0].name == "Mongolia!");
    CHECK(app.settings().error().render(i18n::Lang::en) == "This rule was changed since you read it");
    sc.save();
    sent = reply("PATCH", "/api/v1/score-rules/1", 200, rule(1, "Mongolia", "country = \"MN\"", 30, 5).dump());
    CHECK(json::parse(sent.body).at("version") == 4);
    CHECK(sc.rules()[0].points == 30);

    sc.remove(2);
    reply("DELETE", "/api/v1/score-rules/2", 204);
    CHECK(sc.rules().size() == 2);
}

TEST_CASE_FIXTURE(ScoringFixture, "predictive: save fields and start date with the version, then follow the rebuild job") {
    open_scoring();
    auto& pr = app.settings().predictive();
    CHECK_FALSE(pr.dirty());
    pr.set_field("tag_ids", true);
    pr.set_field("country", false);
    pr.start_date = "2026-01-01";
    CHECK(pr.dirty());
    pr.save();
    auto saved = predictive_settings(3);
    saved["fields"] = {"email_state", "tag_ids"};
    saved["start_date"] = "2026-01-01";
    auto sent = reply("PATCH", "/api/v1/scoring/predictive", 200, saved.dump());
    CHECK(json::parse(sent.body) ==
          json({{"fields", {"email_state", "tag_ids"}}, {"start_date", "2026-01-01"}, {"model", "nb"}, {"version", 2}}));
    CHECK_FALSE(pr.dirty());
    // The server queued a rebuild: its job is found in the runner's list.
    reply("GET", "/api/v1/jobs", 200, json{{"items", {scoring_settings_job(4, "done", 10, 10), scoring_settings_job(9, "queued", 0, 0)}}}.dump());
    REQUIRE(pr.job().has_value());
    CHECK(pr.job()->id == 9);
    CHECK(pr.rebuilding());

    pr.poll(1000);
    reply("GET", "/api/v1/jobs/9", 200, scoring_settings_job(9, "running", 30, 120).dump());
    CHECK(pr.job()->fraction() == doctest::Approx(0.25));
    pr.poll(1500);  // less than a second later: nothing asked
    CHECK_FALSE(has("GET", "/api/v1/jobs/9"));
    pr.poll(2100);
    reply("GET", "/api/v1/jobs/9", 200, scoring_settings_job(9, "done", 120, 120).dump());
    CHECK_FALSE(pr.rebuilding());
    CHECK(pr.notice().key == "settings.predictive.rebuild_done");
    reply("GET", "/api/v1/scoring/predictive", 200, saved.dump());  // rows after the rebuild
    pr.poll(9000);
    CHECK(net.pending.empty());
}

TEST_CASE_FIXTURE(ScoringFixture, "predictive: Rebuild now, a 409 on stale settings, a failed job shows its error") {
    open_scoring();
    auto& pr = app.settings().predictive();
    pr.rebuild();
    pr.rebuild();  // already asked: one request
    reply("POST", "/api/v1/scoring/predictive/rebuild", 202, R"({"job_id":12})");
    CHECK_FALSE(has("POST", "/api/v1/scoring/predictive/rebuild"));
    CHECK(pr.notice().key == "settings.predictive.rebuild_started");
    reply("GET", "/api/v1/jobs/12", 200, scoring_settings_job(12, "running", 5, 10).dump());
    pr.poll(5000);
    auto failed = scoring_settings_job(12, "failed", 5, 10);
    failed["last_error"] = "database is locked";
    reply("GET", "/api/v1/jobs/12", 200, failed.dump());
    CHECK(pr.banner().render(i18n::Lang::en) == "database is locked");
    reply("GET", "/api/v1/scoring/predictive", 200, predictive_settings().dump());

    pr.start_date = "2026-02-30";
    pr.save();
    reply("PATCH", "/api/v1/scoring/predictive", 422,
          R"({"error":{"code":"validation","message":"1 field is invalid","details":[{"field":"start_date","message":"must be a date","key":"error.date"}]}})");
    CHECK(pr.error("start_date") != nullptr);
    pr.start_date = "2026-02-01";
    pr.save();
    reply("PATCH", "/api/v1/scoring/predictive", 409,
          json{{"error", {{"code", "conflict"}, {"message", "changed"}, {"field", "version"}, {"current", predictive_settings(7)}}}}.dump());
    CHECK(pr.start_date == "2026-02-01");  // the edits stay
    pr.save();
    auto sent = reply("PATCH", "/api/v1/scoring/predictive", 200, predictive_settings(8).dump());
    CHECK(json::parse(sent.body).at("version") == 7);
}

TEST_CASE_FIXTURE(ScoringFixture, "predictive: the model choice round trip and both models' quality") {
    open_scoring();
    auto& pr = app.settings().predictive();
    CHECK(pr.model == "nb");
    CHECK(pr.quality().empty());  // no rebuild has measured them yet
    pr.model = "lr";
    CHECK(pr.dirty());
    pr.discard();
    CHECK(pr.model == "nb");
    pr.model = "lr";
    pr.save();
    auto saved = predictive_settings(3);
    saved["model"] = "lr";
    saved["lr_trained_at"] = 1790000000;
    saved["quality"] = {{{"model", "nb"}, {"team_id", 0}, {"cases", 300}, {"won", 90}, {"auc", 0.81}, {"brier", 0.17}, {"evaluated_at", 1}},
                        {{"model", "lr"}, {"team_id", 0}, {"cases", 300}, {"won", 90}, {"auc", 0.84}, {"brier", 0.15}, {"evaluated_at", 1}},
                        {{"model", "lr"}, {"team_id", 4}, {"cases", 100}, {"won", 20}, {"auc", nullptr}, {"brier", 0.2}, {"evaluated_at", 1}}};
    auto sent = reply("PATCH", "/api/v1/scoring/predictive", 200, saved.dump());
    CHECK(json::parse(sent.body).at("model") == "lr");
    CHECK(pr.model == "lr");
    CHECK(pr.saved_model() == "lr");
    CHECK_FALSE(pr.dirty());
    CHECK(pr.lr_trained_at() == 1790000000);
    REQUIRE(pr.quality_of("nb") != nullptr);
    REQUIRE(pr.quality_of("lr") != nullptr);
    CHECK(pr.quality_of("nb")->auc == doctest::Approx(0.81));
    CHECK(pr.quality_of("lr")->brier == doctest::Approx(0.15));
    REQUIRE(pr.quality_of("lr", 4) != nullptr);
    CHECK_FALSE(pr.quality_of("lr", 4)->auc.has_value());  // too few closed leads in that team's holdout
    CHECK_FALSE(pr.quality_too_few());
    // A 409 keeps the choice and takes the server's version and model.
    pr.model = "nb";
    pr.save();
    auto current = predictive_settings(9);
    current["model"] = "lr";
    reply("PATCH", "/api/v1/scoring/predictive", 409,
          json{{"error", {{"code", "conflict"}, {"message", "changed"}, {"field", "version"}, {"current", current}}}}.dump());
    CHECK(pr.model == "nb");
    CHECK(pr.dirty());
    pr.save();
    CHECK(json::parse(reply("PATCH", "/api/v1/scoring/predictive", 200, predictive_settings(10).dump()).body).at("version") == 9);
    // A rebuild whose holdout was too small: rows without figures, "not enough closed leads".
    pr.reload();
    auto thin = predictive_settings(10);
    thin["quality"] = {{{"model", "nb"}, {"team_id", 0}, {"cases", 6}, {"won", 2}, {"auc", nullptr}, {"brier", nullptr}, {"evaluated_at", 2}},
                       {{"model", "lr"}, {"team_id", 0}, {"cases", 6}, {"won", 2}, {"auc", nullptr}, {"brier", nullptr}, {"evaluated_at", 2}}};
    reply("GET", "/api/v1/scoring/predictive", 200, thin.dump());
    CHECK(pr.quality_too_few());
    CHECK(pr.quality_of("lr")->cases == doctest::Approx(6));
}
