// One CSV row under a column mapping -> the JSON patch that creates or updates a lead or contact, with every
// value that cannot be read reported on its field. The patch goes through the same rules as the API
// (apply_patch / create_lead / edit_lead), so an imported record is valid exactly when a typed one would be.
// Empty cells are left out of the patch: on update they never clear a field.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/contact.hpp"
#include "tumen/datetime.hpp"
#include "tumen/error.hpp"
#include "tumen/import_mapping.hpp"
#include "tumen/lead.hpp"

namespace tumen::import {

struct RowOptions {
    Entity entity = Entity::lead;
    std::string currency = "MNT";  // of amounts whose row names no currency
};

struct RowValues {
    nlohmann::json patch = nlohmann::json::object();
    std::vector<std::string> tags;  // lead tag names ("VIP, Хот" -> {"VIP", "Хот"}); the server finds or creates them
    std::string parent_name;        // contact: the company a person works for; the server finds or creates it
    bool derived_name = false;      // lead: "name" was filled in from company/contact/e-mail (drop it on update)
    FieldErrors errors;             // values that could not be read, by field name
};

// Converts the cells of one row. A lead without a name is named after its company, contact or e-mail.
RowValues read_row(const std::vector<std::string>& cells, const std::vector<std::string>& mapping,
                   const RowOptions& options);

// read_row, then the record rules of lead.hpp / contact.hpp on a new record: the row as it would be created.
Result<Lead> lead_from_row(const std::vector<std::string>& cells, const std::vector<std::string>& mapping,
                           const RowOptions& options = {});
Result<Contact> contact_from_row(const std::vector<std::string>& cells, const std::vector<std::string>& mapping,
                                 const RowOptions& options = {Entity::contact});

// --- cell readers (lenient about how spreadsheets write values) ----------------------------------------

// "50", "50%", "12,5 %" -> 0..100.
std::optional<double> parse_percent_text(std::string_view text);
// 0-3 as a number, stars ("★★"), or a word: low/medium/high/very high, бага/дунд/өндөр/маш өндөр.
std::optional<int> parse_priority_text(std::string_view text);
// 2026-11-27, 2026/11/27, 2026.11.27, 27.11.2026, and the date part of "2026-11-27 00:00:00".
std::optional<DayNumber> parse_date_text(std::string_view text);
// yes/no, true/false, 1/0, x, тийм/үгүй.
std::optional<bool> parse_bool_text(std::string_view text);
// "company"/"компани"/"байгууллага" -> true, "person"/"individual"/"хувь хүн" -> false, else parse_bool_text.
std::optional<bool> parse_company_text(std::string_view text);
// lead | opportunity, also сэжим | боломж.
std::optional<std::string> parse_lead_type_text(std::string_view text);
// ISO code or a country name in English or Mongolian ("Mongolia", "Монгол", "БНХАУ") -> "MN", "CN", ...
std::optional<std::string> country_code_of(std::string_view text);
// "mn", "en_US", or a language name ("Монгол", "English", "Англи") -> code.
std::optional<std::string> lang_code_of(std::string_view text);
// "1 500 000₮", "$1,200.50", "MNT 2,000", "1500000 төг" -> the amount text and the currency written in it.
struct AmountText {
    std::string number;    // what parse_amount reads
    std::string currency;  // "" when the text names none
};
AmountText split_amount_text(std::string_view text);
// Tag names separated by ',' or ';', trimmed, duplicates (folded) removed.
std::vector<std::string> split_names(std::string_view text);

}  // namespace tumen::import
