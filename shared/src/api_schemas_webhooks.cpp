// JSON Schemas of outgoing webhooks: hooks (the secret only in the create/rotate replies) and the delivery log.
#include "api_schema_parts.hpp"
#include "tumen/webhook.hpp"

namespace tumen::api {

using namespace schema;

json webhook_schemas() {
    const json events = array_of(enum_of(webhook::event_names()));
    json fields = {{"name", {{"type", "string"}, {"maxLength", 200}}},
                   {"url", {{"type", "string"}, {"maxLength", 2000},
                            {"description", "http or https, no user:password@; loopback and private addresses are refused unless allow_private"}}},
                   {"events", events},
                   {"active", t("boolean")},
                   {"allow_private", described("boolean", "allow loopback, private, link-local and other non-public targets (SSRF risk)")}};
    json delivery = obj({{"id", t("integer")},
                         {"delivery_id", described("string", "the payload's id and X-Tumen-Delivery (a UUID)")},
                         {"hook_id", t("integer")},
                         {"event", described("string", "an event name, or ping")},
                         {"lead_id", nullable(t("integer"))},
                         {"state", enum_of({"pending", "delivered", "failed"})},
                         {"attempts", t("integer")},
                         {"next_attempt_at", nullable(date_time())},
                         {"response_status", nullable(t("integer"))},
                         {"response_excerpt", described("string", "the start of the receiver's answer")},
                         {"last_error", described("string", "why the last attempt failed (refused target, HTTP status, network)")},
                         {"created_at", date_time()},
                         {"delivered_at", nullable(date_time())},
                         {"payload", described("object", "the body POSTed: {id, event, occurred_at, data} (in the log only)")}},
                        {"id", "delivery_id", "hook_id", "event", "state", "attempts"});
    json hook = obj(fields);
    for (const char* f : {"id", "version"}) hook["properties"][f] = t("integer");
    hook["properties"]["created_at"] = date_time();
    hook["properties"]["created_by"] = nullable(t("integer"));
    hook["properties"]["last_delivery"] = nullable(ref("WebhookDelivery"));
    json with_secret = hook;
    with_secret["properties"]["secret"] =
        described("string", "HMAC-SHA256 key: X-Tumen-Signature = sha256=hex(HMAC(secret, X-Tumen-Timestamp + \".\" + body))");
    json update = obj(fields, {"version"});
    update["properties"]["version"] = t("integer");
    return {
        {"Webhook", hook},
        {"WebhookWithSecret", with_secret},
        {"WebhookInput", obj(fields, {"name", "url", "events"})},
        {"WebhookUpdate", update},
        {"WebhookList", obj({{"items", array_of(ref("Webhook"))}, {"events", events},
                             {"channel", described("object", "the webhooks channel: counters, state, last error")}},
                            {"items", "events"})},
        {"WebhookDelivery", delivery},
        {"WebhookDeliveryList", obj({{"items", array_of(ref("WebhookDelivery"))}, {"total", t("integer")}}, {"items", "total"})},
    };
}

}  // namespace tumen::api
