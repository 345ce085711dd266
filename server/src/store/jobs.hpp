// Persistent jobs (jobs, job_runs tables; migration jobs_scoring). The JobRunner (jobs/job_runner.hpp) is the
// only writer of the runner columns; users change interval and active through the API (version-checked).
// Times: *_ms are UTC milliseconds (scheduling, backoff), the others UTC seconds like every other table.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

struct JobRecord {
    int64_t id = 0;
    std::string kind;
    bool recurring = false;    // the kind's own row (one per kind); false = a one-off run from enqueue()
    int64_t interval_ms = 0;   // 0 = on demand
    bool active = true;
    nlohmann::json payload = nlohmann::json::object();
    std::string state = "idle";  // idle | queued | running | retrying | done | failed
    std::optional<int64_t> next_run_ms;
    int attempts = 0;
    int max_attempts = 5;
    std::string last_error;
    int64_t progress_done = 0, progress_total = 0;
    nlohmann::json checkpoint;  // what an interrupted or failed run saved for the next attempt
    std::optional<int64_t> last_start, last_finish, last_success;
    int64_t create_date = 0;
    int64_t version = 1;
};

struct JobRunRecord {
    int64_t id = 0;
    int64_t job_id = 0;
    int attempt = 0;
    std::string state = "running";  // running | done | failed | interrupted
    int64_t start_date = 0;
    std::optional<int64_t> finish_date;
    int64_t progress_done = 0, progress_total = 0;
    std::string error;
    nlohmann::json log = nlohmann::json::array();  // strings, bounded by the runner
};

std::optional<JobRecord> find_job(Connection& c, int64_t id);
std::optional<JobRecord> find_recurring_job(Connection& c, const std::string& kind);
// Recurring rows first (by kind), then one-off runs newest first.
std::vector<JobRecord> list_jobs(Connection& c, int limit);
void insert_job(Connection& c, JobRecord& job);  // sets id, version 1
// A one-off of `kind` with exactly this payload that is waiting (queued or retrying, not running).
std::optional<int64_t> waiting_one_off(Connection& c, const std::string& kind, const std::string& payload_text);
// Up to `limit` jobs due at `now_ms` (active, scheduled, not running), earliest first.
std::vector<JobRecord> due_jobs(Connection& c, int64_t now_ms, int limit);
// Earliest scheduled run of an active job that is not running (nullopt: nothing scheduled).
std::optional<int64_t> next_scheduled_ms(Connection& c);

// Claims the job for a run: state 'running', attempts + 1, last_start; false when it is already running.
bool claim_job(Connection& c, int64_t id, int64_t now);
// Writes the runner's columns (state, next run, attempts, error, progress, checkpoint, run times).
void save_job_state(Connection& c, const JobRecord& job);
// Writes only progress and checkpoint (throttled updates while running).
void save_job_progress(Connection& c, int64_t id, int64_t done, int64_t total, const nlohmann::json& checkpoint);
// A user's change (interval, active, next run, state) if `job.version` is current; bumps job.version.
bool save_job_settings(Connection& c, JobRecord& job);

void insert_job_run(Connection& c, JobRunRecord& run);  // sets id
void save_job_run(Connection& c, const JobRunRecord& run);
std::vector<JobRunRecord> recent_job_runs(Connection& c, int64_t job_id, int limit);
// Runs left 'running' by a process that stopped or died: closed as 'interrupted' at `now`. Returns the job ids.
std::vector<int64_t> close_interrupted_runs(Connection& c, int64_t now);
// Keeps the newest `keep` runs of a job.
void prune_job_runs(Connection& c, int64_t job_id, int keep);
// Deletes one-off jobs that finished (done/failed) before `before` (seconds).
void prune_finished_one_offs(Connection& c, int64_t before);

}  // namespace tumen::store
