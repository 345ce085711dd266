// Live events: change-log rows made ready for server-sent-event streams. Each row is read and dressed once (the hub
// does it for every stream at the same time): lead rows carry the lead's board and list fields as they are now and
// the facts the record rules need, so a stream only has to ask "may this caller see it?" in memory.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caller.hpp"
#include "store/record_rules.hpp"
#include "store/sqlite.hpp"

namespace tumen::server::live {

struct LiveEvent {
    int64_t id = 0;                   // change_log id = the SSE id (Last-Event-ID)
    std::string entity;               // "lead", "stage", "team", "contact", "import", ...
    std::string action;               // "created", "moved", "won", ...
    int64_t entity_id = 0;
    std::optional<int64_t> team_id;
    std::optional<int64_t> user_id;   // the change log's user_id (leads: the salesperson; imports: who ran it)
    // Lead events: the lead as it was when the row was read (or as logged, when it is gone), for the record rules.
    std::optional<store::LeadAccessFacts> lead;
    std::string frame;                // the SSE text, "id: ...\nevent: ...\ndata: ...\n\n"
    // A lead moved to another salesperson or team: the facts as they were, and the frame ("lead.hidden", the id
    // only) for those who could see it before and cannot now, so their boards and lists drop it.
    std::optional<store::LeadAccessFacts> lead_before;
    std::string hidden_frame;
    // What a kiosk receives: the same event without the contact's name, e-mail and phone (a wall display in a
    // lobby shows deals, not people's details). Empty for non-lead events (kiosks get `frame`).
    std::string kiosk_frame;
    // Quotation events: who may read the quotation (store/quotations.cpp quotation_rule_sql, as facts).
    struct QuotationAccess {
        bool has_lead = false;
        std::optional<store::LeadAccessFacts> lead;  // its opportunity's facts (nullopt: gone)
        std::optional<int64_t> user_id, team_id;     // the quotation's salesperson and team (no opportunity)
    };
    std::optional<QuotationAccess> quotation;
};

// The lead fields a kiosk's board card may show (lead_event_fields without contact details).
const std::vector<std::string>& kiosk_card_fields();

// The lead fields an event carries: what a board card and a list row show.
const std::vector<std::string>& lead_event_fields();

// Change-log rows after `after_id` (at most `limit`), in id order, made into events.
std::vector<LiveEvent> load_events(store::Connection& c, int64_t after_id, int limit);

// Whether `caller` may receive `e`: leads by the same record rules as reads (kiosk tokens: leads of their teams),
// contacts and settings lists for internal users, an import's batch for the user who ran it, a quotation to those
// who may read it; anything else only for administrators (fail closed).
bool visible_to(const LiveEvent& e, const Caller& caller);

// What `caller` receives of `e`: its frame, the id-only "lead.hidden" frame when the lead left the caller's sight
// with this change, or nullptr.
const std::string* frame_for(const LiveEvent& e, const Caller& caller);

// SSE framing. `data` is one line of JSON (dump() escapes every newline).
std::string sse_frame(int64_t id, std::string_view event, const nlohmann::json& data);
std::string sse_comment(std::string_view text);

}  // namespace tumen::server::live
