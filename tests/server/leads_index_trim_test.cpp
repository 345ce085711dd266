// Migration leads_index_trim (issue 3): leads_unassigned is gone (no statement used it) and leads_partner only
// holds leads with a contact, while the queries that used them keep an index: a contact's leads (partner_id
// IN ...), the contact merge (partner_id = ?) and the assignment's unassigned leads (leads_user).
#include <doctest/doctest.h>

#include <filesystem>

#include "store/database.hpp"
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
