// Filter → SQL. Each comparison compiles to a guarded expression that is 0 or 1, never NULL, so `NOT`,
// `AND` and `OR` in SQL behave like the evaluator's two-valued logic:
//   positive form P (=, <, contains, in, has, is null):  (col IS NOT NULL [AND col <> ''] AND col op ?)
//   negated forms (!=, not_in, is not null):             NOT P
// `not` is pushed down to the comparisons first (De Morgan), so NOT only ever stands before one P.
// Text (and ISO-text dates) treat '' as null, as the evaluator does. Dates and datetimes compare against
// the [lo, hi) span filter::resolve_time() gives, bound in the column's storage format.
#include "store/filter_sql.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <optional>

#include "tumen/datetime.hpp"
#include "tumen/filter_check.hpp"
#include "tumen/text_fold.hpp"

namespace tumen::store {

using filter::Comparison;
using filter::CurrentUser;
using filter::Expr;
using filter::ExprKind;
using filter::FieldDef;
using filter::FieldType;
using filter::Literal;
using filter::Op;

namespace {

constexpr std::string_view cond_placeholder = "{cond}";
constexpr std::string_view today_placeholder = "{today}";
constexpr std::string_view now_placeholder = "{now}";

bool is_list(FieldType t) { return t == FieldType::id_list || t == FieldType::string_list; }

// Negations pushed down to the comparisons (De Morgan holds: the logic is two-valued), and/or flattened
// again, so the SQL nests only where and/or alternate.
Expr push_negations(const Expr& e, bool negated) {
    switch (e.kind) {
        case ExprKind::all:
        case ExprKind::comparison: return negated ? filter::negate(e) : e;
        case ExprKind::negation: return push_negations(e.children.front(), !negated);
        case ExprKind::conjunction:
        case ExprKind::disjunction: {
            std::vector<Expr> kids;
            for (const auto& c : e.children) kids.push_back(push_negations(c, negated));
            const bool is_and = (e.kind == ExprKind::conjunction) != negated;
            return is_and ? filter::all_of(std::move(kids)) : filter::any_of(std::move(kids));
        }
    }
    return e;
}

// SQLite's parser has a fixed stack (YYSTACKDEPTH 100). Measured on 3.40: one comparison (EXISTS with a
// join included) takes at most ~25 entries; a nesting level costs 1 entry when the nested part comes first
// in its parentheses and 3 when it follows a sibling. Children are therefore emitted deepest first, and a
// filter whose estimate exceeds the budget is refused with a clear error instead of failing in SQLite.
constexpr int leaf_stack = 26;
constexpr int stack_budget = 96;

struct Piece {
    std::string sql;
    std::vector<SqlValue> params;
    int stack = leaf_stack;
};

class Compiler {
public:
    Compiler(const filter::FieldRegistry& fields, const SqlFieldMap& map, const filter::Context& ctx)
        : fields_(fields), map_(map), ctx_(ctx) {}

    std::optional<Error> error;

    // `e` has its negations pushed down: `not` only above a comparison or `all`.
    Piece node(const Expr& e) {
        switch (e.kind) {
            case ExprKind::all: return {"1", {}, 1};
            case ExprKind::comparison: return leaf(e.comparison, false);
            case ExprKind::negation:
                if (e.children.front().kind == ExprKind::comparison) return leaf(e.children.front().comparison, true);
                return {"0", {}, 1};  // not (true)
            case ExprKind::conjunction: return join(e.children, " AND ");
            case ExprKind::disjunction: return join(e.children, " OR ");
        }
        return {"0", {}, 1};
    }

private:
    // Flat: a chain of n terms is n deep for SQLite's expression-depth limit (1000), and n <= 500.
    Piece join(const std::vector<Expr>& items, const char* glue) {
        std::vector<Piece> parts;
        for (const auto& item : items) parts.push_back(node(item));
        std::stable_sort(parts.begin(), parts.end(), [](const Piece& a, const Piece& b) { return a.stack > b.stack; });
        Piece out;
        out.sql = "(";
        for (std::size_t i = 0; i < parts.size(); ++i) {
            if (i) out.sql += glue;
            out.sql += parts[i].sql;
            for (auto& p : parts[i].params) out.params.push_back(std::move(p));
        }
        out.sql += ")";
        out.stack = 1 + parts.front().stack;
        if (parts.size() > 1) out.stack = std::max(out.stack, 3 + parts[1].stack);
        return out;
    }

    Piece leaf(const Comparison& c, bool negated) {
        params_.clear();
        std::string sql = comparison(c, negated);
        return {std::move(sql), std::move(params_), leaf_stack};
    }

    // != not_in and `is not null` are the negations of = in and `is null`; a double negation cancels.
    std::string comparison(const Comparison& c, bool negated) {
        const FieldDef* f = fields_.find(c.field);
        const auto it = map_.find(c.field);
        if (!f || it == map_.end() || it->second.expr.empty()) {
            fail("field '" + c.field + "' cannot be searched on the server (no SQL mapping)", c.field);
            return "0";
        }
        Op op = c.op;
        if (op == Op::ne || op == Op::not_in || op == Op::is_not_null) {
            op = op == Op::ne ? Op::eq : op == Op::not_in ? Op::in : Op::is_null;
            negated = !negated;
        }
        SqlField m = it->second;
        if (const auto at = m.expr.find(today_placeholder); at != std::string::npos)
            // Trusted text: format_date gives digits and dashes only.
            m.expr.replace(at, today_placeholder.size(), "'" + format_date(filter::today(ctx_)) + "'");
        if (const auto at = m.expr.find(now_placeholder); at != std::string::npos)
            m.expr.replace(at, now_placeholder.size(), std::to_string(ctx_.now));  // an integer: trusted text
        const std::string sql = positive(*f, m, op, c.values);
        return negated ? "NOT " + sql : sql;  // positive() is always parenthesised, EXISTS or a constant
    }

    std::string positive(const FieldDef& f, const SqlField& m, Op op, const std::vector<Literal>& values) {
        if (is_list(f.type)) return list(f, m, op, values);
        if (op == Op::is_null) return null_test(f, m);
        switch (f.type) {
            case FieldType::string:
            case FieldType::enumeration: return text(m, op, values);
            case FieldType::date:
            case FieldType::datetime: return values.empty() ? "0" : time(f, m, op, values.front());
            default: return number_or_bool(f, m, op, values);
        }
    }

    bool textual(const FieldDef& f, const SqlField& m) const {
        if (f.type == FieldType::string || f.type == FieldType::enumeration) return true;
        if (f.type == FieldType::date) return m.time != TimeStorage::unix_seconds;
        if (f.type == FieldType::datetime) return m.time == TimeStorage::iso_text;
        return false;
    }

    std::string present(const FieldDef& f, const SqlField& m) const {
        return m.expr + " IS NOT NULL" + (textual(f, m) ? " AND " + m.expr + " <> ''" : std::string());
    }

    std::string null_test(const FieldDef& f, const SqlField& m) const {
        if (textual(f, m)) return "(" + m.expr + " IS NULL OR " + m.expr + " = '')";
        return "(" + m.expr + " IS NULL)";
    }

    std::string bind(SqlValue v) {
        params_.push_back(std::move(v));
        return "?";
    }

    std::string fold_expr(const SqlField& m) const {
        return m.fold_expr.empty() ? "tumen_fold(" + m.expr + ")" : m.fold_expr;
    }

    std::string text(const SqlField& m, Op op, const std::vector<Literal>& values) {
        static const FieldDef text_def{"", FieldType::string, true, {}, {}};
        std::vector<std::string> wanted;
        for (const auto& v : values)
            if (const auto* s = std::get_if<std::string>(&v)) wanted.push_back(*s);
        if (wanted.empty()) return "0";
        const std::string guard = present(text_def, m);
        switch (op) {
            case Op::contains:
            case Op::starts_with:
            case Op::ends_with: {
                const std::string f = fold_expr(m);
                const std::string needle = like_escape(text::fold_key(wanted.front()));
                const std::string pattern = op == Op::contains      ? "%" + needle + "%"
                                            : op == Op::starts_with ? needle + "%"
                                                                    : "%" + needle;
                return "(" + guard + " AND " + f + " IS NOT NULL AND " + f + " LIKE " + bind(pattern) + " ESCAPE '\\')";
            }
            case Op::eq:
            case Op::in: {
                // "" is null: `x = ""` and `x in ("", ...)` include the null test
                const bool wants_null = std::any_of(wanted.begin(), wanted.end(), [](const auto& s) { return s.empty(); });
                std::vector<std::string> real;
                for (auto& s : wanted)
                    if (!s.empty()) real.push_back(std::move(s));
                std::string match;
                if (!real.empty()) {
                    match = "(" + guard + " AND " + m.expr;
                    if (real.size() == 1) {
                        match += " = " + bind(real.front());
                    } else {
                        match += " IN (";
                        for (std::size_t i = 0; i < real.size(); ++i) match += (i ? ", " : "") + bind(real[i]);
                        match += ")";
                    }
                    match += ")";
                }
                if (!wants_null) return match;
                const std::string nulls = null_test(text_def, m);
                return match.empty() ? nulls : "(" + nulls + " OR " + match + ")";
            }
            default:
                return "(" + guard + " AND " + m.expr + " " + filter::to_string(op) + " " + bind(wanted.front()) + ")";
        }
    }

    // integer, money, id, decimal, boolean
    std::string number_or_bool(const FieldDef& f, const SqlField& m, Op op, const std::vector<Literal>& values) {
        std::vector<SqlValue> wanted;
        for (const auto& v : values) {
            if (const auto* i = std::get_if<std::int64_t>(&v)) wanted.emplace_back(*i);
            else if (const auto* d = std::get_if<double>(&v)) wanted.emplace_back(*d);
            else if (const auto* b = std::get_if<bool>(&v)) wanted.emplace_back(std::int64_t{*b ? 1 : 0});
            else if (std::holds_alternative<CurrentUser>(v) && ctx_.user_id) wanted.emplace_back(*ctx_.user_id);
        }
        if (wanted.empty()) return "0";  // `= me` without a user matches nothing
        std::string out = "(" + present(f, m) + " AND " + m.expr;
        if (op == Op::in) {
            out += " IN (";
            for (std::size_t i = 0; i < wanted.size(); ++i) out += (i ? ", " : "") + bind(wanted[i]);
            return out + "))";
        }
        return out + " " + filter::to_string(op) + " " + bind(wanted.front()) + ")";
    }

    SqlValue time_param(const FieldDef& f, const SqlField& m, std::int64_t v) const {
        if (f.type == FieldType::date) {
            const auto day = static_cast<DayNumber>(v);
            if (m.time == TimeStorage::unix_seconds) return start_of_day(day);
            return format_date(day);
        }
        if (m.time == TimeStorage::iso_text) return format_timestamp(v);
        return v;
    }

    std::string time(const FieldDef& f, const SqlField& m, Op op, const Literal& value) {
        const auto span = filter::resolve_time(value, f.type, ctx_);
        if (!span) return "0";
        const std::string head = "(" + present(f, m) + " AND " + m.expr;
        switch (op) {
            case Op::eq: {
                std::string out = head + " >= " + bind(time_param(f, m, span->lo));
                return out + " AND " + m.expr + " < " + bind(time_param(f, m, span->hi)) + ")";
            }
            case Op::lt: return head + " < " + bind(time_param(f, m, span->lo)) + ")";
            case Op::le: return head + " < " + bind(time_param(f, m, span->hi)) + ")";
            case Op::gt: return head + " >= " + bind(time_param(f, m, span->hi)) + ")";
            case Op::ge: return head + " >= " + bind(time_param(f, m, span->lo)) + ")";
            default: return "0";
        }
    }

    // has / in / is null over the elements, through the caller's EXISTS template.
    std::string list(const FieldDef& f, const SqlField& m, Op op, const std::vector<Literal>& values) {
        const auto at = m.exists_sql.find(cond_placeholder);
        if (at == std::string::npos) {
            fail("field '" + f.name + "' has no EXISTS mapping with {cond}", f.name);
            return "0";
        }
        auto exists = [&](const std::string& cond) {
            std::string sql = m.exists_sql;
            return sql.replace(at, cond_placeholder.size(), cond);
        };
        if (op == Op::is_null) return "(NOT " + exists("1") + ")";
        const bool names = f.type == FieldType::string_list;
        const std::string element = names ? fold_expr(m) : m.expr;
        std::vector<std::string> marks;
        for (const auto& v : values) {
            if (const auto* s = std::get_if<std::string>(&v)) {
                if (names) marks.push_back(bind(text::fold_key(*s)));
            } else if (const auto* i = std::get_if<std::int64_t>(&v)) {
                if (!names) marks.push_back(bind(*i));
            } else if (std::holds_alternative<CurrentUser>(v) && ctx_.user_id && !names) {
                marks.push_back(bind(*ctx_.user_id));
            }
        }
        if (marks.empty()) return "0";
        if (marks.size() == 1) return exists(element + " = ?");
        std::string in = element + " IN (";
        for (std::size_t i = 0; i < marks.size(); ++i) in += (i ? ", " : "") + marks[i];
        return exists(in + ")");
    }

    void fail(std::string message, const std::string& field) {
        if (!error) error = Error::make(ErrorCode::internal, std::move(message), field);
    }

    const filter::FieldRegistry& fields_;
    const SqlFieldMap& map_;
    const filter::Context& ctx_;
    std::vector<SqlValue> params_;  // of the comparison being compiled
};

void sql_fold(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const int n = sqlite3_value_bytes(argv[0]);
    const std::string folded = text::fold_key(std::string_view(p ? p : "", static_cast<std::size_t>(n)));
    sqlite3_result_text(ctx, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

}  // namespace

Result<SqlWhere> compile_filter_sql(const filter::Expr& e, const filter::FieldRegistry& fields,
                                    const SqlFieldMap& map, const filter::Context& ctx) {
    if (auto err = filter::check(e, fields)) return *std::move(err);
    Compiler c(fields, map, ctx);
    Piece p = c.node(push_negations(e, false));
    if (c.error) return *c.error;
    if (p.stack > stack_budget) {
        Error err = Error::make(ErrorCode::bad_request,
                                "filter is nested too deeply to run on the server: remove some parentheses");
        err.position = 0;
        return err;
    }
    return SqlWhere{std::move(p.sql), std::move(p.params)};
}

std::vector<std::string> unmapped_fields(const filter::FieldRegistry& fields, const SqlFieldMap& map) {
    std::vector<std::string> out;
    for (const auto& f : fields.fields()) {
        const auto it = map.find(f.name);
        const bool ok = it != map.end() && !it->second.expr.empty() &&
                        (!is_list(f.type) || it->second.exists_sql.find(cond_placeholder) != std::string::npos);
        if (!ok) out.push_back(f.name);
    }
    return out;
}

int register_filter_functions(sqlite3* db) {
    return sqlite3_create_function_v2(db, "tumen_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                      nullptr, sql_fold, nullptr, nullptr, nullptr);
}

std::string like_escape(std::string_view folded) {
    std::string out;
    out.reserve(folded.size());
    for (char c : folded) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

}  // namespace tumen::store
