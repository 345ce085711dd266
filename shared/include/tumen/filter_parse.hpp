// Text -> syntax tree for the filter language. Syntax only: whether the fields exist and the operands fit
// their types is check()'s job (filter_check.hpp). Semantics and examples: shared/FILTER.md.
//
//   filter     := (empty) | or_expr
//   or_expr    := and_expr ( "or" and_expr )*
//   and_expr   := not_expr ( "and" not_expr )*
//   not_expr   := "not" not_expr | primary
//   primary    := "(" or_expr ")" | "true" | "false" | comparison
//   comparison := field op value                                   op: = != < <= > >=  (also == <>)
//               | field ("contains" | "starts_with" | "ends_with" | "has") value
//               | field ("in" | "not_in" | "not" "in") "(" value ("," value)* ")"
//               | field "is" ["not"] "null"  |  field ("=" | "!=") "null"
//   field      := name ("." name)*                                 name: [A-Za-z_][A-Za-z0-9_]*
//   value      := string | ["-"|"+"] number | "true" | "false" | "me" | time
//   time       := ("today" | "now") (("+" | "-") digits unit)*     unit: h d w m(onths) y
//   string     := "..." | '...'   escapes \" \' \\ \/ \n \t \r \b \f \uXXXX
//   number     := digits ["." digits] [("e"|"E") ["+"|"-"] digits]  ("." or exponent: decimal)
// Keywords are case-insensitive, field names are not. Example:
//   stage.is_won = false and (country = "MN" or tags has "VIP") and create_date >= today - 30d
#pragma once
#include <cstddef>
#include <string_view>

#include "tumen/error.hpp"
#include "tumen/filter_ast.hpp"

namespace tumen::filter {

// Limits that keep hostile input cheap: deep nesting would exhaust the stack, huge filters the SQL engine.
inline constexpr std::size_t max_filter_bytes = 16384;
inline constexpr std::size_t max_nesting = 64;       // levels of parentheses and `not`
inline constexpr std::size_t max_comparisons = 500;
inline constexpr std::int64_t max_time_offset = 100000;  // |N| in `today - Nd`

// Whitespace-only text is the empty filter (ExprKind::all). A syntax error is an Error with code
// bad_request, `position` = byte offset of the offending token (text.size() for "unexpected end") and a
// message saying what was expected, e.g. "expected ')' to close the '(' at 12".
Result<Expr> parse(std::string_view text);

}  // namespace tumen::filter
