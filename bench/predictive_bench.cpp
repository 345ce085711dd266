// Predictive scoring and assignment on the server (issue 7), each next to a plain SQLite pass in the same run:
//   tumen_bench_predictive [leads] [data-dir]
// 1. scoring.predictive_rebuild through the job runner over the demo database (count the closed leads, swap the
//    table in, recompute every open lead's automatic probability), twice (the second run writes nothing new),
//    next to one plain pass reading and decoding the same lead columns, and one SQL aggregate over them;
// 2. the incremental update: one lead marked won through LeadService (rows ±1 and the write, one transaction);
// 3. assignment of 10,000 unassigned leads over 10 teams / 100 members (own small database), next to one plain
//    SQLite pass that reads the same 10,000 rows and writes team and salesperson into each.
// The demo database is seeded once (or copied from tumen_bench_api's of the same size). Figures: bench/README.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "bench_db.hpp"
#include "services/assignment_service.hpp"
#include "services/predictive_service.hpp"
#include "store/team_members.hpp"

using namespace tumen;
using bench::Clock;
using bench::config;
using bench::seconds_since;

namespace {

void scoring_part(int64_t leads, const std::string& dir) {
    bench::copy_api_db(dir, leads);
    const bool fresh = !std::filesystem::exists(dir + "/tumen.db");
    server::App app(config(dir));
    app.initialise();
    if (fresh) bench::seed(app, leads);
    app.start();
    if (const char* b = std::getenv("TUMEN_PLS_BATCH")) app.predictive().set_batch_size(std::atoi(b));  // experiments
    if (const char* k = std::getenv("TUMEN_PLS_KEEP_OPEN")) app.predictive().set_keep_open_leads(std::atoi(k) != 0);
    auto& db = app.db();
    const int64_t rows = db.reader().prepare("SELECT count(*) FROM leads").scalar_int();
    const int64_t closed = db.reader()
                               .prepare("SELECT count(*) FROM leads JOIN lead_probabilities ON lead_id = id"
                                        " WHERE probability >= 100 OR (active = 0 AND probability = 0)")
                               .scalar_int();

    // Baseline 1: the rebuild's own columns, every row read and decoded once (the probabilities from their
    // narrow table since migration lead_probabilities, as the rebuild reads them).
    auto t0 = Clock::now();
    int64_t checksum = 0;
    {
        auto s = db.reader().prepare(
            "SELECT id, team_id, stage_id, active, probability, probability_manual, automated_probability, create_date,"
            " country, state, email, phone, source_id, medium_id, campaign_id, lang FROM leads JOIN lead_probabilities"
            " ON lead_id = id ORDER BY id");
        while (s.step()) checksum += s.get_int(0) + s.get_text(8).size() + s.get_text(10).size() + (s.get_double(4) > 50);
    }
    const double plain = seconds_since(t0);
    // Baseline 2: the same rows aggregated inside SQLite.
    t0 = Clock::now();
    const int64_t agg = db.reader()
                            .prepare("SELECT sum(length(country) + length(email) + (probability > 50) + coalesce(stage_id, 0))"
                                     " FROM leads JOIN lead_probabilities ON lead_id = id")
                            .scalar_int();
    const double sql_only = seconds_since(t0);

    auto run_job = [&] {
        auto start = Clock::now();
        const int64_t id = app.jobs().enqueue(server::PredictiveService::rebuild_kind, {{"bench", true}});
        if (!app.jobs().wait_idle(std::chrono::hours(1))) std::fprintf(stderr, "job did not finish\n");
        const double s = seconds_since(start);
        auto j = app.jobs().get_json(id);
        std::string log = j ? "" : "?";  // every line: with lr the training's AUC / Brier line comes first
        if (j)
            for (const auto& line : j.value()["runs"][0]["log"]) log += (log.empty() ? "" : "; ") + line.get<std::string>();
        return std::make_pair(s, log);
    };
    db.write([](store::Connection& c) { c.exec("UPDATE lead_probabilities SET automated_probability = 0 WHERE probability < 100"
                                                   " AND lead_id IN (SELECT id FROM leads WHERE active = 1)"); });
    auto [first_s, first_log] = run_job();
    auto [again_s, again_log] = run_job();
    // The same job with the logistic regression chosen: it also trains both models (holdout quality, then the
    // weights on every closed lead) before the recompute, and the recompute scores with the weights.
    db.write([](store::Connection& c) { c.exec("UPDATE pls_settings SET model = 'lr', version = version + 1 WHERE id = 1"); });
    auto [lr_s, lr_log] = run_job();
    auto [lr_again_s, lr_again_log] = run_job();
    db.write([](store::Connection& c) { c.exec("UPDATE pls_settings SET model = 'nb', version = version + 1 WHERE id = 1"); });
    const int64_t table_rows = db.reader().prepare("SELECT count(*) FROM pls_frequencies").scalar_int();

    // Incremental: one open lead won through the service (the increments ride in the lead's transaction).
    const int64_t victim = db.reader()
                               .prepare("SELECT id FROM leads JOIN lead_probabilities ON lead_id = id"
                                        " WHERE active = 1 AND probability < 100 AND stage_id IS NOT NULL"
                                        " ORDER BY id DESC LIMIT 1")
                               .scalar_int();
    const int64_t version = db.reader().prepare("SELECT version FROM leads WHERE id = " + std::to_string(victim)).scalar_int();
    server::Caller admin;
    admin.user_id = 1;
    admin.role = "admin";
    t0 = Clock::now();
    auto won = app.leads().won(admin, victim, {{"version", version}});
    const double one_won = seconds_since(t0);

    std::printf("Tumen predictive rebuild + recompute, %lld leads (%lld closed), %lld frequency rows (checksums %lld %lld)\n",
                (long long)rows, (long long)closed, (long long)table_rows, (long long)checksum, (long long)agg);
    std::printf("%-66s %9s %12s %8s\n", "case", "seconds", "leads/s", "ratio");
    auto line = [&](const char* name, double s) {
        std::printf("%-66s %9.3f %12.0f %8.2f\n", name, s, static_cast<double>(rows) / s, s / plain);
    };
    line("baseline: plain SQLite pass, the same columns of every lead", plain);
    line("baseline: one SQL aggregate over the same rows", sql_only);
    line("scoring.predictive_rebuild job (count + swap + recompute, writes)", first_s);
    line("scoring.predictive_rebuild job again (nothing changes)", again_s);
    line("the same job, logistic regression chosen (trains both, writes)", lr_s);
    line("the same job, logistic regression again (nothing changes)", lr_again_s);
    std::printf("job logs: \"%s\" / \"%s\"\n", first_log.c_str(), again_log.c_str());
    std::printf("job logs (lr): \"%s\" / \"%s\"\n", lr_log.c_str(), lr_again_log.c_str());
    std::printf("incremental: one lead marked won (rows +-1, lead write, one transaction): %.2f ms (%s)\n",
                one_won * 1000, won ? "ok" : won.error().message.c_str());
    app.stop();
}

void assignment_part(const std::string& dir) {
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    server::App app(config(dir));
    app.initialise();
    app.start();
    auto& db = app.db();
    constexpr int teams = 10, members_per_team = 10, lead_count = 10000;
    const char* countries[] = {"MN", "CN", "RU", "US", "KR", "JP", "DE", "FR", "GB", "KZ"};
    db.write([&](store::Connection& c) {
        for (int t = 0; t < teams; ++t) {
            // Overlapping domains: each team takes its own country and its neighbour's.
            const std::string domain = std::string("country = \"") + countries[t] + "\" or country = \"" +
                                       countries[(t + 1) % teams] + "\"";
            c.prepare_uncached("INSERT INTO teams(name, assignment_domain) VALUES (?, ?)")
                .bind(1, "Team " + std::to_string(t)).bind(2, domain).run();
            const int64_t team = c.last_insert_id();
            for (int m = 0; m < members_per_team; ++m) {
                const std::string login = "seller" + std::to_string(t) + "_" + std::to_string(m);
                c.prepare_uncached("INSERT INTO users(login, name, role, password_hash) VALUES (?, ?, 'sales_own', 'x')")
                    .bind(1, login).bind(2, login).run();
                TeamMember tm;
                tm.team_id = team;
                tm.user_id = c.last_insert_id();
                tm.max_leads_30d = 3000;  // 100 a day: the 100 members can take all 10,000
                tm.assignment_domain = m % 2 ? "" : "priority >= 1";  // half the members only take rated leads
                store::insert_team_member(c, tm);
            }
        }
        std::mt19937 rng(7);
        const int64_t now = server::unix_now();
        for (int i = 0; i < lead_count; ++i) {
            c.prepare("INSERT INTO leads(name, name_fold, country, priority, create_date, write_date)"
                      " VALUES (?, ?, ?, ?, ?, ?)")
                .bind(1, "Lead " + std::to_string(i)).bind(2, "lead " + std::to_string(i))
                .bind(3, countries[rng() % teams]).bind(4, static_cast<int64_t>(rng() % 4))
                .bind(5, now - 3600).bind(6, now - 3600).run();
            c.prepare("INSERT INTO lead_probabilities VALUES (?, ?, 0)")
                .bind(1, c.last_insert_id()).bind(2, static_cast<double>(rng() % 9000) / 100.0).run();
        }
    });

    // Baseline: one pass reading the 10,000 rows and writing team and salesperson into each, one transaction
    // (then undone, outside the timing).
    auto t0 = Clock::now();
    db.write([&](store::Connection& c) {
        std::vector<std::pair<int64_t, std::string>> rows;
        auto s = c.prepare("SELECT id, country FROM leads WHERE user_id IS NULL ORDER BY id");
        while (s.step()) rows.emplace_back(s.get_int(0), s.get_text(1));
        int64_t n = 0;
        for (const auto& [id, country] : rows)
            c.prepare("UPDATE leads SET team_id = ?, user_id = ?, date_open = ?, version = version + 1 WHERE id = ?")
                .bind(1, int64_t{1}).bind(2, int64_t{2 + (n++ % 100)}).bind(3, int64_t{0}).bind(4, id).run();
    });
    const double plain = seconds_since(t0);
    db.write([](store::Connection& c) { c.exec("UPDATE leads SET team_id = NULL, user_id = NULL, date_open = NULL"); });

    t0 = Clock::now();
    auto out = app.assignment().assign(1, false, server::unix_now(), 42);
    const double assign_s = seconds_since(t0);
    const int64_t left = db.reader().prepare("SELECT count(*) FROM leads WHERE user_id IS NULL").scalar_int();
    std::printf("\nTumen assignment, %d leads over %d teams / %d members (overlapping team domains, half the members"
                " with a domain)\n", lead_count, teams, teams * members_per_team);
    std::printf("%-66s %9s %12s %8s\n", "case", "seconds", "leads/s", "ratio");
    std::printf("%-66s %9.3f %12.0f %8.2f\n", "baseline: one pass reading and writing team + salesperson", plain,
                lead_count / plain, 1.0);
    std::printf("%-66s %9.3f %12.0f %8.2f\n", "leads.assign (team step + member step, log, change events)", assign_s,
                lead_count / assign_s, assign_s / plain);
    std::printf("assigned: %lld to teams, %lld to salespeople, %lld left without salesperson\n",
                (long long)out.team_assigned, (long long)out.member_assigned, (long long)left);
    app.stop();
}

}  // namespace

int main(int argc, char** argv) {
    const int64_t leads = argc > 1 ? std::stoll(argv[1]) : 200000;
    const std::string dir = argc > 2 ? argv[2] : "/tmp/tumen-bench-predictive-" + std::to_string(leads);
    scoring_part(leads, dir);
    assignment_part("/tmp/tumen-bench-assign");
    return 0;
}
