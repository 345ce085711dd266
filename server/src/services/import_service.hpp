// CSV imports as background jobs: POST answers at once with a queued job; one worker thread (owned here,
// stopped and joined by stop()) runs the jobs one after another (import_run.hpp). The running job's counters
// live in memory for polling; finished jobs are read from import_jobs. A job is visible to its creator and
// to administrators; other callers get 404.
#pragma once
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "caller.hpp"
#include "services/import_run.hpp"
#include "store/database.hpp"

namespace tumen::server {

struct ImportUpload {
    std::string data;       // the CSV bytes
    std::string file_name;  // from the multipart part, '' for a raw body
    std::map<std::string, std::string> params;  // query string and multipart fields (options)
};

class ImportService {
public:
    explicit ImportService(store::Database& db, std::size_t batch_rows = 5000);
    ~ImportService();
    ImportService(const ImportService&) = delete;
    ImportService& operator=(const ImportService&) = delete;

    // Fails jobs a previous process left unfinished and starts the worker.
    void start();
    // Cancels the running job (an all-or-nothing one keeps nothing), drops queued ones, joins the worker.
    void stop();

    // 202-style: the job as queued. Options and the file's encoding are checked here (400/422 at once);
    // rows are checked by the job.
    Result<nlohmann::json> submit(const Caller& caller, ImportUpload upload);
    // The first `rows` rows mapped (suggested or given mapping), per-row errors, file-level problems.
    Result<nlohmann::json> preview(const Caller& caller, const ImportUpload& upload, std::size_t rows = 20);
    Result<nlohmann::json> get(const Caller& caller, int64_t id);
    Result<nlohmann::json> list(const Caller& caller);
    Result<std::string> errors_csv(const Caller& caller, int64_t id);
    Result<nlohmann::json> cancel(const Caller& caller, int64_t id);

    // Blocks until no job is queued or running (tests, benchmarks). False on timeout.
    bool wait_idle(std::chrono::milliseconds timeout);

private:
    struct Job {
        store::ImportJobRecord record;
        ImportJobInput input;
        ImportProgress progress;
    };
    void work();
    std::optional<Error> check_caller(const Caller& caller) const;
    Result<store::ImportJobRecord> visible_job(const Caller& caller, int64_t id);
    nlohmann::json job_json(const store::ImportJobRecord& r, const Job* live) const;

    store::Database& db_;
    std::size_t batch_rows_;
    std::mutex mutex_;
    std::condition_variable wake_, idle_;
    std::deque<std::shared_ptr<Job>> queue_;
    std::shared_ptr<Job> running_;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace tumen::server
