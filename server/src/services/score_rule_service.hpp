// Lead scoring rules (SPEC F-SCORE): CRUD with optimistic versions, the server-side preview of a rule's effect,
// and the score_rules.recompute job. A rule write, its change-log event and the recompute run it needs are one
// transaction; the job then rescores every lead in batches (one transaction each, resumable by lead id).
// Single lead writes are scored by the lead store itself (store/score_rules.hpp, score_lead).
#pragma once
#include <nlohmann/json.hpp>

#include "caller.hpp"
#include "jobs/job_runner.hpp"
#include "store/database.hpp"
#include "tumen/scoring_rules.hpp"

namespace tumen::server {

class ScoreRuleService {
public:
    static constexpr const char* recompute_kind = "score_rules.recompute";
    static constexpr int64_t recompute_interval_s = 86400;  // relative-date rules and renamed tags drift daily

    ScoreRuleService(store::Database& db, JobRunner& jobs);

    Result<std::vector<scoring::ScoreRule>> list();
    Result<scoring::ScoreRule> get(int64_t id);
    Result<scoring::ScoreRule> create(const Caller& caller, const nlohmann::json& body);
    Result<scoring::ScoreRule> edit(const Caller& caller, int64_t id, const nlohmann::json& patch);  // with "version"
    Result<bool> remove(const Caller& caller, int64_t id);
    // {filter, points, team_id?, rule_id?} -> {matched, total, shifts: [{delta, leads}]} over every lead.
    Result<nlohmann::json> preview(const nlohmann::json& body);

    // The job body: rescores all leads, resuming after the checkpoint's lead id.
    Result<void> recompute(JobContext& ctx);
    void set_batch_size(int leads) { batch_size_ = leads; }

private:
    std::optional<Error> check_team(store::Connection& c, const scoring::ScoreRule& rule);
    store::Database& db_;
    JobRunner& jobs_;
    int batch_size_ = 2000;
};

}  // namespace tumen::server
