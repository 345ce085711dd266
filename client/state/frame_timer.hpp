// The client's own frame timer (issue 5's board benchmark reads it through window.tumen.state()): how long the
// last frames took on the main thread, from the frame's start to its draw calls handed to WebGL. A ring of the
// newest `capacity` durations; a reader takes the ones drawn since it last looked by comparing frame counters.
#pragma once
#include <cstddef>
#include <vector>

namespace tumen::client {

class FrameTimer {
public:
    static constexpr std::size_t capacity = 600;  // 10 s at 60 fps: longer than one benchmark step

    void add(double ms) {
        if (ring_.size() < capacity) ring_.push_back(ms);
        else ring_[next_] = ms;
        next_ = (next_ + 1) % capacity;
    }
    // The durations held, oldest first.
    std::vector<double> recent() const {
        if (ring_.size() < capacity) return ring_;
        std::vector<double> out(ring_.begin() + static_cast<std::ptrdiff_t>(next_), ring_.end());
        out.insert(out.end(), ring_.begin(), ring_.begin() + static_cast<std::ptrdiff_t>(next_));
        return out;
    }

private:
    std::vector<double> ring_;
    std::size_t next_ = 0;
};

}  // namespace tumen::client
