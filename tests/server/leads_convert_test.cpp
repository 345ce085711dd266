// Lead -> opportunity conversion over real HTTP: the proposal, creating company + person, linking an existing
// contact, no customer, refusals (won, lost, stale version, bad fields) that write nothing, and converting with
// duplicates merged in the same transaction.
#include <doctest/doctest.h>

#include "lead_actions_helpers.hpp"

using nlohmann::json;
using namespace tumen::testing;

TEST_CASE("convert with create: a company and a person are made from the lead and linked to it") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto lead = make_lead(admin, {{"name", "Картын төсөл"}, {"partner_name", "Хаан Банк ХХК"}, {"contact_name", "Болд Батаа"},
                                  {"email", "bold@khanbank.mn"}, {"phone", "+976 9911 2233"}, {"city", "Улаанбаатар"}});
    const int64_t id = lead["id"];
    CHECK(lead["type"] == "lead");

    auto proposal = admin.get(lead_path(id, "/convert"));
    REQUIRE_MESSAGE(proposal.status == 200, proposal.body.dump());
    CHECK(proposal.body["action"] == "create");  // no contact has this e-mail
    CHECK(proposal.body["partner_id"].is_null());
    CHECK(proposal.body["duplicates"].is_array());

    auto r = admin.post(lead_path(id, "/convert"), {{"version", lead["version"]}, {"action", "create"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["id"] == id);
    CHECK(r.body["type"] == "opportunity");
    CHECK(r.body["version"] == lead["version"].get<int64_t>() + 1);
    REQUIRE(r.body["partner_id"].is_number_integer());

    auto person = admin.get("/api/v1/contacts/" + std::to_string(r.body["partner_id"].get<int64_t>()));
    REQUIRE(person.status == 200);
    CHECK(person.body["name"] == "Болд Батаа");
    CHECK(person.body["is_company"] == false);
    CHECK(person.body["email"] == "bold@khanbank.mn");
    REQUIRE(person.body["parent_id"].is_number_integer());
    auto company = admin.get("/api/v1/contacts/" + std::to_string(person.body["parent_id"].get<int64_t>()));
    REQUIRE(company.status == 200);
    CHECK(company.body["name"] == "Хаан Банк ХХК");
    CHECK(company.body["is_company"] == true);
    CHECK(company.body["city"] == "Улаанбаатар");
    CHECK(count_rows(s, "SELECT count(*) FROM contacts") == 2);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE entity = 'lead' AND action = 'converted'") == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM change_log WHERE entity = 'contact' AND action = 'created'") == 2);

    // Converting again (it is an opportunity now) just keeps the customer: nothing more is created.
    auto again = admin.post(lead_path(id, "/convert"), {{"version", r.body["version"]}, {"action", "nothing"}});
    REQUIRE_MESSAGE(again.status == 200, again.body.dump());
    CHECK(again.body["partner_id"] == r.body["partner_id"]);
    CHECK(count_rows(s, "SELECT count(*) FROM contacts") == 2);
}

TEST_CASE("convert with exist links the contact found by e-mail and fills the lead's empty fields from it") {
    TestServer s(seeded);
    ApiSession admin(s);
    const int64_t contact = make_contact(admin, {{"name", "Сарнай Дорж"}, {"email", "Sarnai@Gobi.mn"}, {"phone", "+976 8800 1122"}});
    auto lead = make_lead(admin, {{"name", "Ноолууран цамц 200ш"}, {"email", "sarnai@gobi.mn"}});
    const int64_t id = lead["id"];

    auto proposal = admin.get(lead_path(id, "/convert"));
    REQUIRE(proposal.status == 200);
    CHECK(proposal.body["action"] == "exist");
    CHECK(proposal.body["partner_id"] == contact);
    CHECK(proposal.body["partner"]["name"] == "Сарнай Дорж");

    auto r = admin.post(lead_path(id, "/convert"), {{"version", lead["version"]}, {"action", "exist"}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["type"] == "opportunity");
    CHECK(r.body["partner_id"] == contact);
    CHECK(r.body["phone"] == "+976 8800 1122");
    CHECK(r.body["contact_name"] == "Сарнай Дорж");
    CHECK(count_rows(s, "SELECT count(*) FROM contacts") == 1);

    // An explicit partner_id the caller cannot name is a 422 on that field.
    auto other = make_lead(admin, {{"name", "Өөр хүсэлт"}});
    auto bad = admin.post(lead_path(other["id"], "/convert"), {{"version", other["version"]}, {"action", "exist"}, {"partner_id", 999}});
    CHECK(bad.status == 422);
    CHECK(names_field(bad, "partner_id"));
}

TEST_CASE("convert with nothing changes only the type, team and salesperson") {
    TestServer s(seeded);
    ApiSession admin(s);
    const int64_t sales = create_user(admin, "tuya", "sales_all", "Туяа");
    auto lead = make_lead(admin, {{"name", "Сургалтын хүсэлт"}, {"partner_name", "Шинэ Компани"}});
    auto r = admin.post(lead_path(lead["id"], "/convert"),
                        {{"version", lead["version"]}, {"action", "nothing"}, {"user_id", sales}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    CHECK(r.body["type"] == "opportunity");
    CHECK(r.body["partner_id"].is_null());
    CHECK(r.body["user_id"] == sales);
    CHECK_FALSE(r.body["date_conversion"].is_null());
    CHECK(count_rows(s, "SELECT count(*) FROM contacts") == 0);
    CHECK(contains(tracked_fields(admin, lead["id"]), "user_id"));
}

TEST_CASE("a won or lost lead, or a stale version, cannot be converted and nothing is written") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto won = make_lead(admin, {{"name", "Ялсан"}, {"partner_name", "Ялагч ХХК"}});
    auto w = admin.post(lead_path(won["id"], "/won"), {{"version", won["version"]}});
    REQUIRE(w.status == 200);
    auto r = admin.post(lead_path(won["id"], "/convert"), {{"version", w.body["version"]}, {"action", "create"}});
    CHECK(r.status == 409);

    auto lost = make_lead(admin, {{"name", "Алдсан"}, {"partner_name", "Алдагч ХХК"}});
    auto l = admin.post(lead_path(lost["id"], "/lost"), {{"version", lost["version"]}, {"lost_reason_id", 1}});
    REQUIRE(l.status == 200);
    r = admin.post(lead_path(lost["id"], "/convert"), {{"version", l.body["version"]}, {"action", "create"}});
    CHECK(r.status == 409);

    auto lead = make_lead(admin, {{"name", "Хуучин хувилбар"}, {"partner_name", "Хуучин ХХК"}});
    REQUIRE(admin.patch(lead_path(lead["id"]), {{"version", lead["version"]}, {"priority", 2}}).status == 200);
    r = admin.post(lead_path(lead["id"], "/convert"), {{"version", lead["version"]}, {"action", "create"}});
    CHECK(r.status == 409);
    CHECK(r.body["error"]["current"]["priority"] == 2);
    CHECK(r.body["error"]["current"]["type"] == "lead");

    CHECK(count_rows(s, "SELECT count(*) FROM contacts") == 0);
    CHECK(count_rows(s, "SELECT count(*) FROM leads WHERE type = 'opportunity'") == 0);
}

TEST_CASE("bad convert input is 422 naming the field, unknown leads 404, and nothing is written") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto lead = make_lead(admin, {{"name", "Шалгах"}, {"partner_name", "Шалгалт ХХК"}});
    const int64_t id = lead["id"];

    auto r = admin.post(lead_path(id, "/convert"), {{"action", "create"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "version"));
    r = admin.post(lead_path(id, "/convert"), {{"version", lead["version"]}, {"action", "destroy"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "action"));
    r = admin.post(lead_path(id, "/convert"), {{"version", lead["version"]}, {"user_id", 4242}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "user_id"));
    r = admin.post(lead_path(id, "/convert"), {{"version", lead["version"]}, {"merge_ids", "all"}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "merge_ids"));
    r = admin.post(lead_path(id, "/convert"), {{"version", lead["version"]}, {"merge_ids", {id}}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "merge_ids"));
    r = admin.post(lead_path(id, "/convert"), {{"version", lead["version"]}, {"merge_ids", {987654}}});
    CHECK(r.status == 404);
    CHECK(admin.post(lead_path(987654, "/convert"), {{"version", 1}}).status == 404);
    CHECK(admin.get(lead_path(987654, "/convert")).status == 404);

    CHECK(read_lead(admin, id)["type"] == "lead");
    CHECK(count_rows(s, "SELECT count(*) FROM contacts") == 0);
}

TEST_CASE("convert with merge_ids merges the duplicates into one opportunity in the same transaction") {
    TestServer s(seeded);
    ApiSession admin(s);
    auto a = make_lead(admin, {{"name", "Тоног төхөөрөмж"}, {"email", "info@tavan-bogd.mn"}, {"partner_name", "Таван Богд"},
                               {"description", "Эхний хүсэлт"}});
    auto b = make_lead(admin, {{"name", "Тоног төхөөрөмж 2"}, {"email", "info@tavan-bogd.mn"}, {"description", "Хоёр дахь"},
                               {"expected_revenue", {{"amount", 500000000}, {"currency", "MNT"}}}});
    add_note(admin, b["id"], "Б-гийн тэмдэглэл");

    auto proposal = admin.get(lead_path(a["id"], "/convert"));
    REQUIRE(proposal.status == 200);
    auto dup = item_of(proposal.body["duplicates"], b["id"]);
    REQUIRE_FALSE(dup.is_null());
    CHECK(dup["strict"] == true);

    auto r = admin.post(lead_path(a["id"], "/convert"),
                        {{"version", a["version"]}, {"action", "create"}, {"merge_ids", {b["id"]}}});
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    const int64_t kept = r.body["id"];
    const int64_t gone = kept == a["id"].get<int64_t>() ? b["id"].get<int64_t>() : a["id"].get<int64_t>();
    CHECK(r.body["type"] == "opportunity");
    CHECK(r.body["expected_revenue"]["amount"] == 500000000);
    CHECK(r.body["description"].get<std::string>().find("Эхний хүсэлт") != std::string::npos);
    CHECK(r.body["description"].get<std::string>().find("Хоёр дахь") != std::string::npos);
    CHECK(r.body["partner_id"].is_number_integer());
    CHECK(admin.get(lead_path(gone)).status == 404);
    auto bodies = chatter_bodies(admin, kept);
    CHECK(contains(bodies, "Б-гийн тэмдэглэл"));
    CHECK(has_substring(bodies, "Merged with:"));
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 1);
}
