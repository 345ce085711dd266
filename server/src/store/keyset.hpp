// Keyset ("seek") paging shared by every list endpoint: a whitelist of sort keys, an opaque cursor holding the
// sort value and id of a page's last row, and the page query itself. Unlike OFFSET, a page costs the same at
// row 1,000,000 as at row 1, and rows inserted meanwhile never shift a page (stable cursor).
#pragma once
#include <functional>
#include <span>
#include <string>
#include <utility>

#include "store/record_rules.hpp"
#include "store/sqlite.hpp"
#include "tumen/error.hpp"

namespace tumen::store {

struct SortKey {
    const char* name;  // as the client writes it: ?sort=name desc
    const char* expr;  // trusted SQL; NULL only if `nullable` (else COALESCE it, so keyset comparisons are total)
    bool numeric;
    // NULLs sort first ascending and last descending (SQLite's order), and the page's seek condition handles them.
    // A plain column can then be sorted by its index: ORDER BY COALESCE(col, '') can use none.
    bool nullable = false;
};

struct Sort {
    const SortKey* key = nullptr;
    bool desc = false;
};

// "<field> [asc|desc]" against the allowed keys; 400 naming "sort" otherwise.
Result<Sort> parse_sort(const std::string& text, std::span<const SortKey> keys);

std::string make_cursor(const Sort& sort, const SqlValue& value, int64_t id);
// 400 naming "after" for a cursor that is malformed or was made for another sort.
Result<std::pair<SqlValue, int64_t>> read_cursor(const Sort& sort, const std::string& cursor);

struct KeysetQuery {
    std::string columns;   // select list read by on_row, e.g. "c.id, c.name"
    std::string from;      // "contacts c"
    std::string id_expr;   // the unique tie-breaker, e.g. "c.id"
    SqlFragment where;     // condition (record rule, filter, ...) and its parameters
    Sort sort;
    std::string after;     // cursor of the previous page, '' = first page
    int limit = 50;
};

// Runs one page: calls on_row for at most q.limit rows (columns as in q.columns) and returns the cursor of the
// next page ('' when this was the last one).
Result<std::string> keyset_page(Connection& c, const KeysetQuery& q, const std::function<void(Statement&)>& on_row);

}  // namespace tumen::store
