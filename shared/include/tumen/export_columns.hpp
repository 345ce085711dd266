// The columns a lead or contact export can hold (names, English and Mongolian headers) and each record's
// cell in them. The same cells feed CSV (text) and XLSX (typed: numbers, dates); names of stages, teams,
// users, tags ... come from lookup tables the caller loads once per export. Headers use the import's field
// names and labels, so an exported file imports back without a mapping.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/contact.hpp"
#include "tumen/error.hpp"
#include "tumen/import_mapping.hpp"
#include "tumen/lead.hpp"

namespace tumen::exporting {

struct ExportColumn {
    std::string_view name;      // ?fields= name and the default header
    std::string_view label_en;
    std::string_view label_mn;
};

const std::vector<ExportColumn>& columns(import::Entity entity);
// What an export holds when ?fields= is not given.
const std::vector<std::string_view>& default_fields(import::Entity entity);

// "name,email,stage" -> those columns in that order; '' -> the defaults. 400 naming unknown fields.
Result<std::vector<ExportColumn>> pick_columns(import::Entity entity, std::string_view fields);

enum class HeaderStyle { field, en, mn };
std::optional<HeaderStyle> parse_header_style(std::string_view text);  // "field" | "en" | "mn" ('' = field)
std::string header_of(const ExportColumn& column, HeaderStyle style);

// Names of the records a lead or contact refers to, by id.
struct Lookups {
    std::map<std::int64_t, std::string> stages, teams, users, tags, lost_reasons, contacts, categories;
};

struct Cell {
    enum class Kind { empty, text, integer, decimal, money, date, datetime, boolean };
    Kind kind = Kind::empty;
    std::string text;         // text
    std::int64_t integer = 0; // integer, money (minor units), date (day number), datetime (seconds), boolean
    double decimal = 0;       // decimal
    int minor_digits = 2;     // money
};

Cell lead_cell(const Lead& lead, std::string_view column, const Lookups& lookups);
Cell contact_cell(const Contact& contact, std::string_view column, const Lookups& lookups);

// CSV text of a cell: money as "1500000.00" (no grouping, '.' decimal point), dates ISO 8601, booleans
// true/false, decimals without trailing zeros; text with the spreadsheet formula guard.
std::string cell_text(const Cell& cell);

}  // namespace tumen::exporting
