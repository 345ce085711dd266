#include "record_codec.hpp"
#include "tumen/reference_data.hpp"

namespace tumen {

namespace {

using namespace detail;

constexpr TextRule name_rule{.max_chars = 120, .required = true};

template <class T>
void check_name(const T& r, FieldErrors& e) {
    if (r.name.empty()) e.add("name", "is required", "error.required");
}

const RecordCodec<LostReason>& lost_reason_codec() {
    static const RecordCodec<LostReason> c({
        record_id_field(mem(&LostReason::id)),
        text_field("name", mem(&LostReason::name), name_rule),
        bool_field("active", mem(&LostReason::active)),
        version_field(mem(&LostReason::version)),
    });
    return c;
}

const RecordCodec<Tag>& tag_codec() {
    static const RecordCodec<Tag> c({
        record_id_field(mem(&Tag::id)),
        text_field("name", mem(&Tag::name), name_rule),
        int_field("color", mem(&Tag::color), 0, max_color),
        version_field(mem(&Tag::version)),
    });
    return c;
}

const RecordCodec<ContactCategory>& category_codec() {
    static const RecordCodec<ContactCategory> c({
        record_id_field(mem(&ContactCategory::id)),
        text_field("name", mem(&ContactCategory::name), name_rule),
        int_field("color", mem(&ContactCategory::color), 0, max_color),
        optional_id_field("parent_id", mem(&ContactCategory::parent_id)),
        bool_field("active", mem(&ContactCategory::active)),
        version_field(mem(&ContactCategory::version)),
    });
    return c;
}

const RecordCodec<UtmRecord>& utm_codec() {
    static const RecordCodec<UtmRecord> c({
        record_id_field(mem(&UtmRecord::id)),
        text_field("name", mem(&UtmRecord::name), name_rule),
        bool_field("active", mem(&UtmRecord::active)),
        version_field(mem(&UtmRecord::version)),
    });
    return c;
}

}  // namespace

void to_json(nlohmann::json& j, const LostReason& r) { j = lost_reason_codec().to_json(r); }
Result<LostReason> lost_reason_from_json(const nlohmann::json& j) {
    return decode_record(lost_reason_codec(), j, check_name<LostReason>);
}
FieldErrors apply_patch(LostReason& r, const nlohmann::json& p) {
    return patch_record(lost_reason_codec(), r, p, check_name<LostReason>);
}
FieldErrors validate(const LostReason& r) { return validate_record(lost_reason_codec(), r, check_name<LostReason>); }

void to_json(nlohmann::json& j, const Tag& t) { j = tag_codec().to_json(t); }
Result<Tag> tag_from_json(const nlohmann::json& j) { return decode_record(tag_codec(), j, check_name<Tag>); }
FieldErrors apply_patch(Tag& t, const nlohmann::json& p) { return patch_record(tag_codec(), t, p, check_name<Tag>); }
FieldErrors validate(const Tag& t) { return validate_record(tag_codec(), t, check_name<Tag>); }

void to_json(nlohmann::json& j, const ContactCategory& c) { j = category_codec().to_json(c); }
Result<ContactCategory> contact_category_from_json(const nlohmann::json& j) {
    return decode_record(category_codec(), j, check_name<ContactCategory>);
}
FieldErrors apply_patch(ContactCategory& c, const nlohmann::json& p) {
    return patch_record(category_codec(), c, p, check_name<ContactCategory>);
}
FieldErrors validate(const ContactCategory& c) {
    return validate_record(category_codec(), c, check_name<ContactCategory>);
}

void to_json(nlohmann::json& j, const UtmRecord& u) { j = utm_codec().to_json(u); }
Result<UtmRecord> utm_from_json(const nlohmann::json& j) { return decode_record(utm_codec(), j, check_name<UtmRecord>); }
FieldErrors apply_patch(UtmRecord& u, const nlohmann::json& p) {
    return patch_record(utm_codec(), u, p, check_name<UtmRecord>);
}
FieldErrors validate(const UtmRecord& u) { return validate_record(utm_codec(), u, check_name<UtmRecord>); }

}  // namespace tumen
