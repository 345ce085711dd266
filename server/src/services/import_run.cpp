#include "services/import_run.hpp"

#include <chrono>
#include <future>
#include <cstdio>

#include "services/auth_service.hpp"
#include "services/import_report.hpp"
#include "services/import_targets.hpp"
#include "store/constraints.hpp"
#include "tumen/csv.hpp"
#include "tumen/import_mapping.hpp"
#include "tumen/import_rows.hpp"

namespace tumen::server {

namespace {

using Clock = std::chrono::steady_clock;

// Ends a job early with this state and message; inside the all-or-nothing transaction it also rolls it back.
struct Stop {
    std::string state, error;
};

// Thrown inside a batch transaction when a row failed on a database constraint without a savepoint around
// it: the batch is rolled back and written again with one savepoint per row. Savepoints are not used by
// default because they halve the insert rate (every page a row touches is copied to the sub-journal first).
struct RedoCarefully {};

struct Counts {
    int64_t created = 0, updated = 0, skipped = 0, failed = 0;
};

template <class Target>
class RowRunner {
public:
    RowRunner(store::Database& db, const ImportJobInput& in, const csv::Table& table, const std::vector<std::string>& mapping,
              store::ImportJobRecord& record, ImportProgress& progress, std::size_t batch_rows)
        : db_(db), in_(in), table_(table), mapping_(mapping), record_(record), progress_(progress), batch_rows_(batch_rows),
          ctx_{in.caller, in.options, unix_now(), !in.options.dry_run},
          target_(db.reader(), ctx_), existing_(target_.existing_keys(db.reader())), report_(table.header, mapping),
          row_options_{in.options.entity, in.options.currency} {
        in_file_.reserve(table.rows.size());  // one key per created row at most: no rehash of 100,000 keys midway
    }

    // Returns the end state ("done", "failed", "cancelled") and the job-level error.
    std::pair<std::string, std::string> run() {
        const auto& o = in_.options;
        try {
            if (o.dry_run) {
                for_each_batch([&](std::size_t start, Batch& batch) {
                    if (progress_.cancel) throw Stop{"cancelled", "Cancelled"};
                    for (std::size_t k = 0; k < batch.size(); ++k) process(db_.reader(), start + k, batch[k]);
                    publish(start + batch.size());
                });
                if (o.mode == import::Mode::all_or_nothing && counts_.failed > 0) return {"failed", nothing_imported()};
                return {"done", ""};
            }
            if (o.mode == import::Mode::all_or_nothing) {
                try {
                    db_.write([&](store::Connection& c) {
                        for_each_batch([&](std::size_t start, Batch& batch) {
                            if (progress_.cancel) throw Stop{"cancelled", "Cancelled; nothing was imported"};
                            write_batch(c, start, batch);
                        });
                        if (counts_.failed > 0) throw Stop{"failed", nothing_imported()};
                    });
                } catch (const Stop&) {
                    counts_.created = counts_.updated = 0;  // rolled back
                    publish(static_cast<std::size_t>(progress_.done_rows.load()));
                    throw;
                }
                return {"done", ""};
            }
            for_each_batch([&](std::size_t start, Batch& batch) {
                if (progress_.cancel)
                    throw Stop{"cancelled", "Cancelled after " + std::to_string(start) + " rows; the rows before were imported"};
                // One transaction per batch: its records, its change-log event and the job's progress commit together.
                auto commit_batch = [&] {
                    db_.write([&](store::Connection& c) {
                        write_batch(c, start, batch);
                        fill_record();
                        store::save_import_job(c, record_, false);
                    });
                };
                const Snapshot before = snapshot();
                try {
                    commit_batch();
                } catch (const RedoCarefully&) {
                    restore(before);
                    careful_ = true;
                    commit_batch();
                    careful_ = false;
                }
            });
            return {"done", ""};
        } catch (const Stop& stop) {
            return {stop.state, stop.error};
        }
    }

    nlohmann::json summary() const {
        nlohmann::json s = target_.summary();
        s["errors"] = report_.first(50);
        return s;
    }
    const ImportReport& report() const { return report_; }
    void fill_record() {
        record_.created = counts_.created;
        record_.updated = counts_.updated;
        record_.skipped = counts_.skipped;
        record_.failed = counts_.failed;
        record_.done_rows = progress_.done_rows;
    }

private:
    struct Snapshot {
        Counts counts;
        ImportReport::Mark report;
        std::size_t created = 0;
    };
    Snapshot snapshot() {
        batch_keys_.clear();
        return {counts_, report_.mark(), target_.created_count()};
    }
    // Back to the state before a rolled-back batch: counters, report, duplicate keys and tags/companies it made.
    void restore(const Snapshot& s) {
        counts_ = s.counts;
        report_.rewind(s.report);
        target_.forget_created_since(s.created);
        for (const auto& key : batch_keys_) in_file_.erase(key);
        batch_keys_.clear();
    }

    std::size_t rows() const { return table_.rows.size(); }

    std::string nothing_imported() const {
        return std::to_string(counts_.failed) + " of " + std::to_string(rows()) +
               " rows have errors; nothing was imported (all or nothing). Fix them and import the file again.";
    }

    // One batch of rows read and validated: pure work (shared/ rules and the target's preloaded stages), done on a
    // helper thread while the batch before is being written.
    struct Converted {
        PreparedRow row;
        std::optional<Error> error;
    };
    using Batch = std::vector<Converted>;

    // The first batch is small: nothing is written until it is converted, the later ones convert while the one
    // before is written.
    std::size_t batch_end(std::size_t start) const {
        const std::size_t size = start == 0 ? std::max<std::size_t>(1, batch_rows_ / 8) : batch_rows_;
        return std::min(rows(), start + size);
    }

    // Converts rows start..end into `batch`, the storage of the batch before last: its memory is already mapped
    // (freshly allocated rows cost a page fault per 4 KB, ~a fifth of the converting thread).
    void convert(std::size_t start, Batch& batch) const {
        const std::size_t end = batch_end(start);
        batch.clear();
        batch.reserve(end - start);
        for (std::size_t i = start; i < end; ++i) {
            Converted& x = batch.emplace_back();
            const csv::Record& r = table_.rows[i];
            if (r.error.empty()) {
                x.row.values = import::read_row(r.fields, mapping_, row_options_);
                x.error = target_.prepare(x.row);
            }
        }
    }

    // Calls fn(start, batch) for each batch in order, converting the next one meanwhile. If fn throws, the
    // pending conversion is waited for (std::async's future) before the exception leaves.
    template <class Fn>
    void for_each_batch(Fn fn) {
        if (rows() == 0) return;
        auto converted = [this](std::size_t start, Batch storage) {
            convert(start, storage);
            return storage;
        };
        auto next = std::async(std::launch::async, converted, 0, Batch());
        Batch written;  // the batch before: its rows are freed, and its storage reused, on the converting thread
        for (std::size_t start = 0; start < rows();) {
            Batch batch = next.get();
            const std::size_t end = start + batch.size();
            if (end < rows()) next = std::async(std::launch::async, converted, end, std::move(written));
            fn(start, batch);
            written = std::move(batch);
            start = end;
        }
    }

    void write_batch(store::Connection& c, std::size_t start, Batch& batch) {
        created_ids_.clear();
        updated_ids_.clear();
        target_.begin_batch();
        for (std::size_t k = 0; k < batch.size(); ++k) process(c, start + k, batch[k]);
        target_.log_batch(c, record_.id, created_ids_, updated_ids_);
        publish(start + batch.size());
    }

    void publish(std::size_t done) {
        progress_.done_rows = static_cast<int64_t>(done);
        progress_.created = counts_.created;
        progress_.updated = counts_.updated;
        progress_.skipped = counts_.skipped;
        progress_.failed = counts_.failed;
    }

    void fail(const csv::Record& r, const Error& e) {
        report_.add(r, e);
        ++counts_.failed;
    }

    void process(store::Connection& c, std::size_t i, Converted& x) {
        const csv::Record& r = table_.rows[i];
        if (!r.error.empty()) {
            report_.add(r, r.error);
            ++counts_.failed;
            return;
        }
        if (x.error) return fail(r, *x.error);
        PreparedRow& p = x.row;

        int64_t duplicate = 0;  // > 0: a stored record; < 0: a row of this dry run
        if (!p.key.empty()) {
            if (auto it = in_file_.find(p.key); it != in_file_.end()) duplicate = it->second;
            else if (auto ex = existing_.find(p.key); ex != existing_.end()) duplicate = ex->second;
        }
        if (duplicate != 0 && in_.options.on_duplicate == import::OnDuplicate::skip) {
            ++counts_.skipped;
            return;
        }
        // All or nothing with a bad row already seen: the rest is only checked, for the report.
        if (in_.options.mode == import::Mode::all_or_nothing && counts_.failed > 0 && ctx_.write) return;
        if (auto e = target_.resolve(c, p)) return fail(r, *e);

        if (!ctx_.write) {
            if (duplicate > 0) {
                if (auto e = target_.update(c, duplicate, p)) return fail(r, *e);
                ++counts_.updated;
            } else if (duplicate < 0) {
                ++counts_.updated;
            } else {
                ++counts_.created;
                if (!p.key.empty()) in_file_.emplace(p.key, -static_cast<int64_t>(i) - 1);
            }
            return;
        }

        // Rows were validated above; a write can still fail on a database constraint. Each statement is
        // atomic, and update() checks everything before its first write, so without a savepoint the failed
        // statement has done nothing; should a row fail after an earlier statement of its own, the careful
        // pass (valid rows) or the rollback of the whole file (all or nothing) removes it.
        // The rows created before it are completed first (their full-text rows, their totals, the triggers back
        // on for the update): outside the savepoint, so this row's failure cannot undo them.
        if (duplicate > 0) target_.flush(c);
        if (careful_) c.prepare("SAVEPOINT import_row").run();
        try {
            if (duplicate > 0) {
                if (auto e = target_.update(c, duplicate, p)) {
                    if (careful_) undo_row(c);
                    return fail(r, *e);
                }
                ++counts_.updated;
                updated_ids_.push_back(duplicate);
            } else {
                const int64_t id = target_.create(c, p);
                ++counts_.created;
                created_ids_.push_back(id);
                if (!p.key.empty() && in_file_.emplace(p.key, id).second) batch_keys_.push_back(p.key);
            }
            if (careful_) c.prepare("RELEASE import_row").run();
        } catch (const store::SqlError& e) {
            auto err = store::constraint_error(e);
            if (careful_) undo_row(c);
            if (!err) throw;
            if (!careful_ && in_.options.mode == import::Mode::valid_rows) throw RedoCarefully{};
            fail(r, *err);
        }
    }

    static void undo_row(store::Connection& c) {
        c.prepare("ROLLBACK TO import_row").run();
        c.prepare("RELEASE import_row").run();
    }

    store::Database& db_;
    const ImportJobInput& in_;
    const csv::Table& table_;
    const std::vector<std::string>& mapping_;
    store::ImportJobRecord& record_;
    ImportProgress& progress_;
    std::size_t batch_rows_;
    ImportContext ctx_;
    Target target_;
    KeyMap existing_;
    KeyMap in_file_;  // duplicate key -> record created by this job
    ImportReport report_;
    import::RowOptions row_options_;
    Counts counts_;
    std::vector<int64_t> created_ids_, updated_ids_;
    std::vector<std::string> batch_keys_;  // keys added to in_file_ by the current batch
    bool careful_ = false;                 // one savepoint per row (a batch being written again)
};

// The mapping the user sent, or the one suggested from the headers.
Result<std::vector<std::string>> mapping_of(const import::Options& o, const std::vector<std::string>& header) {
    if (o.mapping) return import::mapping_from_json(*o.mapping, header, o.entity);
    auto m = import::suggest_mapping(header, o.entity);
    if (std::all_of(m.begin(), m.end(), [](const std::string& f) { return f.empty(); }))
        return Error::make(ErrorCode::validation,
                           "No column header was recognised as a field; send a mapping (see POST /api/v1/imports/preview)",
                           "mapping");
    return m;
}

std::string error_text(const Error& e) {
    std::string text = e.message;
    for (const auto& d : e.details) text += (text.empty() ? "" : "; ") + d.field + ": " + d.message;
    return text;
}

template <class Target>
std::pair<std::string, std::string> run_rows(store::Database& db, const ImportJobInput& in, const csv::Table& table,
                                             const std::vector<std::string>& mapping, store::ImportJobRecord& record,
                                             ImportProgress& progress, std::size_t batch_rows) {
    RowRunner<Target> runner(db, in, table, mapping, record, progress, batch_rows);
    auto end = runner.run();
    runner.fill_record();
    record.report = runner.report().csv();
    const nlohmann::json summary = runner.summary();
    for (const auto& [k, v] : summary.items()) record.summary[k] = v;
    return end;
}

}  // namespace

void run_import(store::Database& db, ImportJobInput input, store::ImportJobRecord& record, ImportProgress& progress,
                std::size_t batch_rows) {
    const auto started = Clock::now();
    record.state = "running";
    record.start_date = unix_now();
    db.write([&](store::Connection& c) { store::save_import_job(c, record, false); });

    std::pair<std::string, std::string> end{"done", ""};
    try {
        auto table = csv::parse(input.data, {input.options.delimiter, static_cast<std::size_t>(-1)});
        std::string().swap(input.data);  // the rows hold their own copies now
        if (!table) {
            end = {"failed", error_text(table.error())};
        } else if (auto mapping = mapping_of(input.options, table->header); !mapping) {
            end = {"failed", error_text(mapping.error())};
        } else {
            record.summary["mapping"] = import::mapping_to_json(table->header, mapping.value());
            record.summary["delimiter"] = std::string(1, table->delimiter);
            record.total_rows = static_cast<int64_t>(table->rows.size());
            progress.total_rows = record.total_rows;
            if (input.options.entity == import::Entity::lead)
                end = run_rows<LeadImportTarget>(db, input, table.value(), mapping.value(), record, progress, batch_rows);
            else
                end = run_rows<ContactImportTarget>(db, input, table.value(), mapping.value(), record, progress, batch_rows);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tumen-server: import job %lld failed: %s\n", static_cast<long long>(record.id), e.what());
        end = {"failed", std::string("The import stopped on a server error (") + e.what() +
                             "); batches already committed stay imported"};
    }
    record.state = end.first;
    record.error = end.second;
    record.finish_date = unix_now();
    record.elapsed_ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
    db.write([&](store::Connection& c) { store::save_import_job(c, record, true); });
}

}  // namespace tumen::server
