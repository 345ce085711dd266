// Migration: activity_digest (issue 6). One row per user who has had a daily digest (or opted out of it):
// the local day of the last one, so the job sends each user at most one per day of their own zone.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view activity_digest = R"SQL(
CREATE TABLE activity_digests (
  user_id   INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  enabled   INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  last_day  TEXT NOT NULL DEFAULT '',
  sent_at   INTEGER
);
)SQL";

}  // namespace tumen::store::migration
