// Helpers for the job runner tests: a gate a job handler can block on, a poll with a deadline, job JSON by id.
#pragma once
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "auth_helpers.hpp"
#include "jobs/job_runner.hpp"

namespace tumen::testing {

// Closed until open(); wait() returns early when `stop()` says so (the runner is stopping).
class Gate {
public:
    void open() {
        {
            std::lock_guard lock(m_);
            open_ = true;
        }
        cv_.notify_all();
    }
    // Waits until opened or until `stop()` is true; true when opened.
    bool wait(const std::function<bool()>& stop) {
        std::unique_lock lock(m_);
        while (!open_) {
            if (stop()) return false;
            cv_.wait_for(lock, std::chrono::milliseconds(5));
        }
        return true;
    }
    void mark_entered() {
        {
            std::lock_guard lock(m_);
            entered_ = true;
        }
        cv_.notify_all();
    }
    bool wait_entered(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
        std::unique_lock lock(m_);
        return cv_.wait_for(lock, timeout, [&] { return entered_; });
    }

private:
    std::mutex m_;
    std::condition_variable cv_;
    bool open_ = false, entered_ = false;
};

// Counts handlers running at once, remembering the most ever seen.
struct Concurrency {
    std::atomic<int> now{0}, most{0}, calls{0};
    struct Scope {
        Concurrency& c;
        explicit Scope(Concurrency& c) : c(c) {
            ++c.calls;
            int n = ++c.now;
            int m = c.most.load();
            while (n > m && !c.most.compare_exchange_weak(m, n)) {
            }
        }
        ~Scope() { --c.now; }
    };
};

inline bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
}

inline nlohmann::json job_of(TestServer& s, int64_t id) {
    auto r = s.client.Get(("/api/v1/jobs/" + std::to_string(id)).c_str());
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    return nlohmann::json::parse(r->body);
}

}  // namespace tumen::testing
