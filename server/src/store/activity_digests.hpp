// The daily activity digest's bookkeeping: who gets one, the local day each last got it, and the hour it goes out.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

// Active users with an e-mail address and at least one open activity assigned to them, minus those who opted out.
std::vector<int64_t> digest_recipients(Connection& c);
// The local day ('YYYY-MM-DD') of the user's last digest, '' when none.
std::string last_digest_day(Connection& c, int64_t user_id);
void mark_digest_sent(Connection& c, int64_t user_id, const std::string& local_day, int64_t now);
bool digest_enabled(Connection& c, int64_t user_id);
void set_digest_enabled(Connection& c, int64_t user_id, bool enabled);
// Settings key 'activities.digest_hour': the local hour (0-23) from which the digest goes out; default 7;
// 'off' (or any other text) turns the digest off for everyone.
std::optional<int> digest_hour(Connection& c);

}  // namespace tumen::store
