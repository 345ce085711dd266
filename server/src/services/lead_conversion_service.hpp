// Duplicates, conversion to an opportunity and merging of leads: candidates come from indexed SQL
// (store/lead_candidates.hpp), the decisions from shared/ (lead_duplicates, lead_convert, lead_merge), and every
// write — contacts created, chatter and attachments moved, tracked changes, change-log events — is one
// transaction that is rolled back as a whole when any step is refused.
#pragma once
#include <nlohmann/json.hpp>

#include "caller.hpp"
#include "services/lead_service.hpp"
#include "store/database.hpp"
#include "tumen/lead_merge.hpp"

namespace tumen::server {

class LeadConversionService {
public:
    LeadConversionService(store::Database& db, LeadService& leads) : db_(db), leads_(leads) {}

    // {"items": [...]}: similar and strict duplicates the caller may see (contract item 1).
    Result<nlohmann::json> duplicates(const Caller& caller, int64_t id);
    // {"action", "partner_id", "partner", "team_id", "user_id", "duplicates"} (contract item 2).
    Result<nlohmann::json> proposal(const Caller& caller, int64_t id);
    // body {"version", "action", "partner_id", "user_id", "team_id", "merge_ids"}; the resulting (kept) lead.
    Result<Lead> convert(const Caller& caller, int64_t id, const nlohmann::json& body);
    // body {"ids": [2..N], "target_id"?}; the kept lead.
    Result<Lead> merge(const Caller& caller, const nlohmann::json& body);

private:
    store::Database& db_;
    LeadService& leads_;
};

// Inside a write transaction: applies `plan` (computed from `leads`, as stored now): moves chatter and
// attachments of the removed leads to the kept one, deletes them, writes the kept lead with its tracked
// changes, posts the summary note. `keep_id` (one of the leads) overrides which record survives.
Result<Lead> write_merge(store::Connection& c, const Caller& caller, MergePlan plan, const std::vector<Lead>& leads,
                         std::optional<int64_t> keep_id, Timestamp now);

// Thrown inside Database::write to roll the whole transaction back and answer with `error`.
struct Rollback {
    Error error;
};

// Runs `fn` in one write transaction; when it returns an error everything it wrote is rolled back.
template <class T, class Fn>
Result<T> write_all_or_nothing(store::Database& db, Fn&& fn) {
    try {
        return db.write([&](store::Connection& c) -> Result<T> {
            Result<T> r = fn(c);
            if (!r) throw Rollback{r.error()};
            return r;
        });
    } catch (Rollback& r) {
        return std::move(r.error);
    }
}

}  // namespace tumen::server
