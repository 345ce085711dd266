#include "chart_geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tumen::client::chart {

namespace {

// 1, 2, 5 or 10 x 10^k nearest to x.
double nice_number(double x) {
    const double exp = std::floor(std::log10(x));
    const double f = x / std::pow(10.0, exp);
    const double nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nf * std::pow(10.0, exp);
}

}  // namespace

Ticks nice_ticks(double lo, double hi, int target) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
    if (hi - lo <= 0) hi = lo + 1;
    target = std::max(target, 1);
    Ticks t;
    t.step = nice_number((hi - lo) / target);
    t.min = std::floor(lo / t.step) * t.step;
    t.max = std::ceil(hi / t.step) * t.step;
    // Count the steps, not add them up, so 0.1-steps do not drift.
    const long n = std::lround((t.max - t.min) / t.step);
    for (long i = 0; i <= n; ++i) {
        double v = t.min + i * t.step;
        if (std::abs(v) < t.step * 1e-9) v = 0;
        t.values.push_back(v);
    }
    return t;
}

float Scale::at(double v) const {
    if (d1 == d0) return p0;
    return static_cast<float>(p0 + (v - d0) / (d1 - d0) * (p1 - p0));
}

std::optional<double> Table::at(size_t c, size_t s) const {
    if (c >= values.size() || s >= values[c].size()) return std::nullopt;
    return values[c][s];
}

std::pair<double, double> Table::range(bool stacked) const {
    double lo = 0, hi = 0;
    for (const auto& row : values) {
        double pos = 0, neg = 0;
        for (const auto& v : row) {
            if (!v) continue;
            if (stacked) (*v >= 0 ? pos : neg) += *v;
            else lo = std::min(lo, *v), hi = std::max(hi, *v);
        }
        if (stacked) lo = std::min(lo, neg), hi = std::max(hi, pos);
    }
    return {lo, hi};
}

std::vector<double> Table::category_totals() const {
    std::vector<double> out;
    for (const auto& row : values) {
        double sum = 0;
        for (const auto& v : row)
            if (v) sum += *v;
        out.push_back(sum);
    }
    return out;
}

float band_centre(const Rect& plot, size_t categories, size_t index) {
    if (categories == 0) return plot.x0;
    const float band = plot.width() / static_cast<float>(categories);
    return plot.x0 + band * (static_cast<float>(index) + 0.5f);
}

std::vector<Bar> layout_bars(const Table& t, const Rect& plot, const Scale& y, bool stacked, float gap) {
    std::vector<Bar> out;
    const size_t n = t.categories.size();
    if (n == 0) return out;
    const float band = plot.width() / static_cast<float>(n);
    const float inner = band * (1 - std::clamp(gap, 0.0f, 0.9f));
    const size_t series = std::max<size_t>(1, t.series.size());
    for (size_t c = 0; c < n; ++c) {
        const float left = plot.x0 + band * c + (band - inner) / 2;
        double pos = 0, neg = 0;
        for (size_t s = 0; s < series; ++s) {
            const auto v = t.at(c, s);
            if (!v) continue;
            Bar b;
            b.at = {c, s};
            b.value = *v;
            double from = 0, to = *v;
            if (stacked) {
                double& base = *v >= 0 ? pos : neg;
                from = base;
                to = base + *v;
                base = to;
                b.rect.x0 = left;
                b.rect.x1 = left + inner;
            } else {
                const float w = inner / static_cast<float>(series);
                b.rect.x0 = left + w * s;
                b.rect.x1 = left + w * (s + 1);
            }
            const float ya = y.at(from), yb = y.at(to);
            b.rect.y0 = std::min(ya, yb);
            b.rect.y1 = std::max(ya, yb);
            out.push_back(b);
        }
    }
    return out;
}

std::vector<std::vector<Point>> layout_lines(const Table& t, const Rect& plot, const Scale& y) {
    const size_t series = std::max<size_t>(1, t.series.size());
    std::vector<std::vector<Point>> out(series);
    for (size_t s = 0; s < series; ++s)
        for (size_t c = 0; c < t.categories.size(); ++c)
            if (const auto v = t.at(c, s)) out[s].push_back({{c, s}, band_centre(plot, t.categories.size(), c), y.at(*v), *v});
    return out;
}

std::vector<Slice> layout_pie(const Table& t) {
    const auto totals = t.category_totals();
    double whole = 0;
    for (double v : totals)
        if (v > 0) whole += v;
    std::vector<Slice> out;
    if (whole <= 0) return out;
    constexpr double turn = 2 * std::numbers::pi;
    double angle = 0;
    for (size_t c = 0; c < totals.size(); ++c) {
        if (totals[c] <= 0) continue;
        Slice s;
        s.category = c;
        s.value = totals[c];
        s.share = totals[c] / whole;
        s.a0 = static_cast<float>(angle);
        angle += s.share * turn;
        s.a1 = static_cast<float>(angle);
        out.push_back(s);
    }
    if (!out.empty()) out.back().a1 = static_cast<float>(turn);  // no sliver left by rounding
    return out;
}

std::vector<FunnelRow> layout_funnel(const Table& t, const Rect& area, float row_gap, float min_share) {
    const auto totals = t.category_totals();
    std::vector<FunnelRow> out;
    if (totals.empty()) return out;
    double top = 0;
    for (double v : totals) top = std::max(top, v);
    const size_t n = totals.size();
    const float row_h = (area.height() - row_gap * static_cast<float>(n - 1)) / static_cast<float>(n);
    auto width_of = [&](double v) {
        const double share = top > 0 ? std::max(0.0, v) / top : 0;
        return area.width() * static_cast<float>(std::max<double>(share, min_share));
    };
    for (size_t c = 0; c < n; ++c) {
        FunnelRow r;
        r.category = c;
        r.value = totals[c];
        r.rect = {area.x0, area.y0 + (row_h + row_gap) * c, area.x1, area.y0 + (row_h + row_gap) * c + row_h};
        r.width_top = width_of(totals[c]);
        r.width_bottom = c + 1 < n ? std::min(r.width_top, width_of(totals[c + 1])) : r.width_top;
        out.push_back(r);
    }
    return out;
}

std::optional<Hit> hit_bars(const std::vector<Bar>& bars, float x, float y) {
    for (const auto& b : bars) {
        Rect r = b.rect;
        if (r.y1 - r.y0 < 3) r.y0 = r.y1 - 3;  // a bar of a tiny value can still be pointed at
        if (r.contains(x, y)) return b.at;
    }
    return std::nullopt;
}

std::optional<Hit> hit_lines(const std::vector<std::vector<Point>>& lines, float x, float y, float radius) {
    std::optional<Hit> best;
    float best_d = radius * radius;
    for (const auto& line : lines)
        for (const auto& p : line) {
            const float d = (p.x - x) * (p.x - x) + (p.y - y) * (p.y - y);
            if (d <= best_d) best_d = d, best = p.at;
        }
    return best;
}

std::optional<size_t> hit_pie(const std::vector<Slice>& slices, float cx, float cy, float radius, float x, float y) {
    const float dx = x - cx, dy = y - cy;
    if (dx * dx + dy * dy > radius * radius) return std::nullopt;
    double a = std::atan2(dx, -dy);  // 0 at 12 o'clock, clockwise on screen (y down)
    if (a < 0) a += 2 * std::numbers::pi;
    for (const auto& s : slices)
        if (a >= s.a0 && a < s.a1) return s.category;
    return std::nullopt;
}

std::optional<size_t> hit_funnel(const std::vector<FunnelRow>& rows, float x, float y) {
    for (const auto& r : rows) {
        const float centre = (r.rect.x0 + r.rect.x1) / 2;
        if (y >= r.rect.y0 && y < r.rect.y1 && std::abs(x - centre) <= r.width_top / 2) return r.category;
    }
    return std::nullopt;
}

}  // namespace tumen::client::chart
