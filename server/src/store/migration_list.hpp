// The ordered list of schema migrations. Each lives in its own file (schema_*.cpp) as a SQL string;
// migrations.cpp applies them in this order. Append at the end; never edit or reorder a shipped one.
// A migration that rebuilds `leads` drops its triggers: it must create the lead_totals and analysis_totals
// triggers again (the update ones with totals_pause's guard, the insert ones with insert_totals_pause's).
// Since lead_probabilities the insert triggers are on that table, and leads' own read it (see that migration).
#pragma once
#include <string_view>

namespace tumen::store::migration {
extern const std::string_view users_sessions;
extern const std::string_view crm_core;
extern const std::string_view security;
extern const std::string_view lead_limits;
extern const std::string_view lead_totals;
extern const std::string_view api_key_expiry;
extern const std::string_view jobs_scoring;
extern const std::string_view mail;
extern const std::string_view sms;
extern const std::string_view webhooks;
extern const std::string_view web_form;
extern const std::string_view mail_files;
extern const std::string_view meetings;
extern const std::string_view quotations;
extern const std::string_view activities;
extern const std::string_view activity_digest;
extern const std::string_view predictive;
extern const std::string_view quotation_invoiced_at;
extern const std::string_view analysis_totals;
extern const std::string_view predictive_models;
extern const std::string_view saved_searches;
extern const std::string_view totals_pause;
extern const std::string_view board_index;
extern const std::string_view insert_totals_pause;
extern const std::string_view leads_index_trim;
extern const std::string_view fk_child_indexes;
extern const std::string_view lead_probabilities;
extern const std::string_view currencies;
extern const std::string_view leads_fts_hashsize;
}  // namespace tumen::store::migration
