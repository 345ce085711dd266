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

#include "caller.hpp"
#include "tumen/api.hpp"
#include "tumen/error.hpp"
#include "tumen/i18n.hpp"

namespace tumen::server {

struct Context {
    const httplib::Request& req;
    httplib::Response& res;
    const api::Endpoint& endpoint;
    std::vector<std::string> params;  // path parameters, in template order
    std::optional<Caller> caller;
    std::string client_addr;          // the client's address, through trusted proxies (http/client_address.hpp)

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
    // A body made piece by piece after the handler returns (exports, backups), instead of raw/body. Without
    // stream_length it goes out chunked and must call sink.done() at the end; with it, Content-Length is sent
    // and done() must not be called. on_stream_end runs afterwards either way (temporary files).
    std::function<bool(size_t offset, httplib::DataSink& sink)> stream;
    std::optional<size_t> stream_length;
    std::function<void(bool success)> on_stream_end;

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
    // Bodies over the limit get 413 before the handler runs: `bytes` for every endpoint, or for one endpoint
    // (uploads and imports). The HTTP server's own limit must be at least the largest of them.
    void set_body_limit(size_t bytes) { default_body_limit_ = bytes; }
    void set_body_limit(std::string_view endpoint_id, size_t bytes) { body_limits_[std::string(endpoint_id)] = bytes; }
    void set_trusted_proxies(std::vector<std::string> addresses) { trusted_proxies_ = std::move(addresses); }

private:
    void dispatch(const api::Endpoint& e, const Handler& h, const httplib::Request& req, httplib::Response& res) const;
    Authenticator authenticate_;
    std::map<std::string, Handler, std::less<>> handlers_;
    size_t default_body_limit_ = 0;  // 0 = only the HTTP server's limit
    std::map<std::string, size_t, std::less<>> body_limits_;
    std::vector<std::string> trusted_proxies_;
};

void send_error(httplib::Response& res, const Error& e);
// The UI language the request asks for (the client sends Accept-Language: mn|en); English when absent.
i18n::Lang request_lang(const httplib::Request& req);
// send_error with the messages worded in the request's language (tumen/error_text.hpp).
// `subject` ("lead") names the summary's field by its form label (tumen::localize).
void send_error(httplib::Response& res, Error e, const httplib::Request& req, std::string_view subject = {});
void send_json(httplib::Response& res, int status, const nlohmann::json& body);

}  // namespace tumen::server
