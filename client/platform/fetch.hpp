// HTTP for the client through emscripten_fetch (XMLHttpRequest underneath). Same origin: the session cookie goes
// along by itself. Every completion calls `wake` so the paused main loop draws the result.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "state/transport.hpp"

namespace tumen::platform {

class FetchTransport : public client::Transport {
public:
    explicit FetchTransport(std::function<void()> wake) : wake_(std::move(wake)) {}
    void send(client::HttpRequest request, client::HttpCallback done) override;

private:
    std::function<void()> wake_;
};

// GET of a static file (e.g. a font) into memory; `done(ok, bytes)`.
void fetch_file(const std::string& url, std::function<void(bool ok, std::vector<unsigned char> bytes)> done);

}  // namespace tumen::platform
