#include "store/constraints.hpp"

#include <cctype>

namespace tumen::store {

namespace {

// "...: UNIQUE constraint failed: team_members.team_id, team_members.user_id [sql]" -> "user_id".
std::string last_column(const std::string& what, const std::string& marker) {
    auto at = what.find(marker);
    if (at == std::string::npos) return {};
    std::string rest = what.substr(at + marker.size());
    rest = rest.substr(0, rest.find(" ["));
    if (auto comma = rest.rfind(", "); comma != std::string::npos) rest = rest.substr(comma + 2);
    if (auto dot = rest.rfind('.'); dot != std::string::npos) rest = rest.substr(dot + 1);
    while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.pop_back();
    return rest;
}

// "...: CHECK constraint failed: length(name) BETWEEN 1 AND 200 [sql]" -> "name" (the first identifier that is
// not a function name).
std::string check_column(const std::string& what) {
    const std::string marker = "CHECK constraint failed: ";
    auto at = what.find(marker);
    if (at == std::string::npos) return {};
    std::string expr = what.substr(at + marker.size());
    expr = expr.substr(0, expr.find(" ["));
    size_t i = 0;
    while (i < expr.size()) {
        if (std::isalpha(static_cast<unsigned char>(expr[i])) || expr[i] == '_') {
            size_t j = i;
            while (j < expr.size() && (std::isalnum(static_cast<unsigned char>(expr[j])) || expr[j] == '_')) ++j;
            if (j >= expr.size() || expr[j] != '(') return expr.substr(i, j - i);
            i = j;
        } else {
            ++i;
        }
    }
    return {};
}

}  // namespace

std::optional<Error> constraint_error(const SqlError& e, const ForeignKeyHint& fk) {
    const std::string what = e.what();
    switch (e.code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY: {
            std::string field = last_column(what, "constraint failed: ");
            Error err = Error::make(ErrorCode::conflict, (field.empty() ? "value" : field) + ": is already used", field);
            err.details.push_back({field, "is already used", "error.duplicate"});
            return err;
        }
        case SQLITE_CONSTRAINT_NOTNULL: {
            FieldErrors fe;
            fe.add(last_column(what, "NOT NULL constraint failed: "), "is required", "error.required");
            return fe.to_error();
        }
        case SQLITE_CONSTRAINT_CHECK: {
            FieldErrors fe;
            fe.add(check_column(what), "is out of range", "error.invalid");
            return fe.to_error();
        }
        case SQLITE_CONSTRAINT_FOREIGNKEY: {
            if (fk.code == ErrorCode::validation) {
                FieldErrors fe;
                fe.add(fk.field, fk.message, "error.unknown_id");
                return fe.to_error();
            }
            Error err = Error::make(fk.code, (fk.field.empty() ? "" : fk.field + ": ") + fk.message, fk.field);
            err.details.push_back({fk.field, fk.message, "error.in_use"});
            return err;
        }
        default: return std::nullopt;
    }
}

}  // namespace tumen::store
