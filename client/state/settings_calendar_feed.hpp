// Settings › My account › Calendar feed (issue 6): whether the user has a secret iCalendar URL (its first
// characters and when it was last read), creating or rotating it (the full URL is shown once, to copy into a
// calendar app) and revoking it.
#pragma once
#include <string>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

class CalendarFeedSettings {
public:
    explicit CalendarFeedSettings(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reset();
    bool loaded() const { return loaded_; }
    bool active() const { return active_; }
    const std::string& prefix() const { return prefix_; }
    const std::string& created_at() const { return created_at_; }      // ISO UTC, "" when none
    const std::string& last_used_at() const { return last_used_at_; }  // ISO UTC, "" when never read
    // POST: a new secret URL (any older one stops working). `origin` is the page's ("" = show the path alone).
    void rotate(const std::string& origin);
    void revoke();
    // The URL just created: shown once until dismissed.
    const std::string& url() const { return url_; }
    void dismiss_url() { url_.clear(); }
    bool busy() const { return busy_; }
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void take(const nlohmann::json& j);

    SettingsIo& io_;
    bool loaded_ = false, loading_ = false, busy_ = false, active_ = false;
    std::string prefix_, created_at_, last_used_at_, url_;
    Message banner_, notice_;
};

}  // namespace tumen::client
