// The job runner against a real server and database: runs with progress and logs through the API, retries with
// exponential backoff, the retry budget, one job at a time, and restart safety (a graceful stop in the middle of
// a job, and a process that died with a job running: both resume on the next start, never twice at once).
#include <doctest/doctest.h>

#include "jobs_helpers.hpp"

using namespace tumen;
using namespace tumen::testing;
using server::JobContext;
using nlohmann::json;

TEST_CASE("a job runs, and its progress and log lines show through the API") {
    TestServer s;
    s.login();
    s.app->jobs().register_kind("test.count", [](JobContext& ctx, const json& payload) -> Result<void> {
        const int64_t n = payload.value("n", int64_t{0});
        ctx.progress(0, n);
        for (int64_t i = 1; i <= n; ++i) {
            ctx.log("step " + std::to_string(i) + " of Өглөө");
            ctx.progress(i, n);
        }
        return {};
    }, 0);
    const int64_t id = s.app->jobs().enqueue("test.count", {{"n", 3}});
    REQUIRE(s.app->jobs().wait_idle(std::chrono::seconds(10)));
    auto j = job_of(s, id);
    CHECK(j["state"] == "done");
    CHECK(j["kind"] == "test.count");
    CHECK(j["recurring"] == false);
    CHECK(j["progress"] == json({{"done", 3}, {"total", 3}}));
    CHECK(j["payload"]["n"] == 3);
    CHECK(j["last_success"].is_string());
    REQUIRE(j["runs"].size() == 1);
    CHECK(j["runs"][0]["state"] == "done");
    CHECK(j["runs"][0]["attempt"] == 1);
    CHECK(j["runs"][0]["log"] == json({"step 1 of Өглөө", "step 2 of Өглөө", "step 3 of Өглөө"}));

    // The list holds the kinds' recurring rows (score_rules.recompute is registered by the server) and the run.
    auto list = TestServer::body(s.client.Get("/api/v1/jobs"));
    bool saw_kind = false, saw_run = false, saw_scoring = false;
    for (const auto& item : list["items"]) {
        if (item["kind"] == "test.count" && item["recurring"] == true) saw_kind = item["interval_s"] == 0 && item["next_run"].is_null();
        if (item["id"] == id) saw_run = true;
        if (item["kind"] == "score_rules.recompute" && item["recurring"] == true) saw_scoring = item["interval_s"] == 86400;
    }
    CHECK(saw_kind);
    CHECK(saw_run);
    CHECK(saw_scoring);
}

TEST_CASE("a failing job is retried with exponential backoff until it succeeds, or until its budget is spent") {
    TestServer s;
    s.login();
    auto& jobs = s.app->jobs();
    jobs.set_backoff(std::chrono::milliseconds(20), std::chrono::milliseconds(1000));
    CHECK(jobs.backoff_after(1) == std::chrono::milliseconds(20));
    CHECK(jobs.backoff_after(2) == std::chrono::milliseconds(40));
    CHECK(jobs.backoff_after(3) == std::chrono::milliseconds(80));
    CHECK(jobs.backoff_after(30) == std::chrono::milliseconds(1000));

    std::atomic<int> calls{0};
    jobs.register_kind("test.flaky", [&](JobContext& ctx, const json&) -> Result<void> {
        if (++calls < 3) return Error::make(ErrorCode::unavailable, "upstream busy (attempt " + std::to_string(ctx.attempt()) + ")");
        return {};
    }, 0);
    const int64_t id = jobs.enqueue("test.flaky");
    REQUIRE(eventually([&] { return job_of(s, id)["state"] == "done"; }));
    auto j = job_of(s, id);
    CHECK(calls == 3);
    CHECK(j["last_error"] == "");
    CHECK(j["attempts"] == 0);
    REQUIRE(j["runs"].size() == 3);  // newest first
    CHECK(j["runs"][0]["state"] == "done");
    CHECK(j["runs"][1]["state"] == "failed");
    CHECK(j["runs"][1]["error"] == "upstream busy (attempt 2)");
    CHECK(j["runs"][2]["error"] == "upstream busy (attempt 1)");

    std::atomic<int> hopeless{0};
    jobs.register_kind("test.hopeless", [&](JobContext&, const json&) -> Result<void> {
        ++hopeless;
        return Error::make(ErrorCode::internal, "always broken");
    }, 0);
    const int64_t bad = jobs.enqueue("test.hopeless");
    REQUIRE(eventually([&] { return job_of(s, bad)["state"] == "failed"; }));
    auto b = job_of(s, bad);
    CHECK(hopeless == 5);
    CHECK(b["attempts"] == 5);
    CHECK(b["max_attempts"] == 5);
    CHECK(b["last_error"] == "always broken");
    CHECK(b["next_run"].is_null());
    CHECK(b["runs"].size() == 5);

    // A handler that throws is a failed attempt, not a dead runner.
    jobs.register_kind("test.throws", [](JobContext&, const json&) -> Result<void> { throw std::runtime_error("boom"); }, 0);
    const int64_t thrown = jobs.enqueue("test.throws");
    REQUIRE(eventually([&] { return job_of(s, thrown)["state"] == "retrying"; }));
    CHECK(job_of(s, thrown)["last_error"] == "the job threw: boom");
}

TEST_CASE("progress is visible while a job runs, run now is refused meanwhile, and jobs run one at a time") {
    TestServer s;
    s.login();
    auto& jobs = s.app->jobs();
    jobs.set_progress_interval(std::chrono::milliseconds(0));
    Gate gate;
    Concurrency conc;
    jobs.register_kind("test.slow", [&](JobContext& ctx, const json& payload) -> Result<void> {
        Concurrency::Scope scope(conc);
        ctx.progress(5, 10);
        if (payload.value("first", false)) {
            gate.mark_entered();
            gate.wait([&] { return ctx.stop_requested(); });
        }
        ctx.progress(10, 10);
        return {};
    }, 0);
    const int64_t first = jobs.enqueue("test.slow", {{"first", true}});
    const int64_t second = jobs.enqueue("test.slow", {{"n", 2}});
    const int64_t third = jobs.enqueue("test.slow", {{"n", 3}});
    CHECK(jobs.enqueue("test.slow", {{"n", 3}}) == third);  // the same waiting run is not queued twice
    REQUIRE(gate.wait_entered());

    auto j = job_of(s, first);
    CHECK(j["state"] == "running");
    CHECK(j["progress"] == json({{"done", 5}, {"total", 10}}));
    CHECK(j["runs"][0]["state"] == "running");
    auto again = s.client.Post(("/api/v1/jobs/" + std::to_string(first) + "/run").c_str(), "", "application/json");
    CHECK(again->status == 409);
    CHECK(TestServer::body(again)["error"]["current"]["state"] == "running");
    CHECK(job_of(s, second)["state"] == "queued");

    gate.open();
    REQUIRE(jobs.wait_idle(std::chrono::seconds(10)));
    for (int64_t id : {first, second, third}) CHECK(job_of(s, id)["state"] == "done");
    CHECK(conc.most == 1);
    CHECK(conc.calls == 3);

    // Run now on a finished one-off runs it again.
    auto run = s.client.Post(("/api/v1/jobs/" + std::to_string(second) + "/run").c_str(), "", "application/json");
    REQUIRE(run->status == 202);
    CHECK(TestServer::body(run)["state"] == "queued");
    REQUIRE(jobs.wait_idle(std::chrono::seconds(10)));
    CHECK(conc.calls == 4);
    CHECK(job_of(s, second)["runs"].size() == 2);
}

namespace {

// An App on `dir` with the kinds registered before it starts (as production registers them in App's constructor).
std::unique_ptr<server::App> app_on(const std::filesystem::path& dir, const std::function<void(server::App&)>& setup) {
    std::filesystem::create_directories(dir / "web");
    auto app = std::make_unique<server::App>(TestServer::default_config(dir));
    app->initialise();
    setup(*app);
    app->start();
    return app;
}

}  // namespace

TEST_CASE("a job stopped with the server resumes from its checkpoint on the next start, never twice at once") {
    const auto dir = make_temp_dir("tumen-jobs-restart");
    Concurrency conc;
    Gate gate;
    int64_t id = 0;
    {
        auto first = app_on(dir, [&](server::App& app) {
            app.jobs().register_kind("test.resumable", [&](JobContext& ctx, const json&) -> Result<void> {
                Concurrency::Scope scope(conc);
                ctx.save_checkpoint({{"after", 500}});
                ctx.progress(500, 1000);
                ctx.log("first half done");
                gate.mark_entered();
                if (!gate.wait([&] { return ctx.stop_requested(); }))
                    return Error::make(ErrorCode::unavailable, "stopping");
                return {};
            }, 0);
        });
        id = first->jobs().enqueue("test.resumable");
        REQUIRE(gate.wait_entered());
        first->stop();  // the handler sees stop_requested() and returns; the run is interrupted
    }
    json seen_checkpoint;
    int seen_attempt = 0;
    auto second = app_on(dir, [&](server::App& app) {
        app.jobs().register_kind("test.resumable", [&](JobContext& ctx, const json&) -> Result<void> {
            Concurrency::Scope scope(conc);
            seen_checkpoint = ctx.checkpoint();
            seen_attempt = ctx.attempt();
            ctx.progress(1000, 1000);
            return {};
        }, 0);
    });
    REQUIRE(second->jobs().wait_idle(std::chrono::seconds(10)));
    CHECK(seen_checkpoint == json({{"after", 500}}));
    CHECK(seen_attempt == 2);
    CHECK(conc.calls == 2);
    CHECK(conc.most == 1);
    auto j = second->jobs().get_json(id);
    REQUIRE(j);
    CHECK(j.value()["state"] == "done");
    REQUIRE(j.value()["runs"].size() == 2);
    CHECK(j.value()["runs"][0]["state"] == "done");
    CHECK(j.value()["runs"][1]["state"] == "interrupted");
    CHECK(j.value()["runs"][1]["log"] == json({"first half done"}));
    second.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

TEST_CASE("a job left running by a process that died is picked up on the next start") {
    // The database as a crash leaves it: a consistent copy taken while the job is running (VACUUM INTO).
    const auto dir = make_temp_dir("tumen-jobs-crash");
    const auto crashed = make_temp_dir("tumen-jobs-crashed");
    Gate gate;
    int64_t id = 0;
    {
        auto live = app_on(dir, [&](server::App& app) {
            app.jobs().register_kind("test.crash", [&](JobContext& ctx, const json&) -> Result<void> {
                ctx.save_checkpoint({{"after", 7}});
                ctx.progress(7, 10);
                gate.mark_entered();
                gate.wait([&] { return ctx.stop_requested(); });
                return {};
            }, 0);
        });
        id = live->jobs().enqueue("test.crash");
        REQUIRE(gate.wait_entered());
        std::filesystem::create_directories(crashed / "data");
        live->db().backup_to((crashed / "data" / "tumen.db").string());
        gate.open();
    }
    Concurrency conc;
    json seen_checkpoint;
    auto restarted = app_on(crashed, [&](server::App& app) {
        app.jobs().register_kind("test.crash", [&](JobContext& ctx, const json&) -> Result<void> {
            Concurrency::Scope scope(conc);
            seen_checkpoint = ctx.checkpoint();
            return {};
        }, 0);
    });
    REQUIRE(restarted->jobs().wait_idle(std::chrono::seconds(10)));
    CHECK(conc.calls == 1);
    CHECK(seen_checkpoint == json({{"after", 7}}));
    auto j = restarted->jobs().get_json(id).value();
    CHECK(j["state"] == "done");
    REQUIRE(j["runs"].size() == 2);
    CHECK(j["runs"][1]["state"] == "interrupted");
    CHECK(j["runs"][1]["error"] == "The server stopped during this run");
    CHECK(j["runs"][0]["attempt"] == 2);
    restarted.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    std::filesystem::remove_all(crashed, ec);
}

TEST_CASE("jobs API: managers watch and start jobs, administrators change schedules") {
    TestServer s;
    s.login();
    create_user(s, "mgr", "manager");
    create_user(s, "sales", "sales_all");
    auto mgr = sign_in(s, "mgr");
    auto sales = sign_in(s, "sales");
    auto& jobs = s.app->jobs();
    jobs.register_kind("test.nightly", [](JobContext&, const json&) -> Result<void> { return {}; }, 3600);
    auto list = TestServer::body(mgr.client->Get("/api/v1/jobs"));
    int64_t id = 0;
    for (const auto& item : list["items"])
        if (item["kind"] == "test.nightly") id = item["id"];
    REQUIRE(id > 0);
    const std::string path = "/api/v1/jobs/" + std::to_string(id);
    CHECK(sales.client->Get("/api/v1/jobs")->status == 403);
    CHECK(sales.client->Get(path.c_str())->status == 403);
    auto j = TestServer::body(mgr.client->Get(path.c_str()));
    CHECK(j["interval_s"] == 3600);
    CHECK(j["next_run"].is_string());
    CHECK(j["state"] == "idle");
    CHECK(patch_json(*mgr.client, path, {{"interval_s", 60}, {"version", j["version"]}})->status == 403);

    auto bad = patch_json(s.client, path, {{"interval_s", -1}, {"active", "yes"}, {"colour", 1}, {"version", j["version"]}});
    REQUIRE(bad->status == 422);
    auto details = TestServer::body(bad)["error"]["details"];
    CHECK(details.size() == 3);
    CHECK(patch_json(s.client, path, {{"interval_s", 60}})->status == 422);  // version required
    CHECK(patch_json(s.client, "/api/v1/jobs/999999", {{"interval_s", 60}, {"version", 1}})->status == 404);

    auto changed = patch_json(s.client, path, {{"interval_s", 120}, {"active", false}, {"version", j["version"]}});
    REQUIRE_MESSAGE(changed->status == 200, changed->body);
    auto c = TestServer::body(changed);
    CHECK(c["interval_s"] == 120);
    CHECK(c["active"] == false);
    CHECK(c["version"] == j["version"].get<int64_t>() + 1);
    auto stale = patch_json(s.client, path, {{"interval_s", 30}, {"version", j["version"]}});
    REQUIRE(stale->status == 409);
    CHECK(TestServer::body(stale)["error"]["current"]["interval_s"] == 120);

    // Paused: run now is refused until it is active again.
    CHECK(mgr.client->Post((path + "/run").c_str(), "", "application/json")->status == 409);
    CHECK(patch_json(s.client, path, {{"active", true}, {"version", c["version"]}})->status == 200);
    auto run = mgr.client->Post((path + "/run").c_str(), "", "application/json");
    REQUIRE(run->status == 202);
    REQUIRE(jobs.wait_idle(std::chrono::seconds(10)));
    auto after = TestServer::body(mgr.client->Get(path.c_str()));
    CHECK(after["state"] == "idle");
    CHECK(after["runs"].size() == 1);
    CHECK(after["last_success"].is_string());
    CHECK(after["next_run"].is_string());  // the recurring schedule goes on
    CHECK(sales.client->Post((path + "/run").c_str(), "", "application/json")->status == 403);
    CHECK(mgr.client->Post("/api/v1/jobs/999999/run", "", "application/json")->status == 404);

    // A one-off run has no interval of its own.
    const int64_t once = jobs.enqueue("test.nightly", {{"once", true}});
    REQUIRE(jobs.wait_idle(std::chrono::seconds(10)));
    auto o = TestServer::body(s.client.Get(("/api/v1/jobs/" + std::to_string(once)).c_str()));
    CHECK(patch_json(s.client, "/api/v1/jobs/" + std::to_string(once), {{"interval_s", 60}, {"version", o["version"]}})->status == 422);
}
