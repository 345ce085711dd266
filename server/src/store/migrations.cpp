// Schema migrations. Append new ones at the end; never edit one that has shipped.
#include <array>
#include <string_view>

#include "store/database.hpp"

namespace tumen::store {

namespace {

constexpr std::string_view m0001_users_sessions = R"SQL(
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  login         TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 120),
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email         TEXT NOT NULL DEFAULT '',
  role          TEXT NOT NULL CHECK (role IN ('admin','manager','sales_all','sales_own','portal')),
  lang          TEXT NOT NULL DEFAULT 'en' CHECK (lang IN ('en','mn')),
  tz            TEXT NOT NULL DEFAULT 'Asia/Ulaanbaatar',
  password_hash TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE sessions (
  id            INTEGER PRIMARY KEY,
  token_hash    BLOB NOT NULL UNIQUE,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  last_seen_at  INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  client_addr   TEXT NOT NULL DEFAULT '',
  user_agent    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)SQL";

constexpr std::array<std::string_view, 1> migrations = {
    m0001_users_sessions,
};

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations.size()); }

void migrate(Connection& c) {
    c.exec("BEGIN IMMEDIATE");
    try {
        int version = static_cast<int>(c.prepare("PRAGMA user_version").scalar_int());
        if (version > latest_schema_version())
            throw SqlError(SQLITE_ERROR, "database schema version " + std::to_string(version) +
                                             " is newer than this server (" + std::to_string(latest_schema_version()) + ")");
        for (int v = version; v < latest_schema_version(); ++v) c.exec(migrations[static_cast<size_t>(v)]);
        c.exec("PRAGMA user_version=" + std::to_string(latest_schema_version()));
        c.exec("COMMIT");
    } catch (...) {
        c.exec("ROLLBACK");
        throw;
    }
}

}  // namespace tumen::store
