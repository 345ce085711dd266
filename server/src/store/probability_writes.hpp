// Bulk writes of leads' probabilities (the predictive rebuild's recompute, issue 7) into lead_probabilities.
// A write of `probability` fires the lead_totals and analysis_totals update triggers (the lead's keys read from
// `leads` and three statements per lead), a large share of a recompute that rewrites most open leads. Here those
// triggers (the ones that honour totals_paused) are dropped for the batch's writes and created again in the same
// transaction, and the weighted sums they would have moved are added once per totals row, so readers of the
// totals (board, pipeline analysis) see exactly what the triggers would have made.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
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

// What the totals rows key a lead by, with the triggers' own expressions (the dimension values keep their SQLite
// type: analysis_totals.val has no affinity), and the revenue its weighted sum is taken of.
using TotalsValue = std::variant<int64_t, double, std::string>;  // never NULL: analysis_totals.val is NOT NULL
struct TotalsKeys {
    int64_t team = 0, stage = 0, user = 0, active = 0;
    std::string type, currency;
    std::array<TotalsValue, 5> vals;  // analysis dimensions 1-5: country, source, lost reason, create month, deadline month
    double revenue = 0;               // expected_revenue, as SQLite multiplies it
};

// A write with what it moves: the stored probability (`write.before`, always set) and the lead's totals keys.
struct ProbabilityMove {
    ProbabilityWrite write;
    TotalsKeys keys;
};

// The columns the keys of a lead `l` are made of (12, in TotalsKeys' order), for a caller whose own select already
// walks the leads it will write (the rebuild's recompute: no second lookup by id); read_totals_keys makes the keys
// with the triggers' expressions from column `first` on (asking `c`, the select's connection, in a rare case).
extern const char* const totals_keys_columns;
TotalsKeys read_totals_keys(Connection& c, const Statement& s, int first);

// Writes both columns of each lead (ids of existing leads; any order). A lead whose probability band changes
// (0, between, 100: a key of analysis_totals) is written with the triggers running. Inside the caller's
// transaction; throws if a totals row a lead counts in is missing (the totals would drift).
// = apply_probability_moves(c, read_probability_moves(c, writes)).
void write_probabilities(Connection& c, const std::vector<ProbabilityWrite>& writes);
// The reading half, on any connection: keys and stored probability by id; a lead that no longer exists is left out.
std::vector<ProbabilityMove> read_probability_moves(Connection& c, const std::vector<ProbabilityWrite>& writes);
// The writing half, in the writer's transaction: the moves must still be current (read in this transaction, or
// nothing written since they were read but the caller's own writes to other leads).
void apply_probability_moves(Connection& c, const std::vector<ProbabilityMove>& moves);

}  // namespace tumen::store
