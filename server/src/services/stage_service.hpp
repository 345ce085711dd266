// Pipeline stages: list (all, or one team's pipeline), add, rename/fold/edit with optimistic versions, reorder
// by drag (sequence), delete only when no lead (archived ones included) is in the stage.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "caller.hpp"
#include "store/database.hpp"
#include "tumen/stage.hpp"

namespace tumen::server {

class StageService {
public:
    explicit StageService(store::Database& db) : db_(db) {}

    // Every stage in board order, or the pipeline of `team_id` (shared stages + the team's own).
    Result<std::vector<Stage>> list(std::optional<int64_t> team_id);
    Result<Stage> get(int64_t id);
    Result<Stage> create(const Caller& caller, const nlohmann::json& body);
    Result<Stage> edit(const Caller& caller, int64_t id, const nlohmann::json& patch);  // patch carries "version"
    Result<bool> remove(const Caller& caller, int64_t id);
    // {"ids": [...]}: the stages in their new order get sequence 1, 2, 3 ...; returns every stage in board order.
    Result<std::vector<Stage>> reorder(const Caller& caller, const nlohmann::json& body);

private:
    store::Database& db_;
};

}  // namespace tumen::server
