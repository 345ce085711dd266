// Leads in SQLite: row mapping, folded and full-text copies, tags and followers, optimistic versions.
// Callers hold a transaction (Database::write) for every write; reads take a connection.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/record_rules.hpp"
#include "store/sqlite.hpp"
#include "tumen/lead.hpp"

namespace tumen::store {

std::optional<Lead> find_lead(Connection& c, int64_t id);
// Many leads by id, in the order given (missing ids are skipped).
std::vector<Lead> find_leads(Connection& c, const std::vector<int64_t>& ids);
bool lead_visible(Connection& c, int64_t id, const SqlFragment& scope);

// Inserts `lead` (id 0) and sets its id and version 1.
void insert_lead(Connection& c, Lead& lead);
// The same without the full-text row, which the caller writes with write_new_lead_fts before committing. Bulk
// writers (import) do that for a whole batch at once: FTS5 indexes a run of rows about twice as fast as rows
// interleaved with the leads table's own inserts (bench/README.md, import).
// `pls`: the batch's predictive context (store/predictive.hpp), made once per transaction by a bulk writer;
// nullptr makes one for this lead.
struct PlsWriteContext;
// The columns derived from a lead's text: folded and normalised copies, and its full-text row. Pure work that a
// bulk writer computes on its converting thread (lead_text_of) and hands over, so the writing thread only binds
// it; nullptr computes it here. It reads only the lead's text fields, which scoring and prediction never change.
struct LeadText {
    std::string name_fold, contact_name_fold, partner_name_fold, email_norm, phone_norm;
    bool email_is_corporate = false;
    std::string fts_name, fts_contact_name, fts_partner_name, fts_email, fts_phone, fts_description;
};
LeadText lead_text_of(const Lead& lead);
// `probabilities`: ProbabilityRow::now writes the lead's lead_probabilities row after it (its trigger counts the
// lead); ProbabilityRow::by_caller leaves it to a bulk writer, which writes its batch's rows with
// store::insert_paused_probabilities (store/lead_insert_totals) before anything reads or changes these leads.
enum class ProbabilityRow { now, by_caller };
void insert_lead_row(Connection& c, Lead& lead, PlsWriteContext* pls = nullptr, const LeadText* text = nullptr,
                     ProbabilityRow probabilities = ProbabilityRow::now);
void write_new_lead_fts(Connection& c, const Lead& lead, const LeadText* text = nullptr);
// Writes `lead` if the stored version is `lead.version`; then bumps lead.version. False = stale version.
bool update_lead(Connection& c, Lead& lead);
void delete_lead(Connection& c, int64_t id);

// The SELECT list and FROM clause used by every lead query (so every path maps rows the same way).
const std::string& lead_select_sql();
Lead read_lead_row(Statement& s);  // columns of lead_select_sql(); tags and followers are loaded separately
void load_lead_relations(Connection& c, std::vector<Lead>& leads);

// User text → a safe FTS5 MATCH expression over the folded index ('' if nothing to search).
std::string fts_query(const std::string& user_text);

}  // namespace tumen::store
