// Automatic lead assignment (issue 7, Odoo §2b): the leads.assign job (interval set here, on demand by default)
// and "Assign now" (managers; ignores the daily part of the quota). Each run reads teams and members, asks
// SQLite for the candidates of each team and member domain (one query each), plans both steps with
// shared/assignment.hpp (the member step over the leads the team step hands out, as they will be), then writes
// each lead once with its assignment log rows and one change event, one transaction per batch of leads.
#pragma once
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#include "caller.hpp"
#include "jobs/job_runner.hpp"
#include "store/assignment_queries.hpp"
#include "store/database.hpp"
#include "tumen/stage.hpp"

namespace tumen::server {

class AssignmentService {
public:
    static constexpr const char* assign_kind = "leads.assign";
    static constexpr int64_t cron_window_s = 7 * 86400;  // the job looks at leads of the last 7 days (Odoo)

    AssignmentService(store::Database& db, JobRunner& jobs);

    nlohmann::json settings();                                                    // {interval_minutes, delay_hours, version}
    Result<nlohmann::json> update_settings(const Caller& caller, const nlohmann::json& body);  // with version
    // {force_quota?: bool (default true: the "Assign now" button)} -> {team_assigned, member_assigned, items}
    Result<nlohmann::json> run(const Caller& caller, const nlohmann::json& body);
    Result<nlohmann::json> log(std::optional<int64_t> lead_id, int limit, int64_t before_id);

    struct Outcome {
        int64_t team_assigned = 0;
        int64_t member_assigned = 0;
        int64_t merged = 0;  // duplicate candidates merged into another before the team step
        nlohmann::json items = nlohmann::json::array();
    };
    // One run; `force_quota` ignores what members got in the last 24 hours and the 7-day window.
    Outcome assign(int64_t by_user, bool force_quota, int64_t now, uint64_t seed);
    void set_batch_size(int leads) { batch_size_ = leads; }

private:
    // Merges candidates sharing a normalised e-mail (one transaction); returns how many leads went.
    int64_t merge_duplicates(const std::unordered_map<int64_t, store::AssignCandidate>& candidates,
                             const std::vector<Stage>& stages, int64_t by_user, int64_t now);

    store::Database& db_;
    JobRunner& jobs_;
    int batch_size_ = 20000;
};

}  // namespace tumen::server
