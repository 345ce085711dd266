#include "tumen/lead_lifecycle.hpp"

#include <climits>

#include "field_checks.hpp"
#include "lead_stage_rules.hpp"

namespace tumen {

namespace {

using detail::enter_stage;

Error conflict(std::string message) { return Error::make(ErrorCode::conflict, std::move(message)); }

Error lead_lifecycle_invalid(const std::string& field, const std::string& message, const std::string& key = "error.invalid") {
    FieldErrors e;
    e.add(field, message, key);
    return e.to_error();
}

const Stage* stage_of(const Lead& lead, const std::vector<Stage>& stages) {
    return lead.stage_id ? find_stage(stages, *lead.stage_id) : nullptr;
}

// A stage id set by a client must exist and belong to the lead's pipeline.
void check_stage(const Lead& lead, const std::vector<Stage>& stages, FieldErrors& e) {
    if (!lead.stage_id) return;
    const Stage* s = find_stage(stages, *lead.stage_id);
    if (!s) e.add("stage_id", "is not a known stage", "error.not_found");
    else if (!stage_fits_team(*s, lead.team_id)) e.add("stage_id", "belongs to another team's pipeline", "error.stage_team");
}

LeadChange changed(const Lead& before, Lead after, Timestamp now) {
    if (!(after == before)) after.write_date = now;
    auto tracking = track_lead_changes(before, after);
    return {std::move(after), std::move(tracking)};
}

// The won stage mark_won moves to (Odoo's action_set_won choice).
const Stage* pick_won_stage(const std::vector<Stage>& stages, const Lead& lead) {
    const Stage* current = stage_of(lead, stages);
    const int current_seq = current ? current->sequence : INT_MIN;
    const Stage* before = nullptr;
    for (const auto& s : pipeline_stages(stages, lead.team_id)) {
        if (!s.is_won) continue;
        if (s.sequence > current_seq) return find_stage(stages, s.id);
        before = find_stage(stages, s.id);
    }
    return before;
}

// Creation: stage, probability and dates of a lead whose writable fields are already set.
void settle_new_lead(Lead& lead, const std::vector<Stage>& stages, bool probability_given, Timestamp now) {
    const Stage* stage = lead.stage_id ? find_stage(stages, *lead.stage_id) : first_stage(stages, lead.team_id);
    lead.stage_id = stage ? std::optional<std::int64_t>(stage->id) : std::nullopt;
    lead.create_date = lead.write_date = now;
    lead.date_last_stage_update = now;
    lead.automated_probability = detail::automatic_probability(lead, stage);
    if (stage && stage->is_won) {
        lead.probability = 100;
        lead.probability_manual = false;
        lead.date_closed = now;
    } else if (probability_given) {
        lead.probability_manual = lead.probability != lead.automated_probability;
    } else {
        lead.probability = lead.automated_probability;
        lead.probability_manual = false;
    }
    if (lead.user_id) lead.date_open = now;
    if (!lead.active && !lead.date_closed) lead.date_closed = now;
}

// Probability after an edit: a value the user typed is manual, probability_manual=false resets to automatic.
std::optional<Error> settle_probability(Lead& lead, const nlohmann::json& patch, double typed,
                                        const std::vector<Stage>& stages) {
    const auto manual_flag = patch.find("probability_manual");
    if (manual_flag != patch.end() && *manual_flag == false) {
        lead.probability = lead.automated_probability;
        lead.probability_manual = false;
        return std::nullopt;
    }
    if (!patch.contains("probability")) return std::nullopt;
    const Stage* stage = stage_of(lead, stages);
    if (stage && stage->is_won && typed != 100)
        return lead_lifecycle_invalid("probability", "is 100 for a won opportunity; move it out of the won stage first", "error.won_probability");
    lead.probability = typed;
    lead.probability_manual = typed != lead.automated_probability;
    return std::nullopt;
}

}  // namespace

std::string_view to_string(WonStatus status) {
    switch (status) {
        case WonStatus::won: return "won";
        case WonStatus::lost: return "lost";
        case WonStatus::pending: break;
    }
    return "pending";
}

WonStatus won_status(const Lead& lead, const std::vector<Stage>& stages) {
    const Stage* stage = stage_of(lead, stages);
    if (stage && stage->is_won && lead.probability >= 100) return WonStatus::won;
    if (!lead.active && lead.probability == 0) return WonStatus::lost;
    return WonStatus::pending;
}

Result<LeadChange> create_lead(const nlohmann::json& body, const std::vector<Stage>& stages,
                               const NewLeadDefaults& defaults, Timestamp now) {
    Lead lead;
    lead.type = defaults.type;
    lead.team_id = defaults.team_id;
    lead.user_id = defaults.user_id;
    lead.expected_revenue.currency = defaults.currency;
    FieldErrors e = apply_patch(lead, body);
    if (e.empty()) check_stage(lead, stages, e);
    if (!e.empty()) return e.to_error();
    settle_new_lead(lead, stages, body.contains("probability"), now);
    return LeadChange{std::move(lead), {}};
}

Result<LeadChange> edit_lead(const Lead& before, const nlohmann::json& patch, const std::vector<Stage>& stages,
                             Timestamp now) {
    Lead after = before;
    FieldErrors e = apply_patch(after, patch);
    if (e.empty() && patch.contains("stage_id")) check_stage(after, stages, e);
    if (!e.empty()) return e.to_error();
    if (!after.stage_id && before.stage_id) return lead_lifecycle_invalid("stage_id", "cannot be cleared", "error.required");
    const bool wanted_active = after.active;
    const double typed_probability = after.probability;
    after.active = before.active;
    if (wanted_active && !before.active) after = restore(after, stages, now).value().lead;
    if (after.stage_id != before.stage_id) {
        if (!after.active) return conflict("The lead is archived; restore it before changing its stage.");
        const Stage* target = find_stage(stages, *after.stage_id);  // existence checked above
        after.stage_id = before.stage_id;
        enter_stage(after, stages, *target, now);
    } else if (after.team_id != before.team_id) {
        detail::fit_stage_to_team(after, stages, now);
    }
    if (auto err = settle_probability(after, patch, typed_probability, stages)) return *err;
    detail::update_date_open(after, before.user_id, now);
    if (!wanted_active && before.active) after = archive(after, now).value().lead;
    return changed(before, std::move(after), now);
}

Result<LeadChange> move_to_stage(const Lead& lead, std::int64_t stage_id, const std::vector<Stage>& stages,
                                 Timestamp now) {
    const Stage* target = find_stage(stages, stage_id);
    if (!target) return lead_lifecycle_invalid("stage_id", "is not a known stage", "error.not_found");
    if (!stage_fits_team(*target, lead.team_id))
        return lead_lifecycle_invalid("stage_id", "belongs to another team's pipeline", "error.stage_team");
    if (!lead.active) return conflict("The lead is archived; restore it before moving it.");
    Lead after = lead;
    enter_stage(after, stages, *target, now);
    return changed(lead, std::move(after), now);
}

Result<LeadChange> mark_won(const Lead& lead, const std::vector<Stage>& stages, Timestamp now) {
    Lead after = lead;
    if (!after.active) after = restore(lead, stages, now).value().lead;
    const Stage* current = stage_of(after, stages);
    if (current && current->is_won) {
        after.probability = after.automated_probability = 100;
        after.probability_manual = false;
        if (!after.date_closed) after.date_closed = now;
        return changed(lead, std::move(after), now);
    }
    const Stage* won = pick_won_stage(stages, after);
    if (!won) return conflict("This team's pipeline has no won stage.");
    enter_stage(after, stages, *won, now);
    return changed(lead, std::move(after), now);
}

Result<LeadChange> mark_lost(const Lead& lead, const std::vector<Stage>& stages,
                             std::optional<std::int64_t> lost_reason_id, std::string_view note, Timestamp now) {
    const auto status = won_status(lead, stages);
    if (status == WonStatus::won) return conflict("A won opportunity cannot be marked lost; move it out of the won stage first.");
    if (status == WonStatus::lost) return conflict("The lead is already lost.");
    if (lost_reason_id && *lost_reason_id <= 0) return lead_lifecycle_invalid("lost_reason_id", "must be a positive integer id", "error.id");
    Lead after = lead;
    FieldErrors e;
    detail::read_text(std::string(note), "lost_note", after.lost_note, {.max_chars = 10000, .multiline = true}, e);
    if (!e.empty()) return e.to_error();
    after.active = false;
    after.probability = after.automated_probability = 0;
    after.probability_manual = false;
    after.lost_reason_id = lost_reason_id;
    after.date_closed = now;
    return changed(lead, std::move(after), now);
}

Result<LeadChange> restore(const Lead& lead, const std::vector<Stage>& stages, Timestamp now) {
    if (lead.active) return conflict("The lead is not archived.");
    Lead after = lead;
    after.active = true;
    const Stage* stage = stage_of(after, stages);
    const bool was_lost = lead.probability == 0 || lead.lost_reason_id;
    if (was_lost) {
        after.lost_reason_id.reset();
        after.lost_note.clear();
        after.automated_probability = detail::automatic_probability(after, stage);
        after.probability = after.automated_probability;
        after.probability_manual = false;
    }
    if (!(stage && stage->is_won)) after.date_closed.reset();
    return changed(lead, std::move(after), now);
}

Result<LeadChange> archive(const Lead& lead, Timestamp now) {
    if (!lead.active) return conflict("The lead is already archived.");
    Lead after = lead;
    after.active = false;
    if (!after.date_closed) after.date_closed = now;
    return changed(lead, std::move(after), now);
}

Result<LeadChange> unarchive(const Lead& lead, const std::vector<Stage>& stages, Timestamp now) {
    return restore(lead, stages, now);
}

}  // namespace tumen
