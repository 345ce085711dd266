#include "board_query.hpp"

#include <vector>

#include "tumen/route.hpp"

namespace tumen::client {

BoardQuery parse_board_query(std::string_view route_query) {
    BoardQuery q;
    q.text = query_value(route_query, "q");
    const std::string chips = query_value(route_query, "f");
    size_t pos = 0;
    while (pos <= chips.size()) {
        size_t comma = chips.find(',', pos);
        if (comma == std::string::npos) comma = chips.size();
        const std::string_view chip = std::string_view(chips).substr(pos, comma - pos);
        if (chip == "mine") q.mine = true;
        else if (chip == "unassigned") q.unassigned = true;
        else if (chip == "won") q.won = true;
        else if (chip == "lost") q.lost = true;
        else if (chip == "overdue") q.overdue = true;
        else parse_search_chip(chip, q.chips);
        pos = comma + 1;
    }
    parse_search_chips(route_query, q.chips);
    return q;
}

std::string format_board_query(const BoardQuery& q) {
    std::string chips;
    auto add = [&](bool on, const char* name) {
        if (!on) return;
        if (!chips.empty()) chips += ',';
        chips += name;
    };
    add(q.mine, "mine");
    add(q.unassigned, "unassigned");
    add(q.won, "won");
    add(q.lost, "lost");
    add(q.overdue, "overdue");
    add_search_chip_names(q.chips, chips);
    return query_string({{"q", q.text},
                         {"f", chips},
                         {"tag", q.chips.tag_id > 0 ? std::to_string(q.chips.tag_id) : std::string()},
                         {"country", q.chips.country},
                         {"date", format_date_range(q.chips)}});
}

std::string board_filter(const BoardQuery& q, std::int64_t team_id) {
    std::vector<std::string> parts;
    parts.push_back(team_id > 0 ? "team_id = " + std::to_string(team_id) : "team_id is null");
    if (q.mine) parts.emplace_back("user_id = me");
    if (q.unassigned) parts.emplace_back("user_id is null");
    if (q.won) parts.emplace_back("stage.is_won = true");
    if (q.lost) parts.emplace_back("probability = 0");
    if (q.overdue) parts.emplace_back("activity_overdue = true");
    for (auto& p : search_chips_filter(q.chips)) parts.push_back(std::move(p));
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " and ") + p;
    return out;
}

std::string_view board_active(const BoardQuery& q) { return q.lost ? "false" : "true"; }

std::string query_string(std::initializer_list<std::pair<std::string_view, std::string>> params) {
    std::string out;
    for (const auto& [k, v] : params) {
        if (v.empty()) continue;
        if (!out.empty()) out += '&';
        out += std::string(k) + "=" + percent_encode(v);
    }
    return out;
}

}  // namespace tumen::client
