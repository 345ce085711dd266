// Bulk writes of leads' probabilities (the predictive rebuild's recompute, issue 7) into lead_probabilities.
// A write of `probability` fires the lead_totals and analysis_totals update triggers (the lead's keys read from
// `leads` and three statements per lead), a large share of a recompute that rewrites most open leads. Here those
// triggers (the ones that honour totals_paused) are dropped for the batch's writes and created again in the same
// transaction, and the weighted sums they would have moved are added once per totals row, so readers of the
// totals (board, pipeline analysis) see exactly what the triggers would have made.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

// SQLite's CAST(round(revenue * p / 100.0) AS INTEGER), the triggers' weighted sum of one lead, computed the same way.
int64_t weighted_revenue(double revenue, double probability);

struct ProbabilityWrite {
    int64_t id = 0;
    double automated = 0;  // automated_probability
    double shown = 0;      // probability
    // The stored `probability` as the caller read it in this same transaction; nullopt: read here.
    std::optional<double> before;
};

// Writes both columns of each lead (ids of existing leads; any order). A lead whose probability band changes
// (0, between, 100: a key of analysis_totals) is written with the triggers running. Inside the caller's
// transaction; throws if a totals row a lead counts in is missing (the totals would drift).
void write_probabilities(Connection& c, const std::vector<ProbabilityWrite>& writes);

}  // namespace tumen::store
