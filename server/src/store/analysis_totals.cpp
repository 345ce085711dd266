#include "store/analysis_totals.hpp"

#include <set>

#include "store/analysis_answer.hpp"
#include "store/record_rules.hpp"
#include "tumen/filter_parse.hpp"

namespace tumen::store {

namespace {

constexpr int base = 0;  // the base rows: no extra dimension

// A group-by key or filter field as read from the totals (alias t). `dim`: the rows that hold it (base = all).
struct TotalsField {
    const char* name;
    int dim;
    const char* expr;
};

// Group-by keys: the same values as lead_queries' group_keys (ids, codes, "2026-11"; null = none).
constexpr TotalsField analysis_totals_group_keys[] = {
    {"stage", base, "NULLIF(t.stage_key, 0)"},  {"user", base, "NULLIF(t.user_key, 0)"},
    {"team", base, "NULLIF(t.team_key, 0)"},    {"type", base, "t.type"},
    {"country", 1, "NULLIF(t.val, '')"},        {"source", 2, "NULLIF(t.val, 0)"},
    {"lost_reason", 3, "NULLIF(t.val, 0)"},     {"create_month", 4, "NULLIF(t.val, 0)"},
    {"deadline_month", 5, "NULLIF(t.val, 0)"},
};

// Filter fields: the same values as lead_sql_fields() gives for `l`.
constexpr TotalsField filter_fields[] = {
    {"team_id", base, "NULLIF(t.team_key, 0)"},
    {"stage_id", base, "NULLIF(t.stage_key, 0)"},
    {"user_id", base, "NULLIF(t.user_key, 0)"},
    {"type", base, "t.type"},
    {"currency", base, "t.currency"},
    {"active", base, "t.active"},
    {"stage.is_won", base, "(SELECT s2.is_won FROM stages s2 WHERE s2.id = t.stage_key)"},
    {"stage.fold", base, "(SELECT s2.fold FROM stages s2 WHERE s2.id = t.stage_key)"},
    {"country", 1, "t.val"},
    {"source_id", 2, "NULLIF(t.val, 0)"},
    {"lost_reason_id", 3, "NULLIF(t.val, 0)"},
};

template <size_t N>
const TotalsField* find(const TotalsField (&fields)[N], std::string_view name) {
    for (const auto& f : fields)
        if (name == f.name) return &f;
    return nullptr;
}

void collect_fields(const filter::Expr& e, std::set<std::string>& out) {
    if (e.kind == filter::ExprKind::comparison) out.insert(e.comparison.field);
    for (const auto& child : e.children) collect_fields(child, out);
}

// Adds `dim` to the one extra dimension a request may use; false when it would be a second one.
bool use_dim(int& chosen, int dim) {
    if (dim == base || dim == chosen) return true;
    if (chosen != base) return false;
    chosen = dim;
    return true;
}

}  // namespace

std::optional<SqlFragment> analysis_totals_rule(const server::Caller& caller) {
    if (sees_all_leads(caller)) return SqlFragment{"1", {}};
    if (caller.is_kiosk()) {
        // lead_rule_sql: a kiosk sees the leads of its teams (team ids are never 0, the totals' "none").
        if (caller.team_ids.empty()) return SqlFragment{"0", {}};
        SqlFragment f{"(t.team_key IN (", {}};
        for (size_t i = 0; i < caller.team_ids.size(); ++i) {
            f.sql += i ? ",?" : "?";
            f.params.push_back(caller.team_ids[i]);
        }
        f.sql += "))";
        return f;
    }
    return std::nullopt;
}

std::optional<analysis::Answer> analyse_from_totals(Connection& c, const LeadQuery& q, const SqlFragment& totals_rule,
                                                    const std::string& group_by, const std::string& group_by2) {
    if (!q.text.empty() || !analysis::check_dimensions(group_by, group_by2)) return std::nullopt;
    if (q.active != "true" && q.active != "false" && q.active != "all") return std::nullopt;
    const TotalsField* k1 = find(analysis_totals_group_keys, group_by);
    const TotalsField* k2 = group_by2.empty() ? nullptr : find(analysis_totals_group_keys, group_by2);
    if (!k1 || (!group_by2.empty() && !k2)) return std::nullopt;
    int dim = base;
    if (!use_dim(dim, k1->dim) || (k2 && !use_dim(dim, k2->dim))) return std::nullopt;

    SqlFragment where{"t.dim = ? AND t.n > 0 AND " + totals_rule.sql, {}};
    where.params.emplace_back(int64_t{dim});
    where.params.insert(where.params.end(), totals_rule.params.begin(), totals_rule.params.end());
    if (q.active != "all") where.sql += q.active == "true" ? " AND t.active = 1" : " AND t.active = 0";
    if (!q.filter.empty()) {
        auto expr = filter::parse(q.filter);
        if (!expr) return std::nullopt;
        std::set<std::string> names;
        collect_fields(expr.value(), names);
        SqlFieldMap map;
        for (const auto& name : names) {
            const TotalsField* f = find(filter_fields, name);
            if (!f || !use_dim(dim, f->dim)) return std::nullopt;
            map[name] = SqlField{f->expr, {}, {}, TimeStorage::standard};
        }
        // The same compiler as the scan, over the totals' columns: the same meaning, NULLs included.
        auto sql = compile_filter_sql(expr.value(), filter::lead_filter_fields(), map, q.context);
        if (!sql) return std::nullopt;
        where.sql += " AND (" + sql->sql + ")";
        where.params.insert(where.params.end(), sql->params.begin(), sql->params.end());
        where.params[0] = int64_t{dim};  // a filter field may have chosen the dimension
    }

    const std::string won = "(s.is_won = 1 AND t.band = 2)";
    const std::string sql =
        std::string("SELECT ") + k1->expr + ", " + (k2 ? k2->expr : "NULL") +
        ", t.currency, sum(t.n), sum(CASE WHEN " + won + " THEN t.n ELSE 0 END),"
        " sum(CASE WHEN t.active = 0 AND t.band = 0 THEN t.n ELSE 0 END), sum(t.expected), sum(t.weighted),"
        " sum(CASE WHEN " + won + " THEN t.close_days ELSE 0 END), sum(CASE WHEN " + won + " THEN t.closed ELSE 0 END)"
        " FROM analysis_totals t LEFT JOIN stages s ON s.id = t.stage_key WHERE " + where.sql +
        " GROUP BY 1, 2, 3 ORDER BY " + (group_by == "stage" ? "min(s.sequence), 1, 2" : "1, 2");
    auto s = c.prepare_uncached(sql);
    s.bind_all(where.params);
    return read_answer(c, s, group_by, group_by2);
}

}  // namespace tumen::store
