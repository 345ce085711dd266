// The in-memory evaluator. Every negated operator (!=, not_in, is not null, not) is the plain negation of
// its positive form, and every positive comparison is false on null: the SQL compiler mirrors exactly this.
#include "tumen/filter_eval.hpp"

#include <algorithm>
#include <optional>

#include "tumen/datetime.hpp"
#include "tumen/text_fold.hpp"

namespace tumen::filter {

Value MapRecord::get(std::string_view field) const {
    const auto it = values_.find(field);
    return it == values_.end() ? Value{} : it->second;
}

namespace {

// A number as found in a record or a literal; integers compare exactly, anything with a double as doubles.
struct Number {
    bool is_int = true;
    std::int64_t i = 0;
    double d = 0;
};

int compare_numbers(const Number& a, const Number& b) {
    if (a.is_int && b.is_int) return a.i < b.i ? -1 : a.i > b.i ? 1 : 0;
    const double x = a.is_int ? static_cast<double>(a.i) : a.d;
    const double y = b.is_int ? static_cast<double>(b.i) : b.d;
    return x < y ? -1 : x > y ? 1 : 0;
}

template <class T>
int compare_values(const T& a, const T& b) {
    return a < b ? -1 : b < a ? 1 : 0;
}

bool order_holds(Op op, int cmp) {
    switch (op) {
        case Op::eq: return cmp == 0;
        case Op::lt: return cmp < 0;
        case Op::le: return cmp <= 0;
        case Op::gt: return cmp > 0;
        case Op::ge: return cmp >= 0;
        default: return false;
    }
}

class Evaluator {
public:
    Evaluator(const FieldRegistry& fields, const Record& record, const Context& ctx)
        : fields_(fields), record_(record), ctx_(ctx) {}

    bool run(const Expr& e) const {
        switch (e.kind) {
            case ExprKind::all: return true;
            case ExprKind::comparison: return comparison(e.comparison);
            case ExprKind::negation: return !e.children.empty() && !run(e.children.front());
            case ExprKind::conjunction:
                return std::all_of(e.children.begin(), e.children.end(), [&](const Expr& c) { return run(c); });
            case ExprKind::disjunction:
                return std::any_of(e.children.begin(), e.children.end(), [&](const Expr& c) { return run(c); });
        }
        return false;
    }

private:
    // A before_today field: the record's day against today; a bool as it is; anything else false.
    Value overdue(const Value& v) const {
        if (const auto* b = v.get_if<bool>()) return *b;
        std::optional<DayNumber> day;
        if (const auto* s = v.get_if<std::string>()) day = parse_date(*s);
        else if (const auto* n = v.get_if<std::int64_t>()) day = static_cast<DayNumber>(*n);
        return day ? *day < today(ctx_) : false;
    }

    bool comparison(const Comparison& c) const {
        const FieldDef* f = fields_.find(c.field);
        if (!f) return false;
        const Value v = f->before_today ? overdue(record_.get(c.field)) : record_.get(c.field);
        switch (c.op) {
            case Op::ne: return !positive(*f, Op::eq, v, c.values);
            case Op::not_in: return !positive(*f, Op::in, v, c.values);
            case Op::is_not_null: return !positive(*f, Op::is_null, v, c.values);
            default: return positive(*f, c.op, v, c.values);
        }
    }

    // The positive operators: =, <, <=, >, >=, contains, starts_with, ends_with, in, has, is null.
    bool positive(const FieldDef& f, Op op, const Value& v, const std::vector<Literal>& values) const {
        if (f.type == FieldType::string_list || f.type == FieldType::id_list) return list(f, op, v, values);
        if (op == Op::is_null) return is_null(f, v);
        if (op == Op::in) {
            return std::any_of(values.begin(), values.end(),
                               [&](const Literal& lit) { return scalar(f, Op::eq, v, lit); });
        }
        return !values.empty() && scalar(f, op, v, values.front());
    }

    bool is_null(const FieldDef& f, const Value& v) const {
        switch (f.type) {
            case FieldType::string:
            case FieldType::enumeration: return !text(v);
            case FieldType::integer:
            case FieldType::money:
            case FieldType::id:
            case FieldType::decimal: return !number(v);
            case FieldType::boolean: return !boolean(v);
            case FieldType::date:
            case FieldType::datetime: return !time(f.type, v);
            case FieldType::string_list:
            case FieldType::id_list: return true;  // handled by list()
        }
        return true;
    }

    bool scalar(const FieldDef& f, Op op, const Value& v, const Literal& lit) const {
        switch (f.type) {
            case FieldType::string:
            case FieldType::enumeration: {
                const auto* needle = std::get_if<std::string>(&lit);
                if (!needle) return false;
                if (op == Op::eq && needle->empty()) return is_null(f, v);  // "" is null
                const auto s = text(v);
                if (!s) return false;
                // fold_key: the form the store keeps in *_fold columns (folded, white space collapsed)
                switch (op) {
                    case Op::contains: return text::fold_key(*s).find(text::fold_key(*needle)) != std::string::npos;
                    case Op::starts_with: return text::fold_key(*s).starts_with(text::fold_key(*needle));
                    case Op::ends_with: return text::fold_key(*s).ends_with(text::fold_key(*needle));
                    default: return order_holds(op, compare_values(*s, *needle));
                }
            }
            case FieldType::integer:
            case FieldType::money:
            case FieldType::id:
            case FieldType::decimal: {
                const auto a = number(v);
                const auto b = literal_number(lit);
                return a && b && order_holds(op, compare_numbers(*a, *b));
            }
            case FieldType::boolean: {
                const auto a = boolean(v);
                const auto* b = std::get_if<bool>(&lit);
                return a && b && order_holds(op, compare_values(*a, *b));
            }
            case FieldType::date:
            case FieldType::datetime: {
                const auto t = time(f.type, v);
                const auto span = resolve_time(lit, f.type, ctx_);
                if (!t || !span) return false;
                switch (op) {
                    case Op::eq: return span->lo <= *t && *t < span->hi;
                    case Op::lt: return *t < span->lo;
                    case Op::le: return *t < span->hi;
                    case Op::gt: return *t >= span->hi;
                    case Op::ge: return *t >= span->lo;
                    default: return false;
                }
            }
            case FieldType::string_list:
            case FieldType::id_list: return false;
        }
        return false;
    }

    // has / in (any of) / is null (empty); not_in is negated by the caller.
    bool list(const FieldDef& f, Op op, const Value& v, const std::vector<Literal>& values) const {
        if (f.type == FieldType::string_list) {
            const auto* names = v.get_if<std::vector<std::string>>();
            if (op == Op::is_null) return !names || names->empty();
            if (!names) return false;
            for (const auto& lit : values) {
                const auto* wanted = std::get_if<std::string>(&lit);
                if (!wanted) continue;
                const std::string key = text::fold_key(*wanted);
                for (const auto& n : *names)
                    if (text::fold_key(n) == key) return true;
            }
            return false;
        }
        const auto* ids = v.get_if<std::vector<std::int64_t>>();
        if (op == Op::is_null) return !ids || ids->empty();
        if (!ids) return false;
        for (const auto& lit : values) {
            const auto wanted = literal_number(lit);
            if (!wanted || !wanted->is_int) continue;
            if (std::find(ids->begin(), ids->end(), wanted->i) != ids->end()) return true;
        }
        return false;
    }

    static std::optional<std::string> text(const Value& v) {
        const auto* s = v.get_if<std::string>();
        if (!s || s->empty()) return std::nullopt;
        return *s;
    }

    static std::optional<Number> number(const Value& v) {
        if (const auto* i = v.get_if<std::int64_t>()) return Number{true, *i, 0};
        if (const auto* d = v.get_if<double>()) return Number{false, 0, *d};
        if (const auto* b = v.get_if<bool>()) return Number{true, *b ? 1 : 0, 0};
        return std::nullopt;
    }

    static std::optional<bool> boolean(const Value& v) {
        if (const auto* b = v.get_if<bool>()) return *b;
        if (const auto* i = v.get_if<std::int64_t>()) return *i != 0;
        return std::nullopt;
    }

    // A date as its day number, a datetime as UTC seconds (the scales resolve_time() uses).
    static std::optional<std::int64_t> time(FieldType type, const Value& v) {
        if (const auto* i = v.get_if<std::int64_t>()) return *i;
        const auto* s = v.get_if<std::string>();
        if (!s || s->empty()) return std::nullopt;
        if (type == FieldType::date) {
            if (auto d = parse_date(*s)) return *d;
            if (auto t = parse_timestamp(*s)) return day_of(*t);
            return std::nullopt;
        }
        if (auto t = parse_timestamp(*s)) return *t;
        if (auto d = parse_date(*s)) return start_of_day(*d);
        return std::nullopt;
    }

    std::optional<Number> literal_number(const Literal& lit) const {
        if (const auto* i = std::get_if<std::int64_t>(&lit)) return Number{true, *i, 0};
        if (const auto* d = std::get_if<double>(&lit)) return Number{false, 0, *d};
        if (std::holds_alternative<CurrentUser>(lit) && ctx_.user_id) return Number{true, *ctx_.user_id, 0};
        return std::nullopt;
    }

    const FieldRegistry& fields_;
    const Record& record_;
    const Context& ctx_;
};

}  // namespace

bool evaluate(const Expr& e, const FieldRegistry& fields, const Record& record, const Context& ctx) {
    return Evaluator(fields, record, ctx).run(e);
}

}  // namespace tumen::filter
