// Migration: meetings and the calendar (issue 6).
//   meetings              a timed meeting has start_at/end_at (unix seconds, UTC); an all-day one has start_date/
//                         end_date ('YYYY-MM-DD', inclusive, the organizer's local dates). lead_id optional (deleted
//                         with its lead). sequence is the iCalendar SEQUENCE (bumped when time, place or title
//                         change); reminder_minutes NULL = no reminder; reminded_at is set when the reminder went out
//                         and cleared when the meeting moves, so the meetings.remind job is idempotent.
//   meeting_attendees     users, contacts or bare e-mail addresses, in the order given; response is the iCalendar
//                         PARTSTAT in lower case.
//   calendar_feed_tokens  one secret iCalendar feed URL per user, stored hashed (like kiosk tokens); rotating
//                         replaces the row, revoking deletes it.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view meetings = R"SQL(
CREATE TABLE meetings (
  id               INTEGER PRIMARY KEY,
  title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 1000),
  all_day          INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0,1)),
  start_at         INTEGER,
  end_at           INTEGER,
  start_date       TEXT,
  end_date         TEXT,
  location         TEXT NOT NULL DEFAULT '',
  description      TEXT NOT NULL DEFAULT '',
  reminder_minutes INTEGER CHECK (reminder_minutes BETWEEN 0 AND 10080),
  lead_id          INTEGER REFERENCES leads(id) ON DELETE CASCADE,
  organizer_id     INTEGER NOT NULL REFERENCES users(id),
  sequence         INTEGER NOT NULL DEFAULT 0,
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       INTEGER NOT NULL,
  created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  reminded_at      INTEGER,
  CHECK ((all_day = 0 AND start_at IS NOT NULL AND end_at > start_at AND start_date IS NULL)
      OR (all_day = 1 AND start_date IS NOT NULL AND end_date >= start_date AND start_at IS NULL))
);
CREATE INDEX meetings_lead ON meetings(lead_id, start_at) WHERE lead_id IS NOT NULL;
CREATE INDEX meetings_organizer_start ON meetings(organizer_id, start_at);
CREATE INDEX meetings_organizer_date ON meetings(organizer_id, start_date) WHERE all_day = 1;
CREATE INDEX meetings_reminder ON meetings(start_at) WHERE reminder_minutes IS NOT NULL AND reminded_at IS NULL;

CREATE TABLE meeting_attendees (
  id          INTEGER PRIMARY KEY,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  user_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
  contact_id  INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  email       TEXT NOT NULL DEFAULT '',
  name        TEXT NOT NULL DEFAULT '',
  response    TEXT NOT NULL DEFAULT 'needs_action'
              CHECK (response IN ('needs_action','accepted','declined','tentative'))
);
CREATE INDEX meeting_attendees_meeting ON meeting_attendees(meeting_id, position);
CREATE INDEX meeting_attendees_user ON meeting_attendees(user_id, meeting_id) WHERE user_id IS NOT NULL;

CREATE TABLE calendar_feed_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  token_hash   TEXT NOT NULL UNIQUE,
  prefix       TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER
);
)SQL";

}  // namespace tumen::store::migration
