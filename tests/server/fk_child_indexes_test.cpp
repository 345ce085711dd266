// Every foreign key's referring column has an index, so deleting the row it refers to looks its referrers up
// instead of reading the whole referring table (migration fk_child_indexes), except the references listed here,
// each with the reason it needs none. A new foreign key without an index fails this test until it gets an index
// or a line here.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "store/database.hpp"
#include "test_server.hpp"

namespace {

const std::map<std::string, std::string>& fk_child_indexes_exempt() {
    static const std::map<std::string, std::string> exempt = {
        // Users are deactivated, never deleted: nothing looks these up on a delete.
        {"attachments.created_by", "users are never deleted"},
        {"contacts.user_id", "users are never deleted"},
        {"kiosk_tokens.created_by", "users are never deleted"},
        {"login_challenges.user_id", "users are never deleted"},
        {"mail_outbox.created_by", "users are never deleted"},
        {"meetings.created_by", "users are never deleted"},
        {"messages.author_id", "users are never deleted"},
        {"quotations.created_by", "users are never deleted"},
        {"security_events.actor_id", "users are never deleted"},
        {"security_events.user_id", "users are never deleted"},
        {"sms_outbox.created_by", "users are never deleted"},
        {"teams.user_id", "users are never deleted"},
        {"webhooks.created_by", "users are never deleted"},
        // No delete path for the referred rows.
        {"activities.type_id", "activity types are never deleted"},
        {"activity_types.triggered_id", "activity types are never deleted"},
        {"quotations.previous_id", "quotations are never deleted"},
        {"users.partner_id", "a small table (one row per user)"},
        // A rare settings action against small referring tables, or an index every imported lead would pay for.
        {"contact_categories.parent_id", "a small table (contact types)"},
        {"quotations.team_id", "deleting a team is rare; quotations are few per team"},
        {"score_rules.team_id", "a small table (scoring rules)"},
        {"kiosk_token_teams.team_id", "a small table (a few teams per kiosk token)"},
        {"leads.source_id", "deleting a UTM value is a rare settings action; imported leads mostly carry one"},
        {"leads.medium_id", "deleting a UTM value is a rare settings action; imported leads mostly carry one"},
        {"leads.campaign_id", "deleting a UTM value is a rare settings action; imported leads mostly carry one"},
    };
    return exempt;
}

}  // namespace

TEST_CASE("foreign keys: every referring column is indexed unless listed with a reason") {
    const auto dir = tumen::testing::make_temp_dir("tumen-fk-indexes");
    {
        tumen::store::Database db((dir / "t.db").string());
        auto& c = db.reader();
        auto fks = c.prepare_uncached(
            "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f"
            " WHERE m.type = 'table' ORDER BY 1, 2");
        std::set<std::string> seen;
        int indexed = 0;
        while (fks.step()) {
            const std::string table = fks.get_text(0), column = fks.get_text(1), ref = table + "." + column;
            seen.insert(ref);
            if (fk_child_indexes_exempt().count(ref)) continue;
            // The lookup SQLite makes for ON DELETE: the referrers of one id.
            auto plan_stmt = c.prepare_uncached("EXPLAIN QUERY PLAN SELECT 1 FROM \"" + table + "\" WHERE \"" + column + "\" = 1");
            std::string plan;
            while (plan_stmt.step()) plan += plan_stmt.get_text(3) + "\n";
            const bool uses_index = plan.find("USING INDEX") != std::string::npos ||
                                    plan.find("USING COVERING INDEX") != std::string::npos ||
                                    plan.find("USING INTEGER PRIMARY KEY") != std::string::npos ||
                                    plan.find("USING PRIMARY KEY") != std::string::npos;
            CHECK_MESSAGE(uses_index, ref << " has no index: " << plan);
            if (uses_index) ++indexed;
        }
        CHECK(indexed > 20);
        for (const auto& [ref, why] : fk_child_indexes_exempt())
            CHECK_MESSAGE(seen.count(ref) == 1, ref << " is listed as exempt (" << why << ") but is no foreign key any more");
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}
