// Settings › Security (administrators): sign-in failures and locks (with "lift the lock") and the security event
// log, newest first, paged with "load more".
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct LockRow {
    std::string kind, key, locked_until, last_failure_at;  // kind: "account" | "address"
    std::int64_t failures = 0, locks = 0;
    bool locked = false;
};

struct SecurityEventRow {
    std::int64_t id = 0;
    std::string at, kind, login, client_addr, detail;
};

class SecurityLog {
public:
    explicit SecurityLog(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();
    bool loading() const { return loading_locks_ || loading_events_; }
    const std::vector<LockRow>& locks() const { return locks_; }
    const std::vector<SecurityEventRow>& events() const { return events_; }
    bool has_more() const { return next_before_ > 0; }
    void load_more();
    void unlock(const LockRow& lock);

    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void load_locks();
    void load_events(bool more);

    SettingsIo& io_;
    std::vector<LockRow> locks_;
    std::vector<SecurityEventRow> events_;
    std::int64_t next_before_ = 0;
    bool loading_locks_ = false, loading_events_ = false, loaded_ = false;
    Message banner_, notice_;
};

}  // namespace tumen::client
