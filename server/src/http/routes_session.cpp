// Sign in, sign out, and who am I.
#include "app.hpp"

namespace tumen::server {

namespace {

nlohmann::json session_json(const Caller& c) {
    return {{"user", {{"id", c.user_id}, {"login", c.login}, {"name", c.name}, {"role", c.role}, {"lang", c.lang}}},
            {"csrf_token", c.csrf_token}};
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
        auto result = app.auth().login(j["login"].get<std::string>(), j["password"].get<std::string>(),
                                       ctx.req.remote_addr, ctx.req.get_header_value("User-Agent"));
        if (!result) return result.error();
        Reply reply = Reply::json(session_json(result->caller));
        reply.headers.push_back({"Set-Cookie", AuthService::cookie_header(result->token, false)});
        return reply;
    });

    r.on("session.logout", [&app](Context& ctx) -> Result<Reply> {
        app.auth().logout(ctx.caller->session_id);
        Reply reply = Reply::no_content();
        reply.headers.push_back({"Set-Cookie", AuthService::clear_cookie_header()});
        return reply;
    });

    r.on("session.me", [](Context& ctx) -> Result<Reply> { return Reply::json(session_json(*ctx.caller)); });
}

}  // namespace tumen::server
