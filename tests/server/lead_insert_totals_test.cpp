// Leads inserted with the running totals' insert triggers paused (store/lead_insert_totals, the CSV import) are
// counted once when the pause ends, whether their ids form one range (a batch's new leads: the range statement)
// or not (any other list: the JSON list statement); afterwards the totals equal a fresh aggregate.
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

TEST_CASE("leads inserted with the totals paused are counted once, as a range of ids or as a list") {
    auto dir = make_temp_dir("tumen-insert-totals");
    store::Database db((dir / "totals.db").string());
    db.write([&](store::Connection& c) {
        c.exec("INSERT INTO stages(id, name, sequence) VALUES (1, 'Шинэ', 1), (2, 'Санал', 2)");
        store::pause_insert_totals(c);
        std::vector<int64_t> ids;
        for (int i = 0; i < 6; ++i) {
            Lead l;
            l.name = "Хүсэлт №" + std::to_string(i);
            l.stage_id = 1 + i % 2;
            l.expected_revenue.amount = 100000 * (i + 1);
            l.probability = l.automated_probability = 15.5 * i;
            l.address.country = i % 3 == 0 ? "MN" : "CN";
            l.create_date = l.write_date = 1700000000 + i * 86400 * 40;  // several months
            store::insert_lead_row(c, l);
            ids.push_back(l.id);
        }
        CHECK(lead_insert_totals_scalar(c, "SELECT coalesce(sum(n), 0) FROM lead_totals") == 0);  // paused

        // Not one range, and out of order: the list statement.
        store::add_inserted_totals(c, {ids[5], ids[0]});
        CHECK(lead_insert_totals_scalar(c, "SELECT count(*) FROM totals_paused") == 0);
        CHECK(lead_insert_totals_scalar(c, "SELECT sum(n) FROM lead_totals") == 2);
        CHECK(lead_insert_totals_scalar(c, "SELECT sum(n) FROM analysis_totals WHERE dim = 4") == 2);

        // One range: the range statement (the leads in it are exactly these).
        store::pause_insert_totals(c);
        store::add_inserted_totals(c, {ids[1], ids[2], ids[3], ids[4]});
        CHECK(lead_insert_totals_scalar(c, "SELECT sum(n) FROM lead_totals") == 6);
        CHECK(lead_insert_totals_scalar(c, totals_oracle::board_mismatch) == 0);
        CHECK(lead_insert_totals_scalar(c, totals_oracle::analysis_mismatch) == 0);
    });
}
