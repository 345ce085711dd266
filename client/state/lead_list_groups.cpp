// The grouped leads list (#/leads?group=stage ...): the groups' counts and sums come from GET /leads/groups
// (no cards: limit=0), each group's condition is the analysis click-through's (drill_clause), and an expanded
// group pages its rows from GET /leads with that condition added to the search, in the list's sort. The table
// stays virtual over "lines" (a header, a row, a load-more line), found by a binary search over group starts.
#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "analysis_drill.hpp"
#include "api_io.hpp"
#include "app_state.hpp"
#include "board_query.hpp"
#include "json_fields.hpp"
#include "lead_list.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

std::vector<Money> lead_list_groups_sums_of(const json& sums, const char* field) {
    std::vector<Money> out;
    if (!sums.is_array()) return out;
    for (const auto& s : sums) {
        if (!s.is_object() || !s.contains(field) || !s[field].is_number_integer()) continue;
        Money m;
        m.amount = s[field].get<std::int64_t>();
        m.currency = str(s, "currency");
        out.push_back(std::move(m));
    }
    return out;
}

std::string name_or_id(const std::vector<NamedRef>& refs, std::int64_t id) {
    for (const auto& r : refs)
        if (r.id == id) return r.name;
    return "#" + std::to_string(id);
}

}  // namespace

void LeadList::load_groups(std::set<std::string> keep_expanded) {
    const std::string q = query_string({{"group_by", query_.group},
                                        {"filter", list_filter(query_)},
                                        {"q", query_.text},
                                        {"active", std::string(list_active(query_))},
                                        {"limit", "0"},
                                        {"fields", "id"}});
    request("leads.groups", q, "", [this, keep = std::move(keep_expanded)](const HttpResponse& reply) {
        take_groups(reply, keep);
        status_ = ListStatus::ready;
    }, [this](const HttpResponse& reply) {
        status_ = ListStatus::failed;
        app_.show_error(problem_message(reply));
    });
    // A lead with two tags is in two tag groups: the count in the title is the list's own.
    if (query_.group == "tag") {
        const std::string cq = query_string({{"filter", list_filter(query_)},
                                             {"q", query_.text},
                                             {"active", std::string(list_active(query_))},
                                             {"limit", "1"},
                                             {"total", "true"},
                                             {"fields", "id"}});
        request("leads.list", cq, "", [this](const HttpResponse& reply) {
            auto j = json::parse(reply.body, nullptr, false);
            if (j.is_object() && j.contains("total") && j["total"].is_number_integer()) total_ = j["total"].get<std::int64_t>();
        });
    }
}

void LeadList::take_groups(const HttpResponse& reply, const std::set<std::string>& keep_expanded) {
    auto j = json::parse(reply.body, nullptr, false);
    std::vector<ListGroup> out;
    if (j.is_object() && j.contains("groups") && j["groups"].is_array())
        for (const auto& g : j["groups"]) {
            if (!g.is_object() || !g.contains("key")) continue;
            const json& k = g["key"];
            ListGroup lg;
            lg.key = k.dump();
            lg.id = k.is_null() || (k.is_string() && k.get<std::string>().empty()) ? "none"
                    : k.is_string()                                              ? k.get<std::string>()
                                                                                 : k.dump();
            lg.clause = drill_clause(query_.group, k);
            if (lg.clause.empty()) continue;  // a key the list could not select the leads of
            lg.count = g.value("count", std::int64_t{0});
            if (g.contains("sums")) {
                lg.expected = lead_list_groups_sums_of(g["sums"], "expected_revenue");
                lg.weighted = lead_list_groups_sums_of(g["sums"], "weighted_revenue");
            }
            out.push_back(std::move(lg));
        }
    // Groups still open keep their rows on screen until their new first page replaces them.
    for (auto& g : out)
        if (keep_expanded.count(g.key)) {
            g.expanded = true;
            for (auto& old : groups_)
                if (old.key == g.key) g.rows = std::move(old.rows);
        }
    rows_.clear();
    next_.clear();
    groups_ = std::move(out);
    order_groups();
    if (query_.group != "tag") {
        total_ = 0;
        for (const auto& g : groups_) total_ += g.count;
    }
    for (std::size_t i = 0; i < groups_.size(); ++i)
        if (groups_[i].expanded) load_group_page(i, groups_[i].rows.size());
    relayout();
}

// `keep` > 0: the first page again, as big as what is shown; otherwise the first page (rows empty) or the next.
void LeadList::load_group_page(std::size_t gi, std::size_t keep) {
    if (gi >= groups_.size()) return;
    ListGroup& g = groups_[gi];
    const bool more = keep == 0 && !g.rows.empty();
    g.loading = true;
    const std::uint64_t token = ++g.load;
    const int limit = static_cast<int>(more ? page_size : std::clamp<std::size_t>(keep, page_size, max_page));
    const std::string q = query_string({{"filter", and_clauses({list_filter(query_), g.clause})},
                                        {"q", query_.text},
                                        {"active", std::string(list_active(query_))},
                                        {"sort", list_sort(query_)},
                                        {"limit", std::to_string(limit)},
                                        {"after", more ? g.next : std::string()},
                                        {"fields", list_row_fields}});
    auto find = [this](const std::string& key, std::uint64_t t) -> ListGroup* {
        for (auto& grp : groups_)
            if (grp.key == key) return grp.load == t && grp.expanded ? &grp : nullptr;
        return nullptr;
    };
    request("leads.list", q, "", [this, find, key = g.key, token, more](const HttpResponse& reply) {
        ListGroup* grp = find(key, token);
        if (!grp) return;  // collapsed or reloaded meanwhile
        grp->loading = false;
        if (!more) grp->rows.clear();
        auto j = json::parse(reply.body, nullptr, false);
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& item : j["items"])
                if (auto row = list_row_from_json(item)) grp->rows.push_back(std::move(*row));
        grp->next = j.is_object() && j.contains("next") && j["next"].is_string() ? j["next"].get<std::string>() : std::string();
        relayout();
    }, [this, find, key = g.key, token](const HttpResponse& reply) {
        if (ListGroup* grp = find(key, token)) {
            grp->loading = false;
            if (grp->rows.empty()) grp->expanded = false;  // nothing to show: back to its header (the banner says why)
            relayout();
        }
        app_.show_error(problem_message(reply));
    });
    relayout();
}

void LeadList::expand(std::size_t gi) {
    if (gi >= groups_.size() || groups_[gi].expanded) return;
    groups_[gi].expanded = true;
    groups_[gi].rows.clear();
    groups_[gi].next.clear();
    load_group_page(gi, 0);
}

void LeadList::collapse(std::size_t gi) {
    if (gi >= groups_.size() || !groups_[gi].expanded) return;
    ListGroup& g = groups_[gi];
    // Hidden rows leave the selection: a mass action acts on what the user can see.
    for (const auto& r : g.rows) selection_.erase(r.id);
    if (group_anchor_ && group_anchor_->first == gi) group_anchor_.reset();
    g.expanded = false;
    g.loading = false;
    ++g.load;  // a page on its way is dropped
    g.rows.clear();
    g.next.clear();
    relayout();
}

void LeadList::toggle_group(std::size_t gi) {
    if (gi >= groups_.size()) return;
    if (groups_[gi].expanded) collapse(gi);
    else expand(gi);
}

void LeadList::load_more(std::size_t gi) {
    if (gi >= groups_.size()) return;
    const ListGroup& g = groups_[gi];
    if (!g.expanded || g.loading || g.next.empty() || g.rows.empty()) return;
    load_group_page(gi, 0);
}

// Stages in the pipeline's order (the server orders keys by id; the stages may come after the groups); no stage last.
void LeadList::order_groups() {
    if (query_.group != "stage" || stages_.empty()) return;
    auto rank = [this](const ListGroup& g) {
        for (std::size_t i = 0; i < stages_.size(); ++i)
            if (std::to_string(stages_[i].id) == g.key) return i;
        return stages_.size();
    };
    std::stable_sort(groups_.begin(), groups_.end(), [&](const ListGroup& a, const ListGroup& b) { return rank(a) < rank(b); });
    group_anchor_.reset();
}

void LeadList::relayout() {
    line_starts_.assign(1, 0);
    if (!grouped()) {
        line_starts_.clear();
        return;
    }
    line_starts_.reserve(groups_.size() + 1);
    for (const auto& g : groups_) {
        std::size_t lines = 1;
        if (g.expanded) lines += g.rows.size() + (g.loading && g.rows.empty() ? 1 : 0) + (g.next.empty() ? 0 : 1);
        line_starts_.push_back(line_starts_.back() + lines);
    }
}

GroupLine LeadList::line_at(std::size_t line) const {
    GroupLine out;
    if (line_starts_.size() < 2 || line >= line_starts_.back()) return out;
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), line);
    out.group = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
    const std::size_t off = line - line_starts_[out.group];
    const ListGroup& g = groups_[out.group];
    if (off == 0) out.kind = GroupLineKind::header;
    else if (off - 1 < g.rows.size()) {
        out.kind = GroupLineKind::row;
        out.row = off - 1;
    } else {
        out.kind = g.loading && g.rows.empty() ? GroupLineKind::pending : GroupLineKind::more;
    }
    return out;
}

// Two teams may both have a "New" stage: grouped over every team, such a name carries its team's.
std::string LeadList::stage_group_label(std::int64_t id) const {
    std::string name = name_or_id(stages_, id);
    const bool shared_name = std::count_if(stages_.begin(), stages_.end(), [&](const NamedRef& s) { return s.name == name; }) > 1;
    if (!shared_name) return name;
    const auto team = stage_teams_.find(id);
    return name + " · " + (team == stage_teams_.end() ? app_.tr("settings.all_teams") : name_or_id(teams_, team->second));
}

std::string LeadList::group_label(const ListGroup& g) const {
    const json k = json::parse(g.key, nullptr, false);
    const std::string& by = query_.group;
    if (k.is_null() || (k.is_string() && k.get<std::string>().empty()))
        return app_.tr(by == "user" ? "list.unassigned" : "list.group.none");
    if (k.is_number_integer()) {
        const auto id = k.get<std::int64_t>();
        if (by == "stage") return stage_group_label(id);
        if (by == "user") return name_or_id(users_, id);
        if (by == "team") return name_or_id(teams_, id);
        if (by == "tag") return name_or_id(tags_, id);
        return std::to_string(id);
    }
    if (!k.is_string()) return g.key;
    const std::string s = k.get<std::string>();
    // "2026-11": the month's name in the UI language.
    if (by.size() > 6 && by.ends_with("_month") && s.size() == 7 && s[4] == '-') {
        int month = 0;
        auto [end, ec] = std::from_chars(s.data() + 5, s.data() + 7, month);
        if (ec == std::errc() && end == s.data() + 7 && month >= 1 && month <= 12)
            return app_.tr("list.group.month", {{"month", app_.tr("calendar.month_" + std::to_string(month))}, {"year", s.substr(0, 4)}});
    }
    return s;
}

void LeadList::click_check_in_group(std::size_t gi, std::size_t index, bool shift) {
    if (gi >= groups_.size() || index >= groups_[gi].rows.size()) return;
    const auto& rows = groups_[gi].rows;
    if (shift && group_anchor_ && group_anchor_->first == gi && group_anchor_->second < rows.size()) {
        const std::size_t a = group_anchor_->second;
        const bool on = selected(rows[a].id);
        for (std::size_t i = std::min(a, index); i <= std::max(a, index); ++i) {
            if (on) selection_.insert(rows[i].id);
            else selection_.erase(rows[i].id);
        }
    } else {
        const std::int64_t id = rows[index].id;
        if (!selection_.erase(id)) selection_.insert(id);
    }
    group_anchor_ = std::make_pair(gi, index);
}

}  // namespace tumen::client
