// Binds the shared API contract (tumen::api::endpoints) to handlers. Every route goes through here, so access
// checks, CSRF, JSON parsing and the one error shape are applied once and cannot be forgotten by a handler.
#pragma once
#include <httplib.h>

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tumen/api.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

// The caller, as established by the authenticator (session cookie or API key).
struct Caller {
    int64_t user_id = 0;
    std::string login;
    std::string name;
    std::string role;        // admin | manager | sales_all | sales_own | portal
    std::string lang;
    int64_t session_id = 0;  // 0 for API keys
    std::string csrf_token;  // expected in X-CSRF-Token for state-changing requests made with a session
    bool via_api_key = false;
    bool read_only = false;
};

struct Context {
    const httplib::Request& req;
    httplib::Response& res;
    const api::Endpoint& endpoint;
    std::vector<std::string> params;  // path parameters, in template order
    std::optional<Caller> caller;

    int64_t id_param(size_t i = 0) const { return std::stoll(params.at(i)); }
    // The request body as JSON (400 naming the byte position when malformed; {} when empty).
    Result<nlohmann::json> json_body() const;
    std::string query(const std::string& key, const std::string& fallback = "") const;
};

struct Reply {
    int status = 200;
    nlohmann::json body;          // sent as JSON unless `raw` is set
    std::optional<std::string> raw;
    std::string content_type = "application/json; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;

    static Reply json(nlohmann::json body, int status = 200) { Reply r; r.status = status; r.body = std::move(body); return r; }
    static Reply no_content() { Reply r; r.status = 204; return r; }
};

using Handler = std::function<Result<Reply>(Context&)>;

// Resolves the caller of a request (nullopt = anonymous). Implemented by the auth service.
using Authenticator = std::function<std::optional<Caller>(const httplib::Request&)>;

class Router {
public:
    explicit Router(Authenticator authenticate) : authenticate_(std::move(authenticate)) {}
    void on(std::string_view endpoint_id, Handler handler);
    // Registers every endpoint of the contract on the server; throws if one has no handler.
    void install(httplib::Server& server) const;

private:
    void dispatch(const api::Endpoint& e, const Handler& h, const httplib::Request& req, httplib::Response& res) const;
    Authenticator authenticate_;
    std::map<std::string, Handler, std::less<>> handlers_;
};

void send_error(httplib::Response& res, const Error& e);
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

}  // namespace tumen::server
