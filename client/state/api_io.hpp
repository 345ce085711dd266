// Talking to the API: building requests (JSON, language, CSRF token) and reading replies: the session body and the
// one error shape ({"error":{"code","message","field"}}).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "message.hpp"
#include "transport.hpp"

namespace tumen::client {

struct User {
    std::int64_t id = 0;
    std::string login;
    std::string name;
    std::string role;  // "admin", "manager", "sales_all", "sales_own" ("" when the server did not say)

    // Managers and administrators shape pipelines (add, rename, delete stages); the server checks it again.
    bool can_manage() const { return role == "admin" || role == "manager"; }
};

struct Session {
    User user;
    std::string csrf_token;
};

// A request to the endpoint `endpoint_id` of the shared API table (tumen/api.hpp), e.g. "session.login".
// Sends JSON, asks for JSON, names the UI language (so the server can word its messages) and, when given, the CSRF
// token the server requires on every state-changing request of a signed-in user.
HttpRequest api_request(std::string_view endpoint_id, std::string body, i18n::Lang lang,
                        std::string_view csrf_token = {});

// {"user":{"id","login","name",...},"csrf_token":"..."}; nullopt when the body is not that.
std::optional<Session> parse_session(std::string_view body);

// What to tell the user about a failed reply: "cannot reach the server" for status 0, the server's own message when
// the body has the error shape, otherwise a generic message naming the HTTP status.
Message problem_message(const HttpResponse& reply);

// The error code string of an error body ("unauthorized", ...), empty when the body has no error shape.
std::string error_code(const HttpResponse& reply);

}  // namespace tumen::client
