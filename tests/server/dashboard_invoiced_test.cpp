// The team dashboard's monthly target is met by sales orders invoiced this month (untaxed, per currency, over the
// quotations the caller may see), not by won opportunities' expected revenue (issue 10).
#include <doctest/doctest.h>

#include "api_session.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

std::string dashboard_invoiced_q_path(int64_t id, const std::string& tail = "") { return "/api/v1/quotations/" + std::to_string(id) + tail; }

int64_t team(ApiSession& admin, const std::string& name) {
    auto r = admin.post("/api/v1/teams", {{"name", name}, {"invoiced_target", {{"amount", 5000000}, {"currency", "MNT"}}}});
    REQUIRE_MESSAGE(r.status == 201, r.body.dump());
    return r.body["id"];
}

// An opportunity of `team_id` with one quotation of `price` (untaxed; 10% tax on top), confirmed: the sales order.
json order(ApiSession& s, int64_t team_id, int64_t price, const std::string& name) {
    auto lead = s.post("/api/v1/leads", {{"name", name}, {"type", "opportunity"}, {"team_id", team_id}, {"contact_name", name}});
    REQUIRE_MESSAGE(lead.status == 201, lead.body.dump());
    auto q = s.post("/api/v1/quotations",
                    {{"lead_id", lead.body["id"]},
                     {"lines", json::array({{{"description", name}, {"quantity", 1}, {"price_unit", price}, {"tax_bp", 1000}}})}});
    REQUIRE_MESSAGE(q.status == 201, q.body.dump());
    auto confirmed = s.post(dashboard_invoiced_q_path(q.body["id"], "/confirm"), {{"version", q.body["version"]}});
    REQUIRE_MESSAGE(confirmed.status == 200, confirmed.body.dump());
    CHECK(confirmed.body["team_id"] == team_id);
    return confirmed.body;
}

json set_invoicing(ApiSession& admin, json& q, const std::string& status) {
    auto r = admin.post(dashboard_invoiced_q_path(q["id"], "/invoicing"), {{"version", q["version"]}, {"invoice_status", status}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    q = r.body;
    return r.body;
}

json invoiced(ApiSession& s, std::optional<int64_t> team_id) {
    auto r = s.get("/api/v1/dashboard" + (team_id ? "?team_id=" + std::to_string(*team_id) : std::string()));
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    return r.body["invoiced_this_month"];
}

}  // namespace

TEST_CASE("the dashboard counts this month's invoiced sales orders of the team against its target") {
    TestServer server(seeded);
    ApiSession admin(server);
    const int64_t north = team(admin, "Хойд"), south = team(admin, "Өмнөд");
    json a = order(admin, north, 2000000, "Хойд А");
    json b = order(admin, north, 1500000, "Хойд Б");
    json c = order(admin, south, 9000000, "Өмнөд В");

    // Confirmed but not invoiced yet: nothing counts.
    CHECK(invoiced(admin, north).empty());
    CHECK(a["invoiced_at"].is_null());

    CHECK(set_invoicing(admin, a, "invoiced")["invoiced_at"].is_string());
    set_invoicing(admin, c, "invoiced");
    set_invoicing(admin, b, "to_invoice");  // unchanged: to invoice, not invoiced
    CHECK(invoiced(admin, north) == json::array({{{"currency", "MNT"}, {"amount", 2000000}, {"count", 1}}}));
    CHECK(invoiced(admin, south) == json::array({{{"currency", "MNT"}, {"amount", 9000000}, {"count", 1}}}));
    CHECK(invoiced(admin, std::nullopt) == json::array({{{"currency", "MNT"}, {"amount", 11000000}, {"count", 2}}}));

    // Taken back: it no longer counts, and the date is cleared; invoiced again counts again.
    CHECK(set_invoicing(admin, a, "to_invoice")["invoiced_at"].is_null());
    CHECK(invoiced(admin, north).empty());
    set_invoicing(admin, a, "invoiced");
    set_invoicing(admin, b, "invoiced");
    CHECK(invoiced(admin, north) == json::array({{{"currency", "MNT"}, {"amount", 3500000}, {"count", 2}}}));

    // Invoiced last month: not this month's.
    server.app->db().write([&](tumen::store::Connection& conn) {
        conn.prepare("UPDATE quotations SET invoiced_at = invoiced_at - 40 * 86400 WHERE id = ?").bind(1, b["id"].get<int64_t>()).run();
    });
    CHECK(invoiced(admin, north) == json::array({{{"currency", "MNT"}, {"amount", 2000000}, {"count", 1}}}));

    // A salesperson with their own documents sees only the orders of opportunities they may read.
    auto user = admin.post("/api/v1/users", {{"login", "bold"}, {"name", "Болд"}, {"role", "sales_own"},
                                             {"password", user_password}, {"team_ids", {north}}});
    REQUIRE_MESSAGE(user.status == 201, user.body.dump());
    ApiSession bold(server.app->port(), "bold", user_password);
    const std::string lead_path = "/api/v1/leads/" + std::to_string(a["lead_id"].get<int64_t>());
    auto assign = [&](const json& user_id) {
        auto lead = admin.get(lead_path).body;
        auto r = admin.patch(lead_path, {{"version", lead["version"]}, {"user_id", user_id}});
        REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    };
    // Unassigned opportunities of their team are theirs to see; the administrator's are not.
    CHECK(invoiced(bold, north) == json::array({{{"currency", "MNT"}, {"amount", 2000000}, {"count", 1}}}));
    assign(1);
    CHECK(invoiced(bold, north).empty());
    assign(user.body["id"]);
    CHECK(invoiced(bold, north) == json::array({{{"currency", "MNT"}, {"amount", 2000000}, {"count", 1}}}));
}
