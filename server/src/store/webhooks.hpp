// Outgoing webhooks (tables webhooks, webhook_deliveries; migration `webhooks`). The secret lives only here and
// in the reply of create/rotate: webhook::Hook (the wire form) never carries it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/webhook.hpp"

namespace tumen::store {

void insert_webhook(Connection& c, webhook::Hook& h, const std::string& secret);  // sets id, version 1
std::optional<webhook::Hook> find_webhook(Connection& c, int64_t id);
std::optional<std::string> webhook_secret(Connection& c, int64_t id);
std::vector<webhook::Hook> list_webhooks(Connection& c);
// Writes the editable fields when h.version is current; bumps h.version. False: stale or gone.
bool update_webhook(Connection& c, webhook::Hook& h);
// New secret; bumps the version. False: no such hook.
bool set_webhook_secret(Connection& c, int64_t id, const std::string& secret);
bool delete_webhook(Connection& c, int64_t id);  // its deliveries go with it
// True when some hook is active (the lead write path's cheap first check).
bool any_active_webhook(Connection& c);
// Ids of the active hooks subscribed to `event`.
std::vector<int64_t> webhooks_for_event(Connection& c, std::string_view event);

struct WebhookDelivery {
    int64_t id = 0;
    std::string uuid;
    int64_t hook_id = 0;
    std::string event;
    std::optional<int64_t> lead_id;
    std::string payload;  // the exact body POSTed
    webhook::DeliveryState state = webhook::DeliveryState::pending;
    int attempts = 0;
    int64_t next_attempt_at = 0;
    std::optional<int64_t> response_status;
    std::string response_excerpt;
    std::string last_error;
    int64_t created_at = 0;
    std::optional<int64_t> delivered_at;
};
// The API's form (no payload unless asked: the log lists many).
nlohmann::json delivery_json(const WebhookDelivery& d, bool with_payload);

void insert_delivery(Connection& c, WebhookDelivery& d);  // sets id
std::optional<WebhookDelivery> find_delivery(Connection& c, int64_t id);
// A hook's deliveries, newest first, ids below before_id (0 = from the newest).
std::vector<WebhookDelivery> list_deliveries(Connection& c, int64_t hook_id, int limit, int64_t before_id);
int64_t count_deliveries(Connection& c, int64_t hook_id);
// Pending rows due at `now`, ids after `after_id`, oldest first.
std::vector<WebhookDelivery> due_deliveries(Connection& c, int64_t now, int64_t after_id, int limit);
std::optional<int64_t> next_delivery_due(Connection& c);

// One attempt's outcome; attempts + 1 each.
void mark_delivery_delivered(Connection& c, int64_t id, int64_t at, long status, const std::string& excerpt);
void mark_delivery_retry(Connection& c, int64_t id, int64_t next_at, std::optional<long> status,
                         const std::string& excerpt, const std::string& error);
void mark_delivery_failed(Connection& c, int64_t id, std::optional<long> status, const std::string& excerpt,
                          const std::string& error);

}  // namespace tumen::store
