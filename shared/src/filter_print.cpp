#include "tumen/filter_print.hpp"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace tumen::filter {
namespace {

// Shortest decimal text that reads back as the same double, always with a '.' or an exponent so it
// re-parses as a decimal and not as an integer. (No std::to_chars: emscripten's libc++ lacks it for double.)
std::string print_decimal(double v) {
    char buf[40];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    std::string out = buf;
    if (out.find_first_of(".e") == std::string::npos) out += ".0";
    return out;
}

const char* unit_suffix(TimeUnit u) {
    switch (u) {
        case TimeUnit::hour: return "h";
        case TimeUnit::day: return "d";
        case TimeUnit::week: return "w";
        case TimeUnit::month: return "m";
        case TimeUnit::year: return "y";
    }
    return "d";
}

struct LiteralPrinter {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(double v) const { return print_decimal(v); }
    std::string operator()(const std::string& s) const { return quote(s); }
    std::string operator()(const CurrentUser&) const { return "me"; }
    std::string operator()(const RelativeTime& r) const {
        std::string out = to_string(r.base);
        for (const auto& o : r.offsets) {
            out += o.amount < 0 ? " - " : " + ";
            // amount is bounded by max_time_offset, so negating it cannot overflow
            out += std::to_string(o.amount < 0 ? -o.amount : o.amount);
            out += unit_suffix(o.unit);
        }
        return out;
    }
};

void print_comparison(const Comparison& c, std::string& out) {
    out += c.field;
    out += ' ';
    out += to_string(c.op);
    if (c.op == Op::is_null || c.op == Op::is_not_null) return;
    out += ' ';
    if (c.op == Op::in || c.op == Op::not_in) {
        out += '(';
        for (std::size_t i = 0; i < c.values.size(); ++i) {
            if (i) out += ", ";
            out += print(c.values[i]);
        }
        out += ')';
        return;
    }
    if (!c.values.empty()) out += print(c.values.front());
}

// `top` distinguishes the whole filter (where `all` is the empty text) from a nested `all` (`true`).
void print_expr(const Expr& e, std::string& out, bool top) {
    switch (e.kind) {
        case ExprKind::all:
            if (!top) out += "true";
            return;
        case ExprKind::comparison:
            print_comparison(e.comparison, out);
            return;
        case ExprKind::negation:
            out += "not (";
            if (!e.children.empty()) print_expr(e.children.front(), out, false);
            out += ')';
            return;
        case ExprKind::conjunction:
        case ExprKind::disjunction: {
            const bool is_and = e.kind == ExprKind::conjunction;
            for (std::size_t i = 0; i < e.children.size(); ++i) {
                if (i) out += is_and ? " and " : " or ";
                const Expr& c = e.children[i];
                // `or` binds looser than `and`; a same-kind child cannot occur (flattened) but is kept apart.
                const bool parens = c.kind == ExprKind::disjunction || c.kind == e.kind;
                if (parens) out += '(';
                print_expr(c, out, false);
                if (parens) out += ')';
            }
            return;
        }
    }
}

}  // namespace

std::string quote(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
                    out += buf;
                } else {
                    out += c;
                }
        }
    }
    out += '"';
    return out;
}

std::string print(const Literal& value) { return std::visit(LiteralPrinter{}, value); }

std::string print(const Expr& e) {
    std::string out;
    print_expr(e, out, true);
    return out;
}

}  // namespace tumen::filter
