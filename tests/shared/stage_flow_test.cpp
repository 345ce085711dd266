#include <doctest/doctest.h>

#include "tumen/stage_flow.hpp"

using namespace tumen::analysis;

namespace {
constexpr tumen::Timestamp day = 86400;
constexpr std::int64_t fresh = 1, offer = 2, won = 3;
}  // namespace

TEST_CASE("a lead that never moved is one stay still going in its stage") {
    StageFlowBuilder b;
    b.add_lead(100, fresh, {});
    const auto& f = b.result();
    CHECK(f.leads == 1);
    CHECK(f.stages.at(fresh) == StageStats{1, 0, 0, 1});
    CHECK_FALSE(f.mean_days(fresh));  // nothing finished: no average yet
    CHECK(f.moves.empty());
}

TEST_CASE("moves end stays, start the next ones, and count the transitions") {
    StageFlowBuilder b;
    // 2 days in fresh, 4 in offer, then won (still there).
    b.add_lead(0, won, {{2 * day, fresh, offer}, {6 * day, offer, won}});
    // 4 days in fresh, then straight to won.
    b.add_lead(0, won, {{4 * day, fresh, won}});
    // Still in fresh.
    b.add_lead(0, fresh, {});
    const auto& f = b.result();
    CHECK(f.stages.at(fresh) == StageStats{3, 2, 6 * day, 1});
    CHECK(f.stages.at(offer) == StageStats{1, 1, 4 * day, 0});
    CHECK(f.stages.at(won) == StageStats{2, 0, 0, 2});
    CHECK(f.mean_days(fresh) == doctest::Approx(3.0));
    CHECK(f.conversion(fresh, offer) == doctest::Approx(1.0 / 3.0));
    CHECK(f.conversion(fresh, won) == doctest::Approx(1.0 / 3.0));
    CHECK(f.conversion(offer, won) == doctest::Approx(1.0));
    CHECK(f.conversion(offer, fresh) == doctest::Approx(0.0));
    CHECK_FALSE(f.conversion(42, fresh));
}

TEST_CASE("going back enters a stage again; no-stage stretches and moves before creation are handled") {
    StageFlowBuilder b;
    b.add_lead(10 * day, offer,
               {{5 * day, fresh, offer},          // before creation (an import with old dates): a zero-length stay
                {12 * day, offer, fresh},         // back
                {13 * day, fresh, std::nullopt},  // stage removed
                {20 * day, std::nullopt, offer}});
    const auto& f = b.result();
    CHECK(f.stages.at(fresh) == StageStats{2, 2, 1 * day, 0});
    CHECK(f.stages.at(offer) == StageStats{2, 1, 2 * day, 1});
    CHECK(f.moves.at({fresh, offer}) == 1);
    CHECK(f.moves.at({offer, fresh}) == 1);
    CHECK(f.moves.size() == 2);  // moves to and from "no stage" are not transitions between stages
}

TEST_CASE("the JSON form round-trips") {
    StageFlowBuilder b;
    b.add_lead(0, won, {{2 * day, fresh, offer}, {6 * day, offer, won}});
    const StageFlow back = stage_flow_from_json(to_json(b.result()));
    CHECK(back.leads == 1);
    CHECK(back.stages == b.result().stages);
    CHECK(back.moves == b.result().moves);
}
