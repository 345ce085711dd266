// One open GET /api/v1/events: what this caller has been sent, what is due next (replay, live events, heartbeat),
// written through cpp-httplib's chunked content provider. The provider is called again and again on the stream's
// worker thread; each call writes what is due or waits a little (never longer than a heartbeat or half a second,
// so a stopping server is noticed). A failed write ends the stream and frees the worker and the slot.
#pragma once
#include <httplib.h>

#include <optional>

#include "caller.hpp"
#include "live/event_hub.hpp"

namespace tumen::server::live {

class EventStream {
public:
    // `last_event_id`: the client's Last-Event-ID (replay after it), or nullopt for a fresh start (now on).
    EventStream(EventHub& hub, store::Database& db, Caller caller, std::optional<int64_t> last_event_id);

    // One call of the content provider. False ends the stream.
    bool step(httplib::DataSink& sink);

    int64_t position() const { return position_; }

private:
    bool begin(httplib::DataSink& sink);
    bool send(httplib::DataSink& sink, const std::string& text);

    EventHub& hub_;
    store::Database& db_;
    Caller caller_;
    std::optional<int64_t> last_event_id_;
    bool started_ = false;
    int64_t position_ = 0;  // the newest change id dealt with (sent, or not for this caller)
    EventHub::Clock::time_point next_heartbeat_{};
};

}  // namespace tumen::server::live
