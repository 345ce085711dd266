#include "tumen/lead_convert.hpp"

#include <algorithm>

#include "lead_stage_rules.hpp"
#include "record_codec.hpp"
#include "tumen/email_phone.hpp"
#include "tumen/text_fold.hpp"

namespace tumen {

namespace {

using namespace detail;

const RecordCodec<ConvertRequest>& request_codec() {
    static const RecordCodec<ConvertRequest> c({
        enum_field("action", mem(&ConvertRequest::action), {"create", "exist", "nothing"}),
        optional_id_field("partner_id", mem(&ConvertRequest::partner_id)),
        optional_id_field("user_id", mem(&ConvertRequest::user_id)),
        optional_id_field("team_id", mem(&ConvertRequest::team_id)),
        id_list_field("merge_ids", mem(&ConvertRequest::merge_ids)),
    });
    return c;
}

const Contact* find_contact(const std::vector<Contact>& contacts, std::int64_t id) {
    const auto it = std::find_if(contacts.begin(), contacts.end(), [&](const Contact& c) { return c.id == id; });
    return it == contacts.end() ? nullptr : &*it;
}

// The active contact with the lowest id satisfying `pred`.
template <class Pred>
const Contact* first_contact(const std::vector<Contact>& contacts, Pred pred) {
    const Contact* best = nullptr;
    for (const auto& c : contacts)
        if (c.active && pred(c) && (!best || c.id < best->id)) best = &c;
    return best;
}

// Exact folded name first, then a name containing the text (Odoo's "ilike").
const Contact* match_name(const std::vector<Contact>& contacts, std::string_view name, int want_company) {
    if (text::trim(name).empty()) return nullptr;
    const auto key = text::fold_key(name);
    auto kind_ok = [&](const Contact& c) { return want_company < 0 || c.is_company == (want_company == 1); };
    if (const auto* c = first_contact(contacts, [&](const Contact& c) { return kind_ok(c) && text::fold_key(c.name) == key; }))
        return c;
    return first_contact(contacts, [&](const Contact& c) {
        return kind_ok(c) && text::fold_key(c.name).find(key) != std::string::npos;
    });
}

Contact contact_from_lead(const Lead& lead, std::string name, bool is_company) {
    Contact c;
    c.is_company = is_company;
    c.name = std::move(name);
    c.address = lead.address;
    c.lang = lead.lang;
    c.user_id = lead.user_id;
    c.phone = lead.phone;
    if (!is_company) {
        c.email = parse_named_address(lead.email).email;  // the address only, not "Name <address>"
        c.mobile = lead.mobile;
    } else {
        c.website = lead.website;
    }
    return c;
}

// Odoo's _create_customer, in our terms: which contacts to insert for this lead. An existing company partner
// of the lead becomes the new person's parent, or stays the customer when there is no person to create.
ContactsToCreate plan_new_customer(const Lead& lead, const std::vector<Contact>& contacts) {
    ContactsToCreate out;
    const Contact* existing = lead.partner_id ? find_contact(contacts, *lead.partner_id) : nullptr;
    const Contact* existing_company = existing && existing->is_company ? existing : nullptr;
    std::string person_name = lead.contact_name;
    if (person_name.empty() && !lead.email.empty()) person_name = parse_named_address(lead.email).name;
    if (!lead.partner_name.empty()) out.company = contact_from_lead(lead, lead.partner_name, true);
    if (!person_name.empty()) {
        out.person = contact_from_lead(lead, person_name, false);
        if (!out.company && existing_company) out.person->parent_id = existing_company->id;
    }
    if (!out.company && !out.person && !existing_company) out.person = contact_from_lead(lead, lead.name, false);
    if (out.company && !out.person) out.company->email = parse_named_address(lead.email).email;
    return out;
}

// Empty lead fields take the linked contact's values (the address only as a whole, like Odoo's partner sync).
void fill_from_contact(Lead& lead, const Contact& c, const std::vector<Contact>& contacts) {
    lead.partner_id = c.id;
    if (lead.email.empty()) lead.email = c.email;
    if (lead.phone.empty()) lead.phone = c.phone;
    if (lead.mobile.empty()) lead.mobile = c.mobile;
    if (lead.website.empty()) lead.website = c.website;
    if (lead.lang.empty()) lead.lang = c.lang;
    if (lead.address.empty()) lead.address = c.address;
    const Contact* company = c.is_company ? &c : (c.parent_id ? find_contact(contacts, *c.parent_id) : nullptr);
    if (lead.partner_name.empty() && company) lead.partner_name = company->name;
    if (lead.contact_name.empty() && !c.is_company) lead.contact_name = c.name;
}

Error lead_convert_invalid(const std::string& field, const std::string& message) {
    FieldErrors e;
    e.add(field, message, "error.invalid");
    return e.to_error();
}

}  // namespace

std::string_view to_string(ConvertAction action) {
    switch (action) {
        case ConvertAction::exist: return "exist";
        case ConvertAction::nothing: return "nothing";
        case ConvertAction::create: break;
    }
    return "create";
}

Result<ConvertRequest> convert_request_from_json(const nlohmann::json& j) {
    return decode_record<ConvertRequest>(request_codec(), j, nullptr);
}

void to_json(nlohmann::json& j, const ConvertRequest& r) { j = request_codec().to_json(r); }

const Contact* find_matching_contact(const Lead& lead, const std::vector<Contact>& contacts, bool email_only) {
    if (lead.partner_id)
        if (const auto* c = find_contact(contacts, *lead.partner_id)) return c;
    const auto email = normalize_email(lead.email);
    if (!email.empty())
        if (const auto* c = first_contact(contacts, [&](const Contact& c) { return normalize_email(c.email) == email; }))
            return c;
    if (email_only) return nullptr;
    if (const auto* c = match_name(contacts, lead.partner_name, 1)) return c;
    if (const auto* c = match_name(contacts, lead.contact_name, 0)) return c;
    return match_name(contacts, lead.name, -1);
}

ConvertRequest suggest_conversion(const Lead& lead, const std::vector<Contact>& contacts) {
    ConvertRequest r;
    if (const auto* c = find_matching_contact(lead, contacts, true)) {
        r.action = ConvertAction::exist;
        r.partner_id = c->id;
    }
    r.user_id = lead.user_id;
    r.team_id = lead.team_id;
    return r;
}

Result<Conversion> convert_to_opportunity(const Lead& lead, const ConvertRequest& request,
                                          const std::vector<Contact>& contacts, const std::vector<Stage>& stages,
                                          Timestamp now) {
    if (!lead.active) return Error::make(ErrorCode::conflict, "An archived or lost lead cannot be converted; restore it first.");
    const Stage* stage = lead.stage_id ? find_stage(stages, *lead.stage_id) : nullptr;
    if (lead.probability >= 100 || (stage && stage->is_won))
        return Error::make(ErrorCode::conflict, "A won opportunity cannot be converted.");
    Conversion out;
    Lead after = lead;
    if (request.action == ConvertAction::exist) {
        const Contact* c = request.partner_id ? find_contact(contacts, *request.partner_id)
                                              : find_matching_contact(lead, contacts, false);
        if (!c) return lead_convert_invalid("partner_id", request.partner_id ? "is not a known contact" : "is required: no matching contact");
        fill_from_contact(after, *c, contacts);
    } else if (request.action == ConvertAction::create) {
        out.create = plan_new_customer(lead, contacts);
        if (out.create.company || out.create.person) after.partner_id.reset();
    }
    if (after.type == LeadType::lead) after.date_conversion = now;
    after.type = LeadType::opportunity;
    if (request.team_id) after.team_id = request.team_id;
    if (request.user_id) after.user_id = request.user_id;
    detail::update_date_open(after, lead.user_id, now);
    detail::fit_stage_to_team(after, stages, now);
    after.write_date = now;
    out.change.tracking = track_lead_changes(lead, after);
    out.change.lead = std::move(after);
    return out;
}

void set_created_company(Conversion& conversion, std::int64_t company_id) {
    if (conversion.create.person) conversion.create.person->parent_id = company_id;
    else conversion.change.lead.partner_id = company_id;
}

void set_created_person(Conversion& conversion, std::int64_t person_id) { conversion.change.lead.partner_id = person_id; }

}  // namespace tumen
