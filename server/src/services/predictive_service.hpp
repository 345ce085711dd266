// Predictive lead scoring (issue 7, Odoo §2a): the managers' settings, the full rebuild job
// (scoring.predictive_rebuild: count the closed leads in batches, swap the table in, recompute the open leads'
// automatic probabilities; resumable from the position stored with each batch), the per-lead explanation and
// "reset to automatic". Single lead writes keep the table and the probability current themselves
// (store/predictive.hpp, predict_lead, called by the lead store).
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "caller.hpp"
#include "jobs/job_runner.hpp"
#include "services/lead_service.hpp"
#include "store/database.hpp"
#include "store/write_mark.hpp"
#include "tumen/scoring_pls_lead.hpp"

namespace tumen::store {
struct PlsTraining;
}

namespace tumen::server {

class PredictiveReadAhead;  // predictive_service.cpp

class PredictiveService {
public:
    static constexpr const char* rebuild_kind = "scoring.predictive_rebuild";
    static constexpr int64_t rebuild_interval_s = 86400;  // Odoo's daily recompute

    PredictiveService(store::Database& db, JobRunner& jobs, LeadService& leads);
    ~PredictiveService();

    nlohmann::json settings();
    // {fields?, start_date?, version}: a change queues a rebuild in the same transaction.
    Result<nlohmann::json> update_settings(const Caller& caller, const nlohmann::json& body);
    Result<nlohmann::json> request_rebuild(const Caller& caller);  // {job_id}
    // {probability, automated_probability, probability_manual, explanation: {base, probability, factors} | null}
    Result<nlohmann::json> explain(const Caller& caller, int64_t lead_id);
    // probability = automated_probability again ({version}).
    Result<Lead> reset_probability(const Caller& caller, int64_t lead_id, const nlohmann::json& body);

    Result<void> rebuild(JobContext& ctx);
    void set_batch_size(int leads) { batch_size_ = leads; }
    // Tests and the bench: off, the count reads only the closed leads and the recompute scans the open ones again
    // (the path it falls back to after a write of someone else).
    void set_keep_open_leads(bool on) { keep_open_leads_ = on; }
    // Tests: runs on the job's thread before each recompute batch's write, once the batch read ahead is in (a write
    // by someone else between that read and its write must send the batch back to be read again).
    void set_before_recompute_write(std::function<void()> fn) { before_recompute_write_ = std::move(fn); }
    // Tests: the same for the count phase, once a write's two batches are read (before it checks for other writes).
    void set_before_count_write(std::function<void()> fn) { before_count_write_ = std::move(fn); }

private:
    // The holdout quality of both models and the logistic regression's weights, stored before the recompute;
    // from `collected` (the count phase's closed leads) when given, else read again. Written after `mark` (the
    // job's last write, moved to the end of this one): true when someone else wrote in between. Answers the line
    // for the job's log, logged once the recompute is done (a log line of its own may be a write of its own).
    bool train_models(const scoring::PlsSchema& schema, const scoring::PlsSettings& settings, store::PlsTraining* collected,
                      std::optional<store::WriteMark>& mark, std::string& log_line);
    PredictiveReadAhead& read_ahead();

    store::Database& db_;
    JobRunner& jobs_;
    LeadService& leads_;
    int batch_size_ = 20000;
    bool keep_open_leads_ = true;
    std::function<void()> before_recompute_write_;
    std::function<void()> before_count_write_;
    // The rebuild's helper thread for reads, made by the first rebuild and kept: its SQLite connection (the thread's
    // reader) keeps its statements and page cache from phase to phase and job to job; a thread per phase opened a
    // connection and filled its 64 MB cache with fresh memory each time (~1.5 % of the 1M bench's samples).
    std::once_flag read_ahead_once_;
    std::unique_ptr<PredictiveReadAhead> read_ahead_;
};

}  // namespace tumen::server
