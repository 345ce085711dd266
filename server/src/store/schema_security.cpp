// Migration: account security — portal users' partner, TOTP second factor and recovery codes, sign-in challenges,
// brute-force throttle state, API keys, kiosk tokens and the security event log.
// Secrets are never stored in clear except the TOTP seed, which the server needs to compute codes.
// Datetimes are INTEGER Unix seconds (UTC).
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view security = R"SQL(
ALTER TABLE users ADD COLUMN partner_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL;
ALTER TABLE users ADD COLUMN totp_secret TEXT;                          -- base32 seed while TOTP is on
ALTER TABLE users ADD COLUMN totp_pending TEXT;                         -- base32 seed between setup and first code
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0; -- a code's time step is accepted once

-- Failed sign-ins per account (folded login, whether or not it exists) and per client address.
CREATE TABLE login_throttle (
  kind             TEXT NOT NULL CHECK (kind IN ('account','address')),
  key              TEXT NOT NULL,
  failures         INTEGER NOT NULL DEFAULT 0,  -- since the last lock (or the last success)
  lock_count       INTEGER NOT NULL DEFAULT 0,  -- locks so far: each one lasts twice as long
  locked_until     INTEGER NOT NULL DEFAULT 0,
  last_failure_at  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;

-- Password accepted, second factor pending: the challenge token (hashed) the client sends back with the code.
CREATE TABLE login_challenges (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_at   INTEGER NOT NULL,
  attempts     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE recovery_codes (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash  TEXT NOT NULL,
  used_at    INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

CREATE TABLE api_keys (
  id            INTEGER PRIMARY KEY,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  prefix        TEXT NOT NULL,                  -- first characters of the key, to recognise it in lists
  token_hash    TEXT NOT NULL UNIQUE,
  read_only     INTEGER NOT NULL DEFAULT 0 CHECK (read_only IN (0,1)),
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER
);
CREATE INDEX api_keys_user ON api_keys(user_id);

CREATE TABLE kiosk_tokens (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  prefix        TEXT NOT NULL,
  token_hash    TEXT NOT NULL UNIQUE,
  leaderboard   INTEGER NOT NULL DEFAULT 1 CHECK (leaderboard IN (0,1)),
  created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER
);
CREATE TABLE kiosk_token_teams (
  token_id  INTEGER NOT NULL REFERENCES kiosk_tokens(id) ON DELETE CASCADE,
  team_id   INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  PRIMARY KEY (token_id, team_id)
) WITHOUT ROWID;

-- Sign-ins, failures, lockouts, role and password changes, key and token creation: listable by admins.
CREATE TABLE security_events (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  kind         TEXT NOT NULL,
  user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,  -- the account concerned
  login        TEXT NOT NULL DEFAULT '',                         -- as typed, for failures of unknown logins
  actor_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,  -- who did it, when not the account itself
  client_addr  TEXT NOT NULL DEFAULT '',
  detail       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX security_events_at ON security_events(at);
)SQL";

}  // namespace tumen::store::migration
