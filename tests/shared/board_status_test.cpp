#include <doctest/doctest.h>

#include "lifecycle_fixtures.hpp"
#include "tumen/board_status.hpp"

using namespace tumen;
using namespace fixtures;

TEST_CASE("rotting: idle longer than the stage allows") {
    Stage s = stage(2, "Шалгасан", 2, 1);
    s.rotting_days = 7;
    Lead l = opportunity();
    CHECK_FALSE(rotting_status(l, &s, t0 + 7 * day).rotting);  // exactly 7 days: not yet
    auto r = rotting_status(l, &s, t0 + 7 * day + 1);
    CHECK(r.rotting);
    CHECK(r.idle_days == 7);
    l.date_last_stage_update.reset();
    l.create_date = t0 - 30 * day;
    CHECK(rotting_status(l, &s, t0).idle_days == 30);
}

TEST_CASE("rotting never applies to won, folded, unlimited stages or archived leads") {
    Stage s = stage(2, "x", 2, 1);
    s.rotting_days = 1;
    Lead l = opportunity();
    const auto later = t0 + 10 * day;
    CHECK(rotting_status(l, &s, later).rotting);
    Stage won = s;
    won.is_won = true;
    CHECK_FALSE(rotting_status(l, &won, later).rotting);
    Stage folded = s;
    folded.fold = true;
    CHECK_FALSE(rotting_status(l, &folded, later).rotting);
    Stage off = s;
    off.rotting_days = 0;
    CHECK_FALSE(rotting_status(l, &off, later).rotting);
    Lead archived = l;
    archived.active = false;
    CHECK_FALSE(rotting_status(archived, &s, later).rotting);
    CHECK_FALSE(rotting_status(l, nullptr, later).rotting);
    CHECK(rotting_status(l, &s, t0 - day).idle_days == 0);
}

TEST_CASE("WIP limit states") {
    Stage s = stage(3, "Санал", 3, 1);
    CHECK(wip_status(s, 1000) == WipStatus::unlimited);
    CHECK_FALSE(move_exceeds_wip(s, 1000));
    s.wip_limit = 3;
    CHECK(wip_status(s, 2) == WipStatus::under);
    CHECK(wip_status(s, 3) == WipStatus::at_limit);
    CHECK(wip_status(s, 4) == WipStatus::over);
    CHECK(to_string(WipStatus::at_limit) == "at_limit");
    CHECK_FALSE(move_exceeds_wip(s, 2));
    CHECK(move_exceeds_wip(s, 3));
}
