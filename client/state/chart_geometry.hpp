// The geometry of the analysis charts, kept out of the ImGui code so it is tested natively: "nice" axis ticks,
// linear scales, bars (stacked or side by side), line points, pie slices, funnel rows and the hit tests that turn
// a mouse position back into the (category, series) under it. Coordinates are whatever the caller draws in
// (device pixels in the app); y grows downwards like the screen.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace tumen::client::chart {

struct Rect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
};

// Axis ticks at 1, 2 or 5 x 10^k that cover [lo, hi] (0 is always included, so bars start from it) with about
// `target` steps. lo == hi (or all zero) gives [0, 1] or around the value.
struct Ticks {
    double min = 0, max = 1, step = 1;
    std::vector<double> values;
};
Ticks nice_ticks(double lo, double hi, int target = 5);

// Maps data values in [d0, d1] to pixels in [p0, p1] (p0 may be greater than p1: the y axis grows upwards).
struct Scale {
    double d0 = 0, d1 = 1;
    float p0 = 0, p1 = 1;
    float at(double v) const;
};

// The values a chart shows: one row per category (first group-by), one column per series (second group-by, or
// a single one); nullopt = no value (e.g. no closed lead for a win rate).
struct Table {
    std::vector<std::string> categories, series;
    std::vector<std::vector<std::optional<double>>> values;  // [category][series]
    std::optional<double> at(size_t c, size_t s) const;
    // The range of values to put on the axis: stacked sums per category (positive and negative apart) or the
    // single values.
    std::pair<double, double> range(bool stacked) const;
    // Per category: the sum of its series' values (pie and funnel use one figure per category).
    std::vector<double> category_totals() const;
};

struct Hit {
    size_t category = 0, series = 0;
    bool operator==(const Hit&) const = default;
};

struct Bar {
    Hit at;
    Rect rect;
    double value = 0;
};
// Bars inside `plot`: one band per category with `gap` (0..1) of it left empty; stacked bars pile the series,
// side-by-side bars split the band. Categories or cells without a value get no bar.
std::vector<Bar> layout_bars(const Table& t, const Rect& plot, const Scale& y, bool stacked, float gap = 0.3f);
// The x centre of a category's band.
float band_centre(const Rect& plot, size_t categories, size_t index);

struct Point {
    Hit at;
    float x = 0, y = 0;
    double value = 0;
};
// One polyline per series, a point at each category's centre that has a value.
std::vector<std::vector<Point>> layout_lines(const Table& t, const Rect& plot, const Scale& y);

struct Slice {
    size_t category = 0;
    double value = 0, share = 0;  // share of the whole (0..1)
    float a0 = 0, a1 = 0;         // radians, clockwise on screen from 12 o'clock
};
// Slices of the category totals; zero and negative totals are left out (a pie cannot show them).
std::vector<Slice> layout_pie(const Table& t);

struct FunnelRow {
    size_t category = 0;
    double value = 0;
    Rect rect;               // the row's band; the drawn shape is centred in it with `width_top` .. `width_bottom`
    float width_top = 0, width_bottom = 0;
};
// Rows in category order, each as wide as its total relative to the largest (at least `min_share` of the width so
// a small stage stays visible); the bottom edge narrows to the next row's width (a funnel).
std::vector<FunnelRow> layout_funnel(const Table& t, const Rect& area, float row_gap = 4, float min_share = 0.04f);

// Hit tests: what lies under (x, y).
std::optional<Hit> hit_bars(const std::vector<Bar>& bars, float x, float y);
std::optional<Hit> hit_lines(const std::vector<std::vector<Point>>& lines, float x, float y, float radius);
std::optional<size_t> hit_pie(const std::vector<Slice>& slices, float cx, float cy, float radius, float x, float y);
std::optional<size_t> hit_funnel(const std::vector<FunnelRow>& rows, float x, float y);

}  // namespace tumen::client::chart
