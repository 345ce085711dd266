// What the server benchmarks share: an App over a data directory of generated demo leads. Seeding a million
// leads takes minutes, so a directory is seeded once and reused by later runs, and a benchmark whose directory is
// new copies tumen_bench_api's database of the same size (VACUUM INTO) when there is one.
#pragma once
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app.hpp"
#include "services/auth_service.hpp"
#include "store/demo_seed.hpp"

namespace tumen::bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

inline constexpr const char* password = "bench-password-1";

inline server::Config config(const std::string& dir) {
    server::Config cfg;
    cfg.port = 0;
    cfg.data_dir = dir;
    cfg.quiet = true;
    cfg.demo_data = false;
    cfg.seed_reference = false;
    cfg.admin_password = password;
    return cfg;
}

// tumen_bench_api's directory for `leads` leads (the one the others copy from).
inline std::string api_dir(int64_t leads) { return "/tmp/tumen-bench-" + std::to_string(leads); }

// Makes `dir` and, unless it already holds a database, copies the api benchmark's database of the same size.
inline void copy_api_db(const std::string& dir, int64_t leads) {
    if (std::filesystem::exists(dir + "/tumen.db")) return;
    std::filesystem::create_directories(dir);
    const std::string api_db = api_dir(leads) + "/tumen.db";
    if (dir == api_dir(leads) || !std::filesystem::exists(api_db)) return;
    auto t0 = Clock::now();
    store::Connection src(api_db, true);
    src.exec("VACUUM INTO '" + dir + "/tumen.db'");
    std::fprintf(stderr, "copied %s in %.1f s\n", api_db.c_str(), seconds_since(t0));
}

// Seeds `leads` demo leads (2,000 companies, 8,000 people) into an initialised App whose database was new.
inline void seed(server::App& app, int64_t leads) {
    auto t0 = Clock::now();
    store::DemoSeedOptions o;
    o.generator.now = server::unix_now();
    o.generator.company_count = 2000;
    o.generator.person_count = 8000;
    o.lead_count = leads;
    o.batch = 20000;
    o.user_password_hash = server::AuthService::hash_password(password);
    o.progress = [](int64_t done, int64_t total) {
        std::fprintf(stderr, "\rseeding %lld / %lld leads", (long long)done, (long long)total);
    };
    store::seed_demo(app.db(), o);
    app.db().write([](store::Connection& c) { c.exec("ANALYZE"); });
    std::fprintf(stderr, "\nseeded %lld leads in %.1f s\n", (long long)leads, seconds_since(t0));
}

}  // namespace tumen::bench
