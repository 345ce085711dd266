// API latency on a demo database of N leads (default 200,000): the board endpoint for one team, a list page,
// a full-text search and a filtered search, timed over real HTTP on loopback; each figure is printed next to
// the no-op baseline (GET /api/v1/health) measured in the same run, because these machines are noisy.
// Then the list sorted by each sortable column (first page, and a page from the middle through the cursor) for
// every open lead, one team's open leads and a salesperson's own ("My pipeline").
//   tumen_bench_api [leads] [data-dir] [sorts [n]]   (a data dir that already holds a seeded database is reused;
//                                                     "sorts": only the list sorts, n requests each, default 50)
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
#include "store/keyset.hpp"
#include "store/lead_queries.hpp"

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

std::string login(httplib::Client& c, const std::string& user) {
    c.set_default_headers({});  // a sign-in that sends another session's cookie ends that session
    auto r = c.Post("/api/v1/session/login", R"({"login":")" + user + R"(","password":"bench-password-1"})", "application/json");
    if (!r || r->status != 200) return std::fprintf(stderr, "login %s failed\n", user.c_str()), std::exit(1), "";
    auto cookie = r->get_header_value("Set-Cookie");
    return cookie.substr(0, cookie.find(';'));
}

// The cursor after the middle lead of `scope` in this sort, read straight from the database (walking there page by
// page would take minutes for the sorts that sort every lead).
std::string middle_cursor(store::Connection& db, const store::Sort& sort, const std::string& scope) {
    const std::string dir = sort.desc ? " DESC" : " ASC";
    const std::string from = " FROM leads l WHERE " + scope;
    const int64_t n = db.prepare_uncached("SELECT count(*)" + from).scalar_int();
    auto s = db.prepare_uncached(std::string("SELECT ") + sort.key->expr + ", l.id" + from + " ORDER BY " + sort.key->expr +
                                 dir + ", l.id" + dir + " LIMIT 1 OFFSET " + std::to_string(n / 2));
    if (!s.step()) return "";
    store::SqlValue v;
    switch (s.column_type(0)) {
        case SQLITE_NULL: v = nullptr; break;
        case SQLITE_INTEGER: v = s.get_int(0); break;
        case SQLITE_FLOAT: v = s.get_double(0); break;
        default: v = s.get_text(0);
    }
    return store::make_cursor(sort, v, s.get_int(1));
}

// Every sortable column in the direction a header click gives (text ascending, numbers and dates newest first).
void bench_list_sorts(httplib::Client& c, const std::string& db_path, const std::string& admin_cookie,
                      const std::string& sales_cookie, int n) {
    store::Connection db(db_path, true);
    const int64_t sales_user = db.prepare_uncached("SELECT id FROM users WHERE login = 'kenji'").scalar_int();
    struct Scope {
        const char* name;
        std::string filter, sql, cookie;
    } scopes[] = {
        {"open", "", "l.active = 1", admin_cookie},
        {"team 2 open", "team_id = 2", "l.active = 1 AND l.team_id = 2", admin_cookie},
        {"my pipeline", "user_id = me", "l.active = 1 AND l.user_id = " + std::to_string(sales_user), sales_cookie},
    };
    std::printf("\nList sorted by each column, %d requests each, first page / middle page via the cursor (ms)\n", n);
    std::printf("%-36s %8s %8s %8s %8s\n", "sort, scope", "p50", "p99", "mid p50", "mid p99");
    for (const auto& key : store::lead_sort_keys()) {
        const bool text = !key.numeric;
        store::Sort sort{&key, !text};
        const std::string sort_text = std::string(key.name) + (sort.desc ? " desc" : " asc");
        for (const auto& scope : scopes) {
            c.set_default_headers({{"Cookie", scope.cookie}});
            const std::string path = "/api/v1/leads?limit=50&sort=" + enc(sort_text) + (scope.filter.empty() ? "" : "&filter=" + enc(scope.filter));
            Stats first = measure(c, path, n);
            Stats mid = measure(c, path + "&after=" + middle_cursor(db, sort, scope.sql), n);
            std::printf("%-36s %8.2f %8.2f %8.2f %8.2f\n", (sort_text + ", " + scope.name).c_str(), first.p50, first.p99,
                        mid.p50, mid.p99);
            std::fflush(stdout);
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    const int64_t leads = argc > 1 ? std::stoll(argv[1]) : 200000;
    const std::string dir = argc > 2 ? argv[2] : "/tmp/tumen-bench-" + std::to_string(leads);
    const bool fresh = !std::filesystem::exists(dir + "/tumen.db");
    const bool sorts_only = argc > 3 && std::string(argv[3]) == "sorts";
    const int sort_requests = argc > 4 ? std::stoi(argv[4]) : 50;

    server::App app(bench::config(dir));
    app.initialise();
    if (fresh) bench::seed(app, leads);
    app.start();

    httplib::Client c("127.0.0.1", app.port());
    c.set_read_timeout(120, 0);  // the analysis cases scan every lead
    const std::string admin_cookie = login(c, "admin");
    // A salesperson who sees every lead (demo user kenji, sales_all) for "My pipeline" (user_id = me).
    const std::string sales_cookie = login(c, "kenji");
    c.set_default_headers({{"Cookie", admin_cookie}});
    if (sorts_only) {
        std::printf("Tumen list sorts, %lld leads\n", (long long)leads);
        bench_list_sorts(c, dir + "/tumen.db", admin_cookie, sales_cookie, sort_requests);
        app.stop();
        return 0;
    }

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
    bench_list_sorts(c, dir + "/tumen.db", admin_cookie, sales_cookie, sort_requests);
    app.stop();
    return 0;
}
