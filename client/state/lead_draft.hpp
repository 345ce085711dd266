// The lead form's editable copy of a lead: every field as the text the user edits (ids as digits, tags as
// "1,5", money as "1,500.50"), compared with the stored record to know what changed, and turned into the
// PATCH body of only the changed fields. Text that cannot be sent (a bad amount or date) becomes a field error
// before any request.
#pragma once
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "tumen/i18n.hpp"
#include "tumen/lead.hpp"

namespace tumen::client {

using Draft = std::map<std::string, std::string>;

// The fields the form edits, in the order Tab walks them.
const std::vector<std::string>& draft_fields();

// Amounts are written as the board writes them (money_text.hpp amount_number).
Draft draft_of(const Lead& lead, i18n::Lang lang);

// Field names that differ between `base` and `draft`.
std::vector<std::string> changed_fields(const Draft& base, const Draft& draft);

// `draft`'s changes from `old_base` carried onto `new_base` (after a stage move the record has a new version, but
// the user's unsaved edits stay).
Draft rebase(const Draft& old_base, const Draft& draft, const Draft& new_base);

struct PatchResult {
    nlohmann::json body = nlohmann::json::object();   // changed fields, ready for PATCH (without "version")
    std::map<std::string, Message> errors;            // by draft field, when some text cannot be sent
};
PatchResult patch_of(const Draft& base, const Draft& draft);

// Form field that a server field name belongs to ("expected_revenue.currency" -> "currency", "tag_ids[1]" ->
// "tag_ids", "street" -> "street"); "" when the form has no such field.
std::string form_field_of(std::string_view server_field);

// "12.5": how percentages are written into the draft.
std::string percent_text(double value);

std::vector<std::int64_t> parse_ids(const std::string& csv);
std::string join_ids(const std::vector<std::int64_t>& ids);

}  // namespace tumen::client
