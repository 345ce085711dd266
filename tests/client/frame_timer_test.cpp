#include <doctest/doctest.h>

#include <vector>

#include "state/frame_timer.hpp"

using tumen::client::FrameTimer;

TEST_CASE("frame timer: keeps the newest durations, oldest first, once the ring wraps") {
    FrameTimer t;
    CHECK(t.recent().empty());
    t.add(1);
    t.add(2);
    CHECK(t.recent() == std::vector<double>{1, 2});
    for (std::size_t i = 0; i < FrameTimer::capacity; ++i) t.add(static_cast<double>(10 + i));
    const auto r = t.recent();
    REQUIRE(r.size() == FrameTimer::capacity);
    CHECK(r.front() == 10);  // 1 and 2 were overwritten
    CHECK(r.back() == static_cast<double>(10 + FrameTimer::capacity - 1));
    t.add(-1);
    CHECK(t.recent().back() == -1);
    CHECK(t.recent().front() == 11);
}
