#include "tumen/analysis.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "tumen/csv.hpp"
#include "tumen/money.hpp"

namespace tumen::analysis {

namespace {

struct MeasureName {
    Measure measure;
    std::string_view name;
};
constexpr MeasureName measure_names[] = {
    {Measure::count, "count"},
    {Measure::expected_revenue, "expected_revenue"},
    {Measure::weighted_revenue, "weighted_revenue"},
    {Measure::days_to_close, "days_to_close"},
    {Measure::win_rate, "win_rate"},
};

void add_sums(std::map<std::string, std::int64_t>& into, const std::map<std::string, std::int64_t>& from) {
    for (const auto& [currency, v] : from) into[currency] += v;
}

std::int64_t sum_in(const std::map<std::string, std::int64_t>& sums, const std::string& currency) {
    auto it = sums.find(currency);
    return it == sums.end() ? 0 : it->second;
}

std::string csv_value(const Cell& c, Measure m, const std::string& currency) {
    auto v = value_of(c, m, currency);
    if (!v) return {};
    if (is_money(m)) {
        const int digits = currency_minor_digits(currency).value_or(2);
        return format_amount(static_cast<std::int64_t>(*v), digits, AmountFormat{"", ".", false});
    }
    if (m == Measure::count) return std::to_string(static_cast<std::int64_t>(*v));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", *v);
    return buf;
}

}  // namespace

std::optional<Measure> measure_from(std::string_view name) {
    for (const auto& m : measure_names)
        if (m.name == name) return m.measure;
    return std::nullopt;
}

std::string_view to_string(Measure m) {
    for (const auto& n : measure_names)
        if (n.measure == m) return n.name;
    return "count";
}

const std::vector<Measure>& all_measures() {
    static const std::vector<Measure> all = [] {
        std::vector<Measure> v;
        for (const auto& m : measure_names) v.push_back(m.measure);
        return v;
    }();
    return all;
}

bool is_money(Measure m) { return m == Measure::expected_revenue || m == Measure::weighted_revenue; }

const std::vector<std::string>& dimensions() {
    static const std::vector<std::string> names = {"stage",        "user",           "team",         "country",
                                                   "source",       "lost_reason",    "priority",     "type",
                                                   "create_month", "create_week",   "deadline_month", "closed_month",
                                                   "tag"};
    return names;
}

bool is_dimension(std::string_view name) {
    const auto& d = dimensions();
    return std::find(d.begin(), d.end(), name) != d.end();
}

void accumulate(Cell& a, const Cell& b) {
    a.count += b.count;
    a.won += b.won;
    a.lost += b.lost;
    add_sums(a.expected, b.expected);
    add_sums(a.weighted, b.weighted);
    a.close_days_sum += b.close_days_sum;
    a.closed += b.closed;
}

std::optional<double> value_of(const Cell& c, Measure m, const std::string& currency) {
    switch (m) {
        case Measure::count: return static_cast<double>(c.count);
        case Measure::expected_revenue: return static_cast<double>(sum_in(c.expected, currency));
        case Measure::weighted_revenue: return static_cast<double>(sum_in(c.weighted, currency));
        case Measure::days_to_close:
            if (c.closed == 0) return std::nullopt;
            return static_cast<double>(c.close_days_sum) / static_cast<double>(c.closed);
        case Measure::win_rate:
            if (c.won + c.lost == 0) return std::nullopt;
            return 100.0 * static_cast<double>(c.won) / static_cast<double>(c.won + c.lost);
    }
    return std::nullopt;
}

std::vector<std::string> currencies(const Answer& a) {
    std::set<std::string> all;
    for (const auto& c : a.cells) {
        for (const auto& [cur, v] : c.expected) all.insert(cur);
        for (const auto& [cur, v] : c.weighted) all.insert(cur);
    }
    if (all.empty()) return {""};
    return {all.begin(), all.end()};
}

Pivot pivot(const Answer& a) {
    Pivot p;
    auto index_of = [](std::vector<Pivot::Header>& headers, const nlohmann::json& key, const std::string& label) {
        for (std::size_t i = 0; i < headers.size(); ++i)
            if (headers[i].key == key) return i;
        headers.push_back({key, label});
        return headers.size() - 1;
    };
    std::vector<std::pair<std::size_t, std::size_t>> places;
    places.reserve(a.cells.size());
    for (const auto& c : a.cells) {
        const std::size_t r = index_of(p.rows, c.key1, c.label1);
        const std::size_t col = index_of(p.columns, a.group_by2.empty() ? nlohmann::json() : c.key2,
                                         a.group_by2.empty() ? std::string() : c.label2);
        places.emplace_back(r, col);
    }
    p.cells.assign(p.rows.size(), std::vector<Cell>(p.columns.size()));
    p.row_totals.assign(p.rows.size(), Cell{});
    p.column_totals.assign(p.columns.size(), Cell{});
    for (std::size_t i = 0; i < a.cells.size(); ++i) {
        const auto [r, col] = places[i];
        accumulate(p.cells[r][col], a.cells[i]);
        accumulate(p.row_totals[r], a.cells[i]);
        accumulate(p.column_totals[col], a.cells[i]);
        accumulate(p.total, a.cells[i]);
    }
    // Keys on the zero cells and totals, so a click on any of them knows what it filters by.
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
        p.row_totals[r].key1 = p.rows[r].key;
        p.row_totals[r].label1 = p.rows[r].label;
        for (std::size_t col = 0; col < p.columns.size(); ++col) {
            Cell& c = p.cells[r][col];
            c.key1 = p.rows[r].key;
            c.label1 = p.rows[r].label;
            c.key2 = p.columns[col].key;
            c.label2 = p.columns[col].label;
        }
    }
    for (std::size_t col = 0; col < p.columns.size(); ++col) {
        p.column_totals[col].key2 = p.columns[col].key;
        p.column_totals[col].label2 = p.columns[col].label;
    }
    return p;
}

std::string pivot_csv(const Pivot& p, Measure m, const std::string& currency, const std::string& none_label,
                      const std::string& total_label) {
    auto label = [&](const Pivot::Header& h) { return h.key.is_null() ? none_label : csv::neutralize_formula(h.label); };
    std::string out;
    std::vector<std::string> row{""};
    const bool one_column = p.columns.size() == 1 && p.columns[0].key.is_null() && p.columns[0].label.empty();
    if (!one_column)
        for (const auto& c : p.columns) row.push_back(label(c));
    row.push_back(total_label);
    csv::append_row(out, row);
    for (std::size_t r = 0; r < p.rows.size(); ++r) {
        row = {label(p.rows[r])};
        if (!one_column)
            for (const auto& c : p.cells[r]) row.push_back(csv_value(c, m, currency));
        row.push_back(csv_value(p.row_totals[r], m, currency));
        csv::append_row(out, row);
    }
    row = {total_label};
    if (!one_column)
        for (const auto& c : p.column_totals) row.push_back(csv_value(c, m, currency));
    row.push_back(csv_value(p.total, m, currency));
    csv::append_row(out, row);
    return out;
}

Result<void> check_dimensions(std::string_view group_by, std::string_view group_by2) {
    FieldErrors errors;
    if (!is_dimension(group_by)) errors.add("group_by", "is not a dimension to group by", "error.invalid");
    if (!group_by2.empty()) {
        if (!is_dimension(group_by2)) errors.add("group_by2", "is not a dimension to group by", "error.invalid");
        else if (group_by2 == group_by) errors.add("group_by2", "repeats the first dimension", "error.invalid");
    }
    if (!errors.empty()) return errors.to_error();
    return {};
}

void to_json(nlohmann::json& j, const Cell& c) {
    j = {{"key1", c.key1},         {"label1", c.label1},     {"count", c.count},
         {"won", c.won},           {"lost", c.lost},         {"expected", c.expected},
         {"weighted", c.weighted}, {"close_days_sum", c.close_days_sum}, {"closed", c.closed}};
    if (!c.key2.is_null() || !c.label2.empty()) {
        j["key2"] = c.key2;
        j["label2"] = c.label2;
    }
}

void from_json(const nlohmann::json& j, Cell& c) {
    c = Cell{};
    c.key1 = j.value("key1", nlohmann::json());
    c.key2 = j.value("key2", nlohmann::json());
    c.label1 = j.value("label1", "");
    c.label2 = j.value("label2", "");
    c.count = j.value("count", std::int64_t{0});
    c.won = j.value("won", std::int64_t{0});
    c.lost = j.value("lost", std::int64_t{0});
    if (j.contains("expected") && j["expected"].is_object()) c.expected = j["expected"].get<std::map<std::string, std::int64_t>>();
    if (j.contains("weighted") && j["weighted"].is_object()) c.weighted = j["weighted"].get<std::map<std::string, std::int64_t>>();
    c.close_days_sum = j.value("close_days_sum", std::int64_t{0});
    c.closed = j.value("closed", std::int64_t{0});
}

void to_json(nlohmann::json& j, const Answer& a) {
    j = {{"group_by", a.group_by}, {"group_by2", a.group_by2}, {"cells", a.cells}};
}

void from_json(const nlohmann::json& j, Answer& a) {
    a = Answer{};
    a.group_by = j.value("group_by", "");
    a.group_by2 = j.value("group_by2", "");
    if (j.contains("cells") && j["cells"].is_array())
        for (const auto& c : j["cells"]) a.cells.push_back(c.get<Cell>());
}

}  // namespace tumen::analysis
