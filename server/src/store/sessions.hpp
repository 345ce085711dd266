// A user's own view of their login sessions: list, revoke one, revoke all others ("log out everywhere").
// Creating and finding sessions by token lives in store/users.hpp.
#pragma once
#include <vector>

#include "store/users.hpp"

namespace tumen::store {

std::vector<SessionRow> list_user_sessions(Connection& c, int64_t user_id);  // newest first
// Deletes the session only if it belongs to the user; false when there was none.
bool delete_user_session(Connection& c, int64_t user_id, int64_t session_id);
// Deletes every session of the user except `keep_session_id` (0 = all). Returns how many ended.
int delete_user_sessions_except(Connection& c, int64_t user_id, int64_t keep_session_id);
// Housekeeping: sessions past their absolute expiry.
int delete_expired_sessions(Connection& c, int64_t now);

}  // namespace tumen::store
