// Schema migrations. Append new ones at the end; never edit one that has shipped.
#include <array>
#include <string_view>

#include "store/database.hpp"
#include "store/migration_list.hpp"

namespace tumen::store {


namespace {

// Applied in this order; `PRAGMA user_version` counts how many have run.
constexpr std::array migrations = {  // size deduced: appending needs no count
    &migration::users_sessions,
    &migration::crm_core,
    &migration::security,
    &migration::lead_limits,
    &migration::lead_totals,
    &migration::api_key_expiry,
    &migration::jobs_scoring,
    &migration::mail,
    &migration::sms,
    &migration::webhooks,
    &migration::web_form,
    &migration::mail_files,
    &migration::meetings,
    &migration::quotations,
    &migration::activities,
    &migration::activity_digest,
    &migration::predictive,
    &migration::quotation_invoiced_at,
    &migration::analysis_totals,
    &migration::predictive_models,
    &migration::saved_searches,
    &migration::totals_pause,
    &migration::board_index,
    &migration::insert_totals_pause,
    &migration::leads_index_trim,
    &migration::fk_child_indexes,
    &migration::lead_probabilities,
    &migration::currencies,
    &migration::leads_fts_hashsize,
};

}  // namespace

int latest_schema_version() { return static_cast<int>(migrations.size()); }

void migrate(Connection& c) {
    c.exec("BEGIN IMMEDIATE");
    try {
        int version = static_cast<int>(c.prepare("PRAGMA user_version").scalar_int());
        if (version > latest_schema_version())
            throw SqlError(SQLITE_ERROR, "database schema version " + std::to_string(version) +
                                             " is newer than this server (" + std::to_string(latest_schema_version()) + ")");
        for (int v = version; v < latest_schema_version(); ++v) c.exec(*migrations[static_cast<size_t>(v)]);
        c.exec("PRAGMA user_version=" + std::to_string(latest_schema_version()));
        c.exec("COMMIT");
    } catch (...) {
        c.exec("ROLLBACK");
        throw;
    }
}

}  // namespace tumen::store
