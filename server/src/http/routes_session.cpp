// Sign in (password, then TOTP when the user has it), sign out, who am I, and the user's own sessions.
#include "app.hpp"
#include "tumen/error_text.hpp"

namespace tumen::server {

namespace {

nlohmann::json session_json(const Caller& c) {
    return {{"user", {{"id", c.user_id}, {"login", c.login}, {"name", c.name}, {"role", c.role}, {"lang", c.lang}}},
            {"csrf_token", c.csrf_token}};
}

std::string text_field(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

// A lock answers 429 with Retry-After, so scripts back off and the client can count down.
Result<Reply> login_reply(App& app, Context& ctx, Result<LoginResult> result) {
    if (!result) {
        Error e = result.error();
        if (e.code != ErrorCode::too_many_requests || !e.current.contains("retry_after")) return e;
        localize(e, request_lang(ctx.req));
        Reply r = Reply::json(e.to_json(), http_status(e.code));
        r.headers.push_back({"Retry-After", std::to_string(e.current["retry_after"].get<int64_t>())});
        return r;
    }
    if (!result->challenge.empty()) return Reply::json({{"totp_required", true}, {"challenge", result->challenge}});
    // Session fixation: whatever session this browser had before is ended; the new one has a fresh id.
    if (auto old = app.auth().session_of(ctx.req)) app.auth().logout(old->session_id);
    Reply reply = Reply::json(session_json(result->caller));
    reply.headers.push_back({"Set-Cookie", AuthService::cookie_header(result->token, app.config().secure_cookies())});
    return reply;
}

}  // namespace

void register_session_routes(Router& r, App& app) {
    r.on("session.login", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        const auto& j = body.value();
        FieldErrors fe;
        if (!j.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
        if (!j.contains("login") || !j["login"].is_string() || j["login"].get<std::string>().empty())
            fe.add("login", "is required", "error.required");
        if (!j.contains("password") || !j["password"].is_string() || j["password"].get<std::string>().empty())
            fe.add("password", "is required", "error.required");
        if (!fe.empty()) return fe.to_error();
        return login_reply(app, ctx,
                           app.auth().login(j["login"].get<std::string>(), j["password"].get<std::string>(),
                                            ctx.client_addr, ctx.req.get_header_value("User-Agent")));
    });

    r.on("session.totp", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        const auto& j = body.value();
        if (!j.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
        std::string challenge = text_field(j, "challenge"), code = text_field(j, "code"), recovery = text_field(j, "recovery_code");
        FieldErrors fe;
        if (challenge.empty()) fe.add("challenge", "is required", "error.required");
        if (code.empty() == recovery.empty()) fe.add("code", "send either code or recovery_code", "error.required");
        if (!fe.empty()) return fe.to_error();
        return login_reply(app, ctx,
                           app.auth().login_second_factor(challenge, code, recovery, ctx.client_addr,
                                                          ctx.req.get_header_value("User-Agent")));
    });

    r.on("session.logout", [&app](Context& ctx) -> Result<Reply> {
        app.auth().logout(ctx.caller->session_id);
        Reply reply = Reply::no_content();
        reply.headers.push_back({"Set-Cookie", AuthService::clear_cookie_header(app.config().secure_cookies())});
        return reply;
    });

    r.on("session.me", [](Context& ctx) -> Result<Reply> { return Reply::json(session_json(*ctx.caller)); });

    r.on("sessions.list", [&app](Context& ctx) -> Result<Reply> { return Reply::json(app.account().sessions(*ctx.caller)); });

    r.on("sessions.revoke", [&app](Context& ctx) -> Result<Reply> {
        auto ok = app.account().revoke_session(*ctx.caller, ctx.id_param(), ctx.client_addr);
        if (!ok) return ok.error();
        Reply reply = Reply::no_content();
        if (ctx.id_param() == ctx.caller->session_id)
            reply.headers.push_back({"Set-Cookie", AuthService::clear_cookie_header(app.config().secure_cookies())});
        return reply;
    });

    r.on("sessions.revoke_all", [&app](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        const auto& j = body.value();
        bool keep_current = j.is_object() && j.contains("keep_current") && j["keep_current"].is_boolean() && j["keep_current"].get<bool>();
        int ended = app.account().revoke_all_sessions(*ctx.caller, keep_current, ctx.client_addr);
        Reply reply = Reply::json({{"ended", ended}});
        if (!keep_current) reply.headers.push_back({"Set-Cookie", AuthService::clear_cookie_header(app.config().secure_cookies())});
        return reply;
    });
}

}  // namespace tumen::server
