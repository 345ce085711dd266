// What live updates need from the browser: one server-sent-event stream at a time (EventSource) and a one-shot
// timer for the reconnect backoff. The browser implements it in client/platform/event_source.*; tests use a fake
// that delivers events on demand.
#pragma once
#include <functional>
#include <string>

namespace tumen::client {

struct StreamHandlers {
    std::function<void()> opened;
    // id ("" when the frame has none), event name ("message" when none), data
    std::function<void(const std::string& id, const std::string& event, const std::string& data)> event;
    // The stream broke or could not open; it is closed and will not reconnect by itself.
    std::function<void()> failed;
};

class LiveChannel {
public:
    virtual ~LiveChannel() = default;
    // Opens `url` (same origin, with the session cookie), closing any stream opened before. The handlers are
    // called later, never from inside open().
    virtual void open(const std::string& url, StreamHandlers handlers) = 0;
    virtual void close() = 0;
    // Calls `fn` once after `ms` milliseconds.
    virtual void after(int ms, std::function<void()> fn) = 0;
};

}  // namespace tumen::client
