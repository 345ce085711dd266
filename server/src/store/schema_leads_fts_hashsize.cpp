// Migration: leads_fts_hashsize (issue 3, the CSV import). FTS5 keeps a transaction's new index entries in memory
// up to `hashsize` bytes (default 1 MB) and writes a level-0 segment each time that fills, segments it merges again
// later. An import batch of 5,000 leads (~36 entries each with the prefix indexes) filled it several times; at
// 8 MB it writes about one segment per batch: ~6,000 fewer CPU instructions per imported lead inside SQLite, 4 %
// (callgrind, bench/README.md, import session 21). The index and its queries are unchanged; a writing
// transaction may hold up to 8 MB more memory. FTS5 stores the option in leads_fts_config.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view leads_fts_hashsize = R"SQL(
INSERT INTO leads_fts(leads_fts, rank) VALUES ('hashsize', 8388608);
)SQL";

}  // namespace tumen::store::migration
