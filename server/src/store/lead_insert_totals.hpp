// Bulk inserts of leads (the CSV import, issue 3) without the running totals' per-row insert triggers: seven
// upserts per lead (lead_totals and the six analysis_totals rows) were the import's largest share after the
// row itself. The inserter pauses them (migration insert_totals_pause, the totals_paused row) before its inserts
// of probabilities rows (the import: insert_paused_probabilities, once per batch) and, before anything else writes
// a lead and before it commits, resumes them and adds the new leads'
// sums once per totals row, computed here from the leads as they were inserted with the triggers' own
// expressions (same rounding, same value types).
#pragma once
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/lead.hpp"

namespace tumen::store {

// Before each paused insert (idempotent: a savepoint rolled back with a failed row may have removed the row).
void pause_insert_totals(Connection& c);

// The lead_probabilities rows of `leads`, inserted by store::insert_lead_row with ProbabilityRow::by_caller, with
// the pause taken (the rows' insert trigger must not count them: add_inserted_totals does). Many rows per
// statement: SQLite sets up a trigger's whole program (its WHEN is inside it) once per statement, ~18,000 CPU
// instructions, which a one-row INSERT paid per lead even while paused (bench/README.md, import session 21).
void insert_paused_probabilities(Connection& c, const std::vector<const Lead*>& leads);

// Ends the pause and adds the totals of `leads`: leads inserted while paused by store::insert_lead_row, unchanged
// since (ids set, the probability it wrote). Inside the inserter's transaction; a no-op for no leads (the pause
// still ends).
void add_inserted_totals(Connection& c, const std::vector<const Lead*>& leads);

}  // namespace tumen::store
