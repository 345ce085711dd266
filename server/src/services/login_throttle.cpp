#include "services/login_throttle.hpp"

#include <algorithm>
#include <chrono>

#include "store/security_events.hpp"

#include "tumen/datetime.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

std::string LoginThrottle::account_key(const std::string& login) {
    size_t b = login.find_first_not_of(" \t"), e = login.find_last_not_of(" \t");
    std::string key = b == std::string::npos ? std::string() : login.substr(b, e - b + 1);
    for (auto& ch : key)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return std::string(utf8::truncate(key, 200));
}

std::optional<ThrottleLock> LoginThrottle::current_lock(const std::string& login, const std::string& client_addr,
                                                        int64_t now) {
    std::optional<ThrottleLock> worst;
    auto& c = db_.reader();
    for (auto [kind, key] : {std::pair<std::string, std::string>{"account", account_key(login)}, {"address", client_addr}}) {
        auto row = store::find_throttle(c, kind, key);
        if (row && row->locked_until > now && (!worst || row->locked_until > worst->until))
            worst = ThrottleLock{kind, row->locked_until, row->locked_until - now};
    }
    return worst;
}

std::optional<ThrottleLock> LoginThrottle::count(store::Connection& c, const std::string& kind, const std::string& key,
                                                 int threshold, int64_t now) {
    auto row = store::find_throttle(c, kind, key).value_or(store::ThrottleRow{kind, key});
    if (now - row.last_failure_at > policy_.failure_window_seconds) row.failures = 0;
    if (now - std::max(row.last_failure_at, row.locked_until) > policy_.forget_locks_seconds) row.lock_count = 0;
    row.failures += 1;
    row.last_failure_at = now;
    std::optional<ThrottleLock> started;
    if (row.failures >= threshold) {
        int64_t seconds = policy_.first_lock_seconds;
        for (int64_t i = 0; i < row.lock_count && seconds < policy_.max_lock_seconds; ++i) seconds *= 2;
        seconds = std::min(seconds, policy_.max_lock_seconds);
        row.locked_until = now + seconds;
        row.lock_count += 1;
        row.failures = 0;
        started = ThrottleLock{kind, row.locked_until, seconds};
    }
    store::save_throttle(c, row);
    return started;
}

std::vector<ThrottleLock> LoginThrottle::record_failure(store::Connection& c, const std::string& login,
                                                        const std::string& client_addr, int64_t now) {
    std::vector<ThrottleLock> started;
    if (auto l = count(c, "account", account_key(login), policy_.account_failures, now)) started.push_back(*l);
    if (auto l = count(c, "address", client_addr, policy_.address_failures, now)) started.push_back(*l);
    return started;
}

void LoginThrottle::record_success(store::Connection& c, const std::string& login) {
    store::delete_throttle(c, "account", account_key(login));
}

std::vector<store::ThrottleRow> LoginThrottle::list(int64_t now) { return store::list_throttles(db_.reader(), now); }

bool LoginThrottle::clear(const std::string& kind, const std::string& key, int64_t admin_id, const std::string& client_addr) {
    return db_.write([&](store::Connection& c) {
        if (!store::delete_throttle(c, kind, key)) return false;
        store::SecurityEvent e;
        e.at = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
        e.kind = "lock_cleared";
        e.login = kind == "account" ? key : "";
        e.actor_id = admin_id;
        e.client_addr = client_addr;
        e.detail = kind + " " + key;
        store::log_security_event(c, e);
        return true;
    });
}

Error lock_error(const ThrottleLock& lock) {
    int64_t minutes = (lock.seconds_left + 59) / 60;
    std::string when = minutes <= 1 ? "1 minute" : std::to_string(minutes) + " minutes";
    Error e = Error::make(ErrorCode::too_many_requests, "Too many failed sign-ins. Try again in " + when + ".");
    e.details.push_back({"", e.message, "error.login_locked"});
    e.current = {{"retry_after", lock.seconds_left}, {"locked_until", format_timestamp(lock.until)}, {"lock", lock.kind}};
    return e;
}

}  // namespace tumen::server
