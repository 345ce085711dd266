#include "services/team_dashboard.hpp"

#include "store/quotations.hpp"
#include "store/teams.hpp"

namespace tumen::server {

namespace {

// Sums every cell of an answer into one (the dashboard's figures are totals, not groups).
analysis::Cell total_of(const analysis::Answer& a) {
    analysis::Cell t;
    for (const auto& c : a.cells) analysis::accumulate(t, c);
    return t;
}

nlohmann::json figures(const analysis::Cell& c) {
    return {{"count", c.count}, {"expected", c.expected}, {"weighted", c.weighted}};
}

}  // namespace

Result<nlohmann::json> team_dashboard(LeadService& leads, store::Database& db, const Caller& caller,
                                      std::optional<int64_t> team_id, Timestamp now) {
    nlohmann::json out;
    std::string scope;
    if (team_id) {
        auto team = store::find_team(db.reader(), *team_id);
        if (!team) return Error::make(ErrorCode::not_found, "No such team", "team_id");
        out["team"] = {{"id", team->id},
                       {"name", team->name},
                       {"invoiced_target", {{"amount", team->invoiced_target.amount}, {"currency", team->invoiced_target.currency}}}};
        scope = "team_id = " + std::to_string(*team_id) + " and ";
    } else {
        out["team"] = nullptr;
    }
    auto run = [&](const std::string& filter, const std::string& active, const std::string& group_by) {
        store::LeadQuery q;
        q.filter = scope + filter;
        q.active = active;
        return leads.analyse(caller, q, group_by, "");
    };

    auto open = run("type = \"opportunity\" and stage.is_won = false", "true", "team");
    if (!open) return open.error();
    out["open"] = figures(total_of(open.value()));

    auto unassigned = run("user_id is null", "true", "team");
    if (!unassigned) return unassigned.error();
    out["unassigned"] = total_of(unassigned.value()).count;

    const DayNumber month = month_start(day_of(now));
    auto won = run("stage.is_won = true and probability = 100 and date_closed >= \"" +
                       format_timestamp(start_of_day(month)) + "\"",
                   "true", "team");
    if (!won) return won.error();
    out["won_this_month"] = figures(total_of(won.value()));
    out["month"] = format_month(month);

    // The monthly target is met by invoiced sales orders (untaxed), not by won opportunities' expected revenue.
    nlohmann::json invoiced = nlohmann::json::array();
    for (const auto& sum : store::invoiced_between(db.reader(), start_of_day(month), start_of_day(add_months(month, 1)),
                                                   team_id, store::quotation_rule_sql(caller)))
        invoiced.push_back({{"currency", sum.currency}, {"amount", sum.amount}, {"count", sum.count}});
    out["invoiced_this_month"] = std::move(invoiced);

    // The last weeks, oldest first, Monday to Sunday, the current one included; weeks without a lead show 0.
    const DayNumber this_monday = day_of(now) - (iso_weekday(day_of(now)) - 1);
    const DayNumber first_monday = this_monday - 7 * (dashboard_weeks - 1);
    auto weekly = run("create_date >= \"" + format_timestamp(start_of_day(first_monday)) + "\"", "all", "create_week");
    if (!weekly) return weekly.error();
    nlohmann::json weeks = nlohmann::json::array();
    for (int i = 0; i < dashboard_weeks; ++i) {
        const std::string week = format_date(first_monday + 7 * i);
        int64_t n = 0;
        for (const auto& c : weekly->cells)
            if (c.key1 == week) n = c.count;
        weeks.push_back({{"week", week}, {"count", n}});
    }
    out["new_per_week"] = std::move(weeks);
    return out;
}

}  // namespace tumen::server
