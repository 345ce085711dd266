// The per-row error report of an import: every failed row with its line, the field, the column it came from
// and why, followed by the row's own cells, so the user can fix the rows in a spreadsheet and import the
// report itself again (the extra columns are not mapped).
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tumen/csv.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

// One failed row as the API shows it: {line, field, column, message}, plus the shared i18n key and its arguments
// when one problem is meant (`keyed`), so the client words it in the user's language.
nlohmann::json import_row_error(std::size_t line, const std::string& field, const std::string& column,
                                const std::string& message, const FieldError* keyed = nullptr);

class ImportReport {
public:
    ImportReport() = default;
    ImportReport(std::vector<std::string> header, std::vector<std::string> mapping);

    void add(const csv::Record& row, const Error& error);
    void add(const csv::Record& row, const std::string& message);
    std::size_t count() const { return count_; }

    // A point to go back to when a batch is rolled back and written again.
    struct Mark {
        std::size_t count = 0, body = 0, first = 0;
    };
    Mark mark() const { return {count_, body_.size(), first_.size()}; }
    void rewind(const Mark& m);

    // UTF-8 CSV with BOM: line, field, column, message, then the file's own columns. Empty without errors.
    std::string csv() const;
    // The first `n` errors as [{line, field, column, message}].
    nlohmann::json first(std::size_t n) const;

private:
    void append(const csv::Record& row, const std::string& field, const std::string& message,
                const FieldError* keyed = nullptr);
    std::vector<std::string> header_, mapping_;
    std::string body_;
    nlohmann::json first_ = nlohmann::json::array();
    std::size_t count_ = 0;
};

}  // namespace tumen::server
