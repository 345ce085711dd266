// The filter language's syntax tree: what `parse()` produces, `print()` writes back as canonical text,
// `evaluate()` runs in memory and the server's SQL compiler turns into a parameterised WHERE fragment.
// The grammar and the semantics are written down in shared/FILTER.md.
//
// The tree is plain data (copyable, comparable) so callers can also build filters in code, e.g. the
// assignment job's "team domain AND user_id is null", without going through text.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace tumen::filter {

enum class Op {
    eq, ne, lt, le, gt, ge,             // = != < <= > >=
    contains, starts_with, ends_with,   // text, case-insensitive (folded)
    in, not_in,                         // value lists: field in ("MN", "CN")
    has,                                // list fields (tags): tags has "VIP"
    is_null, is_not_null,               // field is null / field is not null
};

// Canonical spelling as printed: "=", "!=", "contains", "not_in", "is null", ...
const char* to_string(Op op);

// Relative time for saved filters: `today`, `now`, optionally followed by offsets such as `- 30d + 1m`.
// Resolved against Context::now when evaluated or compiled, so the same saved filter moves with time.
// this_week / this_month / this_quarter / this_year: the first day (a date, like `today`) of the user's current
// week (Monday), month, quarter or year, so a search-bar date preset can be saved (`this_month + 1m`).
enum class TimeBase { today, now, this_week, this_month, this_quarter, this_year };
const char* to_string(TimeBase base);  // the keyword: "today", "this_month" ...
enum class TimeUnit { hour, day, week, month, year };  // h d w m y ("m" is months)

struct TimeOffset {
    std::int64_t amount = 0;  // signed: `today - 30d` holds -30
    TimeUnit unit = TimeUnit::day;
    bool operator==(const TimeOffset&) const = default;
};

struct RelativeTime {
    TimeBase base = TimeBase::today;
    std::vector<TimeOffset> offsets;  // applied left to right
    bool operator==(const RelativeTime&) const = default;
};

// `me`: the id of the user the filter runs for (Context::user_id), e.g. `user_id = me` ("My pipeline").
struct CurrentUser {
    bool operator==(const CurrentUser&) const = default;
};

// An operand. There is no null literal: `x = null` parses as `x is null` and `x != null` as `x is not null`.
// Careful: a string literal must be wrapped in std::string, a bare "..." would become the bool alternative.
using Literal = std::variant<bool, std::int64_t, double, std::string, RelativeTime, CurrentUser>;

struct Comparison {
    std::string field;            // dotted path as written, e.g. "stage.is_won"
    Op op = Op::eq;
    std::vector<Literal> values;  // none for is_null/is_not_null, one or more for in/not_in, else exactly one
    std::size_t position = 0;                 // byte offset of the field name (not part of ==)
    std::vector<std::size_t> value_positions; // byte offset of each value (not part of ==)

    bool operator==(const Comparison& o) const { return field == o.field && op == o.op && values == o.values; }
};

enum class ExprKind {
    all,          // matches every record: the empty filter, or `true` (`false` is `not (true)`)
    comparison,
    conjunction,  // and: two or more children, never itself a conjunction (flattened)
    disjunction,  // or: two or more children, never itself a disjunction (flattened)
    negation,     // not: exactly one child
};

struct Expr {
    ExprKind kind = ExprKind::all;
    Comparison comparison;       // when kind == comparison
    std::vector<Expr> children;  // when conjunction, disjunction or negation
    std::size_t position = 0;    // byte offset where the node starts in the source text (not part of ==)

    // Structural equality; positions are ignored so a printed and re-parsed filter compares equal.
    bool operator==(const Expr& o) const;
};

// Builders for filters composed in code. They keep the invariants above: nested and/or are flattened,
// `all` children are dropped from a conjunction and make a disjunction `all`, one child is returned as is.
Expr compare(std::string field, Op op, std::vector<Literal> values = {});
Expr all_of(std::vector<Expr> children);
Expr any_of(std::vector<Expr> children);
Expr negate(Expr child);  // negate(all) matches nothing and prints as `not (true)`

// Every field name the filter mentions, sorted and without duplicates (which joins the store needs,
// which lead fields a scoring rule depends on).
std::vector<std::string> referenced_fields(const Expr& e);

}  // namespace tumen::filter
