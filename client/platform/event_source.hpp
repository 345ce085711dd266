// Live updates for the client: the server-sent-event stream of GET /api/v1/events, read with fetch() and a
// ReadableStream (parsed as SSE in event_source.cpp) rather than EventSource: EventSource delivers named events
// ("lead.moved", ...) only to listeners registered per name, hides the HTTP status of a refusal (401, 503), and
// reconnects on its own schedule; here the view model (client/state/live_updates.hpp) decides about reconnecting.
// Every callback wakes the paused main loop.
#pragma once
#include <functional>

#include "state/live_channel.hpp"

namespace tumen::platform {

class FetchEventChannel : public client::LiveChannel {
public:
    explicit FetchEventChannel(std::function<void()> wake);
    ~FetchEventChannel() override;
    void open(const std::string& url, client::StreamHandlers handlers) override;
    void close() override;
    void after(int ms, std::function<void()> fn) override;

    // Called by the JS side (exports in event_source.cpp).
    void opened(int handle);
    void event(int handle, const char* id, const char* name, const char* data);
    void failed(int handle);

private:
    std::function<void()> wake_;
    client::StreamHandlers handlers_;
    int handle_ = 0;  // the stream the JS side is reading; callbacks of older ones are dropped
};

}  // namespace tumen::platform
