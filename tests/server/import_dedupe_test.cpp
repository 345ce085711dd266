// Duplicate handling of imports: skip or update, against stored records and rows earlier in the same file.
#include <doctest/doctest.h>

#include "io_helpers.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
void import_dedupe_seeded_config(tumen::server::Config& c) { c.seed_reference = true; }
}  // namespace

TEST_CASE("dedupe on e-mail, skip: stored leads and repeated rows are skipped") {
    TestServer s(import_dedupe_seeded_config);
    IoSession admin(s);
    import_csv(admin, "Нэр,Имэйл\nӨргөө,bat@orgoo.mn\n");
    auto job = import_csv(admin,
                          "Нэр,Имэйл\n"
                          "Өргөө дахин,BAT@Orgoo.mn\n"     // the stored one, other case
                          "Шинэ,new@x.mn\n"
                          "Шинэ давхар,Шинэ <new@x.mn>\n"  // the row above, written as a named address
                          "Имэйлгүй,\n"                     // no key: never a duplicate
                          "Имэйлгүй 2,\n",
                          {{"dedupe", "email"}});
    CHECK(job["state"] == "done");
    CHECK(job["created"] == 3);
    CHECK(job["skipped"] == 2);
    CHECK(job["dedupe"] == "email");
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 4);
    CHECK(count_rows(s, "SELECT count(*) FROM leads WHERE name = 'Өргөө дахин'") == 0);
}

TEST_CASE("dedupe on e-mail, update: fields with values change, empty cells and the name stay") {
    TestServer s(import_dedupe_seeded_config);
    IoSession admin(s);
    auto created = admin.post_json("/api/v1/leads", {{"name", "Өргөө зочид буудал"}, {"email", "bat@orgoo.mn"},
                                                     {"phone", "99112233"}, {"city", "Улаанбаатар"}});
    REQUIRE(created);
    REQUIRE(created->status == 201);
    const auto before = json::parse(created->body);
    const std::string path = "/api/v1/leads/" + std::to_string(before["id"].get<int64_t>());

    // No name column: the name would be derived from the company, but an update never renames.
    auto job = import_csv(admin, "Имэйл,Компани,Утас,Хот,Шошго,Орлого\nbat@orgoo.mn,Өргөө ХХК,,Дархан,VIP,2 500 000\n",
                          {{"dedupe", "email"}, {"on_duplicate", "update"}});
    CHECK(job["state"] == "done");
    CHECK(job["updated"] == 1);
    CHECK(job["created"] == 0);
    auto after = json_of(admin.get(path));
    CHECK(after["name"] == "Өргөө зочид буудал");
    CHECK(after["partner_name"] == "Өргөө ХХК");
    CHECK(after["phone"] == "99112233");
    CHECK(after["city"] == "Дархан");
    CHECK(after["version"].get<int64_t>() == before["version"].get<int64_t>() + 1);
    CHECK(after["tag_ids"].size() == 1);
    CHECK(after["expected_revenue"]["amount"] == 250000000);
    // Tracked fields are logged in the chatter as an edit through the API would log them.
    auto messages = json_of(admin.get(path + "/messages"));
    bool tracked_revenue = false;
    for (const auto& m : messages["items"])
        for (const auto& t : m["tracking_values"]) tracked_revenue |= t["field"] == "expected_revenue";
    CHECK(tracked_revenue);
    // Full-text follows the update.
    CHECK(json_of(admin.get("/api/v1/leads?q=" + url_encode("өргөө хх")))["items"].size() == 1);
}

TEST_CASE("dedupe on e-mail+phone needs both to match; phone numbers match with or without +976") {
    TestServer s(import_dedupe_seeded_config);
    IoSession admin(s);
    import_csv(admin, "Нэр,Имэйл,Утас\nА,a@x.mn,+976 9911-2233\n");
    auto job = import_csv(admin,
                          "Нэр,Имэйл,Утас\n"
                          "А давхар,A@x.mn,99112233\n"  // both match
                          "А өөр утас,a@x.mn,88112233\n"  // e-mail only
                          "А утасгүй,a@x.mn,\n",          // no phone: no key
                          {{"dedupe", "email+phone"}});
    CHECK(job["dedupe"] == "email+phone");
    CHECK(job["skipped"] == 1);
    CHECK(job["created"] == 2);
}

TEST_CASE("dedupe on name folds case and spacing, and updates contacts too") {
    TestServer s(import_dedupe_seeded_config);
    IoSession admin(s);
    import_csv(admin, "Нэр,Имэйл\nБатбаяр Ганболд,old@x.mn\n", {{"entity", "contact"}});
    auto job = import_csv(admin, "Нэр,Имэйл,Албан тушаал\nБАТБАЯР  ганболд,new@x.mn,Захирал\n",
                          {{"entity", "contact"}, {"dedupe", "name"}, {"on_duplicate", "update"}});
    CHECK(job["updated"] == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM contacts") == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM contacts WHERE email = 'new@x.mn' AND function = 'Захирал' AND version = 2") == 1);
}

TEST_CASE("dedupe update against a row created earlier in the same batch keeps one full-text row with the new text") {
    TestServer s(import_dedupe_seeded_config);
    IoSession admin(s);
    auto job = import_csv(admin,
                          "Нэр,Имэйл,Компани\n"
                          "Эхний,dorj@govi.mn,Говь ХК\n"
                          "Давхар,dorj@govi.mn,Өлзийт Үүр ХХК\n"  // the row above: updates the lead it created
                          "Өөр,other@govi.mn,\n",
                          {{"dedupe", "email"}, {"on_duplicate", "update"}});
    CHECK(job["state"] == "done");
    CHECK(job["created"] == 2);
    CHECK(job["updated"] == 1);
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 2);
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts") == 2);
    CHECK(count_rows(s, "SELECT count(*) FROM leads_fts f JOIN leads l ON l.id = f.rowid") == 2);
    CHECK(json_of(admin.get("/api/v1/leads?q=" + url_encode("өлзийт үүр")))["items"].size() == 1);
    CHECK(json_of(admin.get("/api/v1/leads?q=" + url_encode("говь")))["items"].size() == 0);
    CHECK(json_of(admin.get("/api/v1/leads?q=" + url_encode("other@govi")))["items"].size() == 1);
}
