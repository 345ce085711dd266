#include "store/lead_queries.hpp"

#include <cassert>
#include <stdexcept>
#include <string_view>

#include "store/keyset.hpp"
#include "store/lead_totals.hpp"
#include "tumen/filter_parse.hpp"

namespace tumen::store {

namespace {

constexpr SortKey lead_queries_sort_keys[] = {
    {"id", "l.id", true},
    {"name", "l.name_fold", false},
    {"contact_name", "l.contact_name_fold", false},
    {"partner_name", "l.partner_name_fold", false},
    {"create_date", "l.create_date", true},
    {"write_date", "l.write_date", true},
    {"expected_revenue", "l.expected_revenue", true},
    // In the narrow lead_probabilities (migration lead_probabilities), without an index: a lookup per lead.
    {"probability", "coalesce((SELECT lp.probability FROM lead_probabilities lp WHERE lp.lead_id = l.id), 0)", true},
    {"priority", "l.priority", true},
    {"date_deadline", "l.date_deadline", false, true},  // nullable: the leads_deadline index gives the order
    {"score", "l.score", true},
    {"city", "l.city", false},
    {"country", "l.country", false},
};

// "id" order when the full-text index drives the query (see search_leads): same name, so cursors are the same.
constexpr SortKey fts_id_key = {"id", "leads_fts.rowid", true};

using GroupKey = GroupKeySql;

constexpr GroupKey lead_queries_group_keys[] = {
    {"stage", "l.stage_id", nullptr},
    {"user", "l.user_id", nullptr},
    {"team", "l.team_id", nullptr},
    {"country", "NULLIF(l.country, '')", nullptr},
    {"source", "l.source_id", nullptr},
    {"lost_reason", "l.lost_reason_id", nullptr},
    {"priority", "l.priority", nullptr},
    {"type", "l.type", nullptr},
    {"create_month", "strftime('%Y-%m', l.create_date, 'unixepoch')", nullptr},
    // The Monday of the week (ISO weeks start on Monday): 'weekday 0' goes to the Sunday ending it.
    {"create_week", "date(l.create_date, 'unixepoch', 'weekday 0', '-6 days')", nullptr},
    {"deadline_month", "substr(l.date_deadline, 1, 7)", nullptr},
    {"closed_month", "strftime('%Y-%m', l.date_closed, 'unixepoch')", nullptr},
    {"tag", "lt.tag_id", "EXISTS (SELECT 1 FROM lead_tags lt2 WHERE lt2.lead_id = l.id AND lt2.tag_id = ?)"},
};

nlohmann::json column_json(Statement& s, int col) {
    switch (s.column_type(col)) {
        case SQLITE_NULL: return nullptr;
        case SQLITE_INTEGER: return s.get_int(col);
        case SQLITE_FLOAT: return s.get_double(col);
        default: return s.get_text(col);
    }
}

const SortKey& priority_key() {
    for (const auto& k : lead_queries_sort_keys)
        if (std::string_view(k.name) == "priority") return k;
    throw std::logic_error("no priority sort key");
}

SqlValue json_to_sql(const nlohmann::json& j) {
    if (j.is_null()) return nullptr;
    if (j.is_number_integer()) return j.get<int64_t>();
    if (j.is_number()) return j.get<double>();
    return j.get<std::string>();
}

}  // namespace

const std::vector<std::string>& sortable_lead_fields() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& k : lead_queries_sort_keys) v.emplace_back(k.name);
        return v;
    }();
    return names;
}

std::span<const SortKey> lead_sort_keys() { return lead_queries_sort_keys; }

const GroupKeySql* find_group_key(std::string_view name) {
    for (const auto& k : lead_queries_group_keys)
        if (name == k.name) return &k;
    return nullptr;
}

const std::vector<std::string>& lead_group_keys() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& k : lead_queries_group_keys) v.emplace_back(k.name);
        return v;
    }();
    return names;
}

Result<SqlFragment> lead_condition(const LeadQuery& q, const SqlFragment& rule, bool fts_joined) {
    SqlFragment where = rule;
    auto add = [&](const std::string& sql, const std::vector<SqlValue>& params) {
        where.sql = "(" + where.sql + ") AND (" + sql + ")";
        where.params.insert(where.params.end(), params.begin(), params.end());
    };
    if (q.active == "true") add("l.active = 1", {});
    else if (q.active == "false") add("l.active = 0", {});
    else if (q.active != "all") return Error::make(ErrorCode::bad_request, "active must be true, false or all", "active");

    if (!q.filter.empty()) {
        auto expr = filter::parse(q.filter);
        if (!expr) {
            Error e = expr.error();
            e.field = "filter";
            return e;
        }
        auto sql = compile_filter_sql(expr.value(), filter::lead_filter_fields(), lead_sql_fields(), q.context);
        if (!sql) {
            Error e = sql.error();
            if (e.field.empty()) e.field = "filter";
            return e;
        }
        add(sql->sql, sql->params);
    }
    if (std::string match = fts_query(q.text); !match.empty())
        add(fts_joined ? "leads_fts MATCH ?" : "l.id IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ?)", {match});
    return where;
}

Result<LeadPage> search_leads(Connection& c, const LeadQuery& q, const SqlFragment& rule, bool with_total) {
    if (q.limit < 1 || q.limit > 500) return Error::make(ErrorCode::bad_request, "limit must be 1..500", "limit");
    auto sort = parse_sort(q.sort, lead_queries_sort_keys);
    if (!sort) return sort.error();
    // Words in the newest-first list: walk the full-text index backwards by rowid and stop at the page's end,
    // instead of collecting every match first (a common Cyrillic prefix matches tens of thousands of leads).
    const bool fts_driven = !fts_query(q.text).empty() && std::string_view(sort->key->name) == "id";
    auto where = lead_condition(q, rule, fts_driven);
    if (!where) return where.error();
    const std::string from = fts_driven ? "leads_fts JOIN leads l ON l.id = leads_fts.rowid" : "leads l";

    LeadPage page;
    if (with_total) {
        auto s = c.prepare_uncached("SELECT count(*) FROM " + from + " WHERE " + where->sql);
        s.bind_all(where->params);
        page.total = s.scalar_int();
    }

    // lead_select_sql() is "SELECT <columns> FROM leads l": the keyset helper wants the columns alone.
    const std::string& select = lead_select_sql();
    const std::string head = "SELECT ", tail = " FROM leads l";
    assert(select.compare(0, head.size(), head) == 0 &&
           select.compare(select.size() - tail.size(), tail.size(), tail) == 0);
    KeysetQuery kq;
    kq.columns = select.substr(head.size(), select.size() - head.size() - tail.size());
    kq.from = from;
    kq.id_expr = fts_driven ? "leads_fts.rowid" : "l.id";
    kq.where = where.value();
    kq.sort = sort.value();
    if (fts_driven) kq.sort.key = &fts_id_key;
    kq.after = q.after;
    kq.limit = q.limit;
    auto next = keyset_page(c, kq, [&](Statement& st) { page.leads.push_back(read_lead_row(st)); });
    if (!next) return next.error();
    page.next = next.value();
    load_lead_relations(c, page.leads);
    return page;
}

// Counts and sums per group by aggregating the matching leads (the general path; see lead_totals.hpp).
static std::vector<LeadGroup> aggregate_groups(Connection& c, const GroupKey& group_key, const SqlFragment& where) {
    const GroupKey* key = &group_key;
    // LEFT JOIN: leads without a tag make the "None" group (key null), as Odoo's grouped views show them.
    const std::string from = std::string(" FROM leads l JOIN lead_probabilities lp ON lp.lead_id = l.id") +
                             (key->exists ? " LEFT JOIN lead_tags lt ON lt.lead_id = l.id" : "");
    auto s = c.prepare_uncached(std::string("SELECT ") + key->expr +
                                ", l.currency, count(*), sum(l.expected_revenue),"
                                " sum(round(l.expected_revenue * lp.probability / 100.0))" +
                                from + " WHERE " + where.sql + " GROUP BY 1, 2 ORDER BY 1");
    s.bind_all(where.params);
    std::vector<LeadGroup> groups;
    while (s.step()) {
        nlohmann::json k = column_json(s, 0);
        if (groups.empty() || groups.back().key != k) groups.push_back(LeadGroup{k, 0, {}, {}});
        auto& g = groups.back();
        g.count += s.get_int(2);
        g.sums[s.get_text(1)] = {s.get_int(3), static_cast<int64_t>(s.get_double(4))};
    }
    return groups;
}

Result<std::vector<LeadGroup>> group_leads(Connection& c, const LeadQuery& q, const SqlFragment& rule,
                                           const std::string& group_by, int cards_per_group) {
    const GroupKey* key = nullptr;
    for (const auto& k : lead_queries_group_keys)
        if (group_by == k.name) key = &k;
    if (!key) return Error::make(ErrorCode::bad_request, "cannot group by '" + group_by + "'", "group_by");
    if (cards_per_group < 0 || cards_per_group > 200)
        return Error::make(ErrorCode::bad_request, "cards per group must be 0..200", "limit");
    auto where = lead_condition(q, rule);
    if (!where) return where.error();

    std::vector<LeadGroup> groups;
    if (auto scope = totals_scope(q, rule, group_by)) groups = read_stage_totals(c, *scope);
    else groups = aggregate_groups(c, *key, where.value());

    if (cards_per_group > 0) {
        for (auto& g : groups) {
            SqlFragment in_group = where.value();
            if (key->exists && g.key.is_null()) {
                in_group.sql += " AND NOT EXISTS (SELECT 1 FROM lead_tags lt2 WHERE lt2.lead_id = l.id)";
            } else if (key->exists) {
                in_group.sql += std::string(" AND ") + key->exists;
                in_group.params.push_back(json_to_sql(g.key));
            } else if (g.key.is_null()) {
                in_group.sql += std::string(" AND ") + key->expr + " IS NULL";
            } else {
                in_group.sql += std::string(" AND ") + key->expr + " = ?";
                in_group.params.push_back(json_to_sql(g.key));
            }
            auto cards = c.prepare_uncached(lead_select_sql() + " WHERE " + in_group.sql +
                                            " ORDER BY l.priority DESC, l.id DESC LIMIT " + std::to_string(cards_per_group));
            cards.bind_all(in_group.params);
            while (cards.step()) g.leads.push_back(read_lead_row(cards));
            load_lead_relations(c, g.leads);
            // The board's "load more" continues with the list endpoint: same order as "priority desc" there.
            if (g.count > static_cast<int64_t>(g.leads.size()) && !g.leads.empty())
                g.next = make_cursor(Sort{&priority_key(), true}, static_cast<int64_t>(g.leads.back().priority),
                                     g.leads.back().id);
        }
    }
    return groups;
}

}  // namespace tumen::store
