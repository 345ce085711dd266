// API keys (a user's own; administrators see and revoke everyone's) and kiosk tokens (managers), plus what a
// kiosk token may show. Secrets appear once, in the reply to create.
#include "app.hpp"
#include "tumen/datetime.hpp"

namespace tumen::server {

void register_access_token_routes(Router& r, App& app) {
    r.on("api_keys.list", [&app](Context& ctx) -> Result<Reply> { return Reply::json(app.auth().tokens().list_api_keys(*ctx.caller)); });

    r.on("api_keys.create", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto created = app.auth().tokens().create_api_key(*ctx.caller, body.value(), ctx.client_addr);
        if (!created) return created.error();
        return Reply::json({{"id", created->id}, {"key", created->secret}, {"expires_at", created->expires_at ? nlohmann::json(format_timestamp(*created->expires_at)) : nlohmann::json(nullptr)}},
                           201);
    });

    r.on("api_keys.revoke", [&app](Context& ctx) -> Result<Reply> {
        auto ok = app.auth().tokens().revoke_api_key(*ctx.caller, ctx.id_param(), ctx.client_addr);
        if (!ok) return ok.error();
        return Reply::no_content();
    });

    r.on("kiosk_tokens.list", [&app](Context&) -> Result<Reply> { return Reply::json(app.auth().tokens().list_kiosk_tokens()); });

    r.on("kiosk_tokens.create", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto created = app.auth().tokens().create_kiosk_token(*ctx.caller, body.value(), ctx.client_addr);
        if (!created) return created.error();
        return Reply::json({{"id", created->id}, {"token", created->secret}}, 201);
    });

    r.on("kiosk_tokens.revoke", [&app](Context& ctx) -> Result<Reply> {
        auto ok = app.auth().tokens().revoke_kiosk_token(*ctx.caller, ctx.id_param(), ctx.client_addr);
        if (!ok) return ok.error();
        return Reply::no_content();
    });

    r.on("kiosk.me", [](Context& ctx) -> Result<Reply> {
        const Caller& c = *ctx.caller;
        if (!c.is_kiosk()) return Error::make(ErrorCode::forbidden, "Only kiosk tokens have a kiosk view");
        return Reply::json({{"id", c.token_id}, {"name", c.name}, {"team_ids", c.team_ids}, {"leaderboard", c.kiosk_leaderboard}});
    });
}

}  // namespace tumen::server
