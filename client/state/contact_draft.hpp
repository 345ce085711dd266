// The contact form's editable copy of a contact: every field as the text the user edits (ids as digits, contact
// types as "1,5", flags as "1"/""), and the PATCH body of only the changed fields.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "lead_draft.hpp"
#include "tumen/contact.hpp"

namespace tumen::client {

// The fields the form edits, in the order Tab walks them.
const std::vector<std::string>& contact_draft_fields();
Draft contact_draft_of(const Contact& c);
std::vector<std::string> contact_changed_fields(const Draft& base, const Draft& draft);
// Changed fields of `draft` against `base`, as the PATCH body (without "version").
nlohmann::json contact_patch_of(const Draft& base, const Draft& draft);
// The form field a server field name belongs to ("" when the form has none).
std::string contact_form_field_of(std::string_view server_field);

}  // namespace tumen::client
