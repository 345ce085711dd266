// CSV as RFC 4180 writes it and as spreadsheets really produce it: quoted fields with "" escapes and embedded
// line breaks, CRLF or LF or CR line ends, a UTF-8 byte-order mark, ',' or ';' or TAB delimiters.
// Reading never gives up on the whole file for one bad record: ragged rows, invalid UTF-8 and a quote that is
// never closed are reported on the record with its line number. What cannot be CSV text at all (UTF-16,
// binary data, a spreadsheet saved as .xlsx, a legacy 8-bit encoding) is refused for the whole file up front.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/error.hpp"

namespace tumen::csv {

inline constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

// --- per-file checks ------------------------------------------------------------------------------------

// Refuses data that is not UTF-8 delimited text: empty, UTF-16/UTF-32 (with or without a byte-order mark),
// binary (NUL or many control bytes; ZIP/XLSX, XLS, PDF, images and archives are named), or text in a
// single-byte encoding such as Windows-1251. Looks at the first `sample_bytes` only, so it is cheap on huge
// uploads. The Error is bad_request with field "file" and a message that says what to do.
std::optional<Error> check_file(std::string_view data, std::size_t sample_bytes = 1 << 20);

std::string_view strip_bom(std::string_view data);

// The delimiter of the first record: the candidate (',' ';' TAB '|') that splits it into the most fields
// outside quotes; ',' when none does.
char detect_delimiter(std::string_view data);

// --- reading --------------------------------------------------------------------------------------------

struct Record {
    std::vector<std::string> fields;
    std::size_t line = 0;  // 1-based line on which the record starts (records may span lines)
    std::string error;     // empty, or why this record cannot be used (the rest of the file still can)
};

// Streams records out of text held in memory (without BOM: see strip_bom). Blank lines (and lines of
// delimiters only) are skipped. Invalid UTF-8 and an unterminated quote set Record::error.
class Reader {
public:
    explicit Reader(std::string_view text, char delimiter = ',');
    bool next(Record& out);  // false at the end of the text
    std::size_t offset() const { return pos_; }

private:
    std::string_view text_;
    char delim_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
};

struct ParseOptions {
    char delimiter = 0;                    // 0 = detect_delimiter()
    std::size_t max_records = static_cast<std::size_t>(-1);  // after the header (previews read a few)
};

struct Table {
    char delimiter = ',';
    std::vector<std::string> header;       // trimmed header cells
    std::vector<Record> rows;              // in file order; a ragged row has `error` set
    bool truncated = false;                // max_records stopped the reading early
};

// check_file, BOM, header and records. Rows with a different field count than the header get
// error "has N fields, the header has M". Errors: the check_file ones, and a file without a header row.
Result<Table> parse(std::string_view data, const ParseOptions& options = {});

// --- writing --------------------------------------------------------------------------------------------

// Quotes a field when it holds the delimiter, a quote, CR or LF, or leading/trailing spaces.
void append_field(std::string& out, std::string_view field, char delimiter = ',');
// One record ending in CRLF.
void append_row(std::string& out, const std::vector<std::string>& fields, char delimiter = ',');

// Spreadsheets run a cell that starts with = + - @ as a formula ("CSV injection"). For export, such text gets
// a leading apostrophe, which Excel and LibreOffice hide; phone numbers ("+976 9911-2233", "-") stay as they are.
std::string neutralize_formula(std::string_view field);
// The inverse for import: "'=SUM(A1)" -> "=SUM(A1)"; anything else unchanged.
std::string_view strip_formula_guard(std::string_view field);

}  // namespace tumen::csv
