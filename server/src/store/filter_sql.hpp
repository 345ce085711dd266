// The filter language (shared/include/tumen/filter*.hpp) compiled to a parameterised SQLite WHERE fragment.
// SQL text comes only from the caller's field map and from this compiler; every value the user wrote is a
// bound parameter. The fragment is two-valued (never NULL) and means exactly what filter::evaluate() means,
// which tests/server/filter_sql_test.cpp checks on thousands of generated filters.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/error.hpp"
#include "tumen/filter_ast.hpp"
#include "tumen/filter_context.hpp"
#include "tumen/filter_fields.hpp"

namespace tumen::store {

// How a date/datetime column is stored. `standard` is the schema's convention (schema_crm.cpp):
// dates as TEXT 'YYYY-MM-DD', datetimes as INTEGER Unix seconds.
// iso_text datetimes must be exactly 'YYYY-MM-DDTHH:MM:SSZ' (no fraction, no offset) to compare as text.
enum class TimeStorage { standard, iso_text, unix_seconds };

// How one registry field reads in SQL. Only the caller writes these strings; they are trusted SQL.
struct SqlField {
    // Scalar fields: the value expression ("l.country", "(SELECT s.is_won FROM stages s WHERE s.id = l.stage_id)").
    // List fields: the element expression inside exists_sql ("lt.tag_id", "t.name").
    // A "{today}" in it becomes the context's today as a 'YYYY-MM-DD' literal (before_today fields), a "{now}"
    // the context's clock in Unix seconds (rotting).
    std::string expr;
    // Text fields and name lists: the folded copy, i.e. tumen::text::fold_key(expr), used by contains,
    // starts_with, ends_with and `has` on names ("l.name_fold"). Empty: `tumen_fold(expr)`, which needs
    // register_filter_functions() on the connection.
    std::string fold_expr;
    // List fields only: an EXISTS over the record's elements with one `{cond}` placeholder for the element
    // condition, e.g. "EXISTS (SELECT 1 FROM lead_tags lt WHERE lt.lead_id = l.id AND {cond})".
    std::string exists_sql;
    TimeStorage time = TimeStorage::standard;
};

using SqlFieldMap = std::map<std::string, SqlField, std::less<>>;

struct SqlWhere {
    std::string sql = "1";          // a boolean expression for WHERE; positional `?` placeholders
    std::vector<SqlValue> params;   // in placeholder order (Statement::bind_all)
};

// Checks `e` against `fields` (errors as filter::check: bad_request naming the field), then compiles it.
// A field the registry has but the map lacks is ErrorCode::internal (a server bug, see unmapped_fields).
// `ctx` resolves today/now/me exactly as the evaluator does.
Result<SqlWhere> compile_filter_sql(const filter::Expr& e, const filter::FieldRegistry& fields,
                                    const SqlFieldMap& map, const filter::Context& ctx);

// Registry fields the map cannot compile (missing, no expr, list field without a `{cond}` EXISTS):
// a test asserts this is empty for every registry/map pair the server uses.
std::vector<std::string> unmapped_fields(const filter::FieldRegistry& fields, const SqlFieldMap& map);

// Registers the deterministic SQL function tumen_fold(text) = tumen::text::fold_key(text) (NULL stays NULL)
// on a connection, for fold_expr-less text fields. Returns the sqlite3_create_function result code.
int register_filter_functions(sqlite3* db);

// The LIKE pattern for a folded needle: % _ and \ escaped with '\' (the compiler uses ESCAPE '\').
std::string like_escape(std::string_view folded);

}  // namespace tumen::store
