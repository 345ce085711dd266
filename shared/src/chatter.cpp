#include "record_codec.hpp"
#include "tumen/chatter.hpp"

namespace tumen {

namespace {

using namespace detail;

void read_tracking(const json& v, ChatterMessage& m, FieldErrors& e) {
    if (!v.is_array()) return e.add("tracking_values", "must be an array of {field, old, new}", "error.type");
    std::vector<TrackingValue> out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const auto& item = v[i];
        if (!item.is_object() || !item.contains("field") || !item["field"].is_string()) {
            e.add("tracking_values[" + std::to_string(i) + "]", "must be an object {field, old, new}", "error.type");
            continue;
        }
        out.push_back({item["field"].get<std::string>(), item.value("old", json()), item.value("new", json())});
    }
    if (out.size() == v.size()) m.tracking_values = std::move(out);
}

FieldSpec<ChatterMessage> tracking_field() {
    return {"tracking_values", Access::system, read_tracking, [](const ChatterMessage& m, json& j) {
                j["tracking_values"] = json::array();
                for (const auto& t : m.tracking_values) j["tracking_values"].push_back(t);
            }};
}

const RecordCodec<ChatterMessage>& chatter_codec() {
    static const RecordCodec<ChatterMessage> c({
        record_id_field(mem(&ChatterMessage::id)),
        text_field("res_model", mem(&ChatterMessage::res_model), {.max_chars = 64, .check = check_model_name}),
        id_field("res_id", mem(&ChatterMessage::res_id)),
        enum_field("kind", mem(&ChatterMessage::kind), {"note", "email", "tracking", "sms", "activity"}),
        text_field("subject", mem(&ChatterMessage::subject), {.max_chars = 1000}),
        text_field("body", mem(&ChatterMessage::body), {.max_chars = 1000000, .multiline = true}),
        optional_id_field("author_id", mem(&ChatterMessage::author_id), Access::system),
        text_field("author_name", mem(&ChatterMessage::author_name), {.max_chars = 300}),
        timestamp_field("date", mem(&ChatterMessage::date)),
        tracking_field(),
        {"mail", Access::system, [](const json& v, ChatterMessage& m, FieldErrors&) { m.mail = v; },
         [](const ChatterMessage& m, json& j) { j["mail"] = m.mail; }},
        {"sms", Access::system, [](const json& v, ChatterMessage& m, FieldErrors&) { m.sms = v; },
         [](const ChatterMessage& m, json& j) { j["sms"] = m.sms; }},
    });
    return c;
}

void chatter_check_record(const ChatterMessage& m, FieldErrors& e) {
    if (m.res_id <= 0) e.add("res_id", "is required", "error.required");
    if (m.kind == MessageKind::tracking ? m.tracking_values.empty() : m.body.empty() && m.subject.empty())
        e.add(m.kind == MessageKind::tracking ? "tracking_values" : "body", "is required", "error.required");
}

}  // namespace

std::string_view to_string(MessageKind kind) {
    static constexpr std::string_view names[] = {"note", "email", "tracking", "sms", "activity"};
    return names[static_cast<int>(kind)];
}

void to_json(nlohmann::json& j, const TrackingValue& t) { j = {{"field", t.field}, {"old", t.old_value}, {"new", t.new_value}}; }

void to_json(nlohmann::json& j, const ChatterMessage& m) { j = chatter_codec().to_json(m); }
Result<ChatterMessage> chatter_message_from_json(const nlohmann::json& j) { return decode_record(chatter_codec(), j, chatter_check_record); }
FieldErrors apply_patch(ChatterMessage& m, const nlohmann::json& patch) {
    return patch_record(chatter_codec(), m, patch, chatter_check_record);
}
FieldErrors validate(const ChatterMessage& m) { return validate_record(chatter_codec(), m, chatter_check_record); }

std::optional<ChatterMessage> tracking_message(std::string_view res_model, std::int64_t res_id,
                                               std::vector<TrackingValue> changes, std::optional<std::int64_t> author_id,
                                               Timestamp date) {
    if (changes.empty()) return std::nullopt;
    ChatterMessage m;
    m.res_model = std::string(res_model);
    m.res_id = res_id;
    m.kind = MessageKind::tracking;
    m.author_id = author_id;
    m.date = date;
    m.tracking_values = std::move(changes);
    return m;
}

}  // namespace tumen
