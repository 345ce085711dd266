// One lead event of the live stream (GET /api/v1/events), as the board, the list and the lead form apply it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace tumen::client {

struct LiveLead {
    std::int64_t id = 0;
    std::string action;                 // created, updated, moved, won, lost, archived, deleted, hidden, message, ...
    std::int64_t version = 0;           // the lead's version now (0 when it is gone)
    std::optional<nlohmann::json> lead;  // its board and list fields; none when it is gone
    std::optional<std::int64_t> by;     // the user who made the change

    bool gone() const { return action == "deleted" || !lead; }
    // Chatter activity: the record itself did not change.
    bool chatter_only() const { return action == "message" || action == "attached" || action == "detached"; }
};

// The `data` of a lead event; nullopt for other entities or malformed data.
std::optional<LiveLead> parse_live_lead(const nlohmann::json& data);

}  // namespace tumen::client
