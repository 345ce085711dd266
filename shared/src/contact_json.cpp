#include "address_fields.hpp"
#include "record_codec.hpp"
#include "tumen/contact.hpp"

namespace tumen {

namespace {

using namespace detail;

std::vector<FieldSpec<Contact>> contact_fields() {
    std::vector<FieldSpec<Contact>> f = {
        record_id_field(mem(&Contact::id)),
        bool_field("is_company", mem(&Contact::is_company)),
        text_field("name", mem(&Contact::name), {.max_chars = 300, .required = true}),
        optional_id_field("parent_id", mem(&Contact::parent_id)),
        text_field("function", mem(&Contact::function), {.max_chars = 200}),
        text_field("email", mem(&Contact::email), {.max_chars = 320, .check = check_email}),
        text_field("phone", mem(&Contact::phone), {.max_chars = 50, .check = check_phone}),
        text_field("mobile", mem(&Contact::mobile), {.max_chars = 50, .check = check_phone}),
        text_field("website", mem(&Contact::website), {.max_chars = 1000, .check = check_website}),
    };
    add_address_fields(f, &Contact::address);
    f.insert(f.end(), {
        id_list_field("category_ids", mem(&Contact::category_ids)),
        text_field("lang", mem(&Contact::lang), {.max_chars = 10, .check = check_lang}),
        optional_id_field("user_id", mem(&Contact::user_id)),
        text_field("comment", mem(&Contact::comment), {.max_chars = 100000, .multiline = true}),
        bool_field("opt_out", mem(&Contact::opt_out)),
        bool_field("blacklisted", mem(&Contact::blacklisted)),
        bool_field("active", mem(&Contact::active)),
        timestamp_field("create_date", mem(&Contact::create_date)),
        timestamp_field("write_date", mem(&Contact::write_date)),
        version_field(mem(&Contact::version)),
    });
    return f;
}

const RecordCodec<Contact>& contact_json_codec() {
    static const RecordCodec<Contact> c(contact_fields());
    return c;
}

void contact_json_check_record(const Contact& c, FieldErrors& e) {
    if (c.name.empty()) e.add("name", "is required", "error.required");
    if (c.parent_id && c.id != 0 && *c.parent_id == c.id) e.add("parent_id", "cannot be the contact itself", "error.cycle");
}

}  // namespace

void to_json(nlohmann::json& j, const Contact& contact) { j = contact_json_codec().to_json(contact); }

Result<Contact> contact_from_json(const nlohmann::json& j) { return decode_record(contact_json_codec(), j, contact_json_check_record); }

FieldErrors apply_patch(Contact& contact, const nlohmann::json& patch) {
    return patch_record(contact_json_codec(), contact, patch, contact_json_check_record);
}

FieldErrors validate(const Contact& contact) { return validate_record(contact_json_codec(), contact, contact_json_check_record); }

std::int64_t commercial_id(const Contact& contact) {
    return !contact.is_company && contact.parent_id ? *contact.parent_id : contact.id;
}

}  // namespace tumen
