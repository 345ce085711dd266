// The endpoint table. Add a row here, then a handler in server/http; the OpenAPI document follows by itself.
#include "tumen/api.hpp"

namespace tumen::api {

using A = Access;

const std::vector<Endpoint>& endpoints() {
    static const std::vector<Endpoint> table = {
        // id                 method  path                          access     tag       summary                                   request        response
        {"health",            "GET",  "/api/v1/health",             A::public_, "system", "Server version and database status",     "",            "Health"},
        {"openapi",           "GET",  "/api/v1/openapi.json",       A::public_, "system", "This OpenAPI document",                  "",            ""},
        {"session.login",     "POST", "/api/v1/session/login",      A::public_, "auth",   "Sign in; sets the session cookie",       "LoginRequest", "Session"},
        {"session.logout",    "POST", "/api/v1/session/logout",     A::user,    "auth",   "Sign out of this session",               "",            ""},
        {"session.me",        "GET",  "/api/v1/session/me",         A::user,    "auth",   "The signed-in user and CSRF token",      "",            "Session"},
    };
    return table;
}

const Endpoint* find_endpoint(std::string_view id) {
    for (const auto& e : endpoints())
        if (e.id == id) return &e;
    return nullptr;
}

}  // namespace tumen::api
