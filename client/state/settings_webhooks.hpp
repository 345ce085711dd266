// Settings › Webhooks (administrators): the registered hooks with the state of their last delivery, an editor
// (name, URL, event checkboxes, "allow private networks" with its warning), the signing secret shown once after
// create or rotate (forgotten when the page is left), a Test button (the server's answer at once), and one
// hook's delivery log with Redeliver. Saving sends the version read; a 409 takes the server's hook and says so.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct WebhookDeliveryRow {
    std::int64_t id = 0;
    std::string event;
    std::string state;  // pending | delivered | failed
    std::optional<std::int64_t> response_status;
    std::string last_error;
    std::string response_excerpt;
    int attempts = 0;
    std::string created_at;
    std::optional<std::int64_t> lead_id;
};

struct WebhookRow {
    std::int64_t id = 0;
    std::string name;
    std::string url;
    std::vector<std::string> events;
    bool active = true;
    bool allow_private = false;
    std::int64_t version = 0;
    std::optional<WebhookDeliveryRow> last_delivery;
};

std::optional<WebhookRow> webhook_row_of(const nlohmann::json& j);
std::optional<WebhookDeliveryRow> webhook_delivery_of(const nlohmann::json& j);

class WebhooksAdmin {
public:
    explicit WebhooksAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();
    bool loading() const { return loading_; }
    const std::vector<WebhookRow>& items() const { return items_; }
    // The events a hook may subscribe to (from the server's list; a fixed fallback until it answers).
    const std::vector<std::string>& event_names() const { return events_; }
    // The webhooks channel: "unknown" | "ok" | "error", and its last error.
    const std::string& channel_state() const { return channel_state_; }
    const std::string& channel_error() const { return channel_error_; }

    // The editor: a new hook (id 0) or a copy of an existing one.
    bool editing() const { return editing_; }
    void edit(std::int64_t id);
    void create();
    void cancel();
    WebhookRow draft;
    bool subscribed(const std::string& event) const;
    void set_subscribed(const std::string& event, bool on);
    void save();
    void remove(std::int64_t id);
    std::int64_t confirm_delete = 0;
    void rotate_secret(std::int64_t id);
    void test(std::int64_t id);
    bool busy() const { return busy_; }

    // The secret shown once (after create or rotate); "" when none. dismiss_secret() forgets it.
    const std::string& secret() const { return secret_; }
    const std::string& secret_hook_name() const { return secret_name_; }
    void dismiss_secret() { secret_.clear(); }

    // The delivery log of one hook (0 = none open).
    std::int64_t log_hook() const { return log_hook_; }
    void show_log(std::int64_t hook_id);
    void close_log() { log_hook_ = 0; log_.clear(); }
    const std::vector<WebhookDeliveryRow>& log() const { return log_; }
    bool log_loading() const { return log_loading_; }
    void redeliver(std::int64_t delivery_id);

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    void clear_error(const std::string& field) { errors_.erase(field); }
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void take(const WebhookRow& row);
    void load_log();

    SettingsIo& io_;
    std::vector<WebhookRow> items_;
    std::vector<std::string> events_;
    std::string channel_state_ = "unknown", channel_error_;
    bool loading_ = false, loaded_ = false, editing_ = false, busy_ = false, log_loading_ = false;
    std::string secret_, secret_name_;
    std::int64_t log_hook_ = 0;
    std::vector<WebhookDeliveryRow> log_;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
