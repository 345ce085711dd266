// Activities (issue 6, F-ACT): the next steps planned on a lead, each of a type (Call, E-mail, Meeting, To-do,
// Upload document, or one a manager adds) with a due date that is a LOCAL date of the assigned user. Whether an
// activity is overdue / today / planned depends on "today" in that user's zone, which the server computes (the
// client has no zone database) and passes in here.
//
// Seeded types carry a `code` ("call", "email", "meeting", "todo", "upload"): the client shows the i18n text
// "activity_type.<code>" for them, so each user sees them in their own language; a manager's own types (and seeded
// ones the manager renamed: the server clears the code on rename) show `name` as typed.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/error.hpp"

namespace tumen {

enum class ActivityCategory { plain, call, email, meeting, upload };  // "default" on the wire
enum class DelayUnit { days, weeks, months };
enum class DelayFrom { today, previous_deadline };  // count the default delay from today or from the done one's due
enum class ActivityChaining { suggest, trigger };   // suggest next types, or schedule one automatically

struct ActivityType {
    std::int64_t id = 0;
    std::string name;  // required
    std::string code;  // seeded types only (see above); read-only
    std::string icon;  // a short icon name: "phone", "envelope", "users", "check", "upload" ...
    ActivityCategory category = ActivityCategory::plain;
    std::string default_summary;
    std::string default_note;
    std::int32_t delay_count = 0;  // 0..999
    DelayUnit delay_unit = DelayUnit::days;
    DelayFrom delay_from = DelayFrom::today;
    ActivityChaining chaining = ActivityChaining::suggest;
    std::vector<std::int64_t> suggested_ids;  // chaining = suggest
    std::optional<std::int64_t> triggered_id; // chaining = trigger: required
    std::int32_t sequence = 10;
    bool active = true;
    std::int64_t version = 0;
    bool operator==(const ActivityType&) const = default;
};

enum class ActivityStatus { open, done, cancelled };      // the record's life ("state" on the wire)
enum class ActivityState { overdue, today, planned };     // an open activity's due date against today
std::string_view to_string(ActivityStatus s);
std::string_view to_string(ActivityState s);
std::string_view to_string(ActivityCategory c);

struct Activity {
    std::int64_t id = 0;
    std::int64_t lead_id = 0;  // required
    std::optional<std::int64_t> type_id;
    std::string summary;
    std::string note;
    std::optional<DayNumber> due_date;   // required (optional only so a missing one is a field error)
    std::optional<std::int64_t> user_id; // assigned user
    ActivityStatus state = ActivityStatus::open;  // system
    std::optional<Timestamp> done_at;              // system
    std::string feedback;                          // system (set by "done")
    Timestamp created_at = 0;                      // system
    std::optional<std::int64_t> created_by;        // system
    std::int64_t version = 0;
    bool operator==(const Activity&) const = default;
};

void to_json(nlohmann::json& j, const ActivityType& t);
Result<ActivityType> activity_type_from_json(const nlohmann::json& j);
FieldErrors apply_patch(ActivityType& t, const nlohmann::json& patch);
FieldErrors validate(const ActivityType& t);

void to_json(nlohmann::json& j, const Activity& a);
Result<Activity> activity_from_json(const nlohmann::json& j);
// Writable: type_id, summary, note, due_date, user_id. lead_id is taken from the URL on create.
FieldErrors apply_patch(Activity& a, const nlohmann::json& patch);
FieldErrors validate(const Activity& a);

// The due date a new activity of this type gets by default. previous_due: the due date of the activity just marked
// done (delay_from = previous_deadline counts from it; without one, from today). Months clamp at the month's end.
DayNumber default_due(const ActivityType& type, DayNumber today, std::optional<DayNumber> previous_due);

ActivityState activity_state(DayNumber due, DayNumber today);

// Snoozing moves the due date `days` later, counted from today for an overdue activity (so a snoozed activity is
// never still overdue). 1..365 days.
inline constexpr int max_snooze_days = 365;
DayNumber snoozed_due(DayNumber due, DayNumber today, int days);

// After marking an activity of `type` done: the type scheduled automatically (chaining = trigger), or the
// suggested types the user may pick from.
struct NextSteps {
    std::optional<std::int64_t> triggered_type_id;
    std::vector<std::int64_t> suggested_type_ids;
    bool operator==(const NextSteps&) const = default;
};
NextSteps next_steps(const ActivityType& type);

// A lead's activity summary for the board and list: the next open activity is the earliest due (lowest id on a
// tie); "no next step" when an open (active, not won) lead has none.
struct LeadActivitySummary {
    std::optional<Activity> next;
    bool no_next_step = false;
};
LeadActivitySummary lead_activity_summary(const std::vector<Activity>& activities, bool lead_open);

// Counts for a board column's activity bar.
struct ActivityBar {
    std::int64_t overdue = 0, today = 0, planned = 0, none = 0;
    bool operator==(const ActivityBar&) const = default;
    std::int64_t total() const { return overdue + today + planned + none; }
};
void to_json(nlohmann::json& j, const ActivityBar& b);
ActivityBar activity_bar_from_json(const nlohmann::json& j);  // missing counts = 0

}  // namespace tumen
