// The probabilities in their narrow table (migration lead_probabilities, issue 7): an older database keeps every
// lead's probabilities and its running totals through the migration; afterwards a lead created, moved, won and
// deleted keeps the board's and the analysis' totals equal to a fresh aggregate through lead_probabilities.
#include <doctest/doctest.h>

#include <array>
#include <string_view>

#include "jobs_helpers.hpp"
#include "totals_oracle.hpp"
#include "store/database.hpp"
#include "store/leads.hpp"
#include "store/migration_list.hpp"
#include "store/stages.hpp"

using namespace tumen;
using namespace tumen::testing;

namespace {

int64_t lead_probabilities_scalar(store::Connection& c, const std::string& sql) { return c.prepare_uncached(sql).scalar_int(); }
std::string lead_probabilities_text(store::Connection& c, const std::string& sql) {
    auto s = c.prepare_uncached(sql);
    REQUIRE(s.step());
    return s.is_null(0) ? std::string() : s.get_text(0);
}

void lead_probabilities_check_totals(store::Connection& c) {
    CHECK(c.prepare_uncached(totals_oracle::analysis_mismatch).scalar_int() == 0);
    CHECK(c.prepare_uncached(totals_oracle::board_mismatch).scalar_int() == 0);
    CHECK(lead_probabilities_scalar(c, "SELECT count(*) FROM leads") ==
          lead_probabilities_scalar(c, "SELECT count(*) FROM leads JOIN lead_probabilities ON lead_id = id"));
    CHECK(lead_probabilities_scalar(c, "SELECT count(*) FROM lead_probabilities") ==
          lead_probabilities_scalar(c, "SELECT count(*) FROM leads"));
}

const char* const lead_probabilities_all =
    "SELECT group_concat(lead_id || ':' || probability || ':' || automated_probability, ' ') FROM"
    " (SELECT * FROM lead_probabilities ORDER BY lead_id)";

}  // namespace

TEST_CASE("the lead_probabilities migration keeps every lead's probabilities and the totals") {
    auto dir = make_temp_dir("tumen-migration-probabilities");
    const std::string path = (dir / "old.db").string();
    namespace m = store::migration;
    {
        // Schema version 26 (ends with fk_child_indexes): the probabilities are columns of `leads`.
        const std::array<const std::string_view*, 26> before = {
            &m::users_sessions, &m::crm_core, &m::security, &m::lead_limits, &m::lead_totals, &m::api_key_expiry,
            &m::jobs_scoring, &m::mail, &m::sms, &m::webhooks, &m::web_form, &m::mail_files, &m::meetings, &m::quotations,
            &m::activities, &m::activity_digest, &m::predictive, &m::quotation_invoiced_at, &m::analysis_totals,
            &m::predictive_models, &m::saved_searches, &m::totals_pause, &m::board_index, &m::insert_totals_pause,
            &m::leads_index_trim, &m::fk_child_indexes};
        store::Connection old(path);
        old.exec("BEGIN");
        for (const auto* sql : before) old.exec(*sql);
        old.exec("PRAGMA user_version=26");
        old.exec("INSERT INTO stages(id, name, sequence, is_won) VALUES (1, 'Шинэ', 1, 0), (2, 'Амжилттай', 9, 1)");
        old.exec("INSERT INTO leads(id, name, name_fold, country, stage_id, active, probability, automated_probability,"
                 " probability_manual, expected_revenue, create_date, write_date, date_closed) VALUES"
                 " (3, 'Нээлттэй', 'нээлттэй', 'MN', 1, 1, 40, 35.5, 1, 1001, 1700000000, 1700000000, NULL),"
                 " (5, 'Ялсан', 'ялсан', 'CN', 2, 1, 100, 62.25, 0, 2000, 1700000000, 1700000000, 1710000000),"
                 " (8, 'Алдсан', 'алдсан', 'MN', 1, 0, 0, 12, 0, 3000, 1700000000, 1700000000, 1705000000),"
                 " (9, 'Хоосон', 'хоосон', '', NULL, 1, 12.5, 12.5, 0, 0, 1700000000, 1700000000, NULL)");
        old.exec("COMMIT");
    }
    store::Database db(path);
    CHECK(db.schema_version() == store::latest_schema_version());
    auto& r = db.reader();
    CHECK(lead_probabilities_text(r, lead_probabilities_all) == "3:40.0:35.5 5:100.0:62.25 8:0.0:12.0 9:12.5:12.5");
    // The wide row no longer holds them (so nothing can read a stale copy); the user's choice stays there.
    CHECK(lead_probabilities_scalar(r, "SELECT count(*) FROM pragma_table_info('leads') WHERE name LIKE '%probability%'") == 1);
    CHECK(lead_probabilities_scalar(r, "SELECT count(*) FROM pragma_table_info('leads') WHERE name = 'probability_manual'") == 1);
    CHECK(lead_probabilities_scalar(r, "SELECT count(*) FROM sqlite_schema WHERE name = 'leads_probability'") == 0);
    CHECK(lead_probabilities_scalar(r, "SELECT sum(weighted) FROM lead_totals") == 400 + 2000 + 0 + 0);
    lead_probabilities_check_totals(r);
    // The readers see the migrated values.
    auto lead = store::find_lead(r, 3);
    REQUIRE(lead);
    CHECK(lead->probability == doctest::Approx(40));
    CHECK(lead->automated_probability == doctest::Approx(35.5));
    CHECK(lead->probability_manual);
    // And the new triggers keep the totals: a probability, then a key, then a delete.
    db.write([&](store::Connection& c) { c.exec("UPDATE lead_probabilities SET probability = 0 WHERE lead_id = 3"); });
    lead_probabilities_check_totals(r);
    db.write([&](store::Connection& c) { c.exec("UPDATE leads SET stage_id = 2, expected_revenue = 5000 WHERE id = 9"); });
    lead_probabilities_check_totals(r);
    db.write([&](store::Connection& c) { store::delete_lead(c, 5); });
    CHECK(lead_probabilities_scalar(r, "SELECT count(*) FROM lead_probabilities WHERE lead_id = 5") == 0);
    CHECK(lead_probabilities_scalar(r, "SELECT sum(weighted) FROM lead_totals") == 0 + 625);
    lead_probabilities_check_totals(r);
}

TEST_CASE("a lead created, moved, won and deleted keeps both totals equal to an aggregate through lead_probabilities") {
    TestServer s;
    auto& db = s.app->db();
    auto& r = db.reader();
    int64_t fresh = 0, won = 0;
    std::array<int64_t, 3> id{};
    db.write([&](store::Connection& c) {
        Stage a, w;
        a.name = "New", a.sequence = 1;
        w.name = "Won", w.sequence = 9, w.is_won = true;
        store::insert_stage(c, a);
        store::insert_stage(c, w);
        fresh = a.id, won = w.id;
        for (size_t i = 0; i < id.size(); ++i) {
            Lead l;
            l.name = "Магадлал " + std::to_string(i);
            l.address.country = i % 2 ? "MN" : "CN";
            l.stage_id = fresh;
            l.expected_revenue = {int64_t{1000} * static_cast<int64_t>(i + 1) + 1, "MNT"};
            l.probability = l.automated_probability = 25.5;
            l.probability_manual = true;  // a user's value: the predictive scorer leaves it
            l.create_date = l.write_date = 1800000000;
            store::insert_lead(c, l);
            id[i] = l.id;
        }
    });
    CHECK(lead_probabilities_scalar(r, "SELECT count(*) FROM lead_probabilities WHERE probability = 25.5") == 3);
    CHECK(lead_probabilities_scalar(r, "SELECT sum(n) FROM lead_totals") == 3);
    lead_probabilities_check_totals(r);

    // Moved: a key changes (the leads update trigger reads the probability from the narrow table).
    db.write([&](store::Connection& c) {
        auto l = store::find_lead(c, id[0]);
        REQUIRE(l);
        l->expected_revenue.amount = 7777;
        l->address.country = "DE";
        CHECK(store::update_lead(c, *l));
    });
    lead_probabilities_check_totals(r);
    // Won: the stage and the probability change together (two statements, each trigger sees a consistent state).
    db.write([&](store::Connection& c) {
        auto l = store::find_lead(c, id[1]);
        REQUIRE(l);
        l->stage_id = won;
        l->probability = 100;
        l->date_closed = 1800000100;
        CHECK(store::update_lead(c, *l));
    });
    CHECK(lead_probabilities_scalar(r, "SELECT probability FROM lead_probabilities WHERE lead_id = " + std::to_string(id[1])) == 100);
    CHECK(lead_probabilities_scalar(r, "SELECT count(*) FROM analysis_totals WHERE band = 2 AND n = 1") == 6);
    lead_probabilities_check_totals(r);
    // Deleted: subtracted with its probability, and its narrow row goes with it.
    db.write([&](store::Connection& c) { store::delete_lead(c, id[2]); });
    CHECK(lead_probabilities_scalar(r, "SELECT count(*) FROM lead_probabilities WHERE lead_id = " + std::to_string(id[2])) == 0);
    CHECK(lead_probabilities_scalar(r, "SELECT sum(n) FROM lead_totals") == 2);
    lead_probabilities_check_totals(r);
    auto after = store::find_lead(r, id[1]);
    REQUIRE(after);
    CHECK(after->probability == doctest::Approx(100));
}
