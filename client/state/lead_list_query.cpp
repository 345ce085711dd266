#include "lead_list_query.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

#include "board_query.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

namespace {

constexpr std::array<std::string_view, 7> lead_list_query_sortable = {"name",        "partner_name", "contact_name", "expected_revenue",
                                                      "probability", "priority",     "create_date"};

std::int64_t id_value(std::string_view query, std::string_view key) {
    const std::string v = query_value(query, key);
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    return ec == std::errc() && end == v.data() + v.size() && n > 0 ? n : 0;
}

}  // namespace

bool list_sortable(std::string_view field) {
    return std::find(lead_list_query_sortable.begin(), lead_list_query_sortable.end(), field) != lead_list_query_sortable.end();
}

bool list_groupable(std::string_view key) {
    return std::find(list_group_keys.begin(), list_group_keys.end(), key) != list_group_keys.end();
}

void LeadListQuery::toggle_sort(std::string_view field) {
    if (!list_sortable(field)) return;
    if (sort_field != field) {
        sort_field = std::string(field);
        sort_desc = false;
    } else if (!sort_desc) {
        sort_desc = true;
    } else {
        sort_field.clear();
        sort_desc = false;
    }
}

void LeadListQuery::pick_group(std::string_view key) {
    if (!key.empty() && !list_groupable(key)) return;
    if (key.empty()) {
        group.clear();
        subgroup.clear();
    } else if (key == subgroup) {
        subgroup.clear();
    } else if (key == group) {
        group = std::move(subgroup);
        subgroup.clear();
    } else if (group.empty()) {
        group = std::string(key);
    } else {
        subgroup = std::string(key);
    }
}

LeadListQuery parse_list_query(std::string_view route_query) {
    LeadListQuery q;
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
        else if (chip == "archived") q.archived = true;
        else if (chip == "overdue") q.overdue = true;
        else if (chip == "all") q.all = true;
        else parse_search_chip(chip, q.chips);
        pos = comma + 1;
    }
    parse_search_chips(route_query, q.chips);
    q.stage_id = id_value(route_query, "stage");
    q.user_id = id_value(route_query, "user");
    q.team_id = id_value(route_query, "team");
    q.where = query_value(route_query, "filter");
    const std::string sort = query_value(route_query, "sort");
    const size_t space = sort.find(' ');
    const std::string field = sort.substr(0, space);
    const std::string dir = space == std::string::npos ? std::string() : sort.substr(space + 1);
    if (list_sortable(field) && (dir.empty() || dir == "asc" || dir == "desc")) {
        q.sort_field = field;
        q.sort_desc = dir == "desc";
    }
    // "stage,user": two levels at most; unknown and repeated keys are dropped.
    const std::string groups = query_value(route_query, "group");
    for (size_t at = 0; at <= groups.size() && q.subgroup.empty();) {
        size_t comma = groups.find(',', at);
        if (comma == std::string::npos) comma = groups.size();
        const std::string key = groups.substr(at, comma - at);
        at = comma + 1;
        if (!list_groupable(key) || key == q.group) continue;
        (q.group.empty() ? q.group : q.subgroup) = key;
    }
    return q;
}

std::string format_list_query(const LeadListQuery& q) {
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
    add(q.archived, "archived");
    add(q.overdue, "overdue");
    add(q.all, "all");
    add_search_chip_names(q.chips, chips);
    auto id = [](std::int64_t v) { return v > 0 ? std::to_string(v) : std::string(); };
    return query_string({{"q", q.text},
                         {"f", chips},
                         {"stage", id(q.stage_id)},
                         {"user", id(q.user_id)},
                         {"team", id(q.team_id)},
                         {"tag", id(q.chips.tag_id)},
                         {"country", q.chips.country},
                         {"date", format_date_range(q.chips)},
                         {"filter", q.where},
                         {"sort", q.sort_field.empty() ? std::string() : q.sort_field + (q.sort_desc ? " desc" : " asc")},
                         {"group", q.subgroup.empty() ? q.group : q.group + "," + q.subgroup}});
}

std::string list_filter(const LeadListQuery& q) {
    std::vector<std::string> parts;
    if (q.mine) parts.emplace_back("user_id = me");
    if (q.unassigned) parts.emplace_back("user_id is null");
    if (q.won) parts.emplace_back("stage.is_won = true");
    if (q.lost) parts.emplace_back("probability = 0");
    if (q.overdue) parts.emplace_back("activity_overdue = true");
    if (q.stage_id > 0) parts.push_back("stage_id = " + std::to_string(q.stage_id));
    if (q.user_id > 0) parts.push_back("user_id = " + std::to_string(q.user_id));
    if (q.team_id > 0) parts.push_back("team_id = " + std::to_string(q.team_id));
    for (auto& p : search_chips_filter(q.chips)) parts.push_back(std::move(p));
    if (!q.where.empty()) parts.push_back("(" + q.where + ")");
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " and ") + p;
    return out;
}

std::string_view list_active(const LeadListQuery& q) {
    if (q.all && !q.lost && !q.archived) return "all";
    return q.lost || q.archived ? "false" : "true";
}

std::string list_sort(const LeadListQuery& q) {
    if (q.sort_field.empty()) return "create_date desc";
    return q.sort_field + (q.sort_desc ? " desc" : " asc");
}

}  // namespace tumen::client
