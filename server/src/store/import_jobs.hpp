// Import jobs in SQLite: what was asked, how far it got, and the report of failed rows (import_jobs table).
// The running job's live counters are kept in memory by the ImportService; the row is written when the job
// is queued, after every committed batch and when it ends.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

struct ImportJobRecord {
    int64_t id = 0;
    std::string entity = "lead";
    std::string state = "queued";  // queued | running | done | failed | cancelled
    bool dry_run = false;
    int64_t total_rows = 0, done_rows = 0, created = 0, updated = 0, skipped = 0, failed = 0;
    nlohmann::json options = nlohmann::json::object();  // import::to_json(Options)
    nlohmann::json summary = nlohmann::json::object();  // mapping used, first errors, tags/companies created
    std::string report;   // failed rows as CSV (only loaded when asked)
    std::string error;    // why the whole file or job failed
    std::string file_name;
    std::optional<int64_t> created_by;
    int64_t create_date = 0;
    std::optional<int64_t> start_date, finish_date;
    int64_t elapsed_ms = 0;
};

void insert_import_job(Connection& c, ImportJobRecord& job);  // sets id
// Writes state, counters, summary, error, dates and elapsed time (and the report when `with_report`).
void save_import_job(Connection& c, const ImportJobRecord& job, bool with_report);
std::optional<ImportJobRecord> find_import_job(Connection& c, int64_t id, bool with_report);
// Newest first; only `created_by`'s jobs when given.
std::vector<ImportJobRecord> list_import_jobs(Connection& c, std::optional<int64_t> created_by, int limit);
// Jobs left queued or running by a server that stopped: failed with `reason`. Returns how many.
int mark_interrupted_import_jobs(Connection& c, int64_t now, const std::string& reason);

}  // namespace tumen::store
