// Quotations in the client: the opportunity form's "Quotations" block (counts, totals, list, New quotation),
// the quotations list (#/quotations, state filter) and the editor (#/quotation/<id>): header fields, the line
// table edited as text (parsed with shared/'s rules, errors named "lines[2].quantity" like the server's), live
// totals from shared/ (the same function the server stores), product search, Save (PATCH with the version
// read; a 409 reloads the current record with a message), Confirm / Send / Cancel / New revision (saving
// first when something changed) and the PDF preview in a new tab.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"
#include "tumen/quotation.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

class AppState;

// One line as the user types it.
struct LineText {
    std::optional<std::int64_t> product_id;
    std::string description, quantity = "1", price, discount, tax;
    bool tax_included = false;
    bool operator==(const LineText&) const = default;
};

struct LeadQuotations {
    std::int64_t lead_id = 0;
    bool loaded = false;
    std::int64_t quotation_count = 0, order_count = 0;
    std::vector<Money> quotation_amounts, order_amounts;
    std::vector<Quotation> items;
};

class QuotesState {
public:
    explicit QuotesState(AppState& app) : io_(app), app_(app) {}
    void reset();
    // A route opened while signed in: loads the list or the editor it shows.
    void on_route(const Route& route);

    // --- the opportunity form's block ---
    void load_for_lead(std::int64_t lead_id);
    const LeadQuotations& for_lead() const { return lead_; }
    // POST {lead_id}; on success opens the editor of the new quotation.
    void create_for_lead(std::int64_t lead_id);

    // --- the list ---
    void load_list(const std::string& state);  // "" = all
    const std::vector<Quotation>& list() const { return list_; }
    const std::string& list_state() const { return list_state_; }

    // --- the editor ---
    void open(std::int64_t id);  // GET; no-op when that quotation is open and unchanged
    std::int64_t open_id() const { return id_; }
    bool loaded() const { return loaded_; }
    const Quotation& current() const { return current_; }  // as the server last sent it
    bool editable() const { return loaded_ && is_editable(current_.state); }
    std::vector<LineText>& lines() { return lines_; }
    const std::vector<LineText>& lines() const { return lines_; }
    std::string& payment_terms() { return payment_terms_; }
    std::string& notes() { return notes_; }
    std::string& validity() { return validity_; }  // "YYYY-MM-DD" or ""
    void add_line();
    void remove_line(std::size_t i);
    void add_product(const Product& p);
    // The lines parsed with shared/'s rules; errors name "lines[i].field".
    Result<std::vector<QuotationLine>> parsed_lines() const;
    // Live totals of what is typed (nullopt while a line does not parse).
    std::optional<Amounts> totals() const;
    bool dirty() const;
    void save();
    void confirm();
    void send();
    void cancel();
    void revise();
    void preview();  // the PDF in a new tab (saved first when dirty)
    bool busy() const { return busy_; }
    const FieldMessages& errors() const { return errors_; }
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }
    void dismiss() { banner_ = {}; notice_ = {}; }

    // --- product search (editor) ---
    std::string& product_query() { return product_query_; }
    void search_products();
    const std::vector<Product>& products() const { return products_; }

private:
    void take(const nlohmann::json& j);  // a quotation reply becomes current + the text fields
    void failed(const HttpResponse& reply);
    // Saves when dirty, then runs `then` (with the fresh version).
    void after_save(std::function<void()> then);
    void action(const std::string& name, nlohmann::json extra = nlohmann::json::object());
    int digits() const;

    SettingsIo io_;
    AppState& app_;
    LeadQuotations lead_;
    std::vector<Quotation> list_;
    std::string list_state_;
    std::int64_t id_ = 0;
    bool loaded_ = false;
    Quotation current_;
    std::vector<LineText> lines_, saved_lines_;
    std::string payment_terms_, notes_, validity_;
    bool busy_ = false;
    FieldMessages errors_;
    Message banner_, notice_;
    std::string product_query_;
    std::vector<Product> products_;
};

// Text of a line as the editor shows it ("2.5", "1,234.50", "5", "10").
LineText line_text(const QuotationLine& l, int minor_digits);
// "1,234.50 ₮"-style total for the UI, in the language's number format.
std::string amount_label(std::int64_t minor, const std::string& currency, i18n::Lang lang);

}  // namespace tumen::client
