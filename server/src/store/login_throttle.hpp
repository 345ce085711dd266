// Rows of the brute-force throttle: failed sign-ins and locks per account and per client address.
// The policy (thresholds, lock lengths) is in services/login_throttle.hpp.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace tumen::store {

struct ThrottleRow {
    std::string kind;  // "account" | "address"
    std::string key;   // folded login, or client address
    int64_t failures = 0, lock_count = 0, locked_until = 0, last_failure_at = 0;
};

std::optional<ThrottleRow> find_throttle(Connection& c, const std::string& kind, const std::string& key);
void save_throttle(Connection& c, const ThrottleRow& row);
bool delete_throttle(Connection& c, const std::string& kind, const std::string& key);
// Rows that are locked now or still count failures, most recent first.
std::vector<ThrottleRow> list_throttles(Connection& c, int64_t now);
// Forgets rows with no lock and no failure since `before` (housekeeping).
int prune_throttles(Connection& c, int64_t before);

}  // namespace tumen::store
