// Brute-force protection for sign-in: failures are counted per account (the folded login, whether or not it
// exists, so locking reveals nothing) and per client address. Reaching the threshold locks that account or address
// for a while; each further lock lasts twice as long (1 min, 2, 4 ... up to 1 h). A success clears the account's
// count. State lives in SQLite (store/login_throttle.hpp), so it survives restarts and is shared by every thread.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/login_throttle.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

struct ThrottlePolicy {
    int account_failures = 5;               // failures before an account locks
    int address_failures = 20;              // per address: higher, since an office shares one address
    int64_t first_lock_seconds = 60;
    int64_t max_lock_seconds = 3600;
    int64_t failure_window_seconds = 900;   // failures older than this are forgotten
    int64_t forget_locks_seconds = 86400;   // a day without failures resets the doubling
};

struct ThrottleLock {
    std::string kind;     // "account" | "address"
    int64_t until = 0;    // Unix seconds
    int64_t seconds_left = 0;
};

class LoginThrottle {
public:
    explicit LoginThrottle(store::Database& db, ThrottlePolicy policy = {}) : db_(db), policy_(policy) {}

    // The lock that applies to this login or address now (the longer one), if any.
    std::optional<ThrottleLock> current_lock(const std::string& login, const std::string& client_addr, int64_t now);
    // Counts a failure for both keys inside the caller's write transaction. Returns the locks it started.
    std::vector<ThrottleLock> record_failure(store::Connection& c, const std::string& login, const std::string& client_addr,
                                             int64_t now);
    void record_success(store::Connection& c, const std::string& login);

    std::vector<store::ThrottleRow> list(int64_t now);
    // Lifts a lock and forgets the failures (an administrator's action, logged). False when there was nothing.
    bool clear(const std::string& kind, const std::string& key, int64_t admin_id, const std::string& client_addr);

    const ThrottlePolicy& policy() const { return policy_; }
    // "  Bat@Example " -> "bat@example": ASCII case and surrounding spaces do not make a new account key.
    static std::string account_key(const std::string& login);

private:
    std::optional<ThrottleLock> count(store::Connection& c, const std::string& kind, const std::string& key, int threshold,
                                      int64_t now);
    store::Database& db_;
    ThrottlePolicy policy_;
};

// "Too many failed sign-ins. Try again in 2 minutes." as a 429 Error whose `current` holds
// {"retry_after": seconds, "locked_until": ISO time, "lock": kind}.
Error lock_error(const ThrottleLock& lock);

}  // namespace tumen::server
