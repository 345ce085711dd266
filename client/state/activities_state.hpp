// Activities in the client (issue 6): the activity types (loaded once per sign-in), the lead form's "Activities"
// block (open activities with their due date in words), the Schedule / Edit dialog (a type fills the summary, note
// and due date from its defaults), Mark done with feedback (then the type's suggested next types are offered, or
// the one it triggered is named), Snooze and Cancel, and "My activities" (#/activities) grouped overdue / today /
// planned. Whether an activity is overdue is the server's word (the assignee's time zone); "today" for the words
// comes with each list.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"
#include "tumen/activity.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

class AppState;
struct LiveLead;

// One open activity as the lists show it: the record and what the server adds (type, state, lead name).
struct ActivityItem {
    Activity activity;
    std::string type_name, type_code, icon, category;
    std::string due_state;  // "overdue" / "today" / "planned" ("" for one not open)
    std::string lead_name;  // My activities only
};

// The Schedule / Edit dialog.
struct ActivityDraft {
    std::int64_t lead_id = 0;
    std::int64_t activity_id = 0;  // 0 = a new activity
    std::int64_t version = 0;
    std::optional<std::int64_t> type_id, user_id;
    std::string summary, note, due_date;  // due "YYYY-MM-DD"
};

enum class ActivityDialog { none, schedule, done, next };

class ActivitiesState {
public:
    explicit ActivitiesState(AppState& app) : io_(app), app_(app) {}
    void reset();
    // A route opened while signed in: #/activities loads My activities.
    void on_route(const Route& route);

    // --- types ---
    void load_types();  // once per sign-in (again after reset)
    const std::vector<ActivityType>& types() const { return types_; }
    const ActivityType* type(std::int64_t id) const;
    // The name a user reads: the catalog's word for a seeded type ("activity_type.call"), else the typed name.
    std::string type_label(const ActivityType& t) const;
    std::string type_label(const ActivityItem& it) const;
    std::string type_label_of(std::optional<std::int64_t> type_id) const;

    // --- the lead form's block ---
    void show_lead(std::int64_t lead_id);  // loads when another lead (or none) was shown
    void reload_lead();
    std::int64_t lead_id() const { return lead_id_; }
    bool lead_loaded() const { return lead_loaded_; }
    const std::vector<ActivityItem>& lead_items() const { return lead_items_; }
    std::optional<DayNumber> today() const { return today_; }

    // --- the dialogs ---
    ActivityDialog dialog() const { return dialog_; }
    void close_dialog();
    void open_schedule(std::int64_t lead_id, std::optional<std::int64_t> type_id = std::nullopt);
    void open_edit(const ActivityItem& item);
    // A type picked in the dialog: its default summary / note (unless typed over) and due date.
    void pick_type(std::optional<std::int64_t> type_id);
    ActivityDraft& draft() { return draft_; }
    const ActivityDraft& draft() const { return draft_; }
    void save_dialog();  // POST (new) or PATCH with the version read

    void open_done(const ActivityItem& item);
    std::string& feedback() { return feedback_; }
    const ActivityItem& done_item() const { return done_item_; }
    void submit_done();
    // After "done": the types the done one suggests (the "next" dialog offers them) and what it scheduled itself.
    const std::vector<std::int64_t>& suggested() const { return suggested_; }
    const std::vector<ActivityItem>& scheduled() const { return scheduled_; }
    void schedule_suggested(std::int64_t type_id);  // opens Schedule with that type

    void snooze(const ActivityItem& item, int days);  // with the version read (409: reload with a message)
    void cancel(std::int64_t activity_id);

    bool busy() const { return busy_; }
    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    void clear_error(const std::string& field) { errors_.erase(field); }
    const Message& dialog_banner() const { return dialog_banner_; }
    // Messages over the block / the My activities page (a refusal, "changed by someone else", "Call scheduled").
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }
    void dismiss() { banner_ = notice_ = {}; }

    // --- My activities (#/activities) ---
    void load_mine(std::optional<std::int64_t> user_id = std::nullopt);  // managers may pass another user
    bool mine_loaded() const { return mine_loaded_; }
    std::optional<std::int64_t> mine_user() const { return mine_user_; }
    const std::vector<ActivityItem>& mine(ActivityState group) const;
    std::optional<DayNumber> mine_today() const { return mine_today_; }
    // The users directory (loaded with My activities): the manager's picker and the assignees' names.
    struct UserName {
        std::int64_t id = 0;
        std::string name;
    };
    const std::vector<UserName>& users() const { return users_; }
    std::string user_name(std::int64_t id) const;  // own directory, else the lead form's, else "#id"

    // Live events (live_activities.cpp): a lead's "activity" event reloads its block when shown and My activities;
    // "reload" (events missed) loads both again.
    void apply_live(const LiveLead& ev);
    void live_reload();

    nlohmann::json probe() const;

private:
    void failed(const HttpResponse& reply, bool in_dialog);
    // Something changed an activity: the lists shown load again (the lead's block, My activities, the lead form).
    void refresh();
    void apply_type_defaults(const ActivityType* before);

    SettingsIo io_;
    AppState& app_;
    bool types_requested_ = false;
    std::vector<ActivityType> types_;

    std::int64_t lead_id_ = 0;
    bool lead_loaded_ = false;
    std::uint64_t lead_generation_ = 0;
    std::vector<ActivityItem> lead_items_;
    std::optional<DayNumber> today_;

    ActivityDialog dialog_ = ActivityDialog::none;
    ActivityDraft draft_;
    std::string feedback_;
    ActivityItem done_item_;
    std::vector<std::int64_t> suggested_;
    std::vector<ActivityItem> scheduled_;
    bool busy_ = false;
    FieldMessages errors_;
    Message dialog_banner_, banner_, notice_;

    bool mine_loaded_ = false, mine_wanted_ = false;
    std::optional<std::int64_t> mine_user_;
    std::vector<ActivityItem> overdue_, today_items_, planned_;
    std::optional<DayNumber> mine_today_;
    bool users_requested_ = false;
    std::vector<UserName> users_;
};

// #/activities, of another user (managers) when given.
Route activities_route(std::optional<std::int64_t> user_id);
// An activity from the server's JSON (nullopt when it is not one).
std::optional<ActivityItem> activity_item_from_json(const nlohmann::json& j);
// A due date in words against `today`: "overdue 2 days", "yesterday"... as a catalog message.
Message due_words(DayNumber due, DayNumber today);

}  // namespace tumen::client
