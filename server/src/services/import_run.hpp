// Runs one import job from CSV text to committed records: parse, map, convert and validate each row,
// decide duplicates (keys of existing records loaded once into a hash map, plus the rows already imported),
// and write in batched transactions with a savepoint per row.
//   valid_rows:     one transaction per batch; a bad row is reported and skipped.
//   all_or_nothing: one transaction for the whole file; any bad row rolls everything back (after every row
//                   has been checked, so the report lists them all).
//   dry run:        the same decisions and counts, nothing written.
#pragma once
#include <atomic>
#include <cstddef>
#include <string>

#include "caller.hpp"
#include "store/database.hpp"
#include "store/import_jobs.hpp"
#include "tumen/import_options.hpp"

namespace tumen::server {

// Counters another thread may read while the job runs (they are also saved to import_jobs per batch).
struct ImportProgress {
    std::atomic<int64_t> total_rows{0}, done_rows{0}, created{0}, updated{0}, skipped{0}, failed{0};
    std::atomic<bool> cancel{false};
};

struct ImportJobInput {
    Caller caller;
    import::Options options;
    std::string data;  // the CSV text; released once parsed
};

// Runs the job described by `record` (already inserted as queued) to its end state: done, failed or
// cancelled, saving the record as it goes. Never throws for bad input; a database failure fails the job.
void run_import(store::Database& db, ImportJobInput input, store::ImportJobRecord& record, ImportProgress& progress,
                std::size_t batch_rows);

}  // namespace tumen::server
