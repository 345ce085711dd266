// Leads inserted with the running totals' insert triggers paused (store/lead_insert_totals, the CSV import) are
// counted once when the pause ends, from the leads as inserted (any subset, any order); afterwards the totals
// equal a fresh aggregate, with SQLite's rounding, months and whole days.
#include <doctest/doctest.h>

#include "jobs_helpers.hpp"
#include "store/database.hpp"
#include "store/lead_insert_totals.hpp"
#include "store/leads.hpp"
#include "totals_oracle.hpp"

using namespace tumen;
using namespace tumen::testing;

namespace {

int64_t lead_insert_totals_scalar(store::Connection& c, const std::string& sql) { return c.prepare_uncached(sql).scalar_int(); }

}  // namespace

TEST_CASE("leads inserted with the totals paused are counted once, from the leads as inserted") {
    auto dir = make_temp_dir("tumen-insert-totals");
    store::Database db((dir / "totals.db").string());
    db.write([&](store::Connection& c) {
        c.exec("INSERT INTO stages(id, name, sequence) VALUES (1, 'Шинэ', 1), (2, 'Санал', 2)");
        store::pause_insert_totals(c);
        std::vector<Lead> leads(8);
        for (int i = 0; i < 8; ++i) {
            Lead& l = leads[static_cast<size_t>(i)];
            l.name = "Хүсэлт №" + std::to_string(i);
            l.stage_id = 1 + i % 2;
            l.expected_revenue.amount = 100001 * (i + 1);           // weighted sums with fractions to round
            l.probability = l.automated_probability = 15.5 * i;     // 0 (band 0) up to 108.5 -> 100 below
            if (i == 7) l.probability = l.automated_probability = 100;  // band 2
            l.probability_manual = true;                            // kept as written (no prediction)
            l.address.country = i % 3 == 0 ? "MN" : i % 3 == 1 ? "CN" : "";
            l.create_date = l.write_date = 1700000000 + i * 86400 * 40;  // several months
            if (i % 2 == 1) l.date_deadline = day_of(l.create_date) + 45;
            if (i >= 5) l.date_closed = l.create_date + 86400 * 10 + 3600 * i;  // whole days, truncated
            if (i == 6) l.active = false;
            store::insert_lead_row(c, l);
        }
        CHECK(lead_insert_totals_scalar(c, "SELECT coalesce(sum(n), 0) FROM lead_totals") == 0);  // paused

        // A subset, out of order.
        store::add_inserted_totals(c, {&leads[5], &leads[0]});
        CHECK(lead_insert_totals_scalar(c, "SELECT count(*) FROM totals_paused") == 0);
        CHECK(lead_insert_totals_scalar(c, "SELECT sum(n) FROM lead_totals") == 2);
        CHECK(lead_insert_totals_scalar(c, "SELECT sum(n) FROM analysis_totals WHERE dim = 4") == 2);

        // The rest, added to the rows the first call made.
        store::pause_insert_totals(c);
        std::vector<const Lead*> rest;
        for (int i : {1, 2, 3, 4, 6, 7}) rest.push_back(&leads[static_cast<size_t>(i)]);
        store::add_inserted_totals(c, rest);
        CHECK(lead_insert_totals_scalar(c, "SELECT sum(n) FROM lead_totals") == 8);
        CHECK(lead_insert_totals_scalar(c, "SELECT sum(closed) FROM analysis_totals WHERE dim = 0") == 3);
        CHECK(lead_insert_totals_scalar(c, totals_oracle::board_mismatch) == 0);
        CHECK(lead_insert_totals_scalar(c, totals_oracle::analysis_mismatch) == 0);
    });
}

TEST_CASE("a bulk writer's probabilities rows, many per statement, are written paused and counted once") {
    auto dir = make_temp_dir("tumen-insert-probabilities");
    store::Database db((dir / "probabilities.db").string());
    db.write([&](store::Connection& c) {
        c.exec("INSERT INTO stages(id, name, sequence) VALUES (1, 'Шинэ', 1), (2, 'Санал', 2)");
        store::pause_insert_totals(c);
        std::vector<Lead> leads(150);  // two full statements of 64 rows and 22 rows one by one
        std::vector<const Lead*> all;
        for (int i = 0; i < 150; ++i) {
            Lead& l = leads[static_cast<size_t>(i)];
            l.name = "Бөөнөөр №" + std::to_string(i);
            l.stage_id = 1 + i % 2;
            l.expected_revenue.amount = 1000 * (i + 1);
            l.probability = i % 101;
            l.automated_probability = (i * 7) % 101;
            l.probability_manual = true;  // kept as written (no prediction)
            l.create_date = l.write_date = 1700000000;
            store::insert_lead_row(c, l, nullptr, nullptr, store::ProbabilityRow::by_caller);
            all.push_back(&l);
        }
        CHECK(lead_insert_totals_scalar(c, "SELECT count(*) FROM lead_probabilities") == 0);  // left to the caller
        c.exec("DELETE FROM totals_paused");  // as a rolled-back row's savepoint may leave it: the writer pauses again
        store::insert_paused_probabilities(c, all);
        CHECK(lead_insert_totals_scalar(c, "SELECT coalesce(sum(n), 0) FROM lead_totals") == 0);  // the trigger stayed paused
        CHECK(lead_insert_totals_scalar(c, "SELECT count(*) FROM lead_probabilities") == 150);
        CHECK(lead_insert_totals_scalar(c, "SELECT count(*) FROM lead_probabilities p JOIN leads l ON l.id = p.lead_id"
                                           " WHERE p.probability = (l.expected_revenue / 1000 - 1) % 101"
                                           " AND p.automated_probability = ((l.expected_revenue / 1000 - 1) * 7) % 101") == 150);
        store::add_inserted_totals(c, all);
        CHECK(lead_insert_totals_scalar(c, "SELECT sum(n) FROM lead_totals") == 150);
        CHECK(lead_insert_totals_scalar(c, totals_oracle::board_mismatch) == 0);
        CHECK(lead_insert_totals_scalar(c, totals_oracle::analysis_mismatch) == 0);
    });
}
