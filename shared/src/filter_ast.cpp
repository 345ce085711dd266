#include "tumen/filter_ast.hpp"

#include <algorithm>

namespace tumen::filter {

const char* to_string(TimeBase base) {
    switch (base) {
        case TimeBase::today: return "today";
        case TimeBase::now: return "now";
        case TimeBase::this_week: return "this_week";
        case TimeBase::this_month: return "this_month";
        case TimeBase::this_quarter: return "this_quarter";
        case TimeBase::this_year: return "this_year";
    }
    return "today";
}

const char* to_string(Op op) {
    switch (op) {
        case Op::eq: return "=";
        case Op::ne: return "!=";
        case Op::lt: return "<";
        case Op::le: return "<=";
        case Op::gt: return ">";
        case Op::ge: return ">=";
        case Op::contains: return "contains";
        case Op::starts_with: return "starts_with";
        case Op::ends_with: return "ends_with";
        case Op::in: return "in";
        case Op::not_in: return "not_in";
        case Op::has: return "has";
        case Op::is_null: return "is null";
        case Op::is_not_null: return "is not null";
    }
    return "?";
}

bool Expr::operator==(const Expr& o) const {
    if (kind != o.kind) return false;
    if (kind == ExprKind::comparison) return comparison == o.comparison;
    return children == o.children;
}

Expr compare(std::string field, Op op, std::vector<Literal> values) {
    Expr e;
    e.kind = ExprKind::comparison;
    e.comparison.field = std::move(field);
    e.comparison.op = op;
    e.comparison.values = std::move(values);
    e.comparison.value_positions.assign(e.comparison.values.size(), 0);
    return e;
}

namespace {

// Shared by all_of/any_of: flatten same-kind children; `all` is the identity of `and` and absorbs `or`.
Expr combine(ExprKind kind, std::vector<Expr> children) {
    Expr out;
    out.kind = kind;
    for (auto& c : children) {
        if (c.kind == ExprKind::all) {
            if (kind == ExprKind::disjunction) return Expr{};
            continue;
        }
        if (c.kind == kind) {
            for (auto& g : c.children) out.children.push_back(std::move(g));
        } else {
            out.children.push_back(std::move(c));
        }
    }
    if (out.children.empty()) return Expr{};
    if (out.children.size() == 1) return std::move(out.children.front());
    out.position = out.children.front().position;
    return out;
}

void collect_fields(const Expr& e, std::vector<std::string>& out) {
    if (e.kind == ExprKind::comparison) out.push_back(e.comparison.field);
    for (const auto& c : e.children) collect_fields(c, out);
}

}  // namespace

Expr all_of(std::vector<Expr> children) { return combine(ExprKind::conjunction, std::move(children)); }

Expr any_of(std::vector<Expr> children) { return combine(ExprKind::disjunction, std::move(children)); }

Expr negate(Expr child) {
    Expr e;
    e.kind = ExprKind::negation;
    e.position = child.position;
    e.children.push_back(std::move(child));
    return e;
}

std::vector<std::string> referenced_fields(const Expr& e) {
    std::vector<std::string> out;
    collect_fields(e, out);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

}  // namespace tumen::filter
