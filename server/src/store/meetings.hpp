// Meetings and their attendees (schema_meetings.cpp). Rights are the service's business; these are plain reads
// and writes on the caller's connection.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/meeting.hpp"

namespace tumen::store {

std::optional<Meeting> find_meeting(Connection& c, int64_t id);
// Meetings of a lead, soonest first (timed by start, all-day by date).
std::vector<Meeting> lead_meetings(Connection& c, int64_t lead_id);
int64_t insert_meeting(Connection& c, Meeting& m, std::optional<int64_t> created_by);  // sets m.id, version 1
// Writes every field and the attendee list; bumps the version. `reset_reminder` clears reminded_at (moved).
void update_meeting(Connection& c, Meeting& m, bool reset_reminder);
bool delete_meeting(Connection& c, int64_t id);

// Fills name and email of user and contact attendees from their records (what invitations and the feed show).
void fill_attendee_names(Connection& c, Meeting& m);

bool is_meeting_party(const Meeting& m, int64_t user_id);  // organizer or user attendee

// Reminders: timed meetings with a reminder not sent yet whose reminder moment (start - minutes) is <= now.
std::vector<Meeting> meetings_due_for_reminder(Connection& c, int64_t now);
void mark_meeting_reminded(Connection& c, int64_t id, int64_t now);

// The iCalendar feed tokens (one per user, stored hashed).
void put_calendar_feed_token(Connection& c, int64_t user_id, const std::string& token_hash, const std::string& prefix,
                             int64_t now);
bool delete_calendar_feed_token(Connection& c, int64_t user_id);
std::optional<int64_t> calendar_feed_user(Connection& c, const std::string& token_hash);  // its user id
struct FeedTokenInfo {
    std::string prefix;
    int64_t created_at = 0;
    std::optional<int64_t> last_used_at;
};
std::optional<FeedTokenInfo> calendar_feed_info(Connection& c, int64_t user_id);
void touch_calendar_feed_token(Connection& c, const std::string& token_hash, int64_t now);

}  // namespace tumen::store
