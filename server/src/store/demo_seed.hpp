// Demo data into a new database: the catalog of tumen::demo (users, teams, members, stages, lost reasons, tags,
// contact types, UTM), then contacts and leads streamed from the deterministic generator in batched transactions.
// Then products and the quotations/orders of the first leads (demo::Generator::quotation).
// Used by the first start of `scripts/run.sh` (a few hundred records) and by the benchmarks (up to 1,000,000 leads).
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "store/database.hpp"
#include "tumen/demo_data.hpp"

namespace tumen::store {

struct DemoSeedOptions {
    demo::Config generator;             // seed, clock, contact counts
    int64_t lead_count = 300;
    int64_t batch = 10000;              // rows per transaction
    int64_t quotation_leads = 5000;     // quotations and orders are made for the leads among the first this many
    std::string user_password_hash;     // given to every demo user (they can sign in with the demo password)
    std::function<void(int64_t done, int64_t total)> progress;  // called after each batch
};

// Precondition: the database holds no CRM records yet (only the administrator). Keeps the generator's ids.
void seed_demo(Database& db, const DemoSeedOptions& options);

}  // namespace tumen::store
