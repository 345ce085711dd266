#include "tumen/filter_check.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>

#include "tumen/filter_context.hpp"
#include "tumen/filter_parse.hpp"
#include "tumen/filter_print.hpp"

namespace tumen::filter {
namespace {

std::vector<Op> allowed_ops(FieldType type) {
    switch (type) {
        case FieldType::string:
            return {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge, Op::contains, Op::starts_with, Op::ends_with,
                    Op::in, Op::not_in, Op::is_null, Op::is_not_null};
        case FieldType::enumeration:
            return {Op::eq, Op::ne, Op::in, Op::not_in, Op::is_null, Op::is_not_null};
        case FieldType::integer:
        case FieldType::money:
        case FieldType::decimal:
        case FieldType::id:
            return {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge, Op::in, Op::not_in, Op::is_null, Op::is_not_null};
        case FieldType::boolean:
            return {Op::eq, Op::ne, Op::is_null, Op::is_not_null};
        case FieldType::date:
        case FieldType::datetime:
            return {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge, Op::is_null, Op::is_not_null};
        case FieldType::id_list:
        case FieldType::string_list:
            return {Op::has, Op::in, Op::not_in, Op::is_null, Op::is_not_null};
    }
    return {};
}

std::string describe(const Literal& v) {
    if (std::holds_alternative<std::string>(v)) return "text " + print(v);
    if (std::holds_alternative<std::int64_t>(v)) return "integer " + print(v);
    if (std::holds_alternative<double>(v)) return "decimal " + print(v);
    if (std::holds_alternative<bool>(v)) return print(v);
    if (std::holds_alternative<CurrentUser>(v)) return "'me'";
    return "'" + print(v) + "'";
}

Error error_at(std::size_t pos, const std::string& field, std::string message) {
    Error e = Error::make(ErrorCode::bad_request, std::move(message), field);
    e.position = pos;
    return e;
}

// What a field of this type expects as an operand, for messages.
std::string expectation(const FieldDef& f) {
    switch (f.type) {
        case FieldType::string:
        case FieldType::string_list: return "text in quotes";
        case FieldType::enumeration: {
            std::string out = "one of";
            for (const auto& v : f.values) out += " \"" + v + "\"";
            return out;
        }
        case FieldType::money: return "an integer amount in minor units (1000000)";
        case FieldType::integer: return "an integer";
        case FieldType::id:
        case FieldType::id_list: return f.ref == "user" ? "an id (integer) or me" : "an id (integer)";
        case FieldType::decimal: return "a number";
        case FieldType::boolean: return "true or false";
        case FieldType::date: return "a date \"YYYY-MM-DD\", today or now with offsets (today - 30d)";
        case FieldType::datetime:
            return "a date \"YYYY-MM-DD\", a time \"YYYY-MM-DDTHH:MM:SSZ\", today or now with offsets (now - 2h)";
    }
    return "a value";
}

bool value_fits(const FieldDef& f, const Literal& v) {
    switch (f.type) {
        case FieldType::string:
        case FieldType::string_list:
            return std::holds_alternative<std::string>(v);
        case FieldType::enumeration: {
            const auto* s = std::get_if<std::string>(&v);
            return s && std::find(f.values.begin(), f.values.end(), *s) != f.values.end();
        }
        case FieldType::integer:
        case FieldType::money:
            return std::holds_alternative<std::int64_t>(v);
        case FieldType::id:
        case FieldType::id_list:
            return std::holds_alternative<std::int64_t>(v) || (f.ref == "user" && std::holds_alternative<CurrentUser>(v));
        case FieldType::decimal:
            return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
        case FieldType::boolean:
            return std::holds_alternative<bool>(v);
        case FieldType::date:
        case FieldType::datetime:
            return resolve_time(v, f.type, Context{}).has_value();
    }
    return false;
}

std::string op_list(FieldType type) {
    std::string out;
    for (Op op : allowed_ops(type)) {
        if (!out.empty()) out += ", ";
        out += to_string(op);
    }
    return out;
}

std::optional<Error> check_comparison(const Expr& e, const FieldRegistry& fields) {
    const Comparison& c = e.comparison;
    const FieldDef* f = fields.find(c.field);
    if (!f) return error_at(c.position, c.field, "unknown field '" + c.field + "'");
    const auto ops = allowed_ops(f->type);
    if (std::find(ops.begin(), ops.end(), c.op) == ops.end())
        return error_at(c.position, c.field,
                        std::string("'") + to_string(c.op) + "' does not apply to " + c.field + " (" +
                            to_string(f->type) + "): use " + op_list(f->type));
    const bool null_op = c.op == Op::is_null || c.op == Op::is_not_null;
    if (null_op && !f->nullable)
        return error_at(c.position, c.field, c.field + " always has a value: '" + to_string(c.op) + "' does not apply");
    const bool list_op = c.op == Op::in || c.op == Op::not_in;
    const std::size_t want = null_op ? 0 : 1;
    if (list_op ? c.values.empty() : c.values.size() != want)
        return error_at(c.position, c.field,
                        std::string("'") + to_string(c.op) + "' on " + c.field + " needs " +
                            (null_op ? "no value" : list_op ? "at least one value" : "exactly one value"));
    for (std::size_t i = 0; i < c.values.size(); ++i) {
        if (value_fits(*f, c.values[i])) continue;
        const std::size_t pos = i < c.value_positions.size() ? c.value_positions[i] : c.position;
        std::string why = c.field + " is " + to_string(f->type) + ": expected " + expectation(*f) + ", found " +
                          describe(c.values[i]);
        if (f->type == FieldType::date && std::holds_alternative<std::string>(c.values[i]))
            why = c.field + " is a date: expected \"YYYY-MM-DD\" (a real day), found " + describe(c.values[i]);
        if (f->type == FieldType::datetime && std::holds_alternative<std::string>(c.values[i]))
            why = c.field + " is a date and time: expected \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM:SSZ\", found " +
                  describe(c.values[i]);
        return error_at(pos, c.field, why);
    }
    return std::nullopt;
}

}  // namespace

std::optional<Error> check(const Expr& e, const FieldRegistry& fields) {
    if (e.kind == ExprKind::comparison) return check_comparison(e, fields);
    if (e.kind == ExprKind::negation && e.children.size() != 1)
        return Error::make(ErrorCode::bad_request, "'not' needs exactly one condition");
    for (const auto& c : e.children)
        if (auto err = check(c, fields)) return err;
    return std::nullopt;
}

Result<Expr> parse_checked(std::string_view text, const FieldRegistry& fields) {
    auto parsed = parse(text);
    if (!parsed) return parsed.error();
    if (auto err = check(parsed.value(), fields)) return *std::move(err);
    return parsed;
}

}  // namespace tumen::filter
