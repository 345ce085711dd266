// Predictive lead scoring in SQLite (issue 7, Odoo §2a): the frequency rows, the settings, the hook every lead
// write passes (±1 rows on won / lost / restore, automatic probability of open leads), and the batches of the
// rebuild job. The arithmetic is shared/ (scoring_predictive.hpp, scoring_pls_lead.hpp).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "store/sqlite.hpp"
#include "tumen/lead.hpp"
#include "tumen/scoring_pls_lead.hpp"
#include "tumen/scoring_pls_logistic.hpp"

namespace tumen::store {

scoring::PlsSettings load_pls_settings(Connection& c);
// Writes if the stored version is `s.version`, then bumps it. False = stale.
bool save_pls_settings(Connection& c, scoring::PlsSettings& s);

// The rows the scorer needs for a lead of `team`: that team's, or every team's (the pooled statistics) when it
// has none or team is 0.
scoring::PlsFrequencies load_pls_frequencies(Connection& c, int64_t team);
scoring::PlsFrequencies load_all_pls_frequencies(Connection& c);
void apply_pls_deltas(Connection& c, const std::vector<scoring::PlsDelta>& deltas);

// The model that sets open leads' automatic probability: the stored logistic regression when the settings
// choose "lr" and a rebuild has trained one, otherwise the naive Bayes.
struct PlsModel {
    const scoring::PlsScorer* nb = nullptr;
    std::shared_ptr<const scoring::PlsLogistic> lr;
    std::optional<double> probability(const scoring::PlsSchema& schema, const scoring::PlsLead& lead) const;
};

// What predict_lead reads besides the lead, read once: the settings, the stages (as the scorer's schema) and, on
// first need, the logistic model. A bulk writer (the CSV import) keeps one per batch transaction, so each row only
// computes; a single write makes one for its lead. Valid inside one transaction that changes no stage or setting.
struct PlsWriteContext {
    explicit PlsWriteContext(Connection& c);
    scoring::PlsSettings settings;
    scoring::PlsSchema schema;
    std::string stages_key;  // the stages in the prepared scorers' cache key
    bool lr_loaded = false;
    std::shared_ptr<const scoring::PlsLogistic> lr;
};

// Called by insert_lead_row / update_lead with the stored lead (nullptr for a new one): applies the frequency
// deltas of a closed-state change and sets automated_probability (and probability unless it is manual) of an
// open lead when the statistics allow a value. Inside the caller's transaction.
void predict_lead(Connection& c, PlsWriteContext& ctx, const Lead* before, Lead& lead);
void predict_lead(Connection& c, const Lead* before, Lead& lead);  // with a context made for this lead

// The scorer's explanation of a stored lead (nullopt: closed, no stage, or no statistics yet).
std::optional<scoring::PlsExplanation> explain_lead(Connection& c, const Lead& lead);

// Rebuild job, in batches; the position is stored in pls_state inside each batch's transaction.
struct PlsRebuildState {
    std::string phase = "idle";  // idle, count, recompute
    int64_t after_id = 0;
};
PlsRebuildState load_pls_rebuild_state(Connection& c);
void start_pls_rebuild(Connection& c);  // phase count from the first lead, staging rows cleared
struct PlsBatch {
    int64_t seen = 0;     // leads read
    int64_t changed = 0;  // probabilities written (recompute)
};
// The closed leads both models learn from, as patterns with counts, split as eval-scoring does: id % 10 < 7
// trains, the rest is the holdout.
struct PlsTraining {
    scoring::PlsCases train, test;
};
// count: adds the closed leads among the next `limit` ids after the position to the staging rows (seen = ids
// covered); when no lead is left, swaps the staging rows in as the frequency table and moves on to recompute.
// With `collect`, the batch's closed leads are also added to it: a run that counts from the first lead has then
// read the training data already (no second pass over the closed leads).
PlsBatch pls_count_batch(Connection& c, int limit, PlsTraining* collect = nullptr);
// recompute: sets the automated probability of the open leads after the position with `scorer`; at the end the
// phase is idle again. No version bump: not a user edit, nobody's open form goes stale.
PlsBatch pls_recompute_batch(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                             const PlsModel& model, int limit);

PlsTraining load_pls_training(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings);

}  // namespace tumen::store
