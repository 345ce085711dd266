// Outgoing e-mail: compose from a lead, SMTP settings (admin), the outbox (managers) and templates.
#include "app.hpp"
#include "http/request_params.hpp"
#include "services/mail_service.hpp"

namespace tumen::server {

void register_mail_out_routes(Router& r, App& app) {
    MailService& mail = app.mail();
    r.on("leads.mail", [&mail](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(mail.compose(*ctx.caller, ctx.id_param(), body.value()), 201);
    });
    r.on("mail.settings", [&mail](Context&) -> Result<Reply> { return Reply::json(mail.settings_json()); });
    r.on("mail.settings_update", [&mail](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(mail.put_settings(body.value()));
    });
    r.on("mail.settings_test", [&mail](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(mail.test_settings(body.value()));
    });
    r.on("mail.outbox", [&mail](Context& ctx) -> Result<Reply> {
        auto limit = int_query(ctx, "limit", 100, 1, 500);
        if (!limit) return limit.error();
        auto before = int_query(ctx, "before_id", 0, 0, INT64_MAX);
        if (!before) return before.error();
        return reply_of(mail.outbox(ctx.query("state"), static_cast<int>(limit.value()), before.value()));
    });
    r.on("mail.outbox_retry", [&mail](Context& ctx) { return reply_of(mail.retry(*ctx.caller, ctx.id_param())); });
    r.on("mail_templates.list", [&mail](Context& ctx) -> Result<Reply> {
        const std::string active = ctx.query("active", "true");
        if (active != "true" && active != "all")
            return Error::make(ErrorCode::bad_request, "active must be true or all", "active");
        return items_reply(mail.templates(active == "true"));
    });
    r.on("mail_templates.get", [&mail](Context& ctx) { return reply_of(mail.template_get(ctx.id_param())); });
    r.on("mail_templates.create", [&mail](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(mail.template_create(*ctx.caller, body.value()), 201);
    });
    r.on("mail_templates.update", [&mail](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return reply_of(mail.template_update(*ctx.caller, ctx.id_param(), body.value()));
    });
    r.on("mail_templates.delete", [&mail](Context& ctx) {
        return deleted_reply(mail.template_delete(*ctx.caller, ctx.id_param()));
    });
}

}  // namespace tumen::server
