// Lead -> opportunity conversion with Odoo's customer handling (reference §1.6): link an existing contact
// (found by the lead's partner, then e-mail, then names) or create company + person from the lead.
//
// Server flow for action "create": insert `create.company` (if any) and pass its id to set_created_company();
// then insert `create.person` (if any; its parent_id is now set) and pass its id to set_created_person();
// then store `lead`. Merging the duplicates found (optional in the UI) is a separate merge_leads() call.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "tumen/contact.hpp"
#include "tumen/error.hpp"
#include "tumen/lead.hpp"
#include "tumen/lead_tracking.hpp"
#include "tumen/stage.hpp"

namespace tumen {

// Wire names: "create" (new customer), "exist" (link a contact), "nothing".
enum class ConvertAction { create, exist, nothing };
std::string_view to_string(ConvertAction action);

struct ConvertRequest {
    ConvertAction action = ConvertAction::create;
    std::optional<std::int64_t> partner_id;  // for "exist"; found by matching when absent
    std::optional<std::int64_t> user_id;     // salesperson; kept when absent
    std::optional<std::int64_t> team_id;     // kept when absent
    std::vector<std::int64_t> merge_ids;     // duplicates the user chose to merge in (server calls merge_leads)
};

// {"action": "create"|"exist"|"nothing", "partner_id", "user_id", "team_id", "merge_ids"}; every field optional.
Result<ConvertRequest> convert_request_from_json(const nlohmann::json& j);
void to_json(nlohmann::json& j, const ConvertRequest& r);

// The contact a lead belongs to: the lead's own partner, else the first active contact (lowest id) with the same
// normalised e-mail, else (unless email_only) a company named like partner_name, a person named like
// contact_name, a contact named like the lead (folded, exact names before names containing the text).
const Contact* find_matching_contact(const Lead& lead, const std::vector<Contact>& contacts, bool email_only);

// What the convert dialog proposes: "exist" with the contact matched by e-mail, else "create".
ConvertRequest suggest_conversion(const Lead& lead, const std::vector<Contact>& contacts);

struct ContactsToCreate {
    std::optional<Contact> company;  // insert first
    std::optional<Contact> person;   // then this one (parent_id set by set_created_company)
};

struct Conversion {
    LeadChange change;  // the opportunity to store and its tracked changes
    ContactsToCreate create;
};

// Converts (also an opportunity, which just gets the team/salesperson: automatic assignment uses that).
// type = opportunity, date_conversion, team and salesperson from the request (date_open when the salesperson
// changes), the team's first stage when the lead has none or one of another team, and the customer:
//  * exist: the requested or matched contact; the lead's empty e-mail, phone, mobile, names and (all-or-nothing)
//    address are filled from it. 422 if no contact is given or matched, or the given one is not in `contacts`.
//  * create: a company from partner_name (else the lead's existing company partner is the parent), a person
//    from contact_name (else the display name in the e-mail), or one person named after the lead if neither.
//  * nothing: no customer change.
// 409 for an archived (lost) or won lead.
Result<Conversion> convert_to_opportunity(const Lead& lead, const ConvertRequest& request,
                                          const std::vector<Contact>& contacts, const std::vector<Stage>& stages,
                                          Timestamp now);

void set_created_company(Conversion& conversion, std::int64_t company_id);
void set_created_person(Conversion& conversion, std::int64_t person_id);

}  // namespace tumen
