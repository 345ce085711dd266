// Type checking a parsed filter against a field registry: unknown fields, operators that do not apply to a
// field's type (contains on a number) and operands of the wrong type (text for a money field, a bad date,
// a value outside an enumeration) are errors naming the field.
#pragma once
#include <optional>
#include <string_view>

#include "tumen/error.hpp"
#include "tumen/filter_ast.hpp"
#include "tumen/filter_fields.hpp"

namespace tumen::filter {

// nullopt when every comparison fits the registry; otherwise the first problem as an Error with code
// bad_request, `field` = the filter field concerned, `position` = byte offset of the field or operand.
std::optional<Error> check(const Expr& e, const FieldRegistry& fields);

// parse() then check(): what a handler or a settings form calls with user text.
Result<Expr> parse_checked(std::string_view text, const FieldRegistry& fields);

}  // namespace tumen::filter
