// Card and column flags on the pipeline board: rotting cards (idle in a stage too long) and WIP limits.
#pragma once
#include <cstdint>
#include <string_view>

#include "tumen/datetime.hpp"
#include "tumen/lead.hpp"
#include "tumen/stage.hpp"

namespace tumen {

struct RottingStatus {
    bool rotting = false;
    std::int64_t idle_days = 0;  // whole days since the last stage change (or creation)
};

// A card rots when it has been in its stage more than stage.rotting_days days. Never for archived leads, won or
// folded stages, or stages with rotting_days 0. `stage` is the lead's stage (nullptr if none).
RottingStatus rotting_status(const Lead& lead, const Stage* stage, Timestamp now);

enum class WipStatus { unlimited, under, at_limit, over };
std::string_view to_string(WipStatus status);

// Column state for `card_count` active cards in the stage.
WipStatus wip_status(const Stage& stage, std::int64_t card_count);

// Whether dropping one more card into a column that holds `card_count` cards goes past its limit (the board
// warns, the move is still allowed).
bool move_exceeds_wip(const Stage& target, std::int64_t card_count);

}  // namespace tumen
