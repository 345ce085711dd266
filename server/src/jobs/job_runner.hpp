// The server's job runner: persistent jobs in SQLite (store/jobs.hpp), one scheduler thread that runs due jobs
// one at a time (so a job never runs twice at once in this process), retries with exponential backoff, and
// picks up after a restart: a run that was 'running' when the process stopped or died is closed as
// 'interrupted' and its job queued again at once (the attempt counts; a job interrupted max_attempts times fails).
// One server process owns a database file; two processes on one file would each run its jobs.
//
// Handlers must be idempotent and resumable: checkpoint() hands back what an interrupted run saved. They run on
// the scheduler thread and must not call progress()/log() from inside Database::write (it writes too).
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "caller.hpp"
#include "store/database.hpp"
#include "store/jobs.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

class JobRunner;

class JobContext {  // handed to a running job
public:
    void progress(int64_t done, int64_t total);  // persisted (throttled) so the API can show a bar
    // The same, persisted (when due) in the caller's transaction on the writer instead of a write of its own: for a
    // job that must know every commit between two of its batches was its own (predictive_service.cpp). Takes the
    // runner's mutex inside the caller's write (the lock order at JobRunner::mutex_).
    void progress_in(store::Connection& c, int64_t done, int64_t total);
    void log(std::string line);                  // kept per run, bounded
    bool stop_requested() const;                 // true while the server stops: return early, resumable

    // Beyond the contract: resumable work.
    int64_t job_id() const { return job_id_; }
    int attempt() const { return attempt_; }
    const nlohmann::json& checkpoint() const { return checkpoint_; }  // null on a fresh start
    void save_checkpoint(nlohmann::json cp);                          // written with the next progress write

    static constexpr std::size_t max_log_lines = 200;
    static constexpr std::size_t max_line_bytes = 500;

private:
    friend class JobRunner;
    JobContext(JobRunner& runner, int64_t job_id, int64_t run_id, int attempt, nlohmann::json checkpoint)
        : runner_(runner), job_id_(job_id), run_id_(run_id), attempt_(attempt), checkpoint_(std::move(checkpoint)) {}
    void set_progress(int64_t done, int64_t total);
    void flush(bool force);
    bool flush_due(bool force) const;
    void write_progress(store::Connection& c);

    JobRunner& runner_;
    int64_t job_id_, run_id_;
    int attempt_;
    nlohmann::json checkpoint_;
    int64_t done_ = 0, total_ = 0;
    nlohmann::json log_ = nlohmann::json::array();
    int64_t dropped_lines_ = 0;
    bool dirty_ = false;
    std::chrono::steady_clock::time_point last_flush_{};
};

using JobHandler = std::function<tumen::Result<void>(JobContext&, const nlohmann::json& payload)>;

class JobRunner {
public:
    explicit JobRunner(store::Database& db);
    ~JobRunner();
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;

    // A recurring kind ("score_rules.recompute", "mail.send", ...) with its default interval in seconds (0 = on
    // demand). Creates the kind's row on first registration; an interval changed through the API is kept.
    void register_kind(std::string kind, JobHandler handler, int64_t default_interval_s);
    int64_t enqueue(const std::string& kind, nlohmann::json payload = {});  // one-off run as soon as possible
    // The same inside the caller's transaction (the run is committed with the change that needs it); call poke()
    // after the commit so the scheduler looks at once.
    int64_t enqueue_in(store::Connection& c, const std::string& kind, nlohmann::json payload = {});
    // A one-off run of `kind` at `due_unix_s` (at once if that has passed), unless a run for that moment is already
    // waiting; inside the caller's transaction, poke() after the commit. For "send the retry that comes due at T",
    // "remind at T": the handler does everything due by then, so one run per moment is enough.
    int64_t run_once_at(store::Connection& c, const std::string& kind, int64_t due_unix_s);
    void poke();
    void start();
    void stop();

    // Retry delay after the n-th failed attempt: base * 2^(n-1), at most max (tests shorten it).
    void set_backoff(std::chrono::milliseconds base, std::chrono::milliseconds max);
    std::chrono::milliseconds backoff_after(int attempts) const;
    // Progress writes are at most this often (the final one always goes out).
    void set_progress_interval(std::chrono::milliseconds every) { progress_every_ms_ = every.count(); }

    // The API (routes_jobs.cpp). Access levels are checked by the router; these answer 404/409/422.
    nlohmann::json list_json();
    Result<nlohmann::json> get_json(int64_t id);
    Result<nlohmann::json> patch(int64_t id, const nlohmann::json& body);  // {interval_s, active, version}
    Result<nlohmann::json> run_now(int64_t id);

    // Tests and benchmarks: blocks until no job is running or due. False on timeout.
    bool wait_idle(std::chrono::milliseconds timeout);

    static int64_t now_ms();

private:
    friend class JobContext;
    void loop();
    bool run_one_due();
    void run(const store::JobRecord& job);
    void finish(store::JobRecord job, store::JobRunRecord run, const Result<void>& outcome, bool interrupted,
                JobContext& ctx);
    void recover_interrupted();
    nlohmann::json job_json(const store::JobRecord& j, bool with_payload) const;

    store::Database& db_;
    std::map<std::string, JobHandler, std::less<>> handlers_;
    // Lock order, one way only: the database's writer (Database::write) before mutex_. A job takes mutex_ inside its
    // own writes (JobContext::progress_in), so nothing here may write to the database while holding mutex_.
    std::mutex mutex_;
    std::condition_variable wake_, idle_;
    bool stopping_ = false;
    bool starting_ = false;  // start() recovering interrupted runs (outside mutex_): a second start() returns
    bool running_job_ = false;
    bool poked_ = false;  // enqueue / run now: look for due jobs at once
    std::atomic<bool> stop_flag_{false};
    std::thread worker_;
    std::atomic<int64_t> backoff_base_ms_{30'000};
    std::atomic<int64_t> backoff_max_ms_{3'600'000};
    std::atomic<int64_t> progress_every_ms_{250};
    // The running job's latest progress (the API shows it before the throttled write lands).
    std::optional<std::pair<int64_t, std::pair<int64_t, int64_t>>> live_progress_;
};

}  // namespace tumen::server
