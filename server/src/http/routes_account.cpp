// The signed-in user's own account: profile (language, time zone), password, TOTP second factor.
#include "app.hpp"

namespace tumen::server {

namespace {

template <class T>
Result<Reply> routes_account_json_or_error(Result<T> r) {
    if (!r) return r.error();
    return Reply::json(nlohmann::json(r.value()));
}

Result<Reply> no_content_or_error(const Result<bool>& r) {
    if (!r) return r.error();
    return Reply::no_content();
}

}  // namespace

void register_account_routes(Router& r, App& app) {
    r.on("account.get", [&app](Context& ctx) -> Result<Reply> { return routes_account_json_or_error(app.account().profile(*ctx.caller)); });

    r.on("account.update", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return routes_account_json_or_error(app.account().update_profile(*ctx.caller, body.value()));
    });

    r.on("account.password", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return no_content_or_error(app.account().change_password(*ctx.caller, body.value(), ctx.client_addr));
    });

    r.on("account.totp_setup", [&app](Context& ctx) -> Result<Reply> {
        auto setup = app.account().totp_setup(*ctx.caller);
        if (!setup) return setup.error();
        return Reply::json({{"secret", setup->secret}, {"otpauth_uri", setup->uri}});
    });

    r.on("account.totp_enable", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto codes = app.account().totp_enable(*ctx.caller, body.value(), ctx.client_addr);
        if (!codes) return codes.error();
        return Reply::json({{"recovery_codes", codes.value()}});
    });

    r.on("account.totp_disable", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return no_content_or_error(app.account().totp_disable(*ctx.caller, body.value(), ctx.client_addr));
    });

    r.on("account.recovery_codes", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto codes = app.account().new_recovery_codes(*ctx.caller, body.value(), ctx.client_addr);
        if (!codes) return codes.error();
        return Reply::json({{"recovery_codes", codes.value()}});
    });
}

}  // namespace tumen::server
