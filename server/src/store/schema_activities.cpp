// Migration: activities (issue 6). The next steps planned on leads and their types.
//   activity_types  managers' list; seeded rows carry `code` so clients show their name in the user's language
//                   (i18n "activity_type.<code>"); renaming one clears its code (then `name` shows as typed).
//   activities      due_date is a LOCAL date of the assigned user ('YYYY-MM-DD'); open ones have state 'open'.
//   The index serves the lead's next activity, the board's activity bar and the activity filter.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view activities = R"SQL(
CREATE TABLE activity_types (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  code            TEXT NOT NULL DEFAULT '',
  icon            TEXT NOT NULL DEFAULT '',
  category        TEXT NOT NULL DEFAULT 'default' CHECK (category IN ('default','call','email','meeting','upload')),
  default_summary TEXT NOT NULL DEFAULT '',
  default_note    TEXT NOT NULL DEFAULT '',
  delay_count     INTEGER NOT NULL DEFAULT 0,
  delay_unit      TEXT NOT NULL DEFAULT 'days' CHECK (delay_unit IN ('days','weeks','months')),
  delay_from      TEXT NOT NULL DEFAULT 'today' CHECK (delay_from IN ('today','previous_deadline')),
  chaining        TEXT NOT NULL DEFAULT 'suggest' CHECK (chaining IN ('suggest','trigger')),
  suggested_ids   TEXT NOT NULL DEFAULT '[]',
  triggered_id    INTEGER REFERENCES activity_types(id) ON DELETE SET NULL,
  sequence        INTEGER NOT NULL DEFAULT 10,
  active          INTEGER NOT NULL DEFAULT 1,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE activities (
  id         INTEGER PRIMARY KEY,
  lead_id    INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  type_id    INTEGER REFERENCES activity_types(id) ON DELETE SET NULL,
  summary    TEXT NOT NULL DEFAULT '',
  note       TEXT NOT NULL DEFAULT '',
  due_date   TEXT NOT NULL,
  user_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  state      TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','done','cancelled')),
  done_at    INTEGER,
  feedback   TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  created_by INTEGER,
  version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX activities_lead_state_due ON activities(lead_id, state, due_date);
CREATE INDEX activities_user_state_due ON activities(user_id, state, due_date);
INSERT INTO activity_types (id, name, code, icon, category, delay_count, sequence) VALUES
  (1, 'Call', 'call', 'phone', 'call', 2, 10),
  (2, 'E-mail', 'email', 'envelope', 'email', 2, 20),
  (3, 'Meeting', 'meeting', 'users', 'meeting', 0, 30),
  (4, 'To-do', 'todo', 'check', 'default', 5, 40),
  (5, 'Upload document', 'upload', 'upload', 'upload', 5, 50);
)SQL";

}  // namespace tumen::store::migration
