#include "store/activity_bars.hpp"

namespace tumen::store {

Result<std::map<std::string, ActivityBar>> activity_bars(Connection& c, const LeadQuery& q, const SqlFragment& rule,
                                                         const std::string& group_by, DayNumber today) {
    std::map<std::string, ActivityBar> out;
    const GroupKeySql* key = find_group_key(group_by);
    if (!key) return Error::make(ErrorCode::bad_request, "cannot group by '" + group_by + "'", "group_by");
    if (key->exists) return out;
    auto where = lead_condition(q, rule);
    if (!where) return where.error();
    // The next due date per lead through the (lead_id, state, due_date) index, then one pass of counts.
    auto s = c.prepare_uncached(
        std::string("SELECT k, sum(d < ?1), sum(d = ?1), sum(d > ?1),"
                    " sum(d IS NULL AND act = 1 AND closed IS NULL)"
                    " FROM (SELECT ") +
        key->expr +
        " AS k, l.active AS act, l.date_closed AS closed,"
        " (SELECT min(a.due_date) FROM activities a WHERE a.lead_id = l.id AND a.state = 'open') AS d"
        " FROM leads l WHERE " +
        where.value().sql + ") GROUP BY k");
    std::vector<SqlValue> params{format_date(today)};
    // ?1 is today; the condition's own placeholders follow it.
    s.bind_all(params);
    s.bind_all(where.value().params, 2);
    while (s.step()) {
        nlohmann::json k;
        switch (s.column_type(0)) {
            case SQLITE_NULL: k = nullptr; break;
            case SQLITE_INTEGER: k = s.get_int(0); break;
            default: k = s.get_text(0); break;
        }
        ActivityBar b;
        b.overdue = s.is_null(1) ? 0 : s.get_int(1);
        b.today = s.is_null(2) ? 0 : s.get_int(2);
        b.planned = s.is_null(3) ? 0 : s.get_int(3);
        b.none = s.is_null(4) ? 0 : s.get_int(4);
        out[k.dump()] = b;
    }
    return out;
}

}  // namespace tumen::store
