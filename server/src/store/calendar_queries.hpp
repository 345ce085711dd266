// What the calendar of one user shows in a range: the meetings they organise or attend, and their open activities
// (the activities table of the activities module, read with its own query here). Record rules apply: a meeting
// or activity on a lead the viewer may not see is left out.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/record_rules.hpp"
#include "store/sqlite.hpp"
#include "tumen/meeting.hpp"

namespace tumen::store {

struct CalendarRange {
    Timestamp from_utc = 0, to_utc = 0;  // timed meetings overlapping [from_utc, to_utc)
    DayNumber from_day = 0, to_day = 0;  // all-day meetings and activities on days [from_day, to_day]
};

// Meetings of `user_id` (organizer or user attendee) in the range, with attendees, ordered by start.
std::vector<Meeting> user_meetings(Connection& c, int64_t user_id, const CalendarRange& r, const SqlFragment& lead_rule);

struct CalendarActivity {
    int64_t id = 0, lead_id = 0;
    std::optional<int64_t> type_id;
    std::string summary, type_name, lead_name;
    DayNumber due = 0;
};

// Open activities assigned to `user_id` due on days [from_day, to_day]. Empty when the activities table does not
// exist (a database before that migration).
std::vector<CalendarActivity> user_activities(Connection& c, int64_t user_id, DayNumber from_day, DayNumber to_day,
                                              const SqlFragment& lead_rule);

// Display names of leads by id (for the items' "lead_name").
std::string lead_name(Connection& c, int64_t lead_id);

}  // namespace tumen::store
