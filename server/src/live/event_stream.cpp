#include "live/event_stream.hpp"

#include <algorithm>

#include "store/change_log.hpp"

namespace tumen::server::live {

namespace {
constexpr size_t batch = 200;
constexpr auto longest_wait = std::chrono::milliseconds(500);
// How long an EventSource waits before it reconnects by itself (the client adds its own backoff on top).
constexpr const char* retry_line = "retry: 2000\n\n";
}  // namespace

EventStream::EventStream(EventHub& hub, store::Database& db, Caller caller, std::optional<int64_t> last_event_id)
    : hub_(hub), db_(db), caller_(std::move(caller)), last_event_id_(last_event_id) {}

bool EventStream::send(httplib::DataSink& sink, const std::string& text) {
    if (!sink.write(text.data(), text.size())) return false;
    next_heartbeat_ = EventHub::Clock::now() + std::chrono::milliseconds(hub_.options().heartbeat_ms);
    return true;
}

bool EventStream::begin(httplib::DataSink& sink) {
    started_ = true;
    const auto window = store::change_window(db_.reader());
    const int64_t newest = std::max(window.newest, hub_.published());
    if (!send(sink, retry_line)) return false;
    if (!last_event_id_) {
        // A fresh client has just loaded what it shows; it needs the changes from now on, and an id to come back with.
        position_ = newest;
        return send(sink, sse_frame(position_, "hello", {{"last_event_id", position_}}));
    }
    const int64_t last = *last_event_id_;
    // Ids are dense, so the client missed nothing we lost only if its next id is still in the log. An id from the
    // future (a restored database) cannot be replayed either.
    const bool gap = last > newest || (window.oldest > 0 && last + 1 < window.oldest);
    if (gap) {
        position_ = newest;
        return send(sink, sse_frame(position_, "reload",
                                    {{"reason", last > newest ? "unknown_id" : "too_old"}, {"oldest", window.oldest}}));
    }
    position_ = last;
    return true;
}

bool EventStream::step(httplib::DataSink& sink) {
    if (hub_.stopping()) return false;
    if (!started_) return begin(sink);

    std::vector<EventHub::EventPtr> from_memory;
    std::vector<LiveEvent> from_log;
    if (auto recent = hub_.recent_after(position_, batch)) from_memory = std::move(*recent);
    else from_log = load_events(db_.reader(), position_, static_cast<int>(batch));  // replay older than memory

    bool any = false;
    auto deliver = [&](const LiveEvent& e) {
        any = true;
        position_ = e.id;
        const std::string* frame = frame_for(e, caller_);
        return !frame || send(sink, *frame);
    };
    for (const auto& e : from_memory)
        if (!deliver(*e)) return false;
    for (const auto& e : from_log)
        if (!deliver(e)) return false;

    // Checked after delivering too: a flood of events this caller may not see sends nothing, and the heartbeat
    // must still go out (or the client and the proxies in between take the stream for dead).
    const auto now = EventHub::Clock::now();
    if (now >= next_heartbeat_) return send(sink, sse_comment("keep-alive"));
    if (any) return true;
    hub_.wait_after(position_, std::min(next_heartbeat_, now + longest_wait));
    return !hub_.stopping();
}

}  // namespace tumen::server::live
