// Activities on leads (issue 6): types (managers write, everyone reads), schedule / edit / cancel / done / snooze,
// "my activities". An activity follows its lead's record rules: a lead the caller may not see makes its activities
// 404. "Today" for an activity's state (overdue / today / planned) is the local day of its assigned user (else of
// the caller) from the users.tz column (tz::local_day). Each write is one transaction with a change-log event on
// the activity and an "activity" event on its lead, so live boards refresh the card.
#pragma once
#include <nlohmann/json.hpp>
#include <map>
#include <optional>
#include <vector>

#include "caller.hpp"
#include "store/database.hpp"
#include "store/lead_queries.hpp"
#include "tumen/activity.hpp"
#include "tumen/lead.hpp"

namespace tumen::server {

class ActivityService {
public:
    explicit ActivityService(store::Database& db) : db_(db) {}

    Result<nlohmann::json> list_types(const Caller& caller, bool include_archived);
    Result<nlohmann::json> create_type(const Caller& caller, const nlohmann::json& body);
    Result<nlohmann::json> update_type(const Caller& caller, int64_t id, const nlohmann::json& body);

    Result<nlohmann::json> lead_activities(const Caller& caller, int64_t lead_id);
    Result<nlohmann::json> schedule(const Caller& caller, int64_t lead_id, const nlohmann::json& body);
    Result<nlohmann::json> update(const Caller& caller, int64_t id, const nlohmann::json& body);  // with "version"
    Result<nlohmann::json> cancel(const Caller& caller, int64_t id);
    // {feedback?, next?: {type_id, summary?, due_date?}} -> {activity, scheduled: [...], suggested_type_ids}
    Result<nlohmann::json> done(const Caller& caller, int64_t id, const nlohmann::json& body);
    Result<nlohmann::json> snooze(const Caller& caller, int64_t id, const nlohmann::json& body);  // {days, version}
    // {user_id, today, groups: {overdue, today, planned}} for the caller or (managers) ?user_id.
    Result<nlohmann::json> mine(const Caller& caller, std::optional<int64_t> user_id);

    // The board/list summary of each lead: {"next_activity": {id, type_id, icon, category, summary, due_date,
    // state} | null, "no_next_step": bool} by lead id. State in the assignee's zone (else the caller's).
    std::map<int64_t, nlohmann::json> lead_summaries(const Caller& caller, const std::vector<Lead>& leads);
    // The board columns' activity bars (overdue / today / planned / none) by group key JSON text, over every lead
    // of `q` (not only the cards loaded); "today" is the caller's local day.
    Result<std::map<std::string, ActivityBar>> column_bars(const Caller& caller, store::LeadQuery q,
                                                           const std::string& group_by);

private:
    store::Database& db_;
};

}  // namespace tumen::server
