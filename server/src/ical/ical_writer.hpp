// iCalendar (RFC 5545) text of meetings and activities, written with libical (which folds long lines and escapes
// text). Used by the per-user feed (GET /calendar/<token>.ics) and the invitations mailed to attendees.
// Times go out in UTC ("...Z"); all-day items as DATE values with an exclusive DTEND. UIDs are stable:
// "meeting-<id>@<domain>", "activity-<id>@<domain>", so a calendar updates the same entry when SEQUENCE grows.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "tumen/meeting.hpp"

namespace tumen::server::ical {

struct Person {
    std::string name, email;
};

// A meeting with its organizer resolved (attendees' names and e-mails filled: store::fill_attendee_names).
struct MeetingItem {
    Meeting meeting;
    Person organizer;
    std::string lead_name;  // "" when none
};

struct ActivityItem {
    int64_t id = 0;
    int64_t lead_id = 0;
    std::string summary, lead_name, type_name;
    DayNumber due = 0;
};

enum class Method { none, request, cancel };

// The feed: VCALENDAR with PRODID, VERSION 2.0, X-WR-CALNAME, one VEVENT per meeting and per activity.
std::string feed(const std::vector<MeetingItem>& meetings, const std::vector<ActivityItem>& activities,
                 const std::string& calendar_name, const std::string& domain, Timestamp now);

// An invitation or cancellation (METHOD:REQUEST / METHOD:CANCEL with STATUS:CANCELLED) for one meeting.
std::string invitation(const MeetingItem& item, Method method, const std::string& domain, Timestamp now);

std::string meeting_uid(int64_t id, const std::string& domain);

}  // namespace tumen::server::ical
