// Rule-based scoring: the score_rules.recompute job over N leads (default 200,000; pass 1000000 for the issue's
// figure) after a rule change, next to one plain SQLite pass over the same rows measured in the same run.
//   tumen_bench_score_rules [leads] [data-dir]
// The data dir is seeded once by the demo generator (or copied from tumen_bench_api's database of the same size
// with VACUUM INTO) and reused. Figures go to bench/README.md.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench_db.hpp"
#include "services/score_rule_service.hpp"
#include "store/leads.hpp"
#include "store/score_rules.hpp"

using namespace tumen;
using bench::Clock;
using bench::seconds_since;

namespace {

}  // namespace

int main(int argc, char** argv) {
    const int64_t leads = argc > 1 ? std::stoll(argv[1]) : 200000;
    const std::string dir = argc > 2 ? argv[2] : "/tmp/tumen-bench-score-" + std::to_string(leads);
    bench::copy_api_db(dir, leads);
    const bool fresh = !std::filesystem::exists(dir + "/tumen.db");

    server::App app(bench::config(dir));
    app.initialise();
    if (fresh) bench::seed(app, leads);
    app.start();
    auto& db = app.db();
    const int64_t rows = db.reader().prepare("SELECT count(*) FROM leads").scalar_int();

    // The rule change: five rules of the kinds a sales manager writes (text, flag, money, tag names, stage join).
    db.write([](store::Connection& c) {
        c.exec("DELETE FROM score_rules");
        c.exec("UPDATE leads SET score = 0, score_explanation = '[]' WHERE score != 0 OR score_explanation != '[]'");
        const int64_t now = server::unix_now();
        auto add = [&](const char* name, const char* filter, int64_t points) {
            scoring::ScoreRule r;
            r.name = name;
            r.filter = filter;
            r.points = points;
            r.create_date = r.write_date = now;
            store::insert_score_rule(c, r);
        };
        add("country = MN", "country = \"MN\"", 20);
        add("free-mail address", "email_is_corporate = false", -10);
        add("big deal", "expected_revenue >= 10000000", 15);
        add("VIP", "tags has \"VIP\"", 25);
        add("hot and open", "stage.is_won = false and priority >= 2", 5);
    });

    // Baseline 1: one plain pass reading every row with the same statement and row decoder the job uses.
    auto t0 = Clock::now();
    int64_t seen = 0, checksum = 0;
    {
        auto s = db.reader().prepare(store::lead_select_sql() + " ORDER BY l.id");
        while (s.step()) {
            Lead l = store::read_lead_row(s);
            checksum += l.priority;
            ++seen;
        }
    }
    const double plain = seconds_since(t0);
    // Baseline 2: the same rows aggregated inside SQLite (no row leaves the engine).
    t0 = Clock::now();
    const int64_t agg = db.reader()
                            .prepare("SELECT sum(length(country) + priority + (expected_revenue > 0) + length(email)) FROM leads")
                            .scalar_int();
    const double sql_only = seconds_since(t0);

    auto run_job = [&] {
        auto start = Clock::now();
        const int64_t id = app.jobs().enqueue(server::ScoreRuleService::recompute_kind, {{"bench", true}});
        if (!app.jobs().wait_idle(std::chrono::hours(1))) std::fprintf(stderr, "job did not finish\n");
        const double s = seconds_since(start);
        auto j = app.jobs().get_json(id);
        std::string last = j ? j.value()["runs"][0]["log"].back().get<std::string>() : "?";
        return std::make_pair(s, last);
    };
    auto [changed_s, changed_log] = run_job();
    auto [same_s, same_log] = run_job();
    const int64_t scored = db.reader().prepare("SELECT count(*) FROM leads WHERE score != 0").scalar_int();

    std::printf("Tumen rule-score recompute, %lld leads, 5 rules (checksums %lld %lld)\n", (long long)rows,
                (long long)checksum, (long long)agg);
    std::printf("%-62s %9s %12s %8s\n", "case", "seconds", "leads/s", "ratio");
    auto line = [&](const char* name, double s) {
        std::printf("%-62s %9.2f %12.0f %8.2f\n", name, s, static_cast<double>(rows) / s, s / plain);
    };
    line("baseline: plain SQLite pass, every lead row read and decoded", plain);
    line("baseline: one SQL aggregate over the same rows", sql_only);
    line("recompute job after a rule change (all scores written)", changed_s);
    line("recompute job, nothing changed (read + evaluate only)", same_s);
    std::printf("job logs: \"%s\" / \"%s\"; leads with a score: %lld; rows read by the plain pass: %lld\n",
                changed_log.c_str(), same_log.c_str(), (long long)scored, (long long)seen);
    app.stop();
    return 0;
}
