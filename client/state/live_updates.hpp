// Live updates of the signed-in client: keeps one event stream open (GET /api/v1/events) while signed in,
// reconnects with backoff after it breaks (asking for what it missed with ?last_event_id=), shows "reconnecting"
// meanwhile, and hands each event to the views: the board moves, adds and removes cards in place, the list
// refreshes its rows, an open lead form reloads (or, with unsaved edits, says that someone else changed it).
#pragma once
#include <cstdint>
#include <string>

#include "live_channel.hpp"

namespace tumen::client {

class AppState;

enum class LiveStatus {
    off,           // signed out, or no channel (native tests of other views)
    connecting,    // first open under way
    live,          // the stream is open
    reconnecting,  // it broke; the next attempt is scheduled or under way
};

class LiveUpdates {
public:
    static constexpr int first_retry_ms = 1000;
    static constexpr int max_retry_ms = 30000;

    explicit LiveUpdates(AppState& app) : app_(app) {}
    void set_channel(LiveChannel* channel) { channel_ = channel; }

    void connect();     // signed in
    void disconnect();  // signed out

    LiveStatus status() const { return status_; }
    // The id of the newest event received (sent back on reconnect); 0 before any.
    std::int64_t last_event_id() const { return last_event_id_; }
    // The delay before the next reconnect attempt: doubles after each failure, back to the start once open.
    int retry_ms() const { return retry_ms_; }
    // The URL the next open uses.
    std::string stream_url() const;

    // What the channel reports (public for the tests' fake channel).
    void opened();
    void received(const std::string& id, const std::string& event, const std::string& data);
    void failed();

private:
    void open();

    AppState& app_;
    LiveChannel* channel_ = nullptr;
    LiveStatus status_ = LiveStatus::off;
    std::int64_t last_event_id_ = 0;
    int retry_ms_ = first_retry_ms;
    std::uint64_t generation_ = 0;  // callbacks of a stream closed since are dropped
};

}  // namespace tumen::client
