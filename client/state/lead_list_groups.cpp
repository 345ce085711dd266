// The grouped leads list (#/leads?group=stage ...): the groups' counts and sums come from GET /leads/groups
// (no cards: limit=0), each group's condition is the analysis click-through's (drill_clause), and an expanded
// group pages its rows from GET /leads with that condition added to the search, in the list's sort. Nested
// (?group=stage,user), an expanded first-level group loads its second-level groups from /leads/groups with its
// condition added, and their rows come with both conditions. The table stays virtual over "lines" (a header, a
// row, a load-more line), found by a binary search over the starts of blocks (a header and what follows it).
#include <algorithm>
#include <charconv>
#include <optional>
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

// A group kept open across a reload: its key, or its parent's and its own for a second-level group.
std::string lead_list_open_path(const std::string& parent_key, const std::string& key) { return parent_key + "\n" + key; }

// Stages in the pipeline's order (the server orders keys by id; the stages may come after the groups); no stage last.
void lead_list_order_by_stage(std::vector<ListGroup>& groups, const std::vector<NamedRef>& stages) {
    auto rank = [&stages](const ListGroup& g) {
        for (std::size_t i = 0; i < stages.size(); ++i)
            if (std::to_string(stages[i].id) == g.key) return i;
        return stages.size();
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const ListGroup& a, const ListGroup& b) { return rank(a) < rank(b); });
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

std::vector<ListGroup> LeadList::groups_from(const json& j, const std::string& by, const ListGroup* parent) const {
    std::vector<ListGroup> out;
    if (!j.is_object() || !j.contains("groups") || !j["groups"].is_array()) return out;
    for (const auto& g : j["groups"]) {
        if (!g.is_object() || !g.contains("key")) continue;
        const json& k = g["key"];
        ListGroup lg;
        lg.key = k.dump();
        lg.id = k.is_null() || (k.is_string() && k.get<std::string>().empty()) ? "none"
                : k.is_string()                                              ? k.get<std::string>()
                                                                             : k.dump();
        if (parent) lg.id = parent->id + "/" + lg.id;
        lg.by = by;
        lg.clause = drill_clause(by, k);
        if (lg.clause.empty()) continue;  // a key the list could not select the leads of
        lg.count = g.value("count", std::int64_t{0});
        if (g.contains("sums")) {
            lg.expected = lead_list_groups_sums_of(g["sums"], "expected_revenue");
            lg.weighted = lead_list_groups_sums_of(g["sums"], "weighted_revenue");
        }
        out.push_back(std::move(lg));
    }
    if (by == "stage" && !stages_.empty()) lead_list_order_by_stage(out, stages_);
    return out;
}

void LeadList::take_groups(const HttpResponse& reply, const std::set<std::string>& keep_expanded) {
    std::vector<ListGroup> out = groups_from(json::parse(reply.body, nullptr, false), query_.group, nullptr);
    // Groups still open keep their rows (or second-level groups) on screen until their new ones replace them.
    for (auto& g : out)
        if (keep_expanded.count(g.key)) {
            g.expanded = true;
            for (auto& old : groups_)
                if (old.key == g.key) {
                    g.rows = std::move(old.rows);
                    g.subgroups = std::move(old.subgroups);
                }
        }
    rows_.clear();
    next_.clear();
    groups_ = std::move(out);
    group_anchor_.reset();
    if (query_.group != "tag") {
        total_ = 0;
        for (const auto& g : groups_) total_ += g.count;
    }
    for (std::size_t i = 0; i < groups_.size(); ++i) {
        if (!groups_[i].expanded) continue;
        if (nested()) load_subgroups(i, keep_expanded);
        else load_group_page(i, no_sub, groups_[i].rows.size());
    }
    relayout();
}

// A first-level group's second-level groups: /leads/groups with its condition added to the search.
void LeadList::load_subgroups(std::size_t gi, std::set<std::string> keep_expanded) {
    if (gi >= groups_.size()) return;
    ListGroup& g = groups_[gi];
    g.loading = true;
    const std::uint64_t token = ++g.load;
    const std::string q = query_string({{"group_by", query_.subgroup},
                                        {"filter", and_clauses({list_filter(query_), g.clause})},
                                        {"q", query_.text},
                                        {"active", std::string(list_active(query_))},
                                        {"limit", "0"},
                                        {"fields", "id"}});
    auto find = [this](const std::string& key, std::uint64_t t) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < groups_.size(); ++i)
            if (groups_[i].key == key) return groups_[i].load == t && groups_[i].expanded ? std::optional(i) : std::nullopt;
        return std::nullopt;
    };
    request("leads.groups", q, "", [this, find, key = g.key, token, keep = std::move(keep_expanded)](const HttpResponse& reply) {
        const auto i = find(key, token);
        if (!i) return;  // collapsed or reloaded meanwhile
        ListGroup& parent = groups_[*i];
        parent.loading = false;
        std::vector<ListGroup> subs = groups_from(json::parse(reply.body, nullptr, false), query_.subgroup, &parent);
        for (auto& s : subs)
            if (keep.count(lead_list_open_path(parent.key, s.key))) {
                s.expanded = true;
                for (auto& old : parent.subgroups)
                    if (old.key == s.key) s.rows = std::move(old.rows);
            }
        parent.subgroups = std::move(subs);
        group_anchor_.reset();
        for (std::size_t si = 0; si < parent.subgroups.size(); ++si)
            if (parent.subgroups[si].expanded) load_group_page(*i, si, parent.subgroups[si].rows.size());
        relayout();
    }, [this, find, key = g.key, token](const HttpResponse& reply) {
        if (const auto i = find(key, token)) {
            groups_[*i].loading = false;
            if (groups_[*i].subgroups.empty()) groups_[*i].expanded = false;  // back to its header (the banner says why)
            relayout();
        }
        app_.show_error(problem_message(reply));
    });
    relayout();
}

std::set<std::string> LeadList::open_paths() const {
    std::set<std::string> open;
    for (const auto& g : groups_) {
        if (!g.expanded) continue;
        open.insert(g.key);
        for (const auto& s : g.subgroups)
            if (s.expanded) open.insert(lead_list_open_path(g.key, s.key));
    }
    return open;
}

ListGroup* LeadList::node(std::size_t gi, std::size_t sub) {
    if (gi >= groups_.size()) return nullptr;
    if (sub == no_sub) return &groups_[gi];
    return sub < groups_[gi].subgroups.size() ? &groups_[gi].subgroups[sub] : nullptr;
}

const ListGroup* LeadList::group_at(std::size_t gi, std::size_t sub) const {
    return const_cast<LeadList*>(this)->node(gi, sub);
}

// `keep` > 0: the first page again, as big as what is shown; otherwise the first page (rows empty) or the next.
void LeadList::load_group_page(std::size_t gi, std::size_t sub, std::size_t keep) {
    ListGroup* gp = node(gi, sub);
    if (!gp) return;
    ListGroup& g = *gp;
    const std::string parent_key = sub == no_sub ? std::string() : groups_[gi].key;
    const std::string parent_clause = sub == no_sub ? std::string() : groups_[gi].clause;
    const bool more = keep == 0 && !g.rows.empty();
    g.loading = true;
    const std::uint64_t token = ++g.load;
    const int limit = static_cast<int>(more ? page_size : std::clamp<std::size_t>(keep, page_size, max_page));
    const std::string q = query_string({{"filter", and_clauses({list_filter(query_), parent_clause, g.clause})},
                                        {"q", query_.text},
                                        {"active", std::string(list_active(query_))},
                                        {"sort", list_sort(query_)},
                                        {"limit", std::to_string(limit)},
                                        {"after", more ? g.next : std::string()},
                                        {"fields", list_row_fields}});
    // The group again by its keys (the vectors may have been rebuilt meanwhile), if still open at this load.
    auto find = [this, nested = sub != no_sub](const std::string& pkey, const std::string& key, std::uint64_t t) -> ListGroup* {
        for (auto& top : groups_) {
            if (top.key != (nested ? pkey : key)) continue;
            if (nested) {
                if (!top.expanded) return nullptr;
                for (auto& s : top.subgroups)
                    if (s.key == key) return s.load == t && s.expanded ? &s : nullptr;
                return nullptr;
            }
            return top.load == t && top.expanded ? &top : nullptr;
        }
        return nullptr;
    };
    request("leads.list", q, "", [this, find, pkey = parent_key, key = g.key, token, more](const HttpResponse& reply) {
        ListGroup* grp = find(pkey, key, token);
        if (!grp) return;  // collapsed or reloaded meanwhile
        grp->loading = false;
        if (!more) grp->rows.clear();
        auto j = json::parse(reply.body, nullptr, false);
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& item : j["items"])
                if (auto row = list_row_from_json(item)) grp->rows.push_back(std::move(*row));
        grp->next = j.is_object() && j.contains("next") && j["next"].is_string() ? j["next"].get<std::string>() : std::string();
        relayout();
    }, [this, find, pkey = parent_key, key = g.key, token](const HttpResponse& reply) {
        if (ListGroup* grp = find(pkey, key, token)) {
            grp->loading = false;
            if (grp->rows.empty()) grp->expanded = false;  // nothing to show: back to its header (the banner says why)
            relayout();
        }
        app_.show_error(problem_message(reply));
    });
    relayout();
}

void LeadList::expand(std::size_t gi, std::size_t sub) {
    ListGroup* g = node(gi, sub);
    if (!g || g->expanded) return;
    g->expanded = true;
    g->rows.clear();
    g->next.clear();
    g->subgroups.clear();
    if (nested() && sub == no_sub) load_subgroups(gi, {});
    else load_group_page(gi, sub, 0);
}

void LeadList::collapse(std::size_t gi, std::size_t sub) {
    ListGroup* gp = node(gi, sub);
    if (!gp || !gp->expanded) return;
    ListGroup& g = *gp;
    // Hidden rows leave the selection: a mass action acts on what the user can see.
    for (const auto& r : g.rows) selection_.erase(r.id);
    for (const auto& s : g.subgroups)
        for (const auto& r : s.rows) selection_.erase(r.id);
    if (group_anchor_ && group_anchor_->group == gi && (sub == no_sub || group_anchor_->sub == sub)) group_anchor_.reset();
    g.expanded = false;
    g.loading = false;
    ++g.load;  // a page on its way is dropped
    g.rows.clear();
    g.next.clear();
    g.subgroups.clear();
    relayout();
}

void LeadList::toggle_group(std::size_t gi, std::size_t sub) {
    const ListGroup* g = node(gi, sub);
    if (!g) return;
    if (g->expanded) collapse(gi, sub);
    else expand(gi, sub);
}

void LeadList::load_more(std::size_t gi, std::size_t sub) {
    const ListGroup* g = node(gi, sub);
    if (!g || !g->expanded || g->loading || g->next.empty() || g->rows.empty()) return;
    load_group_page(gi, sub, 0);
}

std::size_t LeadList::collapse_from(const GroupLine& line) {
    const ListGroup* g = node(line.group, line.sub);
    if (!g) return 0;
    if (line.sub != no_sub && line.kind == GroupLineKind::header && !g->expanded) {
        collapse(line.group);  // a folded second-level header: Left folds its parent
        return header_line(line.group);
    }
    collapse(line.group, line.sub);
    return header_line(line.group, line.sub);
}

void LeadList::order_groups() {
    if (query_.group == "stage" && !stages_.empty()) lead_list_order_by_stage(groups_, stages_);
    if (query_.subgroup == "stage" && !stages_.empty())
        for (auto& g : groups_) lead_list_order_by_stage(g.subgroups, stages_);
    group_anchor_.reset();
}

void LeadList::relayout() {
    blocks_.clear();
    line_starts_.assign(1, 0);
    if (!grouped()) {
        line_starts_.clear();
        return;
    }
    blocks_.reserve(groups_.size());
    line_starts_.reserve(groups_.size() + 1);
    auto leaf_lines = [](const ListGroup& g) {
        return g.expanded ? g.rows.size() + (g.loading && g.rows.empty() ? 1 : 0) + (g.next.empty() ? 0 : 1) : 0;
    };
    const bool two = nested();
    for (std::size_t gi = 0; gi < groups_.size(); ++gi) {
        const ListGroup& g = groups_[gi];
        // Nested: a first-level header, then a placeholder while its second-level groups load.
        const std::size_t lines = 1 + (two ? (g.expanded && g.loading && g.subgroups.empty() ? 1 : 0) : leaf_lines(g));
        blocks_.emplace_back(gi, no_sub);
        line_starts_.push_back(line_starts_.back() + lines);
        if (!two || !g.expanded) continue;
        for (std::size_t si = 0; si < g.subgroups.size(); ++si) {
            blocks_.emplace_back(gi, si);
            line_starts_.push_back(line_starts_.back() + 1 + leaf_lines(g.subgroups[si]));
        }
    }
}

GroupLine LeadList::line_at(std::size_t line) const {
    GroupLine out;
    if (line_starts_.size() < 2 || line >= line_starts_.back()) return out;
    const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), line);
    const std::size_t block = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
    out.group = blocks_[block].first;
    out.sub = blocks_[block].second;
    const std::size_t off = line - line_starts_[block];
    const ListGroup& g = *group_at(out.group, out.sub);
    if (off == 0) out.kind = GroupLineKind::header;
    else if (nested() && out.sub == no_sub) out.kind = GroupLineKind::pending;  // its second level on its way
    else if (off - 1 < g.rows.size()) {
        out.kind = GroupLineKind::row;
        out.row = off - 1;
    } else {
        out.kind = g.loading && g.rows.empty() ? GroupLineKind::pending : GroupLineKind::more;
    }
    return out;
}

std::size_t LeadList::header_line(std::size_t gi, std::size_t sub) const {
    for (std::size_t b = 0; b < blocks_.size(); ++b)
        if (blocks_[b].first == gi && blocks_[b].second == sub) return line_starts_[b];
    return 0;
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
    const std::string& by = g.by;
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

void LeadList::click_check_in_group(std::size_t gi, std::size_t sub, std::size_t index, bool shift) {
    const ListGroup* g = node(gi, sub);
    if (!g || index >= g->rows.size()) return;
    const auto& rows = g->rows;
    if (shift && group_anchor_ && group_anchor_->group == gi && group_anchor_->sub == sub && group_anchor_->row < rows.size()) {
        const std::size_t a = group_anchor_->row;
        const bool on = selected(rows[a].id);
        for (std::size_t i = std::min(a, index); i <= std::max(a, index); ++i) {
            if (on) selection_.insert(rows[i].id);
            else selection_.erase(rows[i].id);
        }
    } else {
        const std::int64_t id = rows[index].id;
        if (!selection_.erase(id)) selection_.insert(id);
    }
    group_anchor_ = GroupAnchor{gi, sub, index};
}

}  // namespace tumen::client
