#include "store/webhooks.hpp"

#include "tumen/datetime.hpp"

namespace tumen::store {

namespace {

using nlohmann::json;
using webhook::Hook;

constexpr const char* hook_columns = "id, name, url, events, active, allow_private, version, created_at, created_by";

Hook read_hook(Statement& s) {
    Hook h;
    h.id = s.get_int(0);
    h.name = s.get_text(1);
    h.url = s.get_text(2);
    for (const auto& e : json::parse(s.get_text(3)))
        if (e.is_string()) h.events.push_back(e.get<std::string>());
    h.active = s.get_int(4) != 0;
    h.allow_private = s.get_int(5) != 0;
    h.version = s.get_int(6);
    h.created_at = s.get_int(7);
    h.created_by = s.get_opt_int(8);
    return h;
}

constexpr const char* delivery_columns =
    "id, uuid, hook_id, event, lead_id, payload, state, attempts, next_attempt_at, response_status,"
    " response_excerpt, last_error, created_at, delivered_at";

WebhookDelivery read_delivery(Statement& s) {
    WebhookDelivery d;
    d.id = s.get_int(0);
    d.uuid = s.get_text(1);
    d.hook_id = s.get_int(2);
    d.event = s.get_text(3);
    d.lead_id = s.get_opt_int(4);
    d.payload = s.get_text(5);
    d.state = webhook::delivery_state_from(s.get_text(6)).value_or(webhook::DeliveryState::pending);
    d.attempts = static_cast<int>(s.get_int(7));
    d.next_attempt_at = s.get_int(8);
    d.response_status = s.get_opt_int(9);
    d.response_excerpt = s.get_text(10);
    d.last_error = s.get_text(11);
    d.created_at = s.get_int(12);
    d.delivered_at = s.get_opt_int(13);
    return d;
}

std::optional<int64_t> opt_status(std::optional<long> s) {
    return s ? std::optional<int64_t>(*s) : std::nullopt;
}

}  // namespace

void insert_webhook(Connection& c, Hook& h, const std::string& secret) {
    auto s = c.prepare("INSERT INTO webhooks(name, url, events, secret, active, allow_private, version, created_at,"
                       " created_by) VALUES (?,?,?,?,?,?,1,?,?)");
    s.bind(1, h.name).bind(2, h.url).bind(3, json(h.events).dump()).bind(4, secret).bind(5, h.active);
    s.bind(6, h.allow_private).bind(7, h.created_at).bind(8, h.created_by);
    s.run();
    h.id = c.last_insert_id();
    h.version = 1;
}

std::optional<Hook> find_webhook(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + hook_columns + " FROM webhooks WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_hook(s);
}

std::optional<std::string> webhook_secret(Connection& c, int64_t id) {
    auto s = c.prepare("SELECT secret FROM webhooks WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return s.get_text(0);
}

std::vector<Hook> list_webhooks(Connection& c) {
    auto s = c.prepare(std::string("SELECT ") + hook_columns + " FROM webhooks ORDER BY id");
    std::vector<Hook> out;
    while (s.step()) out.push_back(read_hook(s));
    return out;
}

bool update_webhook(Connection& c, Hook& h) {
    auto s = c.prepare("UPDATE webhooks SET name = ?, url = ?, events = ?, active = ?, allow_private = ?,"
                       " version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, h.name).bind(2, h.url).bind(3, json(h.events).dump()).bind(4, h.active).bind(5, h.allow_private);
    s.bind(6, h.id).bind(7, h.version);
    s.run();
    if (c.changes() != 1) return false;
    ++h.version;
    return true;
}

bool set_webhook_secret(Connection& c, int64_t id, const std::string& secret) {
    c.prepare("UPDATE webhooks SET secret = ?, version = version + 1 WHERE id = ?").bind(1, secret).bind(2, id).run();
    return c.changes() == 1;
}

bool delete_webhook(Connection& c, int64_t id) {
    c.prepare("DELETE FROM webhooks WHERE id = ?").bind(1, id).run();
    return c.changes() == 1;
}

bool any_active_webhook(Connection& c) {
    return c.prepare("SELECT EXISTS (SELECT 1 FROM webhooks WHERE active = 1)").scalar_int() != 0;
}

std::vector<int64_t> webhooks_for_event(Connection& c, std::string_view event) {
    auto s = c.prepare("SELECT w.id FROM webhooks w WHERE w.active = 1"
                       " AND EXISTS (SELECT 1 FROM json_each(w.events) WHERE value = ?) ORDER BY w.id");
    s.bind(1, event);
    std::vector<int64_t> out;
    while (s.step()) out.push_back(s.get_int(0));
    return out;
}

json delivery_json(const WebhookDelivery& d, bool with_payload) {
    json j = {{"id", d.id},
              {"delivery_id", d.uuid},
              {"hook_id", d.hook_id},
              {"event", d.event},
              {"lead_id", d.lead_id ? json(*d.lead_id) : json()},
              {"state", webhook::to_string(d.state)},
              {"attempts", d.attempts},
              {"next_attempt_at", d.state == webhook::DeliveryState::pending ? json(format_timestamp(d.next_attempt_at)) : json()},
              {"response_status", d.response_status ? json(*d.response_status) : json()},
              {"response_excerpt", d.response_excerpt},
              {"last_error", d.last_error},
              {"created_at", format_timestamp(d.created_at)},
              {"delivered_at", d.delivered_at ? json(format_timestamp(*d.delivered_at)) : json()}};
    if (with_payload) j["payload"] = json::parse(d.payload);
    return j;
}

void insert_delivery(Connection& c, WebhookDelivery& d) {
    auto s = c.prepare("INSERT INTO webhook_deliveries(uuid, hook_id, event, lead_id, payload, state, attempts,"
                       " next_attempt_at, created_at) VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, d.uuid).bind(2, d.hook_id).bind(3, d.event).bind(4, d.lead_id).bind(5, d.payload);
    s.bind(6, webhook::to_string(d.state)).bind(7, d.attempts).bind(8, d.next_attempt_at).bind(9, d.created_at);
    s.run();
    d.id = c.last_insert_id();
}

std::optional<WebhookDelivery> find_delivery(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + delivery_columns + " FROM webhook_deliveries WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_delivery(s);
}

std::vector<WebhookDelivery> list_deliveries(Connection& c, int64_t hook_id, int limit, int64_t before_id) {
    auto s = c.prepare(std::string("SELECT ") + delivery_columns +
                       " FROM webhook_deliveries WHERE hook_id = ? AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?");
    s.bind(1, hook_id).bind(2, before_id).bind(3, before_id).bind(4, limit);
    std::vector<WebhookDelivery> out;
    while (s.step()) out.push_back(read_delivery(s));
    return out;
}

int64_t count_deliveries(Connection& c, int64_t hook_id) {
    return c.prepare("SELECT count(*) FROM webhook_deliveries WHERE hook_id = ?").bind(1, hook_id).scalar_int();
}

std::vector<WebhookDelivery> due_deliveries(Connection& c, int64_t now, int64_t after_id, int limit) {
    auto s = c.prepare(std::string("SELECT ") + delivery_columns +
                       " FROM webhook_deliveries WHERE state = 'pending' AND next_attempt_at <= ? AND id > ?"
                       " ORDER BY id LIMIT ?");
    s.bind(1, now).bind(2, after_id).bind(3, limit);
    std::vector<WebhookDelivery> out;
    while (s.step()) out.push_back(read_delivery(s));
    return out;
}

std::optional<int64_t> next_delivery_due(Connection& c) {
    auto s = c.prepare("SELECT min(next_attempt_at) FROM webhook_deliveries WHERE state = 'pending'");
    if (!s.step()) return std::nullopt;
    return s.get_opt_int(0);
}

void mark_delivery_delivered(Connection& c, int64_t id, int64_t at, long status, const std::string& excerpt) {
    c.prepare("UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, delivered_at = ?,"
              " response_status = ?, response_excerpt = ?, last_error = '' WHERE id = ?")
        .bind(1, at).bind(2, int64_t{status}).bind(3, excerpt).bind(4, id).run();
}

void mark_delivery_retry(Connection& c, int64_t id, int64_t next_at, std::optional<long> status,
                         const std::string& excerpt, const std::string& error) {
    c.prepare("UPDATE webhook_deliveries SET attempts = attempts + 1, next_attempt_at = ?, response_status = ?,"
              " response_excerpt = ?, last_error = ? WHERE id = ?")
        .bind(1, next_at).bind(2, opt_status(status)).bind(3, excerpt).bind(4, error).bind(5, id).run();
}

void mark_delivery_failed(Connection& c, int64_t id, std::optional<long> status, const std::string& excerpt,
                          const std::string& error) {
    c.prepare("UPDATE webhook_deliveries SET state = 'failed', attempts = attempts + 1, response_status = ?,"
              " response_excerpt = ?, last_error = ? WHERE id = ?")
        .bind(1, opt_status(status)).bind(2, excerpt).bind(3, error).bind(4, id).run();
}

}  // namespace tumen::store
