// Live updates: how long a committed change takes to reach 50 connected event streams. A real server on loopback,
// 50 SSE clients signed in (each stream on a worker thread of its own), then N lead edits made one after another
// through the lead service; for each, the time from the end of its COMMIT to the moment each client has parsed the
// event. Printed next to the round trip of a no-op request (GET /api/v1/health) measured in the same run.
//   tumen_bench_events [changes] [clients]     (defaults 200 and 50)
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "app.hpp"
#include "sse_client.hpp"
#include "test_server.hpp"

using namespace tumen;
using Clock = std::chrono::steady_clock;

namespace {

double pct(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(static_cast<double>(v.size()) * p))];
}

}  // namespace

int main(int argc, char** argv) {
    const int changes = argc > 1 ? std::atoi(argv[1]) : 200;
    const int clients = argc > 2 ? std::atoi(argv[2]) : 50;
    const auto dir = testing::make_temp_dir("tumen-bench-events");

    server::Config cfg;
    cfg.port = 0;
    cfg.data_dir = (dir / "data").string();
    cfg.quiet = true;
    cfg.demo_data = false;
    cfg.admin_password = "bench-password-1";
    cfg.max_streams = clients + 8;
    server::App app(cfg);
    app.initialise();
    app.start();

    httplib::Client c("127.0.0.1", app.port());
    auto login = c.Post("/api/v1/session/login", R"({"login":"admin","password":"bench-password-1"})", "application/json");
    if (!login || login->status != 200) return std::fprintf(stderr, "login failed\n"), 1;
    const auto set_cookie = login->get_header_value("Set-Cookie");
    const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    c.set_default_headers({{"Cookie", cookie}});

    server::Caller admin;
    admin.user_id = 1;
    admin.role = "admin";
    admin.name = "bench";
    auto lead = app.leads().create(admin, {{"name", "Шууд мэдээ"}});
    if (!lead) return std::fprintf(stderr, "create failed: %s\n", lead.error().message.c_str()), 1;
    int64_t version = lead.value().version;
    const int64_t lead_id = lead.value().id;

    // Receipt times per (client, change): each client reads on its own thread.
    std::vector<std::unique_ptr<testing::SseClient>> streams;
    for (int i = 0; i < clients; ++i) {
        streams.push_back(std::make_unique<testing::SseClient>(app.port(), "/api/v1/events",
                                                               std::vector<std::string>{"Cookie: " + cookie}));
        if (streams.back()->status() != 200 || !streams.back()->next_named("hello"))
            return std::fprintf(stderr, "stream %d did not open (%d)\n", i, streams.back()->status()), 1;
    }
    std::vector<std::vector<Clock::time_point>> received(clients, std::vector<Clock::time_point>(changes));
    std::atomic<int> done_count{0};
    std::atomic<int64_t> first_id{0};
    std::vector<std::thread> readers;
    for (int i = 0; i < clients; ++i)
        readers.emplace_back([&, i] {
            for (int k = 0; k < changes; ++k) {
                auto e = streams[i]->next_named("lead.updated", std::chrono::seconds(30));
                if (!e) {
                    std::fprintf(stderr, "client %d: no event %d\n", i, k);
                    break;
                }
                received[i][k] = Clock::now();
                ++done_count;
            }
        });

    // Baseline in the same run: a no-op request's round trip.
    std::vector<double> base;
    for (int i = 0; i < 200; ++i) {
        auto t0 = Clock::now();
        c.Get("/api/v1/health");
        base.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }

    std::vector<Clock::time_point> committed(changes);
    std::vector<double> all, last_of_change;
    for (int k = 0; k < changes; ++k) {
        auto r = app.leads().edit(admin, lead_id, {{"name", "Шууд мэдээ " + std::to_string(k)}, {"version", version}});
        committed[k] = Clock::now();  // edit() returns right after COMMIT
        if (!r) return std::fprintf(stderr, "edit failed: %s\n", r.error().message.c_str()), 1;
        version = r.value().version;
        // One change at a time: wait until every client has it (delay, not queueing, is measured).
        const auto deadline = Clock::now() + std::chrono::seconds(30);
        while (done_count.load() < (k + 1) * clients && Clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::microseconds(200));
        if (done_count.load() < (k + 1) * clients) return std::fprintf(stderr, "change %d did not reach everyone\n", k), 1;
    }
    for (auto& t : readers) t.join();
    for (int k = 0; k < changes; ++k) {
        double slowest = 0;
        for (int i = 0; i < clients; ++i) {
            double ms = std::chrono::duration<double, std::milli>(received[i][k] - committed[k]).count();
            all.push_back(ms);
            slowest = std::max(slowest, ms);
        }
        last_of_change.push_back(slowest);
    }
    (void)first_id;
    std::printf("Tumen live events: %d lead edits, %d connected streams, loopback (ms from COMMIT to event parsed)\n",
                changes, clients);
    std::printf("%-48s %8s %8s %8s\n", "case", "p50", "p99", "max");
    std::printf("%-48s %8.2f %8.2f %8.2f\n", "baseline: GET /api/v1/health round trip", pct(base, 0.5), pct(base, 0.99),
                pct(base, 1.0));
    std::printf("%-48s %8.2f %8.2f %8.2f\n", "delay, every (client, change)", pct(all, 0.5), pct(all, 0.99), pct(all, 1.0));
    std::printf("%-48s %8.2f %8.2f %8.2f\n", "delay until the last of the clients has it", pct(last_of_change, 0.5),
                pct(last_of_change, 0.99), pct(last_of_change, 1.0));
    streams.clear();
    app.stop();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return 0;
}
