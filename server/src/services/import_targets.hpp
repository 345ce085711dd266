// What an import does with one converted row, per record kind: validate it with the same rules as the API
// (create_lead / apply_patch), find its duplicate key, and create or update the record with the same store
// functions the API uses (so folded columns, full-text rows, tags and tracking messages are the same).
// The import runner (import_run.hpp) drives these; they never commit on their own.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "caller.hpp"
#include "store/database.hpp"
#include "store/leads.hpp"
#include "store/predictive.hpp"
#include "tumen/contact.hpp"
#include "tumen/import_options.hpp"
#include "tumen/import_rows.hpp"
#include "tumen/lead.hpp"
#include "tumen/lead_lifecycle.hpp"
#include "tumen/stage.hpp"

namespace tumen::server {

struct ImportContext {
    const Caller& caller;
    const import::Options& options;
    Timestamp now = 0;
    bool write = true;  // false: dry run, nothing is stored (lookups still read the database)
};

// One row on its way in.
struct PreparedRow {
    import::RowValues values;
    std::string key;  // duplicate key of the validated record ('' = never a duplicate)
    Lead lead;        // lead imports: the record as it would be created
    store::LeadText lead_text;  // lead imports: its derived columns, computed with `lead` on the converting thread
    Contact contact;  // contact imports
};

using KeyMap = std::unordered_map<std::string, int64_t>;

class LeadImportTarget {
public:
    LeadImportTarget(store::Connection& reader, const ImportContext& ctx);
    // Duplicate keys of the leads the caller can see (record rules), lowest id first.
    KeyMap existing_keys(store::Connection& reader) const;
    // Converts and validates for creation; fills p.key. No database access.
    std::optional<Error> prepare(PreparedRow& p) const;
    // Finds or (managers only; not in dry runs) creates the row's tags. Before the row's savepoint.
    std::optional<Error> resolve(store::Connection& c, PreparedRow& p);
    // A batch is about to be written (again, after a rollback): forgets the full-text rows and totals still to write.
    void begin_batch() {
        fts_pending_.clear();
        totals_pending_.clear();
        pls_.reset();  // read again inside the batch's transaction
    }
    // Inserts the lead with the totals' insert triggers paused; its probabilities row, its full-text row and its
    // totals are written for the whole batch by flush (same transaction).
    int64_t create(store::Connection& c, PreparedRow& p);
    // Writes what create() left for later: before a lead is updated (outside the row's savepoint, so a failed
    // row cannot take them back) and at the batch's end.
    void flush(store::Connection& c);
    // Applies the row's non-empty cells to lead `id` as an edit would (tags are added, not replaced).
    std::optional<Error> update(store::Connection& c, int64_t id, PreparedRow& p);
    // Ends the batch inside its transaction: the created leads' full-text rows, then the change-log event.
    void log_batch(store::Connection& c, int64_t job_id, const std::vector<int64_t>& created,
                   const std::vector<int64_t>& updated);
    nlohmann::json summary() const;
    // How many tags were created so far, and forgetting those after `n` (their batch was rolled back).
    std::size_t created_count() const { return tags_created_.size(); }
    void forget_created_since(std::size_t n);

private:
    const ImportContext& ctx_;
    std::vector<Stage> stages_;
    NewLeadDefaults defaults_;
    std::unordered_map<std::string, int64_t> tags_;  // folded name -> id
    std::vector<std::string> tags_created_;
    bool may_create_tags_ = false;
    std::vector<const PreparedRow*> fts_pending_;  // created in this batch; they live in the batch being written
    std::vector<const Lead*> totals_pending_;  // created, without their probabilities rows and totals yet (in the batch too)
    std::optional<store::PlsWriteContext> pls_;  // predictive settings and stages, once per batch
    void write_pending_fts(store::Connection& c);
};

class ContactImportTarget {
public:
    ContactImportTarget(store::Connection& reader, const ImportContext& ctx);
    KeyMap existing_keys(store::Connection& reader) const;
    std::optional<Error> prepare(PreparedRow& p) const;
    // Finds or (not in dry runs) creates the company named in the row, and sets parent_id.
    std::optional<Error> resolve(store::Connection& c, PreparedRow& p);
    void begin_batch() {}  // contacts write their full-text row with the record
    void flush(store::Connection&) {}
    int64_t create(store::Connection& c, PreparedRow& p);
    std::optional<Error> update(store::Connection& c, int64_t id, PreparedRow& p);
    void log_batch(store::Connection& c, int64_t job_id, const std::vector<int64_t>& created,
                   const std::vector<int64_t>& updated) const;
    nlohmann::json summary() const;
    std::size_t created_count() const { return companies_created_.size(); }
    void forget_created_since(std::size_t n);

private:
    const ImportContext& ctx_;
    std::unordered_map<std::string, int64_t> companies_;  // folded name -> id of a company the caller can see
    std::vector<std::string> companies_created_;
};

}  // namespace tumen::server
