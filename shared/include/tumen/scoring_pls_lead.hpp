// Predictive scoring applied to stored leads: which lead fields can be PLS variables, how a Lead becomes a
// PlsLead, its closed state, the managers' settings, and the per-factor explanation the lead form shows.
// Pure functions; the server (store/predictive.*) keeps the frequency rows and calls these inside lead writes.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/error.hpp"
#include "tumen/lead.hpp"
#include "tumen/scoring_predictive.hpp"
#include "tumen/stage.hpp"

namespace tumen::scoring {

// Fields a manager may pick (Odoo's crm.lead.scoring.frequency.field whitelist, in our names). "tag_ids"
// means the tag rows (with the 50-closed-leads threshold); stage and team are always used.
const std::vector<std::string>& pls_available_fields();

struct PlsSettings {
    std::vector<std::string> fields = {"country", "email_state", "phone_state", "source_id"};
    std::optional<DayNumber> start_date;  // only leads created on or after it count; nullopt = every lead
    std::string model = "nb";             // which model sets open leads' probability: "nb" (Odoo's) or "lr" (ours)
    std::int64_t version = 1;
    bool operator==(const PlsSettings&) const = default;
};
void to_json(nlohmann::json& j, const PlsSettings& s);
// Applies {fields, start_date, model} of a PATCH body; 422 naming the field for unknown fields, a bad date or model.
FieldErrors apply_patch(PlsSettings& s, const nlohmann::json& patch);

// The schema over every stage (ordered by sequence, then id, so stages[0] carries the team totals) and the
// chosen fields besides tags; email_state and phone_state keep their empty value, as in Odoo.
PlsSchema pls_schema(const PlsSettings& settings, std::vector<Stage> stages);
bool pls_uses_tags(const PlsSettings& settings);

// What predictive scoring reads of a lead and nothing more (a Lead is ~1 KB): the rebuild reads only these
// columns of a million leads; a lead write passes pls_fields(lead). The functions below take these fields, so
// both go through one code path and cannot disagree.
struct PlsLeadFields {
    std::optional<std::int64_t> team_id, stage_id, source_id, medium_id, campaign_id;
    bool active = true;
    double probability = 0;
    Timestamp create_date = 0;
    std::string country, state, email, phone, lang;
    std::vector<std::int64_t> tag_ids;
};
PlsLeadFields pls_fields(const Lead& lead);

// "correct" when one of its addresses / the number is valid, "incorrect" when not, "" when empty.
std::string email_state(const PlsLeadFields& lead);
std::string phone_state(const PlsLeadFields& lead);

// won: in a won stage at 100 %; lost: inactive at 0 %; anything else open (lead_lifecycle's won_status).
PlsOutcome pls_outcome(const PlsLeadFields& lead, const PlsSchema& schema);
// Whether the lead takes part at all (created on or after the start date).
bool pls_counts(const PlsLeadFields& lead, const PlsSettings& settings);
PlsLead pls_lead(const PlsSchema& schema, const PlsSettings& settings, const PlsLeadFields& lead);

void to_json(nlohmann::json& j, const PlsExplanation& e);

}  // namespace tumen::scoring
