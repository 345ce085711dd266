// The change log: one row per committed change, written in the same transaction as the change itself.
// Live updates (SSE with Last-Event-ID replay) and webhooks read it; nothing is broadcast that was not committed.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "store/sqlite.hpp"

namespace tumen::store {

struct ChangeEvent {
    int64_t id = 0;
    int64_t at = 0;
    std::string entity;   // "lead", "stage", ...
    int64_t entity_id = 0;
    std::string action;   // "created", "updated", "moved", "won", "lost", "restored", "archived", "deleted", "merged"
    std::optional<int64_t> team_id;  // for filtering streams by record rules
    std::optional<int64_t> user_id;
    nlohmann::json payload = nlohmann::json::object();
};

int64_t append_change(Connection& c, ChangeEvent e);
std::vector<ChangeEvent> changes_after(Connection& c, int64_t after_id, int limit);

}  // namespace tumen::store
