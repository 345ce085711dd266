// Products and quotations / sales orders (issue 10, SPEC F-QUOTE).
//
// Rights: products are read by every internal user and written by managers (endpoint access); a quotation
// follows its opportunity's record rules, else its salesperson (store::quotation_rule_sql); outside them 404.
// Every write is one transaction (quotation, lines, chatter on the quotation and the lead, the lead's own change,
// the outbox row); a rule broken half-way throws the error out so the whole transaction rolls back.
//
// Decisions: the order amount of an opportunity is derived, never copied onto the lead: lead_summary() sums its
// confirmed orders (per currency). Confirming wins the opportunity (setting quotations.confirm_wins, default on)
// through mark_won, the same rule as the board's Won button. A draft and a sent quotation are editable; an order
// and a cancelled one are locked (422 on "state"). A new revision cancels the old record and copies it as a
// draft with the same number and revision + 1.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caller.hpp"
#include "services/mail_service.hpp"
#include "store/database.hpp"
#include "store/quotations.hpp"
#include "tumen/chatter.hpp"

namespace tumen::server {

struct QuotationPdf {
    std::string file_name;
    std::string bytes;
};

class QuotationService {
public:
    QuotationService(store::Database& db, MailService& mail) : db_(db), mail_(mail) {}

    Result<std::vector<Product>> products(const std::string& text, bool include_archived, int limit);
    Result<Product> product_get(int64_t id);
    Result<Product> product_create(const Caller& caller, const nlohmann::json& body);
    Result<Product> product_update(const Caller& caller, int64_t id, const nlohmann::json& patch);  // with version
    Result<bool> product_delete(const Caller& caller, int64_t id);

    Result<std::vector<Quotation>> search(const Caller& caller, const store::QuotationQuery& q);
    Result<Quotation> get(const Caller& caller, int64_t id);
    // From an opportunity (lead_id: customer, salesperson, team and currency come from it; a customer contact is
    // created from the lead when it has none) or for a customer (partner_id).
    Result<Quotation> create(const Caller& caller, const nlohmann::json& body);
    Result<Quotation> edit(const Caller& caller, int64_t id, const nlohmann::json& patch);  // with version
    Result<Quotation> confirm(const Caller& caller, int64_t id, const nlohmann::json& body);
    Result<Quotation> cancel(const Caller& caller, int64_t id, const nlohmann::json& body);
    Result<Quotation> revise(const Caller& caller, int64_t id, const nlohmann::json& body);  // the new revision
    // {version, to?, subject?, body?}: subject/body may use {number} {customer} {amount} {company} {salesperson}
    // {validity}; defaults from the catalog in the customer's language. The PDF is attached.
    Result<Quotation> send(const Caller& caller, int64_t id, const nlohmann::json& body);
    Result<Quotation> set_invoicing(const Caller& caller, int64_t id, const nlohmann::json& body);
    Result<QuotationPdf> pdf(const Caller& caller, int64_t id);
    // {"items": quotations of the lead, "quotation_count", "order_count", "quotation_amounts", "order_amounts"}.
    Result<nlohmann::json> lead_summary(const Caller& caller, int64_t lead_id);
    Result<std::vector<ChatterMessage>> messages(const Caller& caller, int64_t id, int limit, int64_t before_id);

private:
    using Step = std::function<void(store::Connection&, Quotation&, Timestamp)>;
    // Loads the visible quotation, checks the version and runs `step` on it inside one transaction.
    Result<Quotation> change(const Caller& caller, int64_t id, const nlohmann::json& body, const Step& step);
    store::Database& db_;
    MailService& mail_;
};

}  // namespace tumen::server
