#include "tumen/filter_check.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>

#include "tumen/filter_context.hpp"
#include "tumen/filter_error.hpp"
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

// The value found, for messages ({_value}): its kind is worded, the value itself is printed as written.
i18n::Args describe(const Literal& v) {
    if (std::holds_alternative<std::string>(v)) return {{"_value", "api.filter.value.text"}, {"value", print(v)}};
    if (std::holds_alternative<std::int64_t>(v)) return {{"_value", "api.filter.value.integer"}, {"value", print(v)}};
    if (std::holds_alternative<double>(v)) return {{"_value", "api.filter.value.decimal"}, {"value", print(v)}};
    if (std::holds_alternative<bool>(v)) return {{"_value", "api.filter.value.as_is"}, {"value", print(v)}};
    if (std::holds_alternative<CurrentUser>(v)) return {{"_value", "api.filter.value.as_is"}, {"value", "'me'"}};
    return {{"_value", "api.filter.value.as_is"}, {"value", "'" + print(v) + "'"}};
}

Error error_at(std::size_t pos, const std::string& field, std::string key, i18n::Args args) {
    args.emplace_back("field", field);
    return filter_error(pos, std::move(key), std::move(args), field);
}

// What a field of this type expects as an operand, for messages ({_expected}).
i18n::Args expectation(const FieldDef& f) {
    switch (f.type) {
        case FieldType::string:
        case FieldType::string_list: return {{"_expected", "api.filter.expect.text"}};
        case FieldType::enumeration: {
            std::string values;
            for (const auto& v : f.values) values += (values.empty() ? "\"" : " \"") + v + "\"";
            return {{"_expected", "api.filter.expect.choice"}, {"values", values}};
        }
        case FieldType::money: return {{"_expected", "api.filter.expect.money"}};
        case FieldType::integer: return {{"_expected", "api.filter.expect.integer"}};
        case FieldType::id:
        case FieldType::id_list:
            return {{"_expected", f.ref == "user" ? "api.filter.expect.user_id" : "api.filter.expect.id"}};
        case FieldType::decimal: return {{"_expected", "api.filter.expect.decimal"}};
        case FieldType::boolean: return {{"_expected", "api.filter.expect.boolean"}};
        case FieldType::date: return {{"_expected", "api.filter.expect.date"}};
        case FieldType::datetime: return {{"_expected", "api.filter.expect.datetime"}};
    }
    return {{"_expected", "api.filter.expect.text"}};
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
    if (!f) return error_at(c.position, c.field, "filter.unknown_field", {});
    const i18n::Args op = {{"op", to_string(c.op)}};
    const auto ops = allowed_ops(f->type);
    if (std::find(ops.begin(), ops.end(), c.op) == ops.end())
        return error_at(c.position, c.field, "filter.op_not_for_type",
                        {{"op", to_string(c.op)}, {"_type", type_key(f->type)}, {"ops", op_list(f->type)}});
    const bool null_op = c.op == Op::is_null || c.op == Op::is_not_null;
    if (null_op && !f->nullable) return error_at(c.position, c.field, "filter.not_nullable", op);
    const bool list_op = c.op == Op::in || c.op == Op::not_in;
    const std::size_t want = null_op ? 0 : 1;
    if (list_op ? c.values.empty() : c.values.size() != want)
        return error_at(c.position, c.field,
                        null_op ? "filter.needs_no_value" : list_op ? "filter.needs_values" : "filter.needs_one_value",
                        op);
    for (std::size_t i = 0; i < c.values.size(); ++i) {
        if (value_fits(*f, c.values[i])) continue;
        const std::size_t pos = i < c.value_positions.size() ? c.value_positions[i] : c.position;
        i18n::Args args = describe(c.values[i]);
        const bool text = std::holds_alternative<std::string>(c.values[i]);
        if (f->type == FieldType::date && text) return error_at(pos, c.field, "filter.wrong_date", args);
        if (f->type == FieldType::datetime && text) return error_at(pos, c.field, "filter.wrong_datetime", args);
        args.emplace_back("_type", type_key(f->type));
        for (auto& e : expectation(*f)) args.push_back(std::move(e));
        return error_at(pos, c.field, "filter.wrong_value", std::move(args));
    }
    return std::nullopt;
}

}  // namespace

std::optional<Error> check(const Expr& e, const FieldRegistry& fields) {
    if (e.kind == ExprKind::comparison) return check_comparison(e, fields);
    if (e.kind == ExprKind::negation && e.children.size() != 1)
        return filter_error(e.position, "filter.not_one");
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
