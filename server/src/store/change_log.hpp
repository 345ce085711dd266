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

// The retained window: ids of the oldest and newest rows (0, 0 when the log is empty).
struct ChangeWindow {
    int64_t oldest = 0;
    int64_t newest = 0;
};
ChangeWindow change_window(Connection& c);

// Bounds the log: deletes rows beyond the newest `keep_rows` and rows older than `older_than` (unix seconds),
// but always keeps the newest row, so ids keep growing (the table has no AUTOINCREMENT). Returns rows deleted.
int64_t prune_changes(Connection& c, int64_t keep_rows, int64_t older_than);

}  // namespace tumen::store
