#include "tumen/activity.hpp"

#include <algorithm>

#include "record_codec.hpp"

namespace tumen {

namespace {

using namespace detail;

const std::vector<std::string> category_names = {"default", "call", "email", "meeting", "upload"};
const std::vector<std::string> unit_names = {"days", "weeks", "months"};
const std::vector<std::string> from_names = {"today", "previous_deadline"};
const std::vector<std::string> chaining_names = {"suggest", "trigger"};
const std::vector<std::string> status_names = {"open", "done", "cancelled"};

const char* check_icon(std::string& v, const char*& key) {
    for (char ch : v)
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')) {
            key = "error.invalid";
            return "must be a short icon name (a-z, 0-9, - and _)";
        }
    return nullptr;
}

const RecordCodec<ActivityType>& type_codec() {
    static const RecordCodec<ActivityType> c({
        record_id_field(mem(&ActivityType::id)),
        text_field("name", mem(&ActivityType::name), {.max_chars = 80, .required = true}),
        text_field("code", mem(&ActivityType::code), {.max_chars = 40}, Access::system),
        text_field("icon", mem(&ActivityType::icon), {.max_chars = 40, .check = check_icon}),
        enum_field("category", mem(&ActivityType::category), category_names),
        text_field("default_summary", mem(&ActivityType::default_summary), {.max_chars = 200}),
        text_field("default_note", mem(&ActivityType::default_note), {.max_chars = 5000, .multiline = true}),
        int_field("delay_count", mem(&ActivityType::delay_count), 0, 999),
        enum_field("delay_unit", mem(&ActivityType::delay_unit), unit_names),
        enum_field("delay_from", mem(&ActivityType::delay_from), from_names),
        enum_field("chaining", mem(&ActivityType::chaining), chaining_names),
        id_list_field("suggested_ids", mem(&ActivityType::suggested_ids)),
        optional_id_field("triggered_id", mem(&ActivityType::triggered_id)),
        int_field("sequence", mem(&ActivityType::sequence), 0, 100000),
        bool_field("active", mem(&ActivityType::active)),
        version_field(mem(&ActivityType::version)),
    });
    return c;
}

const RecordCodec<Activity>& activity_codec() {
    static const RecordCodec<Activity> c({
        record_id_field(mem(&Activity::id)),
        id_field("lead_id", mem(&Activity::lead_id), Access::system),
        optional_id_field("type_id", mem(&Activity::type_id)),
        text_field("summary", mem(&Activity::summary), {.max_chars = 200}),
        text_field("note", mem(&Activity::note), {.max_chars = 5000, .multiline = true}),
        optional_date_field("due_date", mem(&Activity::due_date)),
        optional_id_field("user_id", mem(&Activity::user_id)),
        enum_field("state", mem(&Activity::state), status_names, Access::system),
        optional_timestamp_field("done_at", mem(&Activity::done_at)),
        text_field("feedback", mem(&Activity::feedback), {.max_chars = 5000, .multiline = true}, Access::system),
        timestamp_field("created_at", mem(&Activity::created_at)),
        optional_id_field("created_by", mem(&Activity::created_by), Access::system),
        version_field(mem(&Activity::version)),
    });
    return c;
}

void check_type(const ActivityType& t, FieldErrors& e) {
    if (t.name.empty()) e.add("name", "is required", "error.required");
    if (t.chaining == ActivityChaining::trigger && !t.triggered_id)
        e.add("triggered_id", "is required when the type triggers a next activity", "error.required");
    if (t.id > 0 && t.triggered_id == t.id) e.add("triggered_id", "cannot be the type itself", "error.invalid");
    if (t.suggested_ids.size() > 20) e.add("suggested_ids", "has more than 20 types", "error.too_many");
}

void check_activity(const Activity& a, FieldErrors& e) {
    if (a.lead_id <= 0) e.add("lead_id", "is required", "error.required");
    if (!a.due_date) e.add("due_date", "is required", "error.required");
}

}  // namespace

std::string_view to_string(ActivityStatus s) { return status_names.at(static_cast<std::size_t>(s)); }
std::string_view to_string(ActivityCategory c) { return category_names.at(static_cast<std::size_t>(c)); }
std::string_view to_string(ActivityState s) {
    switch (s) {
        case ActivityState::overdue: return "overdue";
        case ActivityState::today: return "today";
        case ActivityState::planned: break;
    }
    return "planned";
}

void to_json(nlohmann::json& j, const ActivityType& t) { j = type_codec().to_json(t); }
Result<ActivityType> activity_type_from_json(const nlohmann::json& j) {
    return decode_record(type_codec(), j, check_type);
}
FieldErrors apply_patch(ActivityType& t, const nlohmann::json& patch) {
    return patch_record(type_codec(), t, patch, check_type);
}
FieldErrors validate(const ActivityType& t) { return validate_record(type_codec(), t, check_type); }

void to_json(nlohmann::json& j, const Activity& a) { j = activity_codec().to_json(a); }
Result<Activity> activity_from_json(const nlohmann::json& j) {
    return decode_record(activity_codec(), j, check_activity);
}
FieldErrors apply_patch(Activity& a, const nlohmann::json& patch) {
    return patch_record(activity_codec(), a, patch, check_activity);
}
FieldErrors validate(const Activity& a) { return validate_record(activity_codec(), a, check_activity); }

DayNumber default_due(const ActivityType& type, DayNumber today, std::optional<DayNumber> previous_due) {
    const DayNumber from = type.delay_from == DelayFrom::previous_deadline && previous_due ? *previous_due : today;
    switch (type.delay_unit) {
        case DelayUnit::days: return from + type.delay_count;
        case DelayUnit::weeks: return from + 7 * type.delay_count;
        case DelayUnit::months: break;
    }
    return add_months(from, type.delay_count);
}

ActivityState activity_state(DayNumber due, DayNumber today) {
    if (due < today) return ActivityState::overdue;
    if (due == today) return ActivityState::today;
    return ActivityState::planned;
}

DayNumber snoozed_due(DayNumber due, DayNumber today, int days) { return std::max(due, today) + days; }

NextSteps next_steps(const ActivityType& type) {
    NextSteps n;
    if (type.chaining == ActivityChaining::trigger)
        n.triggered_type_id = type.triggered_id;
    else
        n.suggested_type_ids = type.suggested_ids;
    return n;
}

LeadActivitySummary lead_activity_summary(const std::vector<Activity>& activities, bool lead_open) {
    LeadActivitySummary s;
    for (const auto& a : activities) {
        if (a.state != ActivityStatus::open || !a.due_date) continue;
        if (!s.next || *a.due_date < *s.next->due_date || (*a.due_date == *s.next->due_date && a.id < s.next->id))
            s.next = a;
    }
    s.no_next_step = lead_open && !s.next;
    return s;
}

void to_json(nlohmann::json& j, const ActivityBar& b) {
    j = {{"overdue", b.overdue}, {"today", b.today}, {"planned", b.planned}, {"none", b.none}};
}

ActivityBar activity_bar_from_json(const nlohmann::json& j) {
    ActivityBar b;
    if (!j.is_object()) return b;
    auto get = [&](const char* k) { return j.contains(k) && j[k].is_number_integer() ? j[k].get<std::int64_t>() : 0; };
    b.overdue = get("overdue");
    b.today = get("today");
    b.planned = get("planned");
    b.none = get("none");
    return b;
}

}  // namespace tumen
