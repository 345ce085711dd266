// Migration: board_index (issue 5). The board's activity bars count every open card of a team per stage, open or
// closed (date_closed); the board's index did not hold date_closed, so each of them read its lead's row: at 81,000
// cards most of the leads table (~0.9 s of GET /leads/groups on a cold page cache, ~0.5 s warm). With date_closed
// at the end of the index they read the index alone; the cards' order (priority desc, id desc) is unchanged.
// A later migration that rebuilds `leads` must create leads_board with this column list.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view board_index = R"SQL(
DROP INDEX leads_board;
CREATE INDEX leads_board ON leads(team_id, stage_id, active, priority DESC, id DESC, date_closed);
)SQL";

}  // namespace tumen::store::migration
