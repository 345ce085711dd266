// Pipeline stages in SQLite.
#pragma once
#include <optional>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/stage.hpp"

namespace tumen::store {

std::vector<Stage> load_stages(Connection& c);  // every stage, by sequence then id
std::optional<Stage> find_stage(Connection& c, int64_t id);
void insert_stage(Connection& c, Stage& s);      // sets id, version 1
bool update_stage(Connection& c, Stage& s);      // false = stale version
int64_t count_leads_in_stage(Connection& c, int64_t stage_id);  // archived ones too
// One past the last sequence of the pipelines a stage of `team_id` joins: its team's and the shared stages, or
// every stage for a shared one (null).
int32_t next_stage_sequence(Connection& c, std::optional<int64_t> team_id);
void delete_stage(Connection& c, int64_t id);

}  // namespace tumen::store
