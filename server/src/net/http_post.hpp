// One outgoing HTTP(S) request over libcurl, for SMS gateways and webhooks. No redirects are followed (a gateway
// or hook that redirects is misconfigured, and a redirect could lead past the webhook address check), proxies from
// the environment are ignored (the address we checked must be the one we talk to), only http/https are allowed,
// and the response body is capped at 64 KiB (we keep only an excerpt of it anyway). Thread-safe: one curl handle
// per call.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tumen::server::net {

inline constexpr size_t http_body_cap = 64 * 1024;

struct HttpRequest {
    std::string method = "POST";  // GET, POST, PUT, PATCH, DELETE
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;  // name, value
    std::string body;              // sent as is; ignored for GET
    long timeout_s = 15;           // whole transfer, connect included
    // When set, curl connects to this address instead of resolving the URL's host (CURLOPT_RESOLVE
    // "host:port:ip"), so the address checked against SSRF rules is the address connected to. TLS still
    // verifies the certificate against the URL's host name.
    std::optional<std::string> pinned_ip;
};

struct HttpResponse {
    bool transport_ok = false;  // an HTTP answer arrived (any status); false: DNS, connect, TLS, timeout...
    long status = 0;            // HTTP status, 0 without an answer
    std::string body;           // at most http_body_cap bytes
    std::string error;          // curl's description when !transport_ok
};

HttpResponse http_send(const HttpRequest& request);

}  // namespace tumen::server::net
