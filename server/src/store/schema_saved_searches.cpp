// Migration: saved_searches (issue 5). The search bar's favourites: a user's named search of the leads list or
// a pipeline board, stored as the route's query string (the client's format_list_query / format_board_query),
// optionally shared with every internal user and optionally the one applied when the view opens without a
// query (at most one default per owner and view, kept by the service).
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view saved_searches = R"SQL(
CREATE TABLE saved_searches (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  view         TEXT NOT NULL CHECK (view IN ('list','board')),
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  query        TEXT NOT NULL DEFAULT '' CHECK (length(query) <= 4000),
  shared       INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0,1)),
  is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0,1)),
  create_date  INTEGER NOT NULL,
  write_date   INTEGER NOT NULL
);
CREATE INDEX saved_searches_owner ON saved_searches(user_id, view);
CREATE INDEX saved_searches_shared ON saved_searches(view) WHERE shared = 1;
)SQL";

}  // namespace tumen::store::migration
