// Internal: the stage-entry rules shared by moves, won, edits, conversion and merge.
#pragma once
#include <vector>

#include "tumen/lead.hpp"
#include "tumen/stage.hpp"

namespace tumen::detail {

// Puts `lead` into `target` with Odoo's write() rules for stage changes (won → 100 and closed date, leaving
// won reopens, default probability otherwise). No-op when the lead already is in that stage.
void enter_stage(Lead& lead, const std::vector<Stage>& stages, const Stage& target, Timestamp now);

// The probability a non-won lead gets when it is automatic in `stage`.
double automatic_probability(const Lead& lead, const Stage* stage);

// When the lead has no stage or one that does not fit its team, move it to the team's first stage.
void fit_stage_to_team(Lead& lead, const std::vector<Stage>& stages, Timestamp now);

// A new salesperson starts the assignment clock; none clears it.
void update_date_open(Lead& lead, const std::optional<std::int64_t>& previous_user, Timestamp now);

}  // namespace tumen::detail
