// Pipeline stages: shared by all teams (team_id null) or private to one team, ordered by sequence.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tumen/error.hpp"

namespace tumen {

struct Stage {
    std::int64_t id = 0;
    std::string name;                      // required
    std::optional<std::int64_t> team_id;   // nullopt = shared by every team
    std::int32_t sequence = 1;             // lower comes first
    bool fold = false;                     // folded column on the board
    bool is_won = false;
    std::string requirements;              // shown as a tooltip
    std::optional<double> default_probability;  // applied on entering the stage while probability is automatic
    std::int32_t rotting_days = 0;         // 0 = cards never rot here
    std::int32_t wip_limit = 0;            // 0 = no limit
    std::int64_t version = 0;

    bool operator==(const Stage&) const = default;
};

void to_json(nlohmann::json& j, const Stage& stage);
Result<Stage> stage_from_json(const nlohmann::json& j);
FieldErrors apply_patch(Stage& stage, const nlohmann::json& patch);
FieldErrors validate(const Stage& stage);

// A stage is usable by a lead of `team_id` when it is shared or belongs to that team.
bool stage_fits_team(const Stage& stage, const std::optional<std::int64_t>& team_id);

// The stages of a team's pipeline (shared + its own), in board order: sequence, then name, then id.
std::vector<Stage> pipeline_stages(const std::vector<Stage>& all, const std::optional<std::int64_t>& team_id);

// Where a new lead of this team starts: the first unfolded, not won stage of its pipeline (Odoo's _stage_find),
// else the first stage at all; nullptr when the pipeline has no stage.
const Stage* first_stage(const std::vector<Stage>& all, const std::optional<std::int64_t>& team_id);

const Stage* find_stage(const std::vector<Stage>& all, std::int64_t id);

}  // namespace tumen
