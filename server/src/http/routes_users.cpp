// Users administration (administrators only, enforced by the contract's Access::admin) and the user directory.
#include "app.hpp"

namespace tumen::server {

namespace {

Result<Reply> routes_users_json_or_error(Result<nlohmann::json> r, int status = 200) {
    if (!r) return r.error();
    return Reply::json(std::move(r).value(), status);
}

}  // namespace

void register_users_routes(Router& r, App& app) {
    r.on("users.list", [&app](Context&) -> Result<Reply> { return Reply::json(app.users().list()); });

    r.on("users.directory", [&app](Context&) -> Result<Reply> { return Reply::json(app.users().directory()); });

    r.on("users.get", [&app](Context& ctx) -> Result<Reply> { return routes_users_json_or_error(app.users().get(ctx.id_param())); });

    r.on("users.create", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return routes_users_json_or_error(app.users().create(*ctx.caller, body.value(), ctx.client_addr), 201);
    });

    r.on("users.update", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return routes_users_json_or_error(app.users().update(*ctx.caller, ctx.id_param(), body.value(), ctx.client_addr));
    });

    r.on("users.deactivate", [&app](Context& ctx) -> Result<Reply> {
        return routes_users_json_or_error(app.users().deactivate(*ctx.caller, ctx.id_param(), ctx.client_addr));
    });

    r.on("users.set_password", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto ok = app.users().set_password(*ctx.caller, ctx.id_param(), body.value(), ctx.client_addr);
        if (!ok) return ok.error();
        return Reply::no_content();
    });

    r.on("users.totp_reset", [&app](Context& ctx) -> Result<Reply> {
        auto ok = app.users().reset_totp(*ctx.caller, ctx.id_param(), ctx.client_addr);
        if (!ok) return ok.error();
        return Reply::no_content();
    });
}

}  // namespace tumen::server
