#include "board_probe.hpp"

#include <unordered_map>

namespace tumen::client {

nlohmann::json board_probe(const BoardState& board, const std::vector<WidgetInfo>& widgets) {
    static constexpr const char* statuses[] = {"empty", "loading", "ready", "failed"};
    nlohmann::json j;
    j["status"] = statuses[static_cast<int>(board.status())];
    j["team_id"] = board.team_id();
    j["team"] = board.team_name();
    std::unordered_map<std::string, const WidgetInfo*> drawn;
    for (const auto& w : widgets)
        if (w.kind == "card") drawn[w.id] = &w;
    auto& cols = j["columns"] = nlohmann::json::array();
    auto& cards = j["cards"] = nlohmann::json::array();
    for (const auto& c : board.columns()) {
        cols.push_back({{"stage_id", c.stage.id},
                        {"name", c.stage.name},
                        {"count", c.count},
                        {"loaded", c.cards.size()},
                        {"has_more", c.has_more()},
                        {"folded", c.folded()}});
        for (const auto& l : c.cards) {
            nlohmann::json card = {{"id", l.id},           {"name", l.name},       {"stage_id", c.stage.id},
                                   {"priority", l.priority}, {"version", l.version}, {"rect", nullptr}};
            if (auto it = drawn.find("card." + std::to_string(l.id)); it != drawn.end())
                card["rect"] = {{"x", it->second->x}, {"y", it->second->y}, {"w", it->second->w}, {"h", it->second->h}};
            cards.push_back(std::move(card));
        }
    }
    return j;
}

}  // namespace tumen::client
