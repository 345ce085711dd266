// The lead/opportunity record (F-CORE) and its JSON mapping. Field names on the wire are the member names.
// Lifecycle changes (stage moves, won, lost, convert, merge) go through lead_lifecycle.hpp, not direct writes.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/address.hpp"
#include "tumen/datetime.hpp"
#include "tumen/error.hpp"
#include "tumen/money.hpp"

namespace tumen {

enum class LeadType { lead, opportunity };
std::string_view to_string(LeadType type);

inline constexpr int max_priority = 3;  // 0..3 stars (Low, Medium, High, Very High)

// One scoring rule's share of a lead's score (tumen/scoring_rules.hpp computes them; "+20 country = MN").
struct ScoreReason {
    std::int64_t rule_id = 0;
    std::string name;
    std::int64_t points = 0;
    bool operator==(const ScoreReason&) const = default;
};

struct Lead {
    std::int64_t id = 0;  // 0 = not stored yet
    LeadType type = LeadType::lead;
    std::string name;          // title, required
    std::string contact_name;  // person
    std::string partner_name;  // company
    std::optional<std::int64_t> partner_id;  // linked contact
    std::string email;         // as typed ("Name <a@b.mn>" allowed); see email_phone.hpp for the normal form
    std::string phone;
    std::string mobile;
    std::string website;
    Address address;           // street, city, state, zip, country on the wire
    std::string lang;          // "mn", "en", "en_US"
    std::optional<std::int64_t> user_id;  // salesperson; nullopt = unassigned
    std::optional<std::int64_t> team_id;
    std::optional<std::int64_t> stage_id;
    int priority = 0;
    std::vector<std::int64_t> tag_ids;
    Money expected_revenue;
    double probability = 0;            // 0..100, what the user sees and reports weigh with
    double automated_probability = 0; // from scoring (PLS); probability follows it unless manual
    bool probability_manual = false;   // true once a user set probability by hand
    std::optional<DayNumber> date_deadline;  // expected closing date
    std::optional<std::int64_t> source_id;
    std::optional<std::int64_t> medium_id;
    std::optional<std::int64_t> campaign_id;
    std::string description;
    Timestamp create_date = 0;
    Timestamp write_date = 0;
    std::optional<Timestamp> date_open;        // when a salesperson was assigned (assignment capacity counts it)
    std::optional<Timestamp> date_conversion;  // lead -> opportunity
    std::optional<Timestamp> date_closed;      // won or lost
    std::optional<Timestamp> date_last_stage_update;
    std::optional<std::int64_t> lost_reason_id;
    std::string lost_note;
    bool active = true;
    std::vector<std::int64_t> follower_ids;  // user ids
    std::int64_t score = 0;                      // sum of the matching scoring rules (set by the store on write)
    std::vector<ScoreReason> score_explanation;  // those rules, in rule order
    std::int64_t version = 0;  // bumped by the store on every write

    bool operator==(const Lead&) const = default;
};

// `json j = lead;` writes every field (system fields included).
void to_json(nlohmann::json& j, const Lead& lead);

// A full record (as the server sends it): every field may be present, unknown fields and bad values are
// reported one FieldError each; `name` is required.
Result<Lead> lead_from_json(const nlohmann::json& j);

// Applies the writable fields of a PATCH/create body to `lead`. System fields (create_date, write_date,
// date_closed, date_open, date_conversion, date_last_stage_update, automated_probability) are read-only
// errors; `id` and `version` are ignored. On error `lead` may be partly changed: apply to a copy.
FieldErrors apply_patch(Lead& lead, const nlohmann::json& patch);

// Every field rule plus the record rules, for records built in C++ (import, demo data).
FieldErrors validate(const Lead& lead);

}  // namespace tumen
