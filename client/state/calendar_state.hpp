// The calendar (#/calendar) and meetings on the lead form: the items of the shown range as the server sends them
// (local times already in the user's zone - the client has no zone database), day/week/month navigation, moving
// and resizing a meeting (PATCH local_start/local_end with the version read; on 409 or any error the item snaps
// back and a banner says why), the details popup, the lead's upcoming meetings and the "Meeting" dialog.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"
#include "tumen/meeting.hpp"

namespace tumen::client {

class AppState;

struct CalendarItem {
    std::string kind = "meeting";  // "meeting" | "activity"
    std::int64_t id = 0;
    std::string title, location, description, lead_name;
    std::optional<std::int64_t> lead_id;
    bool all_day = false;
    LocalDateTime start, end;                // timed items, local wall time
    DayNumber start_date = 0, end_date = 0;  // all-day items (inclusive); for timed ones the local days
    std::int64_t version = 0;
    std::vector<std::string> attendee_names;
    bool covers(DayNumber day) const { return start_date <= day && day <= end_date; }
};
// One item of the calendar JSON; nullopt when malformed.
std::optional<CalendarItem> calendar_item_of(const nlohmann::json& j);

enum class CalendarMode { day, week, month };

// A timed item placed in one day column: from/to seconds of that day (clipped), and its side-by-side slot.
struct PlacedItem {
    const CalendarItem* item = nullptr;
    int from_s = 0, to_s = 0;
    DaySlot slot;
};

// The "Meeting" dialog of the lead form (and of the calendar, without a lead).
struct MeetingDraft {
    std::int64_t lead_id = 0;      // 0 = none
    std::string title, date, start_time = "09:00", end_time = "10:00", location, description;
    bool all_day = false;
    int reminder_index = 2;        // into reminder_choices()
    std::vector<std::int64_t> user_ids;
    bool invite_contact = false;   // the lead's contact e-mail
    std::string contact_email, contact_name;
};
// Minutes before, -1 = none: none, at start, 5, 15, 30 min, 1 h, 1 day.
const std::vector<int>& reminder_choices();

class CalendarState {
public:
    explicit CalendarState(AppState& app) : io_(app), app_(app) {}

    // --- the calendar view ---
    void show();                    // the route opened: first load (asks the server for today), then the range
    void reset();                   // sign-out
    CalendarMode mode() const { return mode_; }
    void set_mode(CalendarMode m);
    void next();
    void previous();
    void go_today();
    DayNumber anchor() const { return anchor_; }
    DayNumber today() const { return today_; }
    bool has_today() const { return today_known_; }
    // The user's clock (the "now" line, the day marked as today): UTC now moved by the offset of the calendar's
    // zone that the server sent, not the browser's zone. Nullopt until it came.
    struct LocalNow {
        DayNumber day = 0;
        int seconds = 0;  // of the day
    };
    std::optional<LocalNow> local_now(Timestamp utc_now) const;
    // Whether `d` is today at `utc_now` (by local_now, else the server's today).
    bool is_today(DayNumber d, Timestamp utc_now) const;
    // The days the view shows: one, a week from the language's first weekday, or the weeks covering the month.
    DayNumber first_day() const;
    DayNumber last_day() const;
    const std::vector<CalendarItem>& items() const { return items_; }
    bool loading() const { return loading_; }
    const Message& banner() const { return banner_; }
    void dismiss_banner() { banner_ = {}; }
    void reload();

    // Timed items of `day`, laid out side by side (shared layout_day), and the all-day ones.
    std::vector<PlacedItem> timed_on(DayNumber day) const;
    std::vector<const CalendarItem*> all_day_on(DayNumber day) const;

    // Drag to move / resize: new local day and times (seconds, snapped to 15 min by the caller). The item moves
    // at once; the PATCH's answer confirms it, or it snaps back with a banner.
    void move(std::int64_t meeting_id, DayNumber day, int start_s, int end_s);
    bool moving() const { return moving_id_ != 0; }

    // Details popup.
    void select(std::int64_t meeting_id, const std::string& kind = "meeting") { selected_ = meeting_id; selected_kind_ = kind; }
    void clear_selection() { selected_ = 0; }
    const CalendarItem* selected() const;
    void cancel_selected();  // DELETE the selected meeting

    // --- the lead form ---
    // The lead's meetings (GET /leads/{id}/meetings), reloaded when the lead changes or after a save.
    void show_lead(std::int64_t lead_id);
    const std::vector<CalendarItem>& lead_meetings() const { return lead_meetings_; }
    std::int64_t lead_id() const { return lead_id_; }

    // --- the Meeting dialog ---
    void open_dialog(std::int64_t lead_id, std::string default_title, std::string contact_name, std::string contact_email);
    void close_dialog();
    bool dialog_open() const { return dialog_open_; }
    MeetingDraft& draft() { return draft_; }
    void save_dialog();
    bool saving() const { return saving_; }
    const Message* dialog_error(const std::string& field) const;
    void clear_dialog_error(const std::string& field) { dialog_errors_.erase(field); }
    const Message& dialog_banner() const { return dialog_banner_; }

    nlohmann::json probe() const;

private:
    void load();
    void take_items(const nlohmann::json& j);
    nlohmann::json draft_body(FieldMessages& local) const;

    SettingsIo io_;
    AppState& app_;
    CalendarMode mode_ = CalendarMode::week;
    DayNumber anchor_ = 0, today_ = 0;
    bool today_known_ = false, loading_ = false, shown_ = false;
    std::optional<int> utc_offset_s_;
    std::uint64_t load_gen_ = 0;
    std::vector<CalendarItem> items_;
    Message banner_;
    std::int64_t moving_id_ = 0;
    std::int64_t selected_ = 0;
    std::string selected_kind_;

    std::int64_t lead_id_ = 0;
    std::vector<CalendarItem> lead_meetings_;

    bool dialog_open_ = false, saving_ = false;
    MeetingDraft draft_;
    FieldMessages dialog_errors_;
    Message dialog_banner_;
};

}  // namespace tumen::client
