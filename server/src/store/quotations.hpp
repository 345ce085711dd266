// Products, quotations and their lines in SQLite. Callers hold a transaction for every write; versions are
// checked by update (false = stale). Record rules for quotations: quotation_rule_sql().
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "caller.hpp"
#include "store/record_rules.hpp"
#include "store/sqlite.hpp"
#include "tumen/quotation.hpp"

namespace tumen::store {

// ---- products
std::optional<Product> find_product(Connection& c, int64_t id);
// Active ones by default; `text` matches name or code (folded, contains).
std::vector<Product> search_products(Connection& c, const std::string& text, bool include_archived, int limit);
void insert_product(Connection& c, Product& p);  // sets id, version 1
bool update_product(Connection& c, Product& p);  // false = stale; bumps p.version
void delete_product(Connection& c, int64_t id);  // lines keep their text, lose the link

// ---- quotations
// A quotation on a lead follows the lead's record rules; one without a lead is seen by its salesperson, by
// sales_all/manager/admin, and (sales_own) when it is unassigned. Over alias `q`.
SqlFragment quotation_rule_sql(const server::Caller& caller);

std::optional<Quotation> find_quotation(Connection& c, int64_t id);
bool quotation_visible(Connection& c, int64_t id, const SqlFragment& scope);

struct QuotationQuery {
    std::optional<QuotationState> state;
    std::optional<InvoiceStatus> invoice_status;
    std::optional<int64_t> partner_id, lead_id, user_id;
    int limit = 100;
    int64_t before_id = 0;  // keyset: ids below this one (newest first)
};
// Without lines (list rows carry the header and amounts).
std::vector<Quotation> search_quotations(Connection& c, const QuotationQuery& q, const SqlFragment& scope);

// Next number of `year` ("S2026-0042"), allocated in the caller's transaction.
std::string next_quotation_number(Connection& c, int32_t year);
void insert_quotation(Connection& c, Quotation& q, std::optional<int64_t> created_by);  // sets ids, version 1
bool update_quotation(Connection& c, Quotation& q);  // header + lines; false = stale; bumps q.version

// Counts and sums for one lead, over the quotations the caller may see.
struct LeadQuotationSummary {
    int64_t quotation_count = 0;  // draft + sent
    int64_t order_count = 0;      // sale
    std::vector<Money> quotation_amounts;  // per currency
    std::vector<Money> order_amounts;
};
LeadQuotationSummary lead_quotation_summary(Connection& c, int64_t lead_id, const SqlFragment& scope);

// Sales orders marked invoiced in [from, to), per currency (untaxed amounts, as Odoo's invoicing target counts
// them), over the quotations the caller may see; one team's or every team's. Feeds the dashboard's monthly target.
struct InvoicedSum {
    std::string currency;
    int64_t amount = 0;  // minor units, untaxed
    int64_t count = 0;
};
std::vector<InvoicedSum> invoiced_between(Connection& c, Timestamp from, Timestamp to, std::optional<int64_t> team_id,
                                          const SqlFragment& scope);

// Settings row quotations.confirm_wins ("1" default, "0" off).
bool confirm_wins_lead(Connection& c);

}  // namespace tumen::store
