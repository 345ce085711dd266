#include "store/predictive_models.hpp"

#include <map>
#include <mutex>

namespace tumen::store {

namespace {

std::mutex predictive_models_cache_mutex;
std::pair<int64_t, std::shared_ptr<const scoring::PlsLogistic>> cached;  // (stamp, model)

}  // namespace

std::shared_ptr<const scoring::PlsLogistic> load_pls_logistic(Connection& c) {
    auto q = c.prepare("SELECT stamp FROM pls_models WHERE kind = 'lr'");
    if (!q.step()) return nullptr;
    const int64_t stamp = q.get_int(0);
    {
        std::lock_guard lock(predictive_models_cache_mutex);
        if (cached.second && cached.first == stamp) return cached.second;
    }
    auto body = c.prepare("SELECT body FROM pls_models WHERE kind = 'lr'");
    if (!body.step()) return nullptr;
    auto parsed = scoring::PlsLogistic::from_json(nlohmann::json::parse(body.get_text(0), nullptr, false));
    if (!parsed) return nullptr;
    auto model = std::make_shared<const scoring::PlsLogistic>(std::move(*parsed));
    std::lock_guard lock(predictive_models_cache_mutex);
    cached = {stamp, model};
    return model;
}

void save_pls_logistic(Connection& c, const std::optional<scoring::PlsLogistic>& model, double closed, int64_t now) {
    if (!model) {
        c.exec("DELETE FROM pls_models WHERE kind = 'lr'");
        return;
    }
    c.prepare("INSERT INTO pls_models (kind, body, closed, trained_at, stamp) VALUES ('lr', ?, ?, ?, random())"
              " ON CONFLICT (kind) DO UPDATE SET body = excluded.body, closed = excluded.closed,"
              " trained_at = excluded.trained_at, stamp = excluded.stamp")
        .bind(1, nlohmann::json(*model).dump()).bind(2, static_cast<int64_t>(closed)).bind(3, now).run();
}

std::optional<int64_t> pls_logistic_trained_at(Connection& c) {
    auto q = c.prepare("SELECT trained_at FROM pls_models WHERE kind = 'lr'");
    if (!q.step()) return std::nullopt;
    return q.get_int(0);
}

void save_pls_quality(Connection& c, const std::vector<scoring::PlsQuality>& quality, int64_t now) {
    c.exec("DELETE FROM pls_quality");
    for (const auto& q : quality) {
        auto s = c.prepare("INSERT INTO pls_quality (model, team_id, cases, won, auc, brier, evaluated_at)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, q.model).bind(2, q.team).bind(3, q.cases).bind(4, q.won);
        if (q.auc) s.bind(5, *q.auc);
        else s.bind(5, nullptr);
        if (q.brier) s.bind(6, *q.brier);
        else s.bind(6, nullptr);
        s.bind(7, now).run();
    }
}

nlohmann::json load_pls_quality(Connection& c) {
    nlohmann::json out = nlohmann::json::array();
    auto q = c.prepare("SELECT model, team_id, cases, won, auc, brier, evaluated_at FROM pls_quality ORDER BY team_id, model");
    while (q.step()) {
        auto number = [&](int col) { return q.is_null(col) ? nlohmann::json() : nlohmann::json(q.get_double(col)); };
        out.push_back({{"model", q.get_text(0)}, {"team_id", q.get_int(1)}, {"cases", q.get_double(2)},
                       {"won", q.get_double(3)}, {"auc", number(4)}, {"brier", number(5)}, {"evaluated_at", q.get_int(6)}});
    }
    return out;
}

}  // namespace tumen::store
