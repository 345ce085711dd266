// The demo generator's random numbers (internal to shared/src/demo_*.cpp): one independent, reproducible stream
// per (seed, kind, index), so any record can be computed alone.
#pragma once
#include <cstdint>
#include <cstddef>

namespace tumen::demo {

// splitmix64: a tiny, well-mixed generator; one independent stream per (seed, kind, index).
class Rng {
public:
    Rng(std::uint64_t seed, std::uint64_t kind, std::int64_t index)
        : state_(seed * 0x9E3779B97F4A7C15ULL ^ (kind << 56) ^ static_cast<std::uint64_t>(index) * 0xD1B54A32D192ED03ULL) {
        next();
    }
    std::uint64_t next() {
        std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    std::int64_t below(std::int64_t n) { return n <= 0 ? 0 : static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(n)); }
    double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    template <class A>
    const auto& pick(const A& items) { return items[static_cast<std::size_t>(below(static_cast<std::int64_t>(items.size())))]; }

private:
    std::uint64_t state_;
};

}  // namespace tumen::demo
