// One limit for a lead's name: shared validation allows 500 characters, and so must the database (its first
// CHECK said 300, so 301..500 characters passed validation and then failed the insert with a 500). The
// migration that widens the CHECK rebuilds the table; it must keep every lead, its tags, followers and indexes.
#include <doctest/doctest.h>

#include <filesystem>

#include "lead_actions_helpers.hpp"
#include "store/database.hpp"
#include "store/leads.hpp"
#include "store/migration_list.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
std::string cyrillic_name(size_t chars) {
    std::string s;
    for (size_t i = 0; i < chars; ++i) s += "Ё";  // two bytes each: the limit counts characters
    return s;
}
}  // namespace

TEST_CASE("lead names of 301 to 500 characters are stored; 501 is a 422 naming the field") {
    TestServer s(seeded);
    ApiSession admin(s);
    for (size_t n : {301u, 420u, 500u}) {
        auto r = admin.post("/api/v1/leads", {{"name", cyrillic_name(n)}});
        CHECK_MESSAGE(r.status == 201, n << ": " << r.body.dump());
    }
    auto lead = make_lead(admin, {{"name", "Богино"}});
    auto r = admin.patch(lead_path(lead["id"]), {{"version", lead["version"]}, {"name", cyrillic_name(500)}});
    CHECK_MESSAGE(r.status == 200, r.body.dump());

    r = admin.post("/api/v1/leads", {{"name", cyrillic_name(501)}});
    CHECK(r.status == 422);
    CHECK(names_field(r, "name"));
    auto merged = admin.post("/api/v1/leads/merge", {{"ids", {lead["id"], lead["id"].get<int64_t>() - 1}}});
    CHECK_MESSAGE(merged.status == 200, merged.body.dump());
}

TEST_CASE("the lead_limits migration keeps leads, tags, followers and full-text rows of an older database") {
    auto dir = make_temp_dir("tumen-migration");
    const std::string path = (dir / "old.db").string();
    {
        tumen::store::Connection old(path);
        old.exec("BEGIN");
        old.exec(tumen::store::migration::users_sessions);
        old.exec(tumen::store::migration::crm_core);
        old.exec(tumen::store::migration::security);
        old.exec("PRAGMA user_version=3");
        old.exec("INSERT INTO users(id, login, name, role, password_hash) VALUES (7, 'old', 'Хуучин', 'sales_all', 'x')");
        old.exec("INSERT INTO tags(id, name) VALUES (3, 'VIP')");
        old.exec("INSERT INTO leads(id, name, name_fold, email_norm, email_is_corporate, create_date, write_date, user_id)"
                 " VALUES (42, 'Хуучин хүсэлт', 'хуучин хүсэлт', 'a@old.mn', 1, 1, 1, 7)");
        old.exec("INSERT INTO lead_tags(lead_id, tag_id) VALUES (42, 3)");
        old.exec("INSERT INTO lead_followers(lead_id, user_id) VALUES (42, 7)");
        old.exec("INSERT INTO leads_fts(rowid, name) VALUES (42, 'хуучин хүсэлт')");
        old.exec("COMMIT");
        CHECK_THROWS(old.exec("INSERT INTO leads(name, name_fold, create_date, write_date) VALUES ('" +
                              cyrillic_name(301) + "', 'x', 1, 1)"));
    }
    {
        tumen::store::Database db(path);
        CHECK(db.schema_version() == tumen::store::latest_schema_version());
        auto& c = db.reader();
        auto lead = tumen::store::find_lead(c, 42);
        REQUIRE(lead);
        CHECK(lead->name == "Хуучин хүсэлт");
        CHECK(lead->user_id == 7);
        CHECK(lead->tag_ids == std::vector<int64_t>{3});
        CHECK(lead->follower_ids == std::vector<int64_t>{7});
        CHECK(c.prepare_uncached("SELECT count(*) FROM leads_fts WHERE leads_fts MATCH 'хуучин'").scalar_int() == 1);
        for (const char* index : {"leads_board", "leads_stage", "leads_email", "leads_partner", "leads_email_domain"})
            CHECK_MESSAGE(c.prepare_uncached(std::string("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = '") +
                                             index + "' AND tbl_name = 'leads'").scalar_int() == 1, index);
        CHECK(c.prepare_uncached("PRAGMA foreign_key_check").step() == false);
        db.write([&](tumen::store::Connection& w) {
            tumen::Lead l;
            l.name = cyrillic_name(500);
            l.create_date = l.write_date = 1;
            tumen::store::insert_lead(w, l);
            CHECK(l.id > 42);
            // Deleting a lead still cascades to its tags: the foreign keys point at the new table.
            w.exec("DELETE FROM leads WHERE id = 42");
            CHECK(w.prepare("SELECT count(*) FROM lead_tags").scalar_int() == 0);
        });
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}
