// What the view models need from the network: send one HTTP request, get one reply later.
// The browser implements it with emscripten_fetch (client/platform); tests use a fake that answers on demand.
#pragma once
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace tumen::client {

struct HttpRequest {
    std::string method;  // "GET", "POST", ...
    std::string path;    // same-origin path, e.g. "/api/v1/session/login"
    std::string body;    // JSON text or empty
    std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
    int status = 0;      // 0: no answer at all (server down, network error, timeout)
    std::string body;
    bool ok() const { return status >= 200 && status < 300; }
};

using HttpCallback = std::function<void(const HttpResponse&)>;

class Transport {
public:
    virtual ~Transport() = default;
    // Must call `done` exactly once, later (never from inside send()).
    virtual void send(HttpRequest request, HttpCallback done) = 0;
};

}  // namespace tumen::client
