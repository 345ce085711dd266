// Settings › Jobs view model with a fake server: listed for managers and administrators only, rows with progress,
// run now, interval and pause (administrators) with the version read, a stale version taking the server's row, and
// polling only while a job is busy.
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

struct JobsFixture : SettingsFixture {
};

json settings_jobs_job(int64_t id, const std::string& state, int64_t done, int64_t total, int64_t version = 1) {
    return {{"id", id}, {"kind", "score_rules.recompute"}, {"recurring", id == 1}, {"interval_s", id == 1 ? 86400 : 0},
            {"active", true}, {"state", state}, {"next_run", id == 1 ? json("2026-11-28T10:00:00Z") : json()},
            {"attempts", 0}, {"max_attempts", 5}, {"last_error", state == "retrying" ? "database is busy" : ""},
            {"progress", {{"done", done}, {"total", total}}}, {"version", version}};
}

}  // namespace

TEST_CASE_FIXTURE(JobsFixture, "jobs: listed for managers, not for salespeople; rows carry progress and errors") {
    sign_in();
    open("", "sales_all");
    auto s = app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "jobs") == s.end());
    app.settings().reset();
    open("jobs", "manager");
    s = app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "jobs") != s.end());
    CHECK(app.settings().current() == "jobs");
    reply("GET", "/api/v1/jobs", 200, json{{"items", {settings_jobs_job(1, "idle", 0, 0), settings_jobs_job(7, "running", 50, 200)}}}.dump());
    const auto& rows = app.settings().jobs().jobs();
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].recurring);
    CHECK(rows[0].interval_s == 86400);
    CHECK(rows[1].busy());
    CHECK(rows[1].fraction() == doctest::Approx(0.25));
    CHECK(app.settings().jobs().any_busy());
}

TEST_CASE_FIXTURE(JobsFixture, "jobs: run now, interval and pause send the version; 409 takes the server's row") {
    sign_in();
    open("jobs", "admin");
    reply("GET", "/api/v1/jobs", 200, json{{"items", {settings_jobs_job(1, "idle", 0, 0, 3)}}}.dump());
    auto& jobs = app.settings().jobs();

    jobs.run_now(1);
    reply("POST", "/api/v1/jobs/1/run", 202, settings_jobs_job(1, "queued", 0, 0, 4).dump());
    CHECK(jobs.jobs()[0].state == "queued");
    CHECK(jobs.notice().key == "settings.jobs.started");

    jobs.set_interval(1, 3600);
    auto sent = reply("PATCH", "/api/v1/jobs/1", 200, [] {
        auto j = settings_jobs_job(1, "queued", 0, 0, 5);
        j["interval_s"] = 3600;
        return j.dump();
    }());
    CHECK(json::parse(sent.body) == json({{"interval_s", 3600}, {"version", 4}}));
    CHECK(jobs.jobs()[0].interval_s == 3600);

    jobs.set_active(1, false);
    auto current = settings_jobs_job(1, "running", 3, 9, 9);
    reply("PATCH", "/api/v1/jobs/1", 409,
          json{{"error", {{"code", "conflict"}, {"message", "This job was changed since you read it"}, {"field", "version"},
                          {"current", current}}}}
              .dump());
    CHECK(jobs.jobs()[0].version == 9);
    CHECK(jobs.jobs()[0].done == 3);
    CHECK_FALSE(jobs.banner().empty());
    CHECK(app.settings().error().render(app.language()) == "This job was changed since you read it");
}

TEST_CASE_FIXTURE(JobsFixture, "jobs: the list polls while a job is busy, and stops when all are idle") {
    sign_in();
    open("jobs", "admin");
    reply("GET", "/api/v1/jobs", 200, json{{"items", {settings_jobs_job(7, "running", 10, 100)}}}.dump());
    auto& jobs = app.settings().jobs();
    jobs.poll(5000);
    REQUIRE(has("GET", "/api/v1/jobs"));
    jobs.poll(5500);  // one request under way: no second one
    reply("GET", "/api/v1/jobs", 200, json{{"items", {settings_jobs_job(7, "running", 60, 100)}}}.dump());
    CHECK(jobs.jobs()[0].done == 60);
    jobs.poll(5600);  // less than a second since the last poll
    CHECK_FALSE(has("GET", "/api/v1/jobs"));
    jobs.poll(6100);
    reply("GET", "/api/v1/jobs", 200, json{{"items", {settings_jobs_job(7, "done", 100, 100)}}}.dump());
    jobs.poll(9000);
    CHECK_FALSE(has("GET", "/api/v1/jobs"));
    CHECK(interval_message(0).key == "settings.jobs.on_demand");
    CHECK(interval_message(7200).key == "settings.jobs.every_hours");
    CHECK(interval_message(7200).args.at(0).second == "2");
    CHECK(interval_message(90).key == "settings.jobs.every_seconds");
}
