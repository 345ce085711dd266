#include "tumen/lead_tracking.hpp"

#include "field_checks.hpp"

namespace tumen {

namespace {

void track_id(std::vector<TrackingValue>& out, const char* field, const std::optional<std::int64_t>& before,
              const std::optional<std::int64_t>& after) {
    if (before != after) out.push_back({field, detail::optional_id_json(before), detail::optional_id_json(after)});
}

}  // namespace

const std::vector<std::string_view>& tracked_lead_fields() {
    static const std::vector<std::string_view> fields = {"stage_id",    "user_id", "team_id", "expected_revenue",
                                                         "probability", "lost_reason_id"};
    return fields;
}

std::vector<TrackingValue> track_lead_changes(const Lead& before, const Lead& after) {
    std::vector<TrackingValue> out;
    track_id(out, "stage_id", before.stage_id, after.stage_id);
    track_id(out, "user_id", before.user_id, after.user_id);
    track_id(out, "team_id", before.team_id, after.team_id);
    if (before.expected_revenue != after.expected_revenue)
        out.push_back({"expected_revenue", detail::money_json(before.expected_revenue),
                       detail::money_json(after.expected_revenue)});
    if (before.probability != after.probability)
        out.push_back({"probability", before.probability, after.probability});
    track_id(out, "lost_reason_id", before.lost_reason_id, after.lost_reason_id);
    return out;
}

}  // namespace tumen
