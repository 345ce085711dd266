// Lead use cases: read, validate and decide with shared/ (lifecycle rules), write the lead, its tracked changes
// and its change-log event in one transaction. Record rules come from store/record_rules.hpp for every read.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>

#include "caller.hpp"
#include "store/database.hpp"
#include "store/analysis_queries.hpp"
#include "store/lead_queries.hpp"
#include "tumen/lead_lifecycle.hpp"

namespace tumen::server {

class LeadService {
public:
    explicit LeadService(store::Database& db) : db_(db) {}

    Result<Lead> get(const Caller& caller, int64_t id);
    Result<Lead> create(const Caller& caller, const nlohmann::json& body);
    // `patch` carries "version" (the one the client read); a stale one is 409 with the current record.
    Result<Lead> edit(const Caller& caller, int64_t id, const nlohmann::json& patch);
    Result<Lead> move(const Caller& caller, int64_t id, const nlohmann::json& body);     // {stage_id, version}
    Result<Lead> won(const Caller& caller, int64_t id, const nlohmann::json& body);      // {version}
    Result<Lead> lost(const Caller& caller, int64_t id, const nlohmann::json& body);     // {version, lost_reason_id, note}
    Result<Lead> restore(const Caller& caller, int64_t id, const nlohmann::json& body);  // {version}
    Result<Lead> archive(const Caller& caller, int64_t id, const nlohmann::json& body);  // {version}
    Result<bool> remove(const Caller& caller, int64_t id);

    Result<store::LeadPage> search(const Caller& caller, store::LeadQuery q, bool with_total);
    Result<analysis::Answer> analyse(const Caller& caller, store::LeadQuery q, const std::string& group_by,
                                     const std::string& group_by2);
    Result<analysis::StageFlow> stage_flow(const Caller& caller, store::LeadQuery q);
    Result<std::vector<store::LeadGroup>> groups(const Caller& caller, store::LeadQuery q, const std::string& group_by,
                                                 int cards_per_group);

    Result<std::vector<ChatterMessage>> messages(const Caller& caller, int64_t id, int limit, int64_t before_id);
    Result<ChatterMessage> post_note(const Caller& caller, int64_t id, const nlohmann::json& body);

    // Record rule plus the filter context (clock, `me`) of a caller.
    store::SqlFragment rule_of(const Caller& caller) const;
    static filter::Context filter_context_of(const Caller& caller);
    // The same in the caller's own time zone (users.tz), so `today` in a filter (and activity_overdue) is theirs.
    static filter::Context filter_context_of(const Caller& caller, store::Connection& c);

    // Called after a commit that deleted attachment rows, with their hashes (AttachmentService::release_files).
    using FileRelease = std::function<void(const std::vector<std::string>&)>;
    void set_file_release(FileRelease release) { release_files_ = std::move(release); }
    void release_files(const std::vector<std::string>& sha256s) const {
        if (release_files_) release_files_(sha256s);
    }

    using Rule = std::function<Result<LeadChange>(const Lead&, const std::vector<Stage>&, Timestamp)>;
    // Loads the visible lead, checks `version`, applies `rule`, stores the result with tracking and change event.
    Result<Lead> apply(const Caller& caller, int64_t id, const nlohmann::json& body, const std::string& action,
                       const Rule& rule);

private:
    store::Database& db_;
    FileRelease release_files_;
};

// The lead's tracked changes as a chatter message (if any) and its change-log event, on the writer connection.
void record_lead_change(store::Connection& c, const Caller& caller, const Lead& lead, const std::string& action,
                        const std::vector<TrackingValue>& tracking, Timestamp now);

// Deletes a lead with its chatter and attachment rows and logs it; returns the attachment hashes to release
// (LeadService::release_files) after the commit.
std::vector<std::string> delete_lead_records(store::Connection& c, const Caller& caller, const Lead& lead, Timestamp now);

// 422 unless body["version"] is a positive integer.
Result<int64_t> required_version(const nlohmann::json& body);

}  // namespace tumen::server
