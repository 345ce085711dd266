#include "store/lead_totals.hpp"

#include <variant>

#include "tumen/filter_parse.hpp"

namespace tumen::store {

namespace {

// Takes one `team_id = <int>` or `type = "<text>"` comparison into the scope; false for anything else.
bool narrow(TotalsScope& scope, const filter::Expr& e) {
    if (e.kind != filter::ExprKind::comparison) return false;
    const auto& cmp = e.comparison;
    if (cmp.op != filter::Op::eq || cmp.values.size() != 1) return false;
    if (cmp.field == "team_id" && !scope.team_id) {
        const auto* id = std::get_if<std::int64_t>(&cmp.values[0]);
        if (!id) return false;
        scope.team_id = *id;
        return true;
    }
    if (cmp.field == "type" && !scope.type) {
        const auto* type = std::get_if<std::string>(&cmp.values[0]);
        if (!type || (*type != "lead" && *type != "opportunity")) return false;
        scope.type = *type;
        return true;
    }
    return false;
}

}  // namespace

std::optional<TotalsScope> totals_scope(const LeadQuery& q, const SqlFragment& rule, const std::string& group_by) {
    if (group_by != "stage" || rule.sql != "1" || !q.text.empty()) return std::nullopt;
    TotalsScope scope;
    if (q.active == "true") scope.active = true;
    else if (q.active == "false") scope.active = false;
    else if (q.active != "all") return std::nullopt;
    if (q.filter.empty()) return scope;
    auto expr = filter::parse(q.filter);
    if (!expr) return std::nullopt;
    const filter::Expr& e = expr.value();
    if (e.kind == filter::ExprKind::all) return scope;
    if (e.kind == filter::ExprKind::conjunction) {
        for (const auto& child : e.children)
            if (!narrow(scope, child)) return std::nullopt;
        return scope;
    }
    return narrow(scope, e) ? std::optional(scope) : std::nullopt;
}

std::vector<LeadGroup> read_stage_totals(Connection& c, const TotalsScope& scope) {
    std::string sql = "SELECT stage_key, currency, sum(n), sum(expected), sum(weighted) FROM lead_totals WHERE n > 0";
    std::vector<SqlValue> params;
    if (scope.team_id) {
        sql += " AND team_key = ?";
        params.emplace_back(*scope.team_id);
    }
    if (scope.active) {
        sql += " AND active = ?";
        params.emplace_back(int64_t{*scope.active ? 1 : 0});
    }
    if (scope.type) {
        sql += " AND type = ?";
        params.emplace_back(*scope.type);
    }
    sql += " GROUP BY 1, 2 ORDER BY 1, 2";
    auto s = c.prepare(sql);
    s.bind_all(params);
    std::vector<LeadGroup> groups;
    while (s.step()) {
        const int64_t stage = s.get_int(0);
        nlohmann::json key = stage == 0 ? nlohmann::json(nullptr) : nlohmann::json(stage);
        if (groups.empty() || groups.back().key != key) groups.push_back(LeadGroup{key, 0, {}, {}, {}});
        auto& g = groups.back();
        g.count += s.get_int(2);
        g.sums[s.get_text(1)] = {s.get_int(3), s.get_int(4)};
    }
    return groups;
}

}  // namespace tumen::store
