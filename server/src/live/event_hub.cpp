#include "live/event_hub.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "store/change_log.hpp"

namespace tumen::server::live {

namespace {
constexpr int read_batch = 500;
constexpr auto prune_every = std::chrono::seconds(60);
}  // namespace

EventHub::EventHub(store::Database& db, HubOptions options) : db_(db), options_(options) {
    published_ = store::change_window(db_.reader()).newest;
    db_.set_after_commit([this] { notify(); });
}

EventHub::~EventHub() {
    stop();
    db_.set_after_commit(nullptr);
}

void EventHub::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    last_prune_ = Clock::now();
    prune();
    thread_ = std::thread([this] { run(); });
}

void EventHub::stop() {
    stopping_ = true;
    {
        std::lock_guard lock(wake_mutex_);
        pending_ = true;
    }
    wake_cv_.notify_all();
    {
        std::lock_guard lock(mutex_);
    }
    published_cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void EventHub::notify() {
    {
        std::lock_guard lock(wake_mutex_);
        pending_ = true;
    }
    wake_cv_.notify_one();
}

bool EventHub::try_open_stream() {
    int n = open_.load();
    while (n < options_.max_streams)
        if (open_.compare_exchange_weak(n, n + 1)) return true;
    return false;
}

void EventHub::close_stream() { --open_; }

int64_t EventHub::published() const {
    std::lock_guard lock(mutex_);
    return published_;
}

bool EventHub::wait_after(int64_t after_id, Clock::time_point deadline) {
    std::unique_lock lock(mutex_);
    published_cv_.wait_until(lock, deadline, [&] { return published_ > after_id || stopping_.load(); });
    return published_ > after_id;
}

std::optional<std::vector<EventHub::EventPtr>> EventHub::recent_after(int64_t after_id, size_t max) const {
    std::lock_guard lock(mutex_);
    std::vector<EventPtr> out;
    if (after_id >= published_) return out;
    // Ids are dense (no AUTOINCREMENT, rows are never deleted from the new end), so memory covers `after_id`
    // exactly when its first event follows it.
    if (recent_.empty() || recent_.front()->id > after_id + 1) return std::nullopt;
    auto it = std::upper_bound(recent_.begin(), recent_.end(), after_id,
                               [](int64_t id, const EventPtr& e) { return id < e->id; });
    for (; it != recent_.end() && out.size() < max; ++it) out.push_back(*it);
    return out;
}

int64_t EventHub::prune() {
    const int64_t cutoff = static_cast<int64_t>(std::time(nullptr)) - options_.keep_seconds;
    return db_.write([&](store::Connection& c) { return store::prune_changes(c, options_.keep_rows, cutoff); });
}

void EventHub::read_new() {
    auto& reader = db_.reader();
    for (;;) {
        int64_t from = 0;
        {
            std::lock_guard lock(mutex_);
            from = published_;
        }
        auto batch = load_events(reader, from, read_batch);
        if (batch.empty()) return;
        {
            std::lock_guard lock(mutex_);
            for (auto& e : batch) {
                published_ = e.id;
                recent_.push_back(std::make_shared<const LiveEvent>(std::move(e)));
            }
            while (recent_.size() > options_.memory) recent_.pop_front();
        }
        published_cv_.notify_all();
        since_prune_ += static_cast<int64_t>(batch.size());
        if (batch.size() < static_cast<size_t>(read_batch)) return;
    }
}

void EventHub::run() {
    while (!stopping_) {
        {
            std::unique_lock lock(wake_mutex_);
            wake_cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms), [&] { return pending_; });
            pending_ = false;
        }
        if (stopping_) break;
        try {
            read_new();
            // Pruning writes (and so notifies the hub again, which then reads nothing new).
            if (Clock::now() - last_prune_ > prune_every || since_prune_ > options_.keep_rows / 10) {
                last_prune_ = Clock::now();
                since_prune_ = 0;
                prune();
            }
        } catch (const std::exception& ex) {
            std::fprintf(stderr, "tumen-server: live events: %s\n", ex.what());
        }
    }
}

}  // namespace tumen::server::live
