#include "tumen/filter_fields.hpp"

namespace tumen::filter {

const char* to_string(FieldType type) {
    switch (type) {
        case FieldType::string: return "text";
        case FieldType::integer: return "integer";
        case FieldType::money: return "money";
        case FieldType::decimal: return "decimal";
        case FieldType::boolean: return "boolean";
        case FieldType::date: return "date";
        case FieldType::datetime: return "date and time";
        case FieldType::id: return "id";
        case FieldType::id_list: return "list of ids";
        case FieldType::string_list: return "list of names";
        case FieldType::enumeration: return "choice";
    }
    return "?";
}

FieldRegistry::FieldRegistry(std::initializer_list<FieldDef> fields) {
    for (const auto& f : fields) add(f);
}

void FieldRegistry::add(FieldDef field) {
    for (auto& f : fields_) {
        if (f.name == field.name) {
            f = std::move(field);
            return;
        }
    }
    fields_.push_back(std::move(field));
}

const FieldDef* FieldRegistry::find(std::string_view name) const {
    for (const auto& f : fields_)
        if (f.name == name) return &f;
    return nullptr;
}

namespace {

FieldDef text(std::string name) { return {std::move(name), FieldType::string, true, {}, {}}; }
FieldDef ref(std::string name, std::string kind, bool nullable = true) {
    return {std::move(name), FieldType::id, nullable, {}, std::move(kind)};
}
FieldDef flag(std::string name, bool nullable = false) { return {std::move(name), FieldType::boolean, nullable, {}, {}}; }
FieldDef of(std::string name, FieldType type, bool nullable) { return {std::move(name), type, nullable, {}, {}}; }

}  // namespace

const FieldRegistry& lead_filter_fields() {
    static const FieldRegistry registry = {
        ref("id", "lead", false),
        {"type", FieldType::enumeration, false, {"lead", "opportunity"}, {}},
        text("name"),
        text("contact_name"),
        text("partner_name"),
        ref("partner_id", "contact"),
        text("email"),
        text("phone"),
        text("mobile"),
        text("website"),
        text("street"),
        text("city"),
        text("state"),
        text("zip"),
        text("country"),
        text("lang"),
        ref("user_id", "user"),
        ref("team_id", "team"),
        ref("stage_id", "stage"),
        flag("stage.is_won", true),  // null when the lead has no stage
        flag("stage.fold", true),
        text("stage.name"),
        of("priority", FieldType::integer, false),
        {"tags", FieldType::string_list, true, {}, "tag"},
        {"tag_ids", FieldType::id_list, true, {}, "tag"},
        of("expected_revenue", FieldType::money, false),
        text("currency"),
        of("probability", FieldType::decimal, false),
        of("date_deadline", FieldType::date, true),
        of("create_date", FieldType::datetime, false),
        of("write_date", FieldType::datetime, false),
        of("date_open", FieldType::datetime, true),
        of("date_conversion", FieldType::datetime, true),
        of("date_closed", FieldType::datetime, true),
        of("date_last_stage_update", FieldType::datetime, true),
        ref("source_id", "utm_source"),
        ref("medium_id", "utm_medium"),
        ref("campaign_id", "utm_campaign"),
        ref("lost_reason_id", "lost_reason"),
        flag("active"),
        of("score", FieldType::integer, false),
        flag("email_is_corporate"),
        {"follower_ids", FieldType::id_list, true, {}, "user"},
        {"activity_overdue", FieldType::boolean, false, {}, {}, /*before_today=*/true},
        flag("rotting"),  // idle in an open stage longer than its rotting_days (tumen::rotting_status); records give a bool
    };
    return registry;
}

const FieldRegistry& contact_filter_fields() {
    static const FieldRegistry registry = {
        ref("id", "contact", false),
        flag("is_company"),
        text("name"),
        ref("parent_id", "contact"),
        text("parent.name"),
        text("email"),
        text("phone"),
        text("mobile"),
        text("website"),
        text("street"),
        text("city"),
        text("state"),
        text("zip"),
        text("country"),
        text("lang"),
        ref("user_id", "user"),
        {"categories", FieldType::string_list, true, {}, "category"},
        {"category_ids", FieldType::id_list, true, {}, "category"},
        flag("opt_out"),
        flag("blacklisted"),
        flag("active"),
        of("create_date", FieldType::datetime, false),
        of("write_date", FieldType::datetime, false),
    };
    return registry;
}

}  // namespace tumen::filter
