// Data sets for the predictive models: CSV rows to examples, the index split and the field encoding.
#include "tumen/scoring_dataset.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tumen::scoring {

bool is_missing(std::string_view value) { return value.empty() || value == missing_value; }

std::optional<double> parse_number(std::string_view value) {
    if (value.empty() || value.size() > 64) return std::nullopt;
    // strtod accepts "inf", "nan" and hex; a plain decimal is all a data column should hold.
    for (char c : value)
        if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return std::nullopt;
    std::string text(value);
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(d)) return std::nullopt;
    return d;
}

Result<Dataset> dataset_from_csv(const csv::Table& table, std::string_view label, std::string_view positive) {
    auto it = std::find(table.header.begin(), table.header.end(), label);
    if (it == table.header.end())
        return Error::make(ErrorCode::validation, "no column named \"" + std::string(label) + "\"", "label");
    std::size_t label_col = static_cast<std::size_t>(it - table.header.begin());
    Dataset out;
    for (std::size_t c = 0; c < table.header.size(); ++c)
        if (c != label_col) out.fields.push_back(table.header[c]);
    bool any_positive = false;
    out.rows.reserve(table.rows.size());
    for (const auto& record : table.rows) {
        if (!record.error.empty())
            return Error::make(ErrorCode::validation, "line " + std::to_string(record.line) + ": " + record.error, "csv");
        Example ex;
        ex.values.reserve(out.fields.size());
        for (std::size_t c = 0; c < record.fields.size(); ++c)
            if (c != label_col) ex.values.push_back(record.fields[c]);
        ex.won = record.fields[label_col] == positive;
        any_positive = any_positive || ex.won;
        out.rows.push_back(std::move(ex));
    }
    if (!any_positive)
        return Error::make(ErrorCode::validation,
                           "no row has " + std::string(label) + " = \"" + std::string(positive) + "\"", "label");
    return out;
}

Split split_by_index(std::size_t row_count) {
    Split s;
    for (std::size_t i = 0; i < row_count; ++i) (i % 10 < 7 ? s.train : s.test).push_back(i);
    return s;
}

namespace {

// numpy's default quantile: linear interpolation between the closest ranks of the sorted values.
double quantile(const std::vector<double>& sorted, double q) {
    double pos = q * static_cast<double>(sorted.size() - 1);
    auto lo = static_cast<std::size_t>(std::floor(pos));
    std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

FieldEncoding fit_field(const Dataset& data, std::size_t field, const std::vector<std::size_t>& rows) {
    FieldEncoding enc;
    std::vector<double> numbers;
    for (std::size_t r : rows) {
        const std::string& v = data.rows[r].values[field];
        if (is_missing(v)) continue;
        auto d = parse_number(v);
        if (!d) return enc;  // one text value: a categorical field
        numbers.push_back(*d);
    }
    if (numbers.empty()) return enc;
    enc.numeric = true;
    std::sort(numbers.begin(), numbers.end());
    double sum = 0, sq = 0;
    for (double d : numbers) sum += d;
    enc.mean = sum / static_cast<double>(numbers.size());
    for (double d : numbers) sq += (d - enc.mean) * (d - enc.mean);
    double sd = std::sqrt(sq / static_cast<double>(numbers.size()));
    enc.scale = sd > 0 ? sd : 1;
    std::size_t distinct = numbers.empty() ? 0 : 1;
    for (std::size_t i = 1; i < numbers.size(); ++i) distinct += numbers[i] != numbers[i - 1];
    if (distinct <= max_distinct_unbinned) return enc;
    enc.binned = true;
    for (double q : {0.2, 0.4, 0.6, 0.8}) {
        double cut = quantile(numbers, q);
        if (enc.cuts.empty() || cut > enc.cuts.back()) enc.cuts.push_back(cut);
    }
    return enc;
}

std::string format_number(double d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);
    return buf;
}

}  // namespace

Encoding fit_encoding(const Dataset& data, const std::vector<std::size_t>& train_rows) {
    Encoding e;
    for (std::size_t f = 0; f < data.fields.size(); ++f) e.fields.push_back(fit_field(data, f, train_rows));
    return e;
}

std::size_t bin_of(const FieldEncoding& field, double number) {
    // (cut[i-1], cut[i]]: the number of cuts strictly below the value
    return static_cast<std::size_t>(std::lower_bound(field.cuts.begin(), field.cuts.end(), number) - field.cuts.begin());
}

std::string bin_label(const FieldEncoding& field, std::size_t bin) {
    if (field.cuts.empty()) return "all";
    if (bin == 0) return "<= " + format_number(field.cuts.front());
    if (bin >= field.cuts.size()) return "> " + format_number(field.cuts.back());
    return format_number(field.cuts[bin - 1]) + ".." + format_number(field.cuts[bin]);
}

std::string category(const FieldEncoding& field, std::string_view value) {
    if (is_missing(value)) return std::string(missing_value);
    if (field.binned)
        if (auto d = parse_number(value)) return bin_label(field, bin_of(field, *d));
    return std::string(value);
}

std::optional<double> standardised(const FieldEncoding& field, std::string_view value) {
    if (!field.numeric || is_missing(value)) return std::nullopt;
    auto d = parse_number(value);
    if (!d) return std::nullopt;
    return (*d - field.mean) / field.scale;
}

Dataset categorised(const Dataset& data, const Encoding& encoding) {
    Dataset out;
    out.fields = data.fields;
    out.rows.reserve(data.rows.size());
    for (const auto& row : data.rows) {
        Example ex;
        ex.won = row.won;
        ex.values.reserve(row.values.size());
        for (std::size_t f = 0; f < row.values.size(); ++f) ex.values.push_back(category(encoding.fields[f], row.values[f]));
        out.rows.push_back(std::move(ex));
    }
    return out;
}

}  // namespace tumen::scoring
