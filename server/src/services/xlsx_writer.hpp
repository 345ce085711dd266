// A one-sheet Excel workbook written row by row through libxlsxwriter in constant-memory mode (rows go to the
// file as they come, so a 1,000,000-row export does not sit in memory). Cells are typed: numbers, dates and
// money stay numbers in Excel; text is UTF-8 (Cyrillic as is).
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/export_columns.hpp"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace tumen::server {

class XlsxWriter {
public:
    // `tmp_dir`: where libxlsxwriter keeps its own temporary files while writing.
    XlsxWriter(const std::string& path, const std::string& sheet_name, const std::string& tmp_dir);
    ~XlsxWriter();
    XlsxWriter(const XlsxWriter&) = delete;
    XlsxWriter& operator=(const XlsxWriter&) = delete;

    bool ok() const { return book_ != nullptr; }
    void header(const std::vector<std::string>& names);
    // False once the sheet is full (1,048,576 rows).
    bool row(const std::vector<exporting::Cell>& cells);
    // Writes the file; an error names what libxlsxwriter reported.
    std::optional<Error> close();

    static constexpr int max_rows = 1048576;

private:
    lxw_format* money_format(int digits);
    lxw_workbook* book_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    lxw_format *bold_ = nullptr, *date_ = nullptr, *datetime_ = nullptr;
    std::map<int, lxw_format*> money_;
    std::string tmp_dir_;
    int next_row_ = 0;
    std::size_t columns_ = 0;
};

}  // namespace tumen::server
