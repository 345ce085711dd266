// Quotations end to end over HTTP: from an opportunity (customer created), totals identical to shared/'s,
// state transitions and locks, stale versions, record rules, confirm wins the opportunity and counts as its
// order amount, revisions, invoicing status.
#include <doctest/doctest.h>

#include "api_session.hpp"
#include "tumen/quotation.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

std::string quotations_q_path(int64_t id, const std::string& tail = "") { return "/api/v1/quotations/" + std::to_string(id) + tail; }

json lines_json() {
    return json::array({{{"description", "Ноутбук"}, {"quantity", "2.5"}, {"price_unit", 1999}, {"discount_bp", 500}, {"tax_bp", 1000}},
                        {{"description", "Суурилуулалт"}, {"quantity", 1}, {"price_unit", 11500}, {"tax_bp", 1500}, {"tax_included", true}},
                        {{"description", "Хөнгөлөлт"}, {"quantity", "0.5"}, {"price_unit", -1}}});
}

int64_t opportunity(ApiSession& s, const std::string& name = "Сургуулийн тоног төхөөрөмж") {
    auto r = s.post("/api/v1/leads", {{"name", name}, {"type", "opportunity"}, {"partner_name", "Говь ХХК"},
                                      {"contact_name", "Батбаяр"}, {"email", "bat@gobi.mn"}});
    REQUIRE_MESSAGE(r.status == 201, r.body.dump());
    return r.body["id"];
}

}  // namespace

TEST_CASE("a quotation from an opportunity: the customer is created, totals are shared/'s, confirm wins the lead") {
    TestServer server(seeded);
    ApiSession admin(server);
    const int64_t lead = opportunity(admin);

    auto created = admin.post("/api/v1/quotations", {{"lead_id", lead}, {"lines", lines_json()}, {"payment_terms", "30 хоног"}});
    REQUIRE_MESSAGE(created.status == 201, created.body.dump());
    json q = created.body;
    CHECK(q["state"] == "draft");
    CHECK(q["number"].get<std::string>().size() == 10);  // S2026-0001
    CHECK(q["number"].get<std::string>().substr(0, 1) == "S");
    CHECK(q["number"].get<std::string>().substr(6) == "0001");
    // The same totals as the shared library computes for the same lines.
    auto decoded = tumen::quotation_from_json(q);
    REQUIRE(decoded.ok());
    const auto expected = tumen::quotation_totals(decoded->lines).value();
    CHECK(q["amounts"]["untaxed"] == expected.untaxed);
    CHECK(q["amounts"]["total"] == expected.total);
    CHECK(q["amounts"] == json({{"untaxed", 4748 + 10000 - 1}, {"tax", 475 + 1500}, {"total", 5223 + 11500 - 1}}));

    // The lead had no customer: one was created from it and linked.
    REQUIRE(q["partner_id"].is_number_integer());
    auto contact = admin.get("/api/v1/contacts/" + std::to_string(q["partner_id"].get<int64_t>()));
    CHECK(contact.body["name"] == "Батбаяр");
    CHECK(contact.body["email"] == "bat@gobi.mn");
    CHECK(admin.get("/api/v1/leads/" + std::to_string(lead)).body["partner_id"] == q["partner_id"]);

    // A second quotation takes the next number.
    auto second = admin.post("/api/v1/quotations", {{"lead_id", lead}, {"lines", lines_json()}});
    REQUIRE(second.status == 201);
    CHECK(second.body["number"].get<std::string>().substr(6) == "0002");
    CHECK(second.body["partner_id"] == q["partner_id"]);  // no second contact

    auto summary = admin.get("/api/v1/leads/" + std::to_string(lead) + "/quotations");
    REQUIRE(summary.status == 200);
    CHECK(summary.body["quotation_count"] == 2);
    CHECK(summary.body["order_count"] == 0);

    auto confirmed = admin.post(quotations_q_path(q["id"], "/confirm"), {{"version", q["version"]}});
    REQUIRE_MESSAGE(confirmed.status == 200, confirmed.body.dump());
    CHECK(confirmed.body["state"] == "sale");
    CHECK(confirmed.body["invoice_status"] == "to_invoice");
    CHECK(confirmed.body["confirmed_at"].is_string());

    auto won = admin.get("/api/v1/leads/" + std::to_string(lead));
    CHECK(won.body["probability"] == 100);
    CHECK(won.body["date_closed"].is_string());
    summary = admin.get("/api/v1/leads/" + std::to_string(lead) + "/quotations");
    CHECK(summary.body["quotation_count"] == 1);
    CHECK(summary.body["order_count"] == 1);
    CHECK(summary.body["order_amounts"] == json::array({{{"amount", expected.total}, {"currency", "MNT"}}}));

    // Chatter on the quotation and on the opportunity.
    auto lead_msgs = admin.get("/api/v1/leads/" + std::to_string(lead) + "/messages");
    int mentions = 0;  // "created" and "confirmed" lines, in the acting user's language
    for (const auto& m : lead_msgs.body["items"])
        if (m["body"].get<std::string>().find(q["number"].get<std::string>()) != std::string::npos) ++mentions;
    CHECK_MESSAGE(mentions == 2, lead_msgs.body.dump());
    CHECK(admin.get(quotations_q_path(q["id"], "/messages")).body["items"].size() == 2);  // created, confirmed
}

TEST_CASE("quotations: locks, stale versions, field errors, unknown ids") {
    TestServer server(seeded);
    ApiSession admin(server);
    const int64_t lead = opportunity(admin);
    auto q = admin.post("/api/v1/quotations", {{"lead_id", lead}, {"lines", lines_json()}}).body;
    const std::string path = quotations_q_path(q["id"]);

    auto bad = admin.patch(path, {{"version", q["version"]}, {"lines", json::array({{{"description", "x"}, {"quantity", "1.0001"}}})}});
    CHECK(bad.status == 422);
    CHECK(error_fields(bad) == std::vector<std::string>{"lines[0].quantity"});
    auto bad_product = admin.patch(path, {{"version", q["version"]}, {"lines", json::array({{{"description", "x"}, {"product_id", 999}}})}});
    CHECK(bad_product.status == 422);
    CHECK(error_fields(bad_product) == std::vector<std::string>{"lines[0].product_id"});

    auto edited = admin.patch(path, {{"version", q["version"]}, {"notes", "Хүргэлт үнэгүй"}, {"lines", json::array({{{"description", "x"}, {"quantity", 3}, {"price_unit", 100}}})}});
    REQUIRE_MESSAGE(edited.status == 200, edited.body.dump());
    CHECK(edited.body["amounts"]["total"] == 300);
    CHECK(edited.body["version"] == q["version"].get<int64_t>() + 1);

    auto stale = admin.patch(path, {{"version", q["version"]}, {"notes", "хуучин"}});
    CHECK(stale.status == 409);
    CHECK(stale.body["error"]["current"]["notes"] == "Хүргэлт үнэгүй");

    auto confirmed = admin.post(path + "/confirm", {{"version", edited.body["version"]}});
    REQUIRE(confirmed.status == 200);
    auto locked = admin.patch(path, {{"version", confirmed.body["version"]}, {"notes", "after"}});
    CHECK(locked.status == 422);
    CHECK(error_fields(locked) == std::vector<std::string>{"state"});
    auto again = admin.post(path + "/confirm", {{"version", confirmed.body["version"]}});
    CHECK(again.status == 422);
    CHECK(admin.post(path + "/revise", {{"version", confirmed.body["version"]}}).status == 422);

    CHECK(admin.get(quotations_q_path(99999)).status == 404);
    CHECK(admin.post(quotations_q_path(99999, "/confirm"), {{"version", 1}}).status == 404);
    auto no_customer = admin.post("/api/v1/quotations", {{"lines", json::array()}});
    CHECK(no_customer.status == 422);
    CHECK(error_fields(no_customer) == std::vector<std::string>{"partner_id"});
    auto empty = admin.post("/api/v1/quotations", {{"lead_id", lead}});
    REQUIRE(empty.status == 201);
    auto nothing = admin.post(quotations_q_path(empty.body["id"], "/confirm"), {{"version", empty.body["version"]}});
    CHECK(nothing.status == 422);
    CHECK(error_fields(nothing) == std::vector<std::string>{"lines"});
}

TEST_CASE("quotations: revisions, cancel, invoicing status by managers") {
    TestServer server(seeded);
    ApiSession admin(server);
    const int64_t lead = opportunity(admin);
    auto q = admin.post("/api/v1/quotations", {{"lead_id", lead}, {"lines", lines_json()}}).body;
    auto cancelled = admin.post(quotations_q_path(q["id"], "/cancel"), {{"version", q["version"]}});
    REQUIRE(cancelled.status == 200);
    CHECK(cancelled.body["state"] == "cancel");
    auto rev = admin.post(quotations_q_path(q["id"], "/revise"), {{"version", cancelled.body["version"]}});
    REQUIRE_MESSAGE(rev.status == 201, rev.body.dump());
    CHECK(rev.body["number"] == q["number"]);
    CHECK(rev.body["revision"] == 1);
    CHECK(rev.body["previous_id"] == q["id"]);
    CHECK(rev.body["state"] == "draft");
    CHECK(rev.body["display_number"] == q["number"].get<std::string>() + "-R1");
    CHECK(rev.body["amounts"] == q["amounts"]);
    CHECK(rev.body["lines"].size() == 3);

    auto inv_draft = admin.post(quotations_q_path(rev.body["id"], "/invoicing"), {{"version", rev.body["version"]}, {"invoice_status", "invoiced"}});
    CHECK(inv_draft.status == 422);
    auto order = admin.post(quotations_q_path(rev.body["id"], "/confirm"), {{"version", rev.body["version"]}});
    REQUIRE(order.status == 200);
    const int64_t sales = create_user(admin, "saraa", "sales_all", "Сараа");
    ApiSession seller(server.app->port(), "saraa", user_password);
    CHECK(seller.post(quotations_q_path(rev.body["id"], "/invoicing"), {{"version", order.body["version"]}, {"invoice_status", "invoiced"}}).status == 403);
    auto invoiced = admin.post(quotations_q_path(rev.body["id"], "/invoicing"), {{"version", order.body["version"]}, {"invoice_status", "invoiced"}});
    REQUIRE(invoiced.status == 200);
    CHECK(invoiced.body["invoice_status"] == "invoiced");
    CHECK(sales > 0);

    auto list = admin.get("/api/v1/quotations?state=sale");
    REQUIRE(list.body["items"].size() == 1);
    CHECK(list.body["items"][0]["id"] == rev.body["id"]);
    CHECK(admin.get("/api/v1/quotations?state=bogus").status == 400);
    // The list's invoicing filter: the order is invoiced, nothing is left to invoice.
    auto inv = admin.get("/api/v1/quotations?invoice_status=invoiced");
    REQUIRE(inv.body["items"].size() == 1);
    CHECK(inv.body["items"][0]["id"] == rev.body["id"]);
    CHECK(admin.get("/api/v1/quotations?invoice_status=to_invoice").body["items"].empty());
    auto bad = admin.get("/api/v1/quotations?invoice_status=bogus");
    CHECK(bad.status == 400);
    CHECK(bad.body["error"]["field"] == "invoice_status");
}

TEST_CASE("quotations follow the opportunity's record rules; without one, the salesperson's") {
    TestServer server(seeded);
    ApiSession admin(server);
    const int64_t own_id = create_user(admin, "bold", "sales_own", "Болд");
    ApiSession own(server.app->port(), "bold", user_password);
    const int64_t lead = opportunity(admin);  // unassigned: nobody's, in no team
    admin.patch("/api/v1/leads/" + std::to_string(lead), {{"version", 1}, {"user_id", 1}});
    auto q = admin.post("/api/v1/quotations", {{"lead_id", lead}, {"lines", lines_json()}}).body;

    CHECK(own.get(quotations_q_path(q["id"])).status == 404);
    CHECK(own.get(quotations_q_path(q["id"], "/pdf")).status == 404);
    CHECK(own.post(quotations_q_path(q["id"], "/confirm"), {{"version", q["version"]}}).status == 404);
    CHECK(own.get("/api/v1/quotations").body["items"].empty());
    CHECK(own.get("/api/v1/leads/" + std::to_string(lead) + "/quotations").status == 404);
    auto sneaky = own.post("/api/v1/quotations", {{"lead_id", lead}});
    CHECK(sneaky.status == 422);
    CHECK(error_fields(sneaky) == std::vector<std::string>{"lead_id"});

    // Their own opportunity: visible, and a customer-only quotation of theirs too.
    auto mine = own.post("/api/v1/leads", {{"name", "Миний боломж"}, {"type", "opportunity"}, {"user_id", own_id}, {"contact_name", "Дорж"}});
    REQUIRE_MESSAGE(mine.status == 201, mine.body.dump());
    auto oq = own.post("/api/v1/quotations", {{"lead_id", mine.body["id"]}, {"lines", lines_json()}});
    REQUIRE_MESSAGE(oq.status == 201, oq.body.dump());
    CHECK(oq.body["user_id"] == own_id);
    auto direct = own.post("/api/v1/quotations", {{"partner_id", oq.body["partner_id"]}, {"lines", lines_json()}});
    REQUIRE_MESSAGE(direct.status == 201, direct.body.dump());
    CHECK(own.get(quotations_q_path(direct.body["id"])).status == 200);
    CHECK(own.get("/api/v1/quotations").body["items"].size() == 2);
    CHECK(admin.get("/api/v1/quotations").body["items"].size() == 3);
}

TEST_CASE("products: managers write, users read and search") {
    TestServer server(seeded);
    ApiSession admin(server);
    create_user(admin, "saraa", "sales_all", "Сараа");
    ApiSession seller(server.app->port(), "saraa", user_password);
    auto p = admin.post("/api/v1/products", {{"name", "Принтер"}, {"code", "PR-1"}, {"price", {{"amount", 45000000}, {"currency", "MNT"}}}, {"tax_bp", 1000}});
    REQUIRE_MESSAGE(p.status == 201, p.body.dump());
    CHECK(seller.post("/api/v1/products", {{"name", "x"}}).status == 403);
    CHECK(seller.get("/api/v1/products?q=принт").body["items"].size() == 1);
    CHECK(seller.get("/api/v1/products?q=pr-1").body["items"].size() == 1);
    CHECK(seller.get("/api/v1/products?q=scanner").body["items"].empty());
    auto bad = admin.post("/api/v1/products", {{"name", ""}, {"tax_bp", 20000}});
    CHECK(bad.status == 422);
    CHECK(error_fields(bad).size() == 2);
    auto archived = admin.patch("/api/v1/products/" + std::to_string(p.body["id"].get<int64_t>()), {{"version", 1}, {"active", false}});
    REQUIRE(archived.status == 200);
    CHECK(seller.get("/api/v1/products").body["items"].empty());
    CHECK(seller.get("/api/v1/products?archived=true").body["items"].size() == 1);
    CHECK(admin.patch("/api/v1/products/" + std::to_string(p.body["id"].get<int64_t>()), {{"version", 1}, {"name", "y"}}).status == 409);
}

TEST_CASE("confirming when the opportunity cannot be won: the order stands and both chatters say why") {
    TestServer server(seeded);
    ApiSession admin(server);
    const int64_t lead = opportunity(admin);
    const json stages = admin.get("/api/v1/stages").body;  // kept: the loop below reads into it
    for (const auto& st : stages["items"]) {
        if (!st["is_won"].get<bool>()) continue;
        auto r = admin.patch("/api/v1/stages/" + std::to_string(st["id"].get<int64_t>()), {{"is_won", false}, {"version", st["version"]}});
        REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    }
    auto q = admin.post("/api/v1/quotations", {{"lead_id", lead}, {"lines", lines_json()}});
    REQUIRE(q.status == 201);
    auto confirmed = admin.post(quotations_q_path(q.body["id"], "/confirm"), {{"version", q.body["version"]}});
    REQUIRE_MESSAGE(confirmed.status == 200, confirmed.body.dump());
    CHECK(confirmed.body["state"] == "sale");
    CHECK(admin.get("/api/v1/leads/" + std::to_string(lead)).body["probability"] != 100);
    for (const std::string path : {"/api/v1/leads/" + std::to_string(lead) + "/messages", quotations_q_path(q.body["id"], "/messages")}) {
        const json msgs = admin.get(path).body;
        bool explained = false;
        for (const auto& m : msgs["items"])
            if (m["body"].get<std::string>().find("not marked won") != std::string::npos) explained = true;
        CHECK_MESSAGE(explained, path << ": " << msgs.dump());
    }
}
