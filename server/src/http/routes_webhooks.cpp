// Outgoing webhooks (administrators): hooks, their secret, a test ping, the delivery log and redelivery.
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/webhook_service.hpp"

namespace tumen::server {

void register_webhook_routes(Router& r, App& app) {
    WebhookService& hooks = app.webhooks();
    r.on("webhooks.list", [&hooks](Context&) { return reply_of(hooks.list()); });
    r.on("webhooks.create", [&hooks](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(hooks.create(*ctx.caller, body.value()), 201);
    });
    r.on("webhooks.get", [&hooks](Context& ctx) { return reply_of(hooks.get(ctx.id_param())); });
    r.on("webhooks.update", [&hooks](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(hooks.update(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("webhooks.delete", [&hooks](Context& ctx) { return deleted_reply(hooks.remove(*ctx.caller, ctx.id_param())); });
    r.on("webhooks.rotate_secret", [&hooks](Context& ctx) { return reply_of(hooks.rotate_secret(*ctx.caller, ctx.id_param())); });
    r.on("webhooks.test", [&hooks](Context& ctx) { return reply_of(hooks.test(*ctx.caller, ctx.id_param())); });
    r.on("webhooks.deliveries", [&hooks](Context& ctx) -> Result<Reply> {
        auto limit = int_query(ctx, "limit", 50, 1, 200);
        if (!limit) return limit.error();
        auto before = int_query(ctx, "before_id", 0, 0, INT64_MAX);
        if (!before) return before.error();
        return reply_of(hooks.deliveries(ctx.id_param(), static_cast<int>(limit.value()), before.value()));
    });
    r.on("webhook_deliveries.redeliver", [&hooks](Context& ctx) {
        return reply_of(hooks.redeliver(*ctx.caller, ctx.id_param()), 201);
    });
}

}  // namespace tumen::server
