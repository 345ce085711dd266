// The board's activity bars read every open card of a team (stage, active, date_closed): the board's index must
// cover them, or GET /leads/groups reads most of the leads table (migration board_index; issue 5).
#include <doctest/doctest.h>

#include <filesystem>

#include "test_server.hpp"
#include "store/database.hpp"

TEST_CASE("the board's activity bars read the board index alone") {
    auto dir = tumen::testing::make_temp_dir("tumen-board-index");
    {
        tumen::store::Database db((dir / "board.db").string());
        auto plan = db.reader().prepare_uncached(
            "EXPLAIN QUERY PLAN SELECT l.stage_id, l.active, l.date_closed FROM leads l"
            " WHERE l.team_id = 1 AND l.active = 1");
        std::string detail;
        while (plan.step()) detail += plan.get_text(3) + "\n";
        CHECK_MESSAGE(detail.find("COVERING INDEX leads_board") != std::string::npos, detail);
    }
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}
