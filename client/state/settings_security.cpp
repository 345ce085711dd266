#include "settings_security.hpp"

#include "api_io.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {
constexpr int page_size = 50;
}  // namespace

void SecurityLog::reset() {
    locks_.clear();
    events_.clear();
    next_before_ = 0;
    loading_locks_ = loading_events_ = loaded_ = false;
    banner_ = notice_ = {};
}

void SecurityLog::ensure_loaded() {
    if (loaded_ || loading()) return;
    reload();
}

void SecurityLog::reload() {
    loaded_ = true;
    load_locks();
    load_events(false);
}

void SecurityLog::load_locks() {
    loading_locks_ = true;
    io_.send("GET", "/api/v1/security/locks", nullptr, [this](const HttpResponse& reply) {
        loading_locks_ = false;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        locks_.clear();
        for (const auto& l : j["items"]) {
            if (!l.is_object()) continue;
            locks_.push_back({str(l, "kind"), str(l, "key"), str(l, "locked_until"), str(l, "last_failure_at"),
                              l.value("failures", std::int64_t{0}), l.value("locks", std::int64_t{0}), l.value("locked", false)});
        }
    });
}

void SecurityLog::load_events(bool more) {
    loading_events_ = true;
    std::string path = "/api/v1/security/events?limit=" + std::to_string(page_size);
    if (more && next_before_ > 0) path += "&before_id=" + std::to_string(next_before_);
    io_.send("GET", path, nullptr, [this, more](const HttpResponse& reply) {
        loading_events_ = false;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        if (!more) events_.clear();
        for (const auto& e : j["items"]) {
            if (!e.is_object()) continue;
            events_.push_back({e.value("id", std::int64_t{0}), str(e, "at"), str(e, "kind"), str(e, "login"),
                               str(e, "client_addr"), str(e, "detail")});
        }
        next_before_ = j.contains("next_before_id") && j["next_before_id"].is_number_integer()
                           ? j["next_before_id"].get<std::int64_t>()
                           : 0;
    });
}

void SecurityLog::load_more() {
    if (!loading_events_ && has_more()) load_events(true);
}

void SecurityLog::unlock(const LockRow& lock) {
    const std::string key = lock.key;  // accounts are keyed by the folded login, which the server folds again
    banner_ = notice_ = {};
    io_.send("POST", "/api/v1/security/locks/clear", {{"kind", lock.kind}, {"key", key}},
             [this, key](const HttpResponse& reply) {
                 if (!reply.ok()) {
                     banner_ = problem_message(reply);
                     return;
                 }
                 notice_ = Message::from_key("settings.security.unlocked", {{"key", key}});
                 reload();
             });
}

}  // namespace tumen::client
