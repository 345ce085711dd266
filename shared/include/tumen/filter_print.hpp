// Syntax tree -> canonical filter text. parse(print(e)) == e for every tree parse() or the builders produce,
// so a filter can be stored and shown as text: lower-case keywords, double-quoted strings, single spaces,
// parentheses only where precedence needs them (or `not (...)`), `= null` written as `is null`.
#pragma once
#include <string>

#include "tumen/filter_ast.hpp"

namespace tumen::filter {

std::string print(const Expr& e);             // the empty filter prints as ""
std::string print(const Literal& value);      // one operand: "\"MN\"", "-5", "today - 30d", "me"
std::string quote(std::string_view text);     // string literal with escapes: "say \"hi\"\n"

}  // namespace tumen::filter
