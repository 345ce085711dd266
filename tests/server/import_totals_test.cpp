// The CSV import writes its leads with the running totals' insert triggers paused (migration
// insert_totals_pause, store/lead_insert_totals) and adds each totals row's sums once per batch: the board's and
// the analysis' totals must still equal an aggregate over the leads, also when a batch updates a lead it created
// (the update triggers must run, so the pause ends first) and when a batch is written again row by row after a
// database constraint failed (a rolled-back row's savepoint takes the pause with it).
#include <doctest/doctest.h>

#include "io_helpers.hpp"
#include "totals_oracle.hpp"

using namespace tumen::testing;

namespace {

void import_totals_check_totals_equal_leads(TestServer& s) {
    CHECK(count_rows(s, totals_oracle::analysis_mismatch) == 0);
    CHECK(count_rows(s, totals_oracle::board_mismatch) == 0);
    CHECK(count_rows(s, "SELECT count(*) FROM totals_paused") == 0);
}

}  // namespace

TEST_CASE("imported leads keep the board and analysis totals equal to the leads: updates in the batch, rows redone") {
    TestServer s([](tumen::server::Config& c) { c.seed_reference = true; });
    IoSession admin(s);
    auto first = import_csv(admin,
                            "Name,Email,Country,Expected revenue,Probability,Expected closing\n"
                            "Нэг,a@x.mn,MN,1500000,35,2027-01-15\n"
                            "Хоёр,b@x.mn,CN,250000.33,100,\n"
                            "Гурав,c@x.mn,,,,2027-02-01\n"
                            "Нэг дахин,a@x.mn,KZ,777000,12.5,\n"  // updates the first row's lead: its keys move
                            "Дөрөв,d@x.mn,MN,999,0,2027-01-20\n",
                            {{"dedupe", "email"}, {"on_duplicate", "update"}});
    CHECK(first["state"] == "done");
    CHECK(first["created"] == 4);
    CHECK(first["updated"] == 1);
    import_totals_check_totals_equal_leads(s);
    CHECK(count_rows(s, "SELECT count(*) FROM leads WHERE email_norm = 'a@x.mn' AND country = 'KZ'") == 1);

    // A constraint the validation cannot know: the batch is written again with a savepoint per row, and the
    // failing row is the first of the batch (its savepoint held the pause) and again in the middle.
    s.app->db().write([](tumen::store::Connection& c) {
        c.exec("CREATE UNIQUE INDEX test_one_per_city ON leads(city) WHERE city = 'Ганц хот'");
        c.exec("INSERT INTO leads(name, name_fold, city, create_date, write_date) VALUES ('Байсан', 'байсан', 'Ганц хот', 1, 1)");
        c.exec("INSERT INTO lead_probabilities VALUES (last_insert_rowid(), 0, 0)");
    });
    auto redone = import_csv(admin,
                             "Name,City,Country,Expected revenue,Probability\n"
                             "Тав,Ганц хот,MN,5000,50\n"
                             "Зургаа,Дархан,CN,6000,60\n"
                             "Долоо,Ганц хот,MN,7000,70\n"
                             "Найм,Эрдэнэт,RU,8000,80\n");
    CHECK(redone["state"] == "done");
    CHECK(redone["created"] == 2);
    CHECK(redone["failed"] == 2);
    import_totals_check_totals_equal_leads(s);

    // All or nothing: a failed row without a savepoint leaves the pause behind until the batch ends.
    auto none = import_csv(admin, "Name,City,Expected revenue\nЕс,Дархан,9000\nАрав,Ганц хот,10000\n",
                           {{"mode", "all_or_nothing"}});
    CHECK(none["state"] == "failed");
    auto all = import_csv(admin, "Name,City,Expected revenue,Probability\nАрван нэг,Дархан,11000,10\nАрван хоёр,Мөрөн,12000,20\n",
                          {{"mode", "all_or_nothing"}});
    CHECK(all["state"] == "done");
    CHECK(all["created"] == 2);
    import_totals_check_totals_equal_leads(s);
    CHECK(count_rows(s, "SELECT count(*) FROM leads") == 9);
}
