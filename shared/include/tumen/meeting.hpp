// Meetings (issue 6): a timed or all-day event, optionally on a lead, with user, contact and e-mail attendees;
// and the pure pieces of the calendar views (overlap layout, week start, local wall-time text).
//
// Times: a timed meeting has `start`/`end` in UTC; an all-day one has `start_date`/`end_date` (inclusive local
// dates) and no times. The server converts UTC to the user's zone (server/src/tz) and sends "local_start"/"local_end"
// text ("2026-11-28T09:30"); the client never converts zones itself.
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

enum class AttendeeResponse { needs_action, accepted, declined, tentative };
std::string_view to_string(AttendeeResponse r);

// One of user_id, contact_id or email identifies the attendee; the server fills name/email of users and contacts.
struct MeetingAttendee {
    std::optional<std::int64_t> user_id;
    std::optional<std::int64_t> contact_id;
    std::string email;
    std::string name;
    AttendeeResponse response = AttendeeResponse::needs_action;
    bool operator==(const MeetingAttendee&) const = default;
};

inline constexpr std::size_t max_meeting_attendees = 100;
inline constexpr std::int32_t max_reminder_minutes = 10080;  // one week

struct Meeting {
    std::int64_t id = 0;
    std::string title;                    // required
    bool all_day = false;
    std::optional<Timestamp> start, end;  // timed: required, end > start
    std::optional<DayNumber> start_date, end_date;  // all-day: required, end_date >= start_date (inclusive)
    std::string location;
    std::string description;
    std::vector<MeetingAttendee> attendees;
    std::optional<std::int32_t> reminder_minutes;  // none, or 0..max_reminder_minutes before the start
    std::optional<std::int64_t> lead_id;
    std::int64_t organizer_id = 0;        // set by the server (the creator)
    std::int64_t sequence = 0;            // iCalendar SEQUENCE; the server bumps it when time or place changes
    std::int64_t version = 0;
    Timestamp created_at = 0;
    bool operator==(const Meeting&) const = default;
};

void to_json(nlohmann::json& j, const Meeting& m);
Result<Meeting> meeting_from_json(const nlohmann::json& j);
// Writable: title, all_day, start, end, start_date, end_date, location, description, attendees,
// reminder_minutes, lead_id. Unknown or read-only fields and bad values are one FieldError each.
FieldErrors apply_patch(Meeting& m, const nlohmann::json& patch);
FieldErrors validate(const Meeting& m);

// True when the change from `before` to `after` is one attendees must be told about (time, place, title).
bool meeting_needs_new_sequence(const Meeting& before, const Meeting& after);

// ---- calendar views ---------------------------------------------------------------------------------------------

// Where one event of a day sits: column `column` of `columns` side-by-side columns of its overlap cluster.
struct DaySlot {
    int column = 0;
    int columns = 1;
    bool operator==(const DaySlot&) const = default;
};

// Greedy interval colouring: events that overlap (directly or through a chain) form a cluster; each event takes
// the leftmost column free at its start; every event of a cluster gets the cluster's column count. Events shorter
// than `min_length` are laid out as if they lasted that long (a 0-minute meeting still needs room). The result is
// in the order of `spans` ({start, end} in any unit).
std::vector<DaySlot> layout_day(const std::vector<std::pair<std::int64_t, std::int64_t>>& spans,
                                std::int64_t min_length = 1);

// The ISO weekday (1 Monday .. 7 Sunday) a week starts on for a UI language: "mn" (and most of the world) Monday,
// "en" Sunday (the US convention the English catalogue follows).
int week_start_weekday(std::string_view lang);
// The first day of the week holding `day`.
DayNumber week_start(DayNumber day, std::string_view lang);

// Local wall time text "2026-11-28T09:30" (also accepts ":ss"); nullopt when malformed. No zone, no 'Z'.
struct LocalDateTime {
    DayNumber day = 0;
    int seconds = 0;  // of the day, 0..86399
    bool operator==(const LocalDateTime&) const = default;
};
std::optional<LocalDateTime> parse_local_datetime(std::string_view text);
std::string format_local_datetime(DayNumber day, int seconds_of_day);  // "2026-11-28T09:30"

// Snaps seconds of the day to a grid (e.g. 900 = 15 minutes), rounding to the nearest step.
int snap_seconds(int seconds_of_day, int step);

}  // namespace tumen
