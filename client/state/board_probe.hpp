// The board's part of window.tumen.state(): columns (stage id, name, count, loaded cards, more to load, folded)
// and every loaded card (id, name, stage, priority, version), with its rectangle when it is on screen.
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "board_state.hpp"
#include "test_probe.hpp"

namespace tumen::client {

nlohmann::json board_probe(const BoardState& board, const std::vector<WidgetInfo>& widgets);

}  // namespace tumen::client
