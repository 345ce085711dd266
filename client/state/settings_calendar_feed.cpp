#include "settings_calendar_feed.hpp"

#include "api_io.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {

constexpr const char* feed_path = "/api/v1/account/calendar-feed";

}  // namespace

void CalendarFeedSettings::reset() {
    loaded_ = loading_ = busy_ = active_ = false;
    prefix_.clear();
    created_at_.clear();
    last_used_at_.clear();
    url_.clear();
    banner_ = notice_ = {};
}

void CalendarFeedSettings::take(const nlohmann::json& j) {
    active_ = j.is_object() && j.value("active", false);
    prefix_ = str(j, "prefix");
    created_at_ = str(j, "created_at");
    last_used_at_ = str(j, "last_used_at");
}

void CalendarFeedSettings::ensure_loaded() {
    if (loaded_ || loading_) return;
    loading_ = true;
    io_.send("GET", feed_path, nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        loaded_ = true;  // also after a failure: the banner says it
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        take(reply_json(reply));
    });
}

void CalendarFeedSettings::rotate(const std::string& origin) {
    if (busy_) return;
    busy_ = true;
    banner_ = notice_ = {};
    io_.send("POST", feed_path, nullptr, [this, origin](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        const auto j = reply_json(reply);
        take(j);
        url_ = origin + str(j, "path");
    });
}

void CalendarFeedSettings::revoke() {
    if (busy_) return;
    busy_ = true;
    banner_ = notice_ = {};
    io_.send("DELETE", feed_path, nullptr, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok() && reply.status != 404) {  // 404: there was none, which is what was wanted
            banner_ = problem_message(reply);
            return;
        }
        active_ = false;
        prefix_.clear();
        created_at_.clear();
        last_used_at_.clear();
        url_.clear();
        notice_ = Message::from_key("settings.feed.revoked");
    });
}

}  // namespace tumen::client
