#include "address_fields.hpp"
#include "record_codec.hpp"
#include "tumen/lead.hpp"

namespace tumen {

namespace {

using namespace detail;

// [{rule_id, name, points}], read-only: the store computes it from the scoring rules on every write.
FieldSpec<Lead> score_explanation_field() {
    return {"score_explanation", Access::system,
            [](const json& v, Lead& l, FieldErrors& e) {
                l.score_explanation.clear();
                if (!v.is_array()) return e.add("score_explanation", "must be a list", "error.type");
                for (const auto& item : v) {
                    if (!item.is_object() || !item.value("rule_id", json()).is_number_integer() ||
                        !item.value("points", json()).is_number_integer() || !item.value("name", json()).is_string())
                        return e.add("score_explanation", "must be a list of {rule_id, name, points}", "error.type");
                    l.score_explanation.push_back(
                        {item["rule_id"].get<std::int64_t>(), item["name"].get<std::string>(), item["points"].get<std::int64_t>()});
                }
            },
            [](const Lead& l, json& j) {
                json list = json::array();
                for (const auto& r : l.score_explanation)
                    list.push_back({{"rule_id", r.rule_id}, {"name", r.name}, {"points", r.points}});
                j["score_explanation"] = std::move(list);
            }};
}

std::vector<FieldSpec<Lead>> lead_fields() {
    std::vector<FieldSpec<Lead>> f = {
        record_id_field(mem(&Lead::id)),
        enum_field("type", mem(&Lead::type), {"lead", "opportunity"}),
        text_field("name", mem(&Lead::name), {.max_chars = 500, .required = true}),
        text_field("contact_name", mem(&Lead::contact_name), {.max_chars = 300}),
        text_field("partner_name", mem(&Lead::partner_name), {.max_chars = 300}),
        optional_id_field("partner_id", mem(&Lead::partner_id)),
        text_field("email", mem(&Lead::email), {.max_chars = 320, .check = check_email}),
        text_field("phone", mem(&Lead::phone), {.max_chars = 50, .check = check_phone}),
        text_field("mobile", mem(&Lead::mobile), {.max_chars = 50, .check = check_phone}),
        text_field("website", mem(&Lead::website), {.max_chars = 1000, .check = check_website}),
    };
    add_address_fields(f, &Lead::address);
    f.insert(f.end(), {
        text_field("lang", mem(&Lead::lang), {.max_chars = 10, .check = check_lang}),
        optional_id_field("user_id", mem(&Lead::user_id)),
        optional_id_field("team_id", mem(&Lead::team_id)),
        optional_id_field("stage_id", mem(&Lead::stage_id)),
        int_field("priority", mem(&Lead::priority), 0, max_priority),
        id_list_field("tag_ids", mem(&Lead::tag_ids)),
        money_field("expected_revenue", mem(&Lead::expected_revenue)),
        percent_field("probability", mem(&Lead::probability)),
        percent_field("automated_probability", mem(&Lead::automated_probability), Access::system),
        bool_field("probability_manual", mem(&Lead::probability_manual)),
        optional_date_field("date_deadline", mem(&Lead::date_deadline)),
        optional_id_field("source_id", mem(&Lead::source_id)),
        optional_id_field("medium_id", mem(&Lead::medium_id)),
        optional_id_field("campaign_id", mem(&Lead::campaign_id)),
        text_field("description", mem(&Lead::description), {.max_chars = 100000, .multiline = true}),
        timestamp_field("create_date", mem(&Lead::create_date)),
        timestamp_field("write_date", mem(&Lead::write_date)),
        optional_timestamp_field("date_open", mem(&Lead::date_open)),
        optional_timestamp_field("date_conversion", mem(&Lead::date_conversion)),
        optional_timestamp_field("date_closed", mem(&Lead::date_closed)),
        optional_timestamp_field("date_last_stage_update", mem(&Lead::date_last_stage_update)),
        optional_id_field("lost_reason_id", mem(&Lead::lost_reason_id)),
        text_field("lost_note", mem(&Lead::lost_note), {.max_chars = 10000, .multiline = true}),
        bool_field("active", mem(&Lead::active)),
        id_list_field("follower_ids", mem(&Lead::follower_ids)),
        int_field("score", mem(&Lead::score), std::numeric_limits<std::int64_t>::min(),
                  std::numeric_limits<std::int64_t>::max(), Access::system),
        score_explanation_field(),
        version_field(mem(&Lead::version)),
    });
    return f;
}

const RecordCodec<Lead>& lead_json_codec() {
    static const RecordCodec<Lead> c(lead_fields());
    return c;
}

void lead_json_check_record(const Lead& lead, FieldErrors& e) {
    if (lead.name.empty()) e.add("name", "is required", "error.required");
}

}  // namespace

std::string_view to_string(LeadType type) { return type == LeadType::lead ? "lead" : "opportunity"; }

void to_json(nlohmann::json& j, const Lead& lead) { j = lead_json_codec().to_json(lead); }

Result<Lead> lead_from_json(const nlohmann::json& j) { return decode_record(lead_json_codec(), j, lead_json_check_record); }

FieldErrors apply_patch(Lead& lead, const nlohmann::json& patch) { return patch_record(lead_json_codec(), lead, patch, lead_json_check_record); }

FieldErrors validate(const Lead& lead) { return validate_record(lead_json_codec(), lead, lead_json_check_record); }

}  // namespace tumen
