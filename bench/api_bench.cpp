// API latency on a demo database of N leads (default 200,000): the board endpoint for one team, a list page,
// a full-text search and a filtered search, timed over real HTTP on loopback; each figure is printed next to
// the no-op baseline (GET /api/v1/health) measured in the same run, because these machines are noisy.
//   tumen_bench_api [leads] [data-dir]   (a data dir that already holds a seeded database is reused)
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "bench_db.hpp"
#include "store/demo_seed.hpp"

using namespace tumen;
using bench::Clock;

namespace {

struct Stats {
    double p50, p99, mean;
};

Stats measure(httplib::Client& c, const std::string& path, int n) {
    std::vector<double> ms;
    for (int i = 0; i < n; ++i) {
        auto t0 = Clock::now();
        auto r = c.Get(path.c_str());
        double d = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        if (!r || r->status != 200) {
            std::fprintf(stderr, "request failed: %s -> %d %s\n", path.c_str(), r ? r->status : 0, r ? r->body.c_str() : "");
            std::exit(1);
        }
        ms.push_back(d);
    }
    std::sort(ms.begin(), ms.end());
    double sum = 0;
    for (double d : ms) sum += d;
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], sum / static_cast<double>(ms.size())};
}

std::string enc(const std::string& s) {
    std::string out;
    const char* hex = "0123456789ABCDEF";
    for (unsigned char ch : s) {
        if (isalnum(ch)) out += static_cast<char>(ch);
        else {
            out += '%';
            out += hex[ch >> 4];
            out += hex[ch & 15];
        }
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const int64_t leads = argc > 1 ? std::stoll(argv[1]) : 200000;
    const std::string dir = argc > 2 ? argv[2] : "/tmp/tumen-bench-" + std::to_string(leads);
    const bool fresh = !std::filesystem::exists(dir + "/tumen.db");

    server::App app(bench::config(dir));
    app.initialise();
    if (fresh) bench::seed(app, leads);
    app.start();

    httplib::Client c("127.0.0.1", app.port());
    c.set_read_timeout(120, 0);  // the analysis cases scan every lead
    auto login = c.Post("/api/v1/session/login", R"({"login":"admin","password":"bench-password-1"})", "application/json");
    if (!login || login->status != 200) return std::fprintf(stderr, "login failed\n"), 1;
    auto cookie = login->get_header_value("Set-Cookie");
    c.set_default_headers({{"Cookie", cookie.substr(0, cookie.find(';'))}});

    const int n = 200;
    measure(c, "/api/v1/health", 50);  // warm-up
    Stats base = measure(c, "/api/v1/health", n);
    struct Case {
        const char* name;
        std::string path;
        int requests = 200;
    } cases[] = {
        {"board: team 1, counts+sums per stage + 40 cards each", "/api/v1/leads/groups?group_by=stage&limit=40&filter=" + enc("team_id = 1")},
        {"list: first page of 50, newest first", "/api/v1/leads?limit=50"},
        {"list: filtered (country, revenue), by revenue", "/api/v1/leads?limit=50&sort=" + enc("expected_revenue desc") +
                                                            "&filter=" + enc("country = \"MN\" and expected_revenue >= 100000000")},
        {"full-text: Cyrillic prefix", "/api/v1/leads?limit=50&q=" + enc("батб")},
        {"get one lead", "/api/v1/leads/12345"},
        // Pipeline analysis (issue 9), answered from the running totals (migration analysis_totals).
        {"analysis: stage, every lead (funnel)", "/api/v1/leads/analysis?group_by=stage&active=all"},
        {"analysis: salesperson x stage, open leads", "/api/v1/leads/analysis?group_by=user&group_by2=stage"},
        {"analysis: month of creation x team, every lead", "/api/v1/leads/analysis?group_by=create_month&group_by2=team&active=all"},
        {"analysis: team 1 by country", "/api/v1/leads/analysis?group_by=country&filter=" + enc("team_id = 1")},
        // Not in the totals (tags are many-valued): one pass over every matching lead, so fewer requests.
        {"analysis (scan): tag, open leads", "/api/v1/leads/analysis?group_by=tag", 10},
    };
    std::printf("Tumen API benchmark, %lld leads, %d requests each (scan: 10), loopback HTTP (ms)\n", (long long)leads, n);
    std::printf("%-56s %8s %8s %8s %10s\n", "case", "p50", "p99", "mean", "p99/base");
    std::printf("%-56s %8.2f %8.2f %8.2f %10s\n", "baseline: GET /api/v1/health", base.p50, base.p99, base.mean, "1.0");
    for (auto& k : cases) {
        Stats s = measure(c, k.path, k.requests);
        std::printf("%-56s %8.2f %8.2f %8.2f %10.1f\n", k.name, s.p50, s.p99, s.mean, s.p99 / base.p99);
    }
    app.stop();
    return 0;
}
