// Newton's method for L2-regularised logistic regression on sparse rows: dense Hessian, Cholesky solve, step
// halving until the objective decreases. Deterministic: fixed order of sums, fixed iteration budget.
#include <algorithm>
#include <cmath>

#include "tumen/scoring_logistic.hpp"

namespace tumen::scoring {

double sigmoid(double z) {
    if (z >= 0) return 1.0 / (1.0 + std::exp(-z));
    double e = std::exp(z);
    return e / (1.0 + e);
}

namespace {

// log(1 + e^z) without overflow.
double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }

double row_logit(const SparseRow& row, const std::vector<double>& w, double b) {
    double z = b;
    for (const auto& [j, x] : row.terms) z += w[j] * x;
    return z;
}

// In-place Cholesky of a symmetric positive definite n x n matrix (row-major, lower triangle used), then solves
// A x = rhs. false when A is not positive definite (cannot happen with l2 > 0, checked anyway).
bool cholesky_solve(std::vector<double>& a, std::size_t n, std::vector<double>& rhs) {
    for (std::size_t j = 0; j < n; ++j) {
        double d = a[j * n + j];
        for (std::size_t k = 0; k < j; ++k) d -= a[j * n + k] * a[j * n + k];
        if (d <= 0) return false;
        d = std::sqrt(d);
        a[j * n + j] = d;
        for (std::size_t i = j + 1; i < n; ++i) {
            double s = a[i * n + j];
            const double* ai = &a[i * n];
            const double* aj = &a[j * n];
            for (std::size_t k = 0; k < j; ++k) s -= ai[k] * aj[k];
            a[i * n + j] = s / d;
        }
    }
    for (std::size_t i = 0; i < n; ++i) {  // L y = rhs
        double s = rhs[i];
        for (std::size_t k = 0; k < i; ++k) s -= a[i * n + k] * rhs[k];
        rhs[i] = s / a[i * n + i];
    }
    for (std::size_t i = n; i-- > 0;) {  // L^T x = y
        double s = rhs[i];
        for (std::size_t k = i + 1; k < n; ++k) s -= a[k * n + i] * rhs[k];
        rhs[i] = s / a[i * n + i];
    }
    return true;
}

}  // namespace

double logistic_objective(const std::vector<SparseRow>& rows, const std::vector<bool>& won,
                          const std::vector<double>& weights, double intercept, double l2,
                          std::vector<double>* gradient) {
    double loss = 0;
    if (gradient) gradient->assign(weights.size() + 1, 0.0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double z = row_logit(rows[i], weights, intercept);
        const double y = won[i] ? 1.0 : 0.0;
        loss += softplus(z) - y * z;
        if (gradient) {
            const double r = sigmoid(z) - y;
            for (const auto& [j, x] : rows[i].terms) (*gradient)[j] += r * x;
            gradient->back() += r;
        }
    }
    for (std::size_t j = 0; j < weights.size(); ++j) {
        loss += 0.5 * l2 * weights[j] * weights[j];
        if (gradient) (*gradient)[j] += l2 * weights[j];
    }
    return loss;
}

namespace {

// The penalised objective with each row standing for won[i] won and lost[i] lost cases.
double objective_counts(const std::vector<SparseRow>& rows, const std::vector<double>& won, const std::vector<double>& lost,
                        const std::vector<double>& weights, double intercept, double l2) {
    double loss = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const double z = row_logit(rows[i], weights, intercept);
        loss += won[i] * softplus(-z) + lost[i] * softplus(z);
    }
    for (double w : weights) loss += 0.5 * l2 * w * w;
    return loss;
}

}  // namespace

LogisticFit fit_logistic(const std::vector<SparseRow>& rows, const std::vector<bool>& won, std::size_t dims,
                         const LogisticOptions& options) {
    std::vector<double> w(rows.size()), l(rows.size());
    for (std::size_t i = 0; i < rows.size() && i < won.size(); ++i) (won[i] ? w[i] : l[i]) = 1.0;
    return fit_logistic_counts(rows, w, l, dims, options);
}

LogisticFit fit_logistic_counts(const std::vector<SparseRow>& rows, const std::vector<double>& won,
                                const std::vector<double>& lost, std::size_t dims, const LogisticOptions& options) {
    LogisticFit fit;
    fit.weights.assign(dims, 0.0);
    const std::size_t n = dims + 1;  // the intercept is the last unknown
    const double l2 = std::max(options.l2, 1e-9);
    double objective = objective_counts(rows, won, lost, fit.weights, fit.intercept, l2);
    std::vector<double> hessian(n * n), gradient;
    for (int it = 0; it < options.max_iterations; ++it) {
        fit.iterations = it + 1;
        std::fill(hessian.begin(), hessian.end(), 0.0);
        gradient.assign(n, 0.0);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const double p = sigmoid(row_logit(rows[i], fit.weights, fit.intercept));
            const double cases = won[i] + lost[i];
            const double r = cases * p - won[i];
            const double h = cases * p * (1 - p);
            const auto& t = rows[i].terms;
            for (std::size_t a = 0; a < t.size(); ++a) {
                gradient[t[a].first] += r * t[a].second;
                for (std::size_t b = 0; b < t.size(); ++b)
                    if (t[b].first <= t[a].first) hessian[t[a].first * n + t[b].first] += h * t[a].second * t[b].second;
                hessian[dims * n + t[a].first] += h * t[a].second;  // intercept row (lower triangle)
            }
            gradient[dims] += r;
            hessian[dims * n + dims] += h;
        }
        for (std::size_t j = 0; j < dims; ++j) {
            gradient[j] += l2 * fit.weights[j];
            hessian[j * n + j] += l2;
        }
        hessian[dims * n + dims] += 1e-9;
        std::vector<double> step = gradient;
        if (!cholesky_solve(hessian, n, step)) break;
        // Halve the Newton step until the objective does not grow (it almost never has to).
        double scale = 1.0, max_move = 0;
        std::vector<double> w(dims);
        double b = 0, next = objective;
        for (int half = 0; half < 30; ++half, scale /= 2) {
            for (std::size_t j = 0; j < dims; ++j) w[j] = fit.weights[j] - scale * step[j];
            b = fit.intercept - scale * step[dims];
            next = objective_counts(rows, won, lost, w, b, l2);
            if (next <= objective) break;
        }
        if (next > objective) break;  // no descent left: at the optimum to rounding
        for (std::size_t j = 0; j < n; ++j) max_move = std::max(max_move, std::abs(scale * step[j]));
        fit.weights = std::move(w);
        fit.intercept = b;
        objective = next;
        if (max_move < options.tolerance) {
            fit.converged = true;
            break;
        }
    }
    return fit;
}

}  // namespace tumen::scoring
