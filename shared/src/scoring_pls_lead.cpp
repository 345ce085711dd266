// Predictive scoring on stored leads: the lead's variables, closed state and the managers' settings.
#include "tumen/scoring_pls_lead.hpp"

#include <algorithm>
#include <string_view>
#include <tuple>

#include "tumen/email_phone.hpp"

namespace tumen::scoring {

const std::vector<std::string>& pls_available_fields() {
    static const std::vector<std::string> fields = {"country",   "state",       "email_state", "phone_state", "source_id",
                                                    "medium_id", "campaign_id", "lang",        "tag_ids"};
    return fields;
}

void to_json(nlohmann::json& j, const PlsSettings& s) {
    j = {{"fields", s.fields},
         {"start_date", s.start_date ? nlohmann::json(format_date(*s.start_date)) : nlohmann::json()},
         {"available_fields", pls_available_fields()},
         {"model", s.model},
         {"version", s.version}};
}

FieldErrors apply_patch(PlsSettings& s, const nlohmann::json& patch) {
    FieldErrors fe;
    if (auto it = patch.find("fields"); it != patch.end()) {
        const auto& all = pls_available_fields();
        std::vector<std::string> fields;
        bool ok = it->is_array();
        if (ok)
            for (const auto& f : *it) {
                if (!f.is_string() || std::find(all.begin(), all.end(), f.get<std::string>()) == all.end()) {
                    ok = false;
                    break;
                }
                if (std::find(fields.begin(), fields.end(), f.get<std::string>()) == fields.end())
                    fields.push_back(f.get<std::string>());
            }
        if (ok) s.fields = std::move(fields);
        else fe.add("fields", "must be a list of scoring fields (see available_fields)", "error.invalid");
    }
    if (auto it = patch.find("start_date"); it != patch.end()) {
        if (it->is_null() || (it->is_string() && it->get<std::string>().empty())) s.start_date.reset();
        else if (auto day = it->is_string() ? parse_date(it->get<std::string>()) : std::nullopt) s.start_date = *day;
        else fe.add("start_date", "must be a date (YYYY-MM-DD) or null", "error.date");
    }
    if (auto it = patch.find("model"); it != patch.end()) {
        if (it->is_string() && (*it == "nb" || *it == "lr")) s.model = it->get<std::string>();
        else fe.add("model", "must be \"nb\" (naive Bayes) or \"lr\" (logistic regression)", "error.invalid");
    }
    return fe;
}

bool pls_uses_tags(const PlsSettings& settings) {
    return std::find(settings.fields.begin(), settings.fields.end(), std::string_view("tag_ids")) != settings.fields.end();
}

PlsSchema pls_schema(const PlsSettings& settings, std::vector<Stage> stages) {
    std::sort(stages.begin(), stages.end(),
              [](const Stage& a, const Stage& b) { return std::tie(a.sequence, a.id) < std::tie(b.sequence, b.id); });
    PlsSchema schema;
    for (const auto& st : stages) schema.stages.push_back(PlsStage{std::to_string(st.id), st.sequence, st.is_won, st.team_id});
    for (const auto& f : settings.fields)
        if (f != "tag_ids") schema.fields.push_back(f);
    schema.keep_empty = {"email_state", "phone_state"};
    return schema;
}

PlsLeadFields pls_fields(const Lead& lead) {
    PlsLeadFields f;
    f.team_id = lead.team_id;
    f.stage_id = lead.stage_id;
    f.source_id = lead.source_id;
    f.medium_id = lead.medium_id;
    f.campaign_id = lead.campaign_id;
    f.active = lead.active;
    f.probability = lead.probability;
    f.create_date = lead.create_date;
    f.country = lead.address.country;
    f.state = lead.address.state;
    f.email = lead.email;
    f.phone = lead.phone;
    f.lang = lead.lang;
    f.tag_ids = lead.tag_ids;
    return f;
}

std::string email_state(const PlsLeadFields& lead) {
    if (lead.email.empty()) return "";
    return has_valid_email(lead.email) ? "correct" : "incorrect";
}

std::string phone_state(const PlsLeadFields& lead) {
    if (lead.phone.empty()) return "";
    return is_valid_phone(lead.phone) ? "correct" : "incorrect";
}

namespace {

std::optional<std::size_t> stage_index(const PlsSchema& schema, const std::optional<std::int64_t>& stage_id) {
    if (!stage_id) return std::nullopt;
    const std::string key = std::to_string(*stage_id);
    for (std::size_t i = 0; i < schema.stages.size(); ++i)
        if (schema.stages[i].key == key) return i;
    return std::nullopt;
}

std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : std::string(); }

// Asked for every field of every lead a rebuild reads: string_view literals compare sizes before bytes.
std::string field_value(const PlsLeadFields& lead, const std::string& field) {
    using namespace std::string_view_literals;
    if (field == "country"sv) return lead.country;
    if (field == "state"sv) return lead.state;
    if (field == "email_state"sv) return email_state(lead);
    if (field == "phone_state"sv) return phone_state(lead);
    if (field == "source_id"sv) return id_text(lead.source_id);
    if (field == "medium_id"sv) return id_text(lead.medium_id);
    if (field == "campaign_id"sv) return id_text(lead.campaign_id);
    if (field == "lang"sv) return lead.lang;
    return "";
}

}  // namespace

PlsOutcome pls_outcome(const PlsLeadFields& lead, const PlsSchema& schema) {
    auto idx = stage_index(schema, lead.stage_id);
    if (idx && schema.stages[*idx].is_won && lead.probability >= 100) return PlsOutcome::won;
    if (!lead.active && lead.probability == 0) return PlsOutcome::lost;
    return PlsOutcome::open;
}

bool pls_counts(const PlsLeadFields& lead, const PlsSettings& settings) {
    return !settings.start_date || lead.create_date >= start_of_day(*settings.start_date);
}

PlsLead pls_lead(const PlsSchema& schema, const PlsSettings& settings, const PlsLeadFields& lead) {
    PlsLead out;
    out.team = lead.team_id.value_or(0);
    out.stage = stage_index(schema, lead.stage_id);
    out.values.reserve(schema.fields.size());
    for (const auto& f : schema.fields) out.values.push_back(field_value(lead, f));
    if (pls_uses_tags(settings))
        for (auto t : lead.tag_ids) out.tags.push_back(std::to_string(t));
    out.outcome = pls_outcome(lead, schema);
    return out;
}

void to_json(nlohmann::json& j, const PlsExplanation& e) {
    j = {{"base", e.base},
         {"base_kind", e.base_is_team_rate ? "team_rate" : "model_start"},
         {"probability", e.probability},
         {"factors", nlohmann::json::array()}};
    for (const auto& f : e.factors)
        j["factors"].push_back({{"variable", f.variable}, {"value", f.value}, {"log_odds", f.log_odds}, {"points", f.points}});
}

}  // namespace tumen::scoring
