// SMS: compose from a lead, gateway settings and test (admin), the outbox and its retry (managers).
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/sms_service.hpp"

namespace tumen::server {

void register_sms_routes(Router& r, App& app) {
    SmsService& sms = app.sms();
    r.on("leads.sms", [&sms](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(sms.compose(*ctx.caller, ctx.id_param(), body.value()), 201);
    });
    r.on("sms.settings", [&sms](Context&) -> Result<Reply> { return Reply::json(sms.settings_json()); });
    r.on("sms.settings_update", [&sms](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(sms.put_settings(body.value()));
    });
    r.on("sms.settings_test", [&sms](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(sms.test_settings(body.value()));
    });
    r.on("sms.outbox", [&sms](Context& ctx) -> Result<Reply> {
        auto limit = int_query(ctx, "limit", 100, 1, 500);
        if (!limit) return limit.error();
        auto before = int_query(ctx, "before_id", 0, 0, INT64_MAX);
        if (!before) return before.error();
        return reply_of(sms.outbox(ctx.query("state"), static_cast<int>(limit.value()), before.value()));
    });
    r.on("sms.retry", [&sms](Context& ctx) { return reply_of(sms.retry(*ctx.caller, ctx.id_param())); });
}

}  // namespace tumen::server
