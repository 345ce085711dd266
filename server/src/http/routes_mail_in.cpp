// Inbound e-mail: POST /api/v1/mail/inbound takes one raw RFC 5322 message (the mailgate command and scripts post
// here with an administrator's API key), GET /api/v1/mail/channels shows every channel's counters and state.
#include "app.hpp"
#include "services/record_support.hpp"

namespace tumen::server {

void register_mail_in_routes(Router& r, App& app) {
    MailInboundService& inbound = app.mail_inbound();
    // A mail carries its attachments base64-encoded: the attachment limit is the message's limit.
    r.set_body_limit("mail.inbound", app.config().max_attachment_bytes);
    r.on("mail.inbound", [&inbound](Context& ctx) -> Result<Reply> {
        const std::string channel = ctx.query("channel", "http");
        if (channel != "http" && channel != "mailgate")
            return field_error("channel", "must be http or mailgate", "error.invalid");
        if (ctx.req.body.empty()) return field_error("message", "is required: the raw message as the body", "error.required");
        auto out = inbound.receive(*ctx.caller, channel, ctx.req.body);
        if (!out) return out.error();
        return Reply::json(out.value(), out->outcome == "created" ? 201 : 200);
    });
    r.on("mail.channels", [&inbound](Context&) -> Result<Reply> { return Reply::json(inbound.channels_json()); });
}

}  // namespace tumen::server
