// The analysis charts' geometry: nice ticks, scales, stacked and side-by-side bars, pie angles, funnel widths and
// the hit tests that map the mouse back to a (category, series).
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "state/chart_geometry.hpp"

using namespace tumen::client::chart;

namespace {

Table two_by_two() {
    Table t;
    t.categories = {"A", "B"};
    t.series = {"x", "y"};
    t.values = {{3.0, 2.0}, {4.0, std::nullopt}};
    return t;
}

}  // namespace

TEST_CASE("chart: nice ticks step by 1, 2 or 5 x 10^k, start at zero and cover the data") {
    auto t = nice_ticks(0, 87);
    CHECK(t.step == 20);
    CHECK(t.min == 0);
    CHECK(t.max == 100);
    CHECK(t.values == std::vector<double>{0, 20, 40, 60, 80, 100});

    t = nice_ticks(13, 13);  // one value: the axis still starts at zero
    CHECK(t.min == 0);
    CHECK(t.max >= 13);

    t = nice_ticks(0, 0);  // nothing: a unit axis, not a division by zero
    CHECK(t.min == 0);
    CHECK(t.max == 1);
    CHECK(t.values.size() >= 2);

    t = nice_ticks(-35, 120);  // negative values get ticks below zero, zero is a tick
    CHECK(t.min < -35 + 1e-9);
    CHECK(t.max >= 120);
    CHECK(std::find(t.values.begin(), t.values.end(), 0.0) != t.values.end());

    t = nice_ticks(0, 0.7);  // small decimals: exact steps, no drift (0.30000000000000004)
    CHECK(t.step == doctest::Approx(0.1));
    CHECK(t.values.back() == doctest::Approx(0.7));
    CHECK(t.values.size() == 8);

    t = nice_ticks(0, 1'234'567'890);
    CHECK(t.step == 200'000'000);
    CHECK(t.max == 1'400'000'000);
}

TEST_CASE("chart: a scale maps the data range onto pixels, upside down for a y axis") {
    Scale y{0, 100, 300, 100};
    CHECK(y.at(0) == 300);
    CHECK(y.at(100) == 100);
    CHECK(y.at(25) == 250);
    Scale flat{5, 5, 10, 20};
    CHECK(flat.at(5) == 10);
}

TEST_CASE("chart: stacked bars pile the series; side-by-side bars split the band; no value, no bar") {
    const Table t = two_by_two();
    const Rect plot{0, 0, 200, 100};
    const Scale y{0, 10, 100, 0};
    auto bars = layout_bars(t, plot, y, /*stacked=*/true, 0.5f);
    REQUIRE(bars.size() == 3);
    // Category A: band 0..100, bar 25..75; x from 0 to 3 (y 100..70), y from 3 to 5 (70..50).
    CHECK(bars[0].at == Hit{0, 0});
    CHECK(bars[0].rect.x0 == 25);
    CHECK(bars[0].rect.x1 == 75);
    CHECK(bars[0].rect.y1 == doctest::Approx(100));
    CHECK(bars[0].rect.y0 == doctest::Approx(70));
    CHECK(bars[1].rect.y1 == doctest::Approx(70));
    CHECK(bars[1].rect.y0 == doctest::Approx(50));
    CHECK(bars[2].at == Hit{1, 0});
    CHECK(t.range(true) == std::pair<double, double>{0, 5});

    bars = layout_bars(t, plot, y, /*stacked=*/false, 0.5f);
    REQUIRE(bars.size() == 3);
    CHECK(bars[0].rect.x0 == 25);
    CHECK(bars[0].rect.x1 == 50);
    CHECK(bars[1].rect.x0 == 50);
    CHECK(bars[1].rect.y0 == doctest::Approx(80));  // from zero, not stacked
    CHECK(t.range(false) == std::pair<double, double>{0, 4});

    // Negative values hang below the zero line.
    Table n;
    n.categories = {"A"};
    n.series = {""};
    n.values = {{-2.0}};
    bars = layout_bars(n, plot, Scale{-5, 5, 100, 0}, true);
    REQUIRE(bars.size() == 1);
    CHECK(bars[0].rect.y0 == doctest::Approx(50));
    CHECK(bars[0].rect.y1 == doctest::Approx(70));
}

TEST_CASE("chart: the bar under the mouse; a bar of a tiny value can still be pointed at") {
    const Table t = two_by_two();
    const auto bars = layout_bars(t, Rect{0, 0, 200, 100}, Scale{0, 10, 100, 0}, true, 0.5f);
    CHECK(hit_bars(bars, 50, 90) == Hit{0, 0});
    CHECK(hit_bars(bars, 50, 60) == Hit{0, 1});
    CHECK(hit_bars(bars, 150, 80) == Hit{1, 0});
    CHECK_FALSE(hit_bars(bars, 10, 90));  // the gap between bands
    CHECK_FALSE(hit_bars(bars, 50, 20));  // above the stack

    Table tiny;
    tiny.categories = {"A"};
    tiny.series = {""};
    tiny.values = {{0.001}};
    const auto small = layout_bars(tiny, Rect{0, 0, 100, 100}, Scale{0, 1000, 100, 0}, true);
    CHECK(hit_bars(small, 50, 98.5f) == Hit{0, 0});
}

TEST_CASE("chart: lines put a point at each band centre with a value; the nearest point within the radius is hit") {
    const Table t = two_by_two();
    const auto lines = layout_lines(t, Rect{0, 0, 200, 100}, Scale{0, 10, 100, 0});
    REQUIRE(lines.size() == 2);
    REQUIRE(lines[0].size() == 2);
    CHECK(lines[1].size() == 1);  // B has no y
    CHECK(lines[0][0].x == 50);
    CHECK(lines[0][1].x == 150);
    CHECK(lines[0][1].y == doctest::Approx(60));
    CHECK(hit_lines(lines, 152, 62, 6) == Hit{1, 0});
    CHECK(hit_lines(lines, 50, 79, 6) == Hit{0, 1});  // y=2 lies at 80, x=3 at 70
    CHECK_FALSE(hit_lines(lines, 100, 50, 6));
}

TEST_CASE("chart: pie slices follow the category totals clockwise from 12 o'clock; hit by angle and radius") {
    Table t;
    t.categories = {"A", "B", "C", "D"};
    t.series = {"x", "y"};
    t.values = {{1.0, 1.0}, {2.0, std::nullopt}, {0.0, 0.0}, {4.0, -1.0}};  // totals 2, 2, 0 (left out), 3
    const auto slices = layout_pie(t);
    REQUIRE(slices.size() == 3);
    CHECK(slices[0].share == doctest::Approx(2.0 / 7));
    CHECK(slices[2].category == 3);
    CHECK(slices[0].a0 == 0);
    CHECK(slices[2].a1 == doctest::Approx(2 * std::numbers::pi));
    CHECK(hit_pie(slices, 100, 100, 50, 100, 60) == 0u);   // straight up: the first slice starts there
    CHECK(hit_pie(slices, 100, 100, 50, 140, 100) == 0u);  // a quarter turn (0.25 < 2/7)
    CHECK(hit_pie(slices, 100, 100, 50, 100, 140) == 1u);  // half a turn: in B (2/7 .. 4/7)
    CHECK(hit_pie(slices, 100, 100, 50, 60, 100) == 3u);   // three quarters: in D
    CHECK_FALSE(hit_pie(slices, 100, 100, 50, 160, 100));  // outside the circle

    Table none;
    none.categories = {"A"};
    none.series = {""};
    none.values = {{0.0}};
    CHECK(layout_pie(none).empty());
}

TEST_CASE("chart: funnel rows are as wide as their total relative to the largest, narrowing to the next row") {
    Table t;
    t.categories = {"New", "Qualified", "Won", "Empty"};
    t.series = {""};
    t.values = {{100.0}, {50.0}, {25.0}, {0.0}};
    const auto rows = layout_funnel(t, Rect{0, 0, 400, 130}, 10, 0.05f);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].rect.y0 == 0);
    CHECK(rows[0].rect.y1 == doctest::Approx(25));
    CHECK(rows[1].rect.y0 == doctest::Approx(35));
    CHECK(rows[0].width_top == 400);
    CHECK(rows[0].width_bottom == 200);
    CHECK(rows[1].width_top == 200);
    CHECK(rows[2].width_top == 100);
    CHECK(rows[3].width_top == 20);  // the minimum share keeps an empty stage visible
    CHECK(hit_funnel(rows, 200, 40) == 1u);
    CHECK_FALSE(hit_funnel(rows, 10, 40));  // beside the narrower row
    CHECK_FALSE(hit_funnel(rows, 200, 30));  // in the gap
}
