// The logistic model on a data set: which features a field gives, training (with optional crossed pairs of the
// strongest fields) and the per-field explanation of a score.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "tumen/scoring_logistic.hpp"

namespace tumen::scoring {

namespace {

std::string cross_key(const std::string& a, const std::string& b) { return a + '\x1f' + b; }

}  // namespace

void LogisticModel::build_terms(const Dataset& data, const std::vector<std::size_t>& rows,
                                const std::vector<std::pair<std::size_t, std::size_t>>& pairs, bool numeric_terms) {
    terms_.clear();
    category_index_.assign(fields_.size(), {});
    numeric_index_.assign(fields_.size(), -1);
    crosses_.clear();
    // Categories in order of first appearance in the training rows: the feature order never depends on hashing.
    for (std::size_t r : rows)
        for (std::size_t f = 0; f < fields_.size(); ++f) {
            auto [it, added] = category_index_[f].try_emplace(category(encoding_.fields[f], data.rows[r].values[f]),
                                                              static_cast<std::uint32_t>(terms_.size()));
            if (added) terms_.push_back(Term{f, no_field, false});
        }
    for (std::size_t f = 0; f < fields_.size(); ++f)
        if (numeric_terms && encoding_.fields[f].binned) {
            numeric_index_[f] = static_cast<std::int64_t>(terms_.size());
            terms_.push_back(Term{f, no_field, true});
        }
    for (auto [a, b] : pairs) {
        Cross c{a, b, {}};
        for (std::size_t r : rows) {
            const auto& v = data.rows[r].values;
            auto [it, added] = c.index.try_emplace(
                cross_key(category(encoding_.fields[a], v[a]), category(encoding_.fields[b], v[b])),
                static_cast<std::uint32_t>(terms_.size()));
            if (added) terms_.push_back(Term{a, b, false});
        }
        crosses_.push_back(std::move(c));
    }
}

SparseRow LogisticModel::encode(const std::vector<std::string>& values) const {
    SparseRow row;
    std::vector<std::string> cats(fields_.size());
    for (std::size_t f = 0; f < fields_.size() && f < values.size(); ++f) {
        cats[f] = category(encoding_.fields[f], values[f]);
        auto it = category_index_[f].find(cats[f]);
        if (it != category_index_[f].end()) row.terms.emplace_back(it->second, 1.0);  // unseen value: no evidence
        if (numeric_index_[f] >= 0)
            if (auto x = standardised(encoding_.fields[f], values[f]))
                row.terms.emplace_back(static_cast<std::uint32_t>(numeric_index_[f]), *x);
    }
    for (const auto& c : crosses_) {
        auto it = c.index.find(cross_key(cats[c.a], cats[c.b]));
        if (it != c.index.end()) row.terms.emplace_back(it->second, 1.0);
    }
    return row;
}

std::vector<double> LogisticModel::field_logits(const SparseRow& row) const {
    std::vector<double> out(fields_.size(), 0.0);
    for (const auto& [j, x] : row.terms) {
        const Term& t = terms_[j];
        const double v = fit_.weights[j] * x;
        if (t.other == no_field) out[t.field] += v;
        else out[t.field] += v / 2, out[t.other] += v / 2;  // a crossed term belongs to both fields equally
    }
    return out;
}

Result<LogisticModel> LogisticModel::train(const Dataset& data, const std::vector<std::size_t>& rows,
                                           const Encoding& encoding, const LogisticOptions& options) {
    std::vector<bool> won;
    for (std::size_t r : rows) {
        if (r >= data.rows.size()) return Error::make(ErrorCode::validation, "row index out of range", "rows");
        won.push_back(data.rows[r].won);
    }
    if (std::find(won.begin(), won.end(), true) == won.end() || std::find(won.begin(), won.end(), false) == won.end())
        return Error::make(ErrorCode::validation, "training needs won and lost cases", "rows");
    if (encoding.fields.size() != data.fields.size())
        return Error::make(ErrorCode::validation, "encoding does not match the fields", "encoding");
    LogisticModel m;
    m.fields_ = data.fields;
    m.encoding_ = encoding;
    auto fit_on = [&](const std::vector<std::pair<std::size_t, std::size_t>>& pairs) {
        m.build_terms(data, rows, pairs, options.numeric_terms);
        std::vector<SparseRow> x;
        x.reserve(rows.size());
        for (std::size_t r : rows) x.push_back(m.encode(data.rows[r].values));
        m.fit_ = fit_logistic(x, won, m.terms_.size(), options);
        return x;
    };
    auto x = fit_on({});
    if (options.crossed_fields > 1) {
        // The strongest fields are those whose contribution to the logit varies most over the training rows.
        std::vector<double> sum(m.fields_.size()), sq(m.fields_.size());
        for (const auto& row : x) {
            auto l = m.field_logits(row);
            for (std::size_t f = 0; f < l.size(); ++f) sum[f] += l[f], sq[f] += l[f] * l[f];
        }
        std::vector<std::size_t> order(m.fields_.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        const double n = static_cast<double>(x.size());
        auto variance = [&](std::size_t f) { return sq[f] / n - (sum[f] / n) * (sum[f] / n); };
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return variance(a) > variance(b); });
        order.resize(std::min(order.size(), options.crossed_fields));
        std::sort(order.begin(), order.end());
        std::vector<std::pair<std::size_t, std::size_t>> pairs;
        for (std::size_t i = 0; i < order.size(); ++i)
            for (std::size_t j = i + 1; j < order.size(); ++j) pairs.emplace_back(order[i], order[j]);
        x = fit_on(pairs);
    }
    m.mean_field_logit_.assign(m.fields_.size(), 0.0);
    for (const auto& row : x) {
        auto l = m.field_logits(row);
        for (std::size_t f = 0; f < l.size(); ++f) m.mean_field_logit_[f] += l[f];
    }
    for (double& v : m.mean_field_logit_) v /= static_cast<double>(x.size());
    return m;
}

double LogisticModel::probability(const std::vector<std::string>& values) const {
    double z = fit_.intercept;
    for (const auto& [j, x] : encode(values).terms) z += fit_.weights[j] * x;
    return sigmoid(z);
}

ScoreExplanation LogisticModel::explain(const std::vector<std::string>& values) const {
    auto logits = field_logits(encode(values));
    double z = fit_.intercept, z_base = fit_.intercept;
    for (std::size_t f = 0; f < logits.size(); ++f) z += logits[f], z_base += mean_field_logit_[f];
    const double p = sigmoid(z), p_base = sigmoid(z_base);
    // Log-odds shares turned into probability points along the secant from the baseline to this lead, so the
    // points add up to score - baseline exactly; at (almost) the same logit the slope is the derivative.
    const double dz = z - z_base;
    const double slope = std::abs(dz) > 1e-9 ? (p - p_base) / dz : p * (1 - p);
    ScoreExplanation e;
    e.score = 100 * p;
    e.baseline = 100 * p_base;
    for (std::size_t f = 0; f < logits.size(); ++f) {
        std::string value = f < values.size() ? category(encoding_.fields[f], values[f]) : std::string(missing_value);
        e.factors.push_back(ScoreFactor{fields_[f], std::move(value), 100 * slope * (logits[f] - mean_field_logit_[f])});
    }
    std::stable_sort(e.factors.begin(), e.factors.end(),
                     [](const ScoreFactor& a, const ScoreFactor& b) { return std::abs(a.points) > std::abs(b.points); });
    return e;
}

}  // namespace tumen::scoring
