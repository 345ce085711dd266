#include "settings_webhooks.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "json_fields.hpp"
#include "tumen/webhook.hpp"

namespace tumen::client {

using nlohmann::json;

namespace {
}  // namespace

std::optional<WebhookDeliveryRow> webhook_delivery_of(const json& j) {
    if (!j.is_object() || !opt_int(j, "id")) return std::nullopt;
    WebhookDeliveryRow d;
    d.id = *opt_int(j, "id");
    d.event = str(j, "event");
    d.state = str(j, "state");
    d.response_status = opt_int(j, "response_status");
    d.last_error = str(j, "last_error");
    d.response_excerpt = str(j, "response_excerpt");
    d.attempts = static_cast<int>(opt_int(j, "attempts").value_or(0));
    d.created_at = str(j, "created_at");
    d.lead_id = opt_int(j, "lead_id");
    return d;
}

std::optional<WebhookRow> webhook_row_of(const json& j) {
    if (!j.is_object() || !opt_int(j, "id")) return std::nullopt;
    WebhookRow h;
    h.id = *opt_int(j, "id");
    h.name = str(j, "name");
    h.url = str(j, "url");
    if (j.contains("events") && j["events"].is_array())
        for (const auto& e : j["events"])
            if (e.is_string()) h.events.push_back(e.get<std::string>());
    h.active = j.value("active", true);
    h.allow_private = j.value("allow_private", false);
    h.version = opt_int(j, "version").value_or(0);
    if (j.contains("last_delivery")) h.last_delivery = webhook_delivery_of(j["last_delivery"]);
    return h;
}

void WebhooksAdmin::reset() {
    items_.clear();
    events_.clear();
    channel_state_ = "unknown";
    channel_error_.clear();
    loading_ = loaded_ = editing_ = busy_ = log_loading_ = false;
    draft = {};
    confirm_delete = 0;
    secret_.clear();
    secret_name_.clear();
    log_hook_ = 0;
    log_.clear();
    errors_.clear();
    banner_ = notice_ = {};
}

void WebhooksAdmin::ensure_loaded() {
    if (!loaded_ && !loading_) reload();
}

void WebhooksAdmin::reload() {
    loaded_ = loading_ = true;
    io_.send("GET", "/api/v1/webhooks", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        items_.clear();
        for (const auto& it : j["items"])
            if (auto h = webhook_row_of(it)) items_.push_back(std::move(*h));
        events_.clear();
        if (j.contains("events") && j["events"].is_array())
            for (const auto& e : j["events"])
                if (e.is_string()) events_.push_back(e.get<std::string>());
        if (j.contains("channel") && j["channel"].is_object()) {
            channel_state_ = str(j["channel"], "state");
            channel_error_ = str(j["channel"], "last_error");
        }
    });
}

const Message* WebhooksAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void WebhooksAdmin::edit(std::int64_t id) {
    for (const auto& h : items_)
        if (h.id == id) {
            draft = h;
            editing_ = true;
            errors_.clear();
            banner_ = notice_ = {};
        }
}

void WebhooksAdmin::create() {
    draft = {};
    draft.events = {std::string(webhook::lead_created)};
    editing_ = true;
    errors_.clear();
    banner_ = notice_ = {};
}

void WebhooksAdmin::cancel() {
    editing_ = false;
    draft = {};
    errors_.clear();
}

bool WebhooksAdmin::subscribed(const std::string& event) const {
    return std::find(draft.events.begin(), draft.events.end(), event) != draft.events.end();
}

void WebhooksAdmin::set_subscribed(const std::string& event, bool on) {
    std::erase(draft.events, event);
    if (on) draft.events.push_back(event);
    errors_.erase("events");
}

void WebhooksAdmin::take(const WebhookRow& row) {
    for (auto& h : items_)
        if (h.id == row.id) {
            h = row;
            return;
        }
    items_.push_back(row);
}

void WebhooksAdmin::save() {
    if (busy_ || !editing_) return;
    banner_ = notice_ = {};
    errors_.clear();
    // shared/'s checks first: the same messages the server would give, without the round trip.
    webhook::Hook probe;
    json body = {{"name", draft.name}, {"url", draft.url}, {"events", draft.events}, {"active", draft.active},
                 {"allow_private", draft.allow_private}};
    errors_ = field_messages(webhook::apply_hook_json(probe, body, true).list());
    if (!errors_.empty()) return;
    const bool fresh = draft.id == 0;
    if (!fresh) body["version"] = draft.version;
    busy_ = true;
    const std::string name = draft.name;
    const std::string path = "/api/v1/webhooks" + (fresh ? std::string() : "/" + std::to_string(draft.id));
    io_.send(fresh ? "POST" : "PUT", path, body, [this, fresh, name](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                if (auto row = webhook_row_of(*current)) {
                    take(*row);
                    draft.version = row->version;  // the edits stay; saving again overwrites knowingly
                }
                banner_ = problem_message(reply);
                return;
            }
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        const json j = reply_json(reply);
        if (auto row = webhook_row_of(j)) take(*row);
        else reload();
        if (fresh && j.is_object() && j.contains("secret") && j["secret"].is_string()) {
            secret_ = j["secret"].get<std::string>();
            secret_name_ = name;
        }
        editing_ = false;
        draft = {};
        notice_ = Message::from_key("settings.webhooks.saved");
    });
}

void WebhooksAdmin::remove(std::int64_t id) {
    banner_ = notice_ = {};
    io_.send("DELETE", "/api/v1/webhooks/" + std::to_string(id), nullptr, [this, id](const HttpResponse& reply) {
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        std::erase_if(items_, [id](const WebhookRow& h) { return h.id == id; });
        if (editing_ && draft.id == id) cancel();
        if (log_hook_ == id) close_log();
        notice_ = Message::from_key("settings.webhooks.deleted");
    });
}

void WebhooksAdmin::rotate_secret(std::int64_t id) {
    if (busy_) return;
    banner_ = notice_ = {};
    busy_ = true;
    io_.send("POST", "/api/v1/webhooks/" + std::to_string(id) + "/rotate-secret", json::object(),
             [this](const HttpResponse& reply) {
                 busy_ = false;
                 const json j = reply_json(reply);
                 if (!reply.ok() || !j.is_object() || !j.contains("secret") || !j["secret"].is_string()) {
                     banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
                     return;
                 }
                 if (auto row = webhook_row_of(j)) {
                     take(*row);
                     secret_name_ = row->name;
                 }
                 secret_ = j["secret"].get<std::string>();
             });
}

void WebhooksAdmin::test(std::int64_t id) {
    if (busy_) return;
    banner_ = notice_ = {};
    busy_ = true;
    io_.send("POST", "/api/v1/webhooks/" + std::to_string(id) + "/test", json::object(), [this, id](const HttpResponse& reply) {
        busy_ = false;
        auto d = webhook_delivery_of(reply_json(reply));
        if (!reply.ok() || !d) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        for (auto& h : items_)
            if (h.id == id) h.last_delivery = *d;
        if (d->state == "delivered")
            notice_ = Message::from_key("settings.webhooks.test_ok", {{"status", std::to_string(d->response_status.value_or(0))}});
        else
            banner_ = Message::from_key("settings.webhooks.test_failed", {{"error", d->last_error}});
        if (log_hook_ == id) load_log();
    });
}

void WebhooksAdmin::show_log(std::int64_t hook_id) {
    log_hook_ = hook_id;
    log_.clear();
    load_log();
}

void WebhooksAdmin::load_log() {
    if (!log_hook_) return;
    log_loading_ = true;
    const std::int64_t hook = log_hook_;
    io_.send("GET", "/api/v1/webhooks/" + std::to_string(hook) + "/deliveries?limit=50", nullptr,
             [this, hook](const HttpResponse& reply) {
                 if (hook != log_hook_) return;  // another hook's log was opened meanwhile
                 log_loading_ = false;
                 const json j = reply_json(reply);
                 if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
                     banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
                     return;
                 }
                 log_.clear();
                 for (const auto& it : j["items"])
                     if (auto d = webhook_delivery_of(it)) log_.push_back(std::move(*d));
             });
}

void WebhooksAdmin::redeliver(std::int64_t delivery_id) {
    banner_ = notice_ = {};
    io_.send("POST", "/api/v1/webhook-deliveries/" + std::to_string(delivery_id) + "/redeliver", json::object(),
             [this](const HttpResponse& reply) {
                 if (!reply.ok()) {
                     banner_ = problem_message(reply);
                     return;
                 }
                 notice_ = Message::from_key("settings.webhooks.redelivered");
                 load_log();
             });
}

}  // namespace tumen::client
