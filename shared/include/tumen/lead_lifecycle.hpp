// Lifecycle rules of a lead as pure functions: each takes the lead as stored (plus the stages it needs and the
// clock) and returns the lead to store with its tracked changes, or a typed Error. Nothing here touches storage;
// the caller writes the result (and bumps `version`) in one transaction.
//
// Rules follow Odoo 16-17 (reference §1.2-1.3), with two deliberate differences:
//  * archive keeps the probability (Odoo sets it to 0, which makes every archived lead count as "lost");
//    lost is mark_lost: inactive with probability 0 and usually a reason;
//  * a stage move or edit of an archived lead is refused (restore it first) instead of silently applied.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/lead.hpp"
#include "tumen/lead_tracking.hpp"
#include "tumen/stage.hpp"

namespace tumen {

enum class WonStatus { pending, won, lost };
std::string_view to_string(WonStatus status);

// won: probability 100 in a won stage; lost: inactive with probability 0; pending: anything else.
WonStatus won_status(const Lead& lead, const std::vector<Stage>& stages);

// What a new record gets when the body does not say otherwise (the server picks them from the user's team).
struct NewLeadDefaults {
    LeadType type = LeadType::lead;         // opportunity when the team does not use leads
    std::optional<std::int64_t> team_id;
    std::optional<std::int64_t> user_id;
    std::string currency = std::string(default_currency);
};

// POST body -> new lead: writable fields validated; stage defaults to the team's first open stage; probability
// from the stage's default unless given (then it is manual); create/write/last-stage dates = now; date_open
// when a salesperson is set. Errors: 422 with every bad field (unknown stage or a stage of another team too).
Result<LeadChange> create_lead(const nlohmann::json& body, const std::vector<Stage>& stages,
                               const NewLeadDefaults& defaults, Timestamp now);

// PATCH body applied to a stored lead, with the same rules as the dedicated actions: a stage change goes through
// move rules; a team change moves the lead to the new team's first stage when its stage does not fit;
// setting probability makes it manual (or automatic again when equal to automated_probability), and
// probability_manual=false puts it back to automated_probability; a new salesperson sets date_open;
// active=false/true behave as archive/restore. 409 for a stage change of an archived lead.
Result<LeadChange> edit_lead(const Lead& before, const nlohmann::json& patch, const std::vector<Stage>& stages,
                             Timestamp now);

// Kanban drag. Entering a won stage: probability = automated = 100, date_closed = now (kept when coming from
// another won stage). Leaving a won stage: date_closed cleared, probability back to automatic (the target's
// default probability, else 0 until scoring recomputes it). Otherwise the target's default probability applies
// unless the probability is manual. date_last_stage_update = now. Same stage: no change.
// 422 unknown stage / stage of another team; 409 archived lead.
Result<LeadChange> move_to_stage(const Lead& lead, std::int64_t stage_id, const std::vector<Stage>& stages,
                                 Timestamp now);

// Restores if needed, then moves to the team's won stage: the first won stage after the current one in
// sequence, else the last won stage before it. Already won: no change. 409 when the pipeline has no won stage.
Result<LeadChange> mark_won(const Lead& lead, const std::vector<Stage>& stages, Timestamp now);

// Inactive, probability = automated = 0, the reason and note recorded, date_closed = now.
// 409 for a won lead or one already lost; 422 for a note that is too long or not UTF-8.
Result<LeadChange> mark_lost(const Lead& lead, const std::vector<Stage>& stages,
                             std::optional<std::int64_t> lost_reason_id, std::string_view note, Timestamp now);

// Active again. A lost lead also gets its reason and note cleared and its probability back to automatic (the
// stage's default, 100 in a won stage); date_closed is cleared unless the stage is won. 409 if already active.
Result<LeadChange> restore(const Lead& lead, const std::vector<Stage>& stages, Timestamp now);

// Inactive without being lost (probability kept), date_closed = now if unset. 409 if already inactive.
Result<LeadChange> archive(const Lead& lead, Timestamp now);
// Same as restore (an archived lead and a lost lead are both brought back by it).
Result<LeadChange> unarchive(const Lead& lead, const std::vector<Stage>& stages, Timestamp now);

}  // namespace tumen
