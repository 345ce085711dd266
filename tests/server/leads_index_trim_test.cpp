// Migration leads_index_trim (issue 3): leads_unassigned is gone (no statement used it) and leads_partner only
// holds leads with a contact, while the queries that used them keep an index: a contact's leads (partner_id
// IN ...), the contact merge (partner_id = ?) and the assignment's unassigned leads (leads_user).
#include <doctest/doctest.h>

#include <filesystem>
#include <set>

#include "store/database.hpp"
#include "store/lead_queries.hpp"
#include "test_server.hpp"

namespace {

std::string leads_index_trim_plan(tumen::store::Connection& c, const std::string& sql) {
    auto s = c.prepare_uncached("EXPLAIN QUERY PLAN " + sql);
    std::string plan;
    while (s.step()) plan += s.get_text(3) + "\n";
    return plan;
}

}  // namespace

TEST_CASE("leads indexes: leads_unassigned dropped, leads_partner partial, their queries still indexed") {
    const auto dir = tumen::testing::make_temp_dir("tumen-index-trim");
    {
        tumen::store::Database db((dir / "t.db").string());
        auto& c = db.reader();
        CHECK(c.prepare_uncached("SELECT count(*) FROM sqlite_schema WHERE name = 'leads_unassigned'").scalar_int() == 0);
        CHECK(c.prepare_uncached("SELECT partial FROM pragma_index_list('leads') WHERE name = 'leads_partner'").scalar_int() == 1);
        const std::string contact_leads = leads_index_trim_plan(
            c, "SELECT l.id FROM leads l WHERE l.active = 1 AND l.partner_id IN (SELECT id FROM contacts WHERE id = ?1 OR parent_id = ?1)");
        CHECK_MESSAGE(contact_leads.find("USING INDEX leads_partner") != std::string::npos, contact_leads);
        const std::string merge = leads_index_trim_plan(c, "UPDATE leads SET partner_id = ? WHERE partner_id = ?");
        CHECK_MESSAGE(merge.find("leads_partner") != std::string::npos, merge);
        const std::string unassigned = leads_index_trim_plan(
            c, "SELECT l.id FROM leads l JOIN lead_probabilities lp ON lp.lead_id = l.id WHERE l.team_id IS NULL"
               " AND l.user_id IS NULL AND l.active = 1 AND lp.probability < 100 AND l.create_date <= ? ORDER BY l.id LIMIT 100");
        CHECK_MESSAGE(unassigned.find("leads_user") != std::string::npos, unassigned);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}

// A page of the list sorted by one of these reads the index in order and stops after the page; any other sort key
// sorts every matching lead first (~65 ms at 200,000 leads). date_deadline did so while it was COALESCE'd.
TEST_CASE("leads indexes: the list's indexed sort keys read their index in order, both directions") {
    const auto dir = tumen::testing::make_temp_dir("tumen-sort-index");
    {
        tumen::store::Database db((dir / "t.db").string());
        auto& c = db.reader();
        // Not probability: it lives in lead_probabilities without an index, which cost a 1M rebuild most of its writes.
        const std::set<std::string> indexed = {"id", "create_date", "expected_revenue", "date_deadline"};
        int checked = 0;
        for (const auto& key : tumen::store::lead_sort_keys()) {
            if (!indexed.count(key.name)) continue;
            for (const char* dir_sql : {" ASC", " DESC"}) {
                const std::string plan = leads_index_trim_plan(
                    c, std::string("SELECT l.id FROM leads l WHERE l.active = 1 ORDER BY ") + key.expr + dir_sql + ", l.id" +
                           dir_sql + " LIMIT 51");
                CHECK_MESSAGE(plan.find("TEMP B-TREE") == std::string::npos, key.name << dir_sql << ": " << plan);
                ++checked;
            }
        }
        CHECK(checked == 8);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}
