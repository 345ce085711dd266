// Predictive lead scoring in SQLite (issue 7, Odoo §2a): the frequency rows, the settings, the hook every lead
// write passes (±1 rows on won / lost / restore, automatic probability of open leads), and the batches of the
// rebuild job. The arithmetic is shared/ (scoring_predictive.hpp, scoring_pls_lead.hpp).
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "store/pls_open_leads.hpp"
#include "store/probability_writes.hpp"
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
// The same batch in two halves, as the recompute's below: the plan reads and counts the closed leads after
// `after_id` on any connection (the job reads two batches at once, on its thread and a helper's); applying it adds
// them to the staging rows (and `collect`) in the writer's transaction, or swaps the table in when no lead was
// left. Current only while nothing but this job's batches was committed since it was read.
struct PlsCountPlan {
    int64_t after_id = 0;  // the position it was read from
    int64_t last_id = 0;   // the range's last lead; 0: no lead left (applying it swaps the table in)
    int64_t seen = 0;      // ids covered
    scoring::PlsFrequencies counted;       // the range's closed leads, each row smoothed once (pls_rebuild)
    std::vector<scoring::PlsLead> closed;  // the same leads, for the training data
    std::vector<bool> train;               // per closed lead: id % 10 < 7
    // With `keep_open`: the range's open leads the recompute scores (as its scan would select them), so that it
    // reads no lead row again; every lead's row is then read, not only the closed ones'.
    PlsOpenLeads open;
};
PlsCountPlan pls_plan_count(Connection& c, int64_t after_id, int limit, bool keep_open = false);
struct PlsCountRange {
    int64_t first = 0, last = 0;  // the ids of the batch's first and last lead; 0: no lead left
};
PlsCountRange pls_count_range(Connection& c, int64_t after_id, int limit);
PlsCountPlan pls_read_count(Connection& reader, int64_t after_id, int limit, bool keep_open = false);  // in one read transaction
PlsBatch pls_apply_count(Connection& c, const PlsCountPlan& plan, PlsTraining* collect);
// recompute: sets the automated probability of the open leads after the position with `scorer`; at the end the
// phase is idle again. No version bump: not a user edit, nobody's open form goes stale.
PlsBatch pls_recompute_batch(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                             const PlsModel& model, int limit);
// The same batch in two halves: the plan reads and scores the open leads after `after_id` on any connection (the
// job reads the next batch on a second thread while the writer writes this one); applying it writes them in the
// writer's transaction and moves the position to the plan's last lead. A plan is only current while nothing but
// other batches' writes was committed since it was read (the job checks that with store/write_mark.hpp).
struct PlsRecomputePlan {
    int64_t after_id = 0;  // the position it was read from
    int64_t last_id = 0;   // the batch's last lead; 0: no open lead left (applying it ends the phase)
    int64_t seen = 0;
    std::vector<std::pair<int64_t, double>> automated_only;  // (lead, automated) where the shown value stays
    std::vector<ProbabilityMove> shown_moves;
};
// `reuse`: a written batch's plan, whose vectors' memory the new one is read into (~7 MB a batch at 1M leads:
// fresh memory each time was faulted in page by page, ~6 % of the read-ahead thread's samples).
PlsRecomputePlan pls_plan_recompute(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                                    const PlsModel& model, int64_t after_id, int limit, PlsRecomputePlan reuse = {});
// The plan on a read connection, inside one read transaction: one snapshot for the batch (the scan and the tags'
// range query), and one WAL read lock instead of one per statement.
PlsRecomputePlan pls_read_recompute(Connection& reader, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                                    const PlsModel& model, int64_t after_id, int limit, PlsRecomputePlan reuse = {});
// The same plan from the open leads the count kept, each pattern scored once (`probabilities`, aligned with
// open.patterns(): pls_pattern_probabilities): the next `limit` of them after `after_id`. As current as `open`.
PlsRecomputePlan pls_plan_from_open_leads(const PlsOpenLeads& open, const std::vector<std::optional<double>>& probabilities,
                                          int64_t after_id, int limit, PlsRecomputePlan reuse = {});
std::vector<std::optional<double>> pls_pattern_probabilities(const PlsOpenLeads& open, const scoring::PlsSchema& schema,
                                                             const PlsModel& model);
PlsBatch pls_apply_recompute(Connection& c, const PlsRecomputePlan& plan);

PlsTraining load_pls_training(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings);

}  // namespace tumen::store
