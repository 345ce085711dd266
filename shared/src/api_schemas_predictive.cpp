// JSON Schemas of predictive lead scoring (settings, explanation) and automatic assignment (settings, runs, log).
#include "api_schema_parts.hpp"

namespace tumen::api {

using namespace schema;

json predictive_schemas() {
    json fields = {{"type", "array"}, {"items", t("string")},
                   {"description", "scoring variables besides stage: country, state, email_state, phone_state, "
                                   "source_id, medium_id, campaign_id, lang, tag_ids"}};
    json start = nullable({{"type", "string"}, {"format", "date"},
                           {"description", "only leads created on or after it count; null = every lead"}});
    json model = {{"type", "string"}, {"enum", {"nb", "lr"}},
                  {"description", "which model sets open leads' probability: nb = Odoo's naive Bayes, lr = our "
                                  "logistic regression (trained by the rebuild job)"}};
    json quality = obj({{"model", {{"type", "string"}, {"enum", {"nb", "lr"}}}},
                        {"team_id", {{"type", "integer"}, {"description", "0 = all teams together"}}},
                        {"cases", {{"type", "number"}, {"description", "holdout leads (id % 10 >= 7) x stages reached"}}},
                        {"won", t("number")}, {"auc", nullable(t("number"))},
                        {"brier", nullable({{"type", "number"}, {"description", "lower is better"}})},
                        {"evaluated_at", t("integer")}},
                       {"model", "team_id", "cases", "won", "auc", "brier"});
    json settings = obj({{"fields", fields}, {"start_date", start}, {"available_fields", array_of(t("string"))},
                         {"model", model}, {"version", t("integer")},
                         {"lr_trained_at", nullable({{"type", "integer"}, {"description", "when the rebuild last trained the logistic regression"}})},
                         {"quality", {{"type", "array"}, {"items", quality},
                                      {"description", "both models on the last rebuild's holdout"}}},
                         {"rebuild", obj({{"phase", t("string")}, {"after_id", t("integer")}})},
                         {"rows", {{"type", "integer"}, {"description", "frequency rows stored"}}}},
                        {"fields", "start_date", "version"});
    json factor = obj({{"variable", t("string")}, {"value", t("string")},
                       {"log_odds", t("number")},
                       {"points", {{"type", "number"}, {"description", "percentage points this factor adds"}}}},
                      {"variable", "value", "points"});
    json explanation = obj({{"base", {{"type", "number"}, {"description", "the team's won share of closed leads, %"}}},
                            {"probability", t("number")}, {"factors", array_of(factor)}},
                           {"base", "probability", "factors"});
    json assign_settings = obj({{"interval_minutes", {{"type", "integer"}, {"description", "0 = only on demand"}}},
                                {"delay_hours", {{"type", "integer"}, {"description", "leads younger than this wait"}}},
                                {"version", t("integer")}},
                               {"interval_minutes", "delay_hours", "version"});
    json log_row = obj({{"id", t("integer")}, {"run_at", t("integer")}, {"lead_id", t("integer")},
                        {"team_id", nullable(t("integer"))}, {"user_id", nullable(t("integer"))},
                        {"rule", {{"type", "string"}, {"description", "what decided it: team domain, weighted draw, "
                                                                      "member preferred/domain, round robin"}}},
                        {"forced", t("boolean")},
                        {"lead_name", nullable({{"type", "string"},
                                                {"description", "the lead's name now; null once it is deleted or merged away"}})}},
                       {"id", "lead_id", "rule"});
    return {
        {"PredictiveSettings", settings},
        {"PredictiveSettingsPatch", obj({{"fields", fields}, {"start_date", start}, {"model", model}, {"version", t("integer")}}, {"version"})},
        {"PredictiveRebuild", obj({{"job_id", t("integer")}}, {"job_id"})},
        {"ProbabilityExplanation",
         obj({{"lead_id", t("integer")}, {"probability", t("number")}, {"automated_probability", t("number")},
              {"probability_manual", t("boolean")}, {"explanation", nullable(explanation)}},
             {"lead_id", "probability", "automated_probability", "probability_manual", "explanation"})},
        {"AssignmentSettings", assign_settings},
        {"AssignmentSettingsPatch", obj({{"interval_minutes", t("integer")}, {"delay_hours", t("integer")},
                                         {"version", t("integer")}}, {"version"})},
        {"AssignmentRunInput", obj({{"force_quota", {{"type", "boolean"},
                                                      {"description", "ignore the daily part of the quota (Assign now)"}}}})},
        {"AssignmentRun", obj({{"team_assigned", t("integer")}, {"member_assigned", t("integer")},
                               {"merged", {{"type", "integer"},
                                           {"description", "duplicate candidates merged into another before the team step"}}},
                               {"items", array_of(ref("AssignmentLogRow"))}}, {"team_assigned", "member_assigned"})},
        {"AssignmentLogRow", log_row},
        {"AssignmentLog", obj({{"items", array_of(ref("AssignmentLogRow"))}}, {"items"})},
    };
}

}  // namespace tumen::api
