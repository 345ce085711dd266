// The live-event hub: one thread that reads each committed change once (woken by the database's after-commit hook,
// and by a slow poll for writers outside this process), keeps the newest events in memory for every stream, wakes
// the streams, and bounds the change log. It also counts open streams against the cap: each stream holds one of
// cpp-httplib's worker threads for as long as it is open.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "live/live_event.hpp"
#include "store/database.hpp"

namespace tumen::server::live {

struct HubOptions {
    int max_streams = 64;            // open streams at once; more get 503
    int heartbeat_ms = 15000;        // a comment line this often: proxies keep the stream, dead clients show up
    int64_t keep_rows = 10000;       // change-log rows kept for Last-Event-ID replay ...
    int64_t keep_seconds = 7 * 86400;  // ... and at most this old
    int poll_ms = 1000;              // fallback check for changes the hook did not announce
    size_t memory = 4096;            // newest events kept in memory for the streams
};

class EventHub {
public:
    using Clock = std::chrono::steady_clock;
    using EventPtr = std::shared_ptr<const LiveEvent>;

    EventHub(store::Database& db, HubOptions options);
    ~EventHub();
    EventHub(const EventHub&) = delete;
    EventHub& operator=(const EventHub&) = delete;

    void start();
    // Wakes every stream so it ends; the HTTP server can then stop without waiting for heartbeats.
    void stop();
    bool stopping() const { return stopping_.load(); }
    const HubOptions& options() const { return options_; }

    // A change was committed (called by the database after COMMIT; cheap, never blocks on I/O).
    void notify();

    // Stream slots: false when `max_streams` are open.
    bool try_open_stream();
    void close_stream();
    int open_streams() const { return open_.load(); }

    // The newest change id the hub has read and handed out.
    int64_t published() const;
    // Blocks until an event after `after_id` is published, the hub stops, or `deadline`. True if there is news.
    bool wait_after(int64_t after_id, Clock::time_point deadline);
    // Up to `max` published events after `after_id` from memory; nullopt when some of them are no longer in
    // memory (the stream reads the change log then).
    std::optional<std::vector<EventPtr>> recent_after(int64_t after_id, size_t max) const;

    // Deletes change-log rows beyond the retained window now (the hub also does it every minute).
    int64_t prune();

private:
    void run();
    void read_new();

    store::Database& db_;
    HubOptions options_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<int> open_{0};

    std::mutex wake_mutex_;          // the hub thread's wake-up
    std::condition_variable wake_cv_;
    bool pending_ = false;

    mutable std::mutex mutex_;       // the published events
    std::condition_variable published_cv_;
    std::deque<EventPtr> recent_;
    int64_t published_ = 0;
    Clock::time_point last_prune_{};  // hub thread only
    int64_t since_prune_ = 0;
};

}  // namespace tumen::server::live
