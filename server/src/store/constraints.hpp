// SQLite constraint failures turned into the API's error shape. Services check references and uniqueness
// before writing (for a precise message), but two requests can race between check and write; the constraint
// then fires, and this mapping makes it a 409/422 naming the field instead of a 500.
#pragma once
#include <optional>
#include <string>

#include "store/sqlite.hpp"
#include "tumen/error.hpp"

namespace tumen::store {

// What a FOREIGN KEY failure means for the statement at hand (SQLite does not say which column failed):
// on insert/update a referenced id is missing (422), on delete the row is still referenced (409).
struct ForeignKeyHint {
    std::string field;                          // e.g. "parent_id"; "" = no field
    ErrorCode code = ErrorCode::validation;
    std::string message = "refers to a record that does not exist";
};

// nullopt when `e` is not a constraint failure (then it is a bug or an I/O error: rethrow it).
//   UNIQUE   -> 409 conflict, field = the (last) column named by SQLite, "is already used"
//   NOT NULL -> 422, field = the column        CHECK -> 422, field = first identifier of the check
//   FOREIGN KEY -> as `fk` says
std::optional<Error> constraint_error(const SqlError& e, const ForeignKeyHint& fk = {});

// Runs `fn` (typically a Database::write) and maps a constraint failure it throws.
template <class Fn>
auto map_constraints(Fn&& fn, const ForeignKeyHint& fk = {}) -> decltype(fn()) {
    try {
        return fn();
    } catch (const SqlError& e) {
        if (auto err = constraint_error(e, fk)) return *err;
        throw;
    }
}

}  // namespace tumen::store
