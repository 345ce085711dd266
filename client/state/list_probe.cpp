#include "list_probe.hpp"

#include <unordered_map>

namespace tumen::client {

nlohmann::json list_probe(const LeadList& list, const std::vector<WidgetInfo>& widgets) {
    static constexpr const char* statuses[] = {"empty", "loading", "ready", "failed"};
    using nlohmann::json;
    json j;
    j["status"] = statuses[static_cast<int>(list.status())];
    j["total"] = list.total();
    j["loaded"] = list.rows().size();
    j["has_more"] = list.has_more();
    j["sort"] = list_sort(list.query());
    j["filter"] = list_filter(list.query());
    j["busy"] = list.busy();
    j["selected"] = json(std::vector<std::int64_t>(list.selection().begin(), list.selection().end()));
    j["failed"] = json(std::vector<std::int64_t>(list.failed_ids().begin(), list.failed_ids().end()));
    std::unordered_map<std::string, const WidgetInfo*> drawn;
    for (const auto& w : widgets)
        if (w.kind == "row" || w.kind == "checkbox" || w.kind == "group" || w.kind == "more") drawn[w.id] = &w;
    auto rect = [](const WidgetInfo* w) { return json{{"x", w->x}, {"y", w->y}, {"w", w->w}, {"h", w->h}}; };
    // Grouped (?group=...): every group (a few hundred at most) with its header's rectangle when on screen;
    // nested (?group=stage,user), an expanded group's second-level groups under "subgroups".
    j["group_by"] = list.query().group;
    j["subgroup_by"] = list.query().subgroup;
    auto group_json = [&](const ListGroup& g) {
        json o = {{"id", g.id},         {"label", list.group_label(g)}, {"count", g.count},    {"expanded", g.expanded},
                  {"loading", g.loading}, {"loaded", g.rows.size()},     {"has_more", !g.next.empty()}, {"rect", nullptr},
                  {"more", nullptr}};
        if (auto h = drawn.find("list.group." + g.id); h != drawn.end()) o["rect"] = rect(h->second);
        if (auto m = drawn.find("list.group_more." + g.id); m != drawn.end()) o["more"] = rect(m->second);
        return o;
    };
    auto& groups = j["groups"] = json::array();
    for (const auto& g : list.groups()) {
        json o = group_json(g);
        auto& subs = o["subgroups"] = json::array();
        for (const auto& s : g.subgroups) subs.push_back(group_json(s));
        groups.push_back(std::move(o));
    }
    auto& rows = j["rows"] = json::array();
    // Only rows on screen: with 50,000 loaded rows the probe must stay small.
    struct Loaded {
        const ListRow* row;
        std::size_t index;  // in the list, or in its group
        json group;         // the group's id, null when flat
        json parent;        // nested: the first-level group's id
    };
    std::vector<Loaded> all;
    for (std::size_t i = 0; i < list.rows().size(); ++i) all.push_back({&list.rows()[i], i, nullptr, nullptr});
    for (const auto& g : list.groups()) {
        for (std::size_t i = 0; i < g.rows.size(); ++i) all.push_back({&g.rows[i], i, g.id, nullptr});
        for (const auto& s : g.subgroups)
            for (std::size_t i = 0; i < s.rows.size(); ++i) all.push_back({&s.rows[i], i, s.id, g.id});
    }
    for (const auto& loaded : all) {
        const ListRow& r = *loaded.row;
        auto it = drawn.find("list.row." + std::to_string(r.id));
        if (it == drawn.end()) continue;
        json row = {{"index", loaded.index},
                    {"group", loaded.group},
                    {"parent", loaded.parent},
                    {"id", r.id},
                    {"name", r.name},
                    {"user_id", r.user_id ? json(*r.user_id) : json(nullptr)},
                    {"salesperson", list.user_name(r.user_id)},
                    {"stage", list.stage_name(r.stage_id)},
                    {"active", r.active},
                    {"probability", r.probability},
                    {"selected", list.selected(r.id)},
                    {"rect", rect(it->second)},
                    {"check", nullptr}};
        if (auto c = drawn.find("list.check." + std::to_string(r.id)); c != drawn.end()) row["check"] = rect(c->second);
        rows.push_back(std::move(row));
    }
    return j;
}

}  // namespace tumen::client
