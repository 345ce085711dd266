#include "lead_stage_rules.hpp"

namespace tumen::detail {

double automatic_probability(const Lead& lead, const Stage* stage) {
    if (stage && stage->is_won) return 100;
    if (stage && stage->default_probability) return *stage->default_probability;
    return lead.automated_probability;
}

void enter_stage(Lead& lead, const std::vector<Stage>& stages, const Stage& target, Timestamp now) {
    if (lead.stage_id == target.id) return;
    const Stage* old = lead.stage_id ? find_stage(stages, *lead.stage_id) : nullptr;
    const bool was_won = old && old->is_won;
    lead.stage_id = target.id;
    lead.date_last_stage_update = now;
    if (target.is_won) {
        lead.probability = lead.automated_probability = 100;
        lead.probability_manual = false;
        if (!was_won || !lead.date_closed) lead.date_closed = now;
        return;
    }
    if (was_won) {
        // Reopened: the 100 came from the won stage, so probability is automatic again.
        lead.date_closed.reset();
        lead.automated_probability = target.default_probability.value_or(0);
        lead.probability_manual = false;
    } else if (target.default_probability) {
        lead.automated_probability = *target.default_probability;
    }
    if (!lead.probability_manual) lead.probability = lead.automated_probability;
}

void fit_stage_to_team(Lead& lead, const std::vector<Stage>& stages, Timestamp now) {
    const Stage* current = lead.stage_id ? find_stage(stages, *lead.stage_id) : nullptr;
    if (current && stage_fits_team(*current, lead.team_id)) return;
    if (const Stage* first = first_stage(stages, lead.team_id)) enter_stage(lead, stages, *first, now);
}

void update_date_open(Lead& lead, const std::optional<std::int64_t>& previous_user, Timestamp now) {
    if (lead.user_id == previous_user) return;
    if (lead.user_id) lead.date_open = now;
    else lead.date_open.reset();
}

}  // namespace tumen::detail
