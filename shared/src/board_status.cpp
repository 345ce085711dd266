#include "tumen/board_status.hpp"

namespace tumen {

RottingStatus rotting_status(const Lead& lead, const Stage* stage, Timestamp now) {
    RottingStatus s;
    const Timestamp since = lead.date_last_stage_update.value_or(lead.create_date);
    s.idle_days = now > since ? days_between(since, now) : 0;
    if (!lead.active || !stage || stage->is_won || stage->fold || stage->rotting_days <= 0) return s;
    s.rotting = now - since > static_cast<Timestamp>(stage->rotting_days) * seconds_per_day;
    return s;
}

std::string_view to_string(WipStatus status) {
    switch (status) {
        case WipStatus::under: return "under";
        case WipStatus::at_limit: return "at_limit";
        case WipStatus::over: return "over";
        case WipStatus::unlimited: break;
    }
    return "unlimited";
}

WipStatus wip_status(const Stage& stage, std::int64_t card_count) {
    if (stage.wip_limit <= 0) return WipStatus::unlimited;
    if (card_count < stage.wip_limit) return WipStatus::under;
    return card_count == stage.wip_limit ? WipStatus::at_limit : WipStatus::over;
}

bool move_exceeds_wip(const Stage& target, std::int64_t card_count) {
    return target.wip_limit > 0 && card_count + 1 > target.wip_limit;
}

}  // namespace tumen
