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
#include "tumen/chatter.hpp"
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

// The list's filters, as in the address (#/quotations?state=sale&invoice_status=to_invoice&lead_id=42) and in the
// API's query.
struct QuoteFilter {
    std::string state;           // "" = all, draft | sent | sale | cancel
    std::string invoice_status;  // "" = all, nothing | to_invoice | invoiced
    std::int64_t lead_id = 0;    // 0 = every opportunity
    bool operator==(const QuoteFilter&) const = default;
    std::string query() const;  // "state=sale&lead_id=42"; "" when nothing is filtered
    static QuoteFilter from_query(std::string_view query);
};
Route quotations_route(const QuoteFilter& f);

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
    void load_list(const QuoteFilter& filter);
    const std::vector<Quotation>& list() const { return list_; }
    const QuoteFilter& list_filter() const { return filter_; }
    const std::string& list_state() const { return filter_.state; }

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
    // A sales order's invoicing status ("nothing" | "to_invoice" | "invoiced"; managers: the server checks).
    void set_invoicing(const std::string& status);

    // --- the editor's chatter (GET .../messages, newest first) ---
    // Loads the open quotation's chatter when it is not loaded for its current version (the view calls this
    // every frame; a state change adds a message and a version, so the chatter follows).
    void ensure_chatter();
    const std::vector<ChatterMessage>& chatter() const { return chatter_; }
    bool chatter_loading() const { return chatter_loading_; }
    // Older messages, a page at a time, below the loaded ones (a long-lived order's history exceeds one page).
    bool chatter_has_more() const { return chatter_more_; }
    void load_more_chatter();
    std::string author_of(const ChatterMessage& m) const;

    // --- live updates: a "quotation" event (id, version) from the event stream ---
    // The open quotation changed elsewhere: loaded again when nothing is typed, else a banner and the edits stay
    // (saving then gets the 409 with the current record). The list reloads when it shows that quotation.
    void apply_live(std::int64_t id, std::optional<std::int64_t> version);
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
    QuoteFilter filter_;
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
    std::vector<ChatterMessage> chatter_;
    std::int64_t chatter_for_id_ = 0, chatter_for_version_ = -1;
    bool chatter_loading_ = false, people_requested_ = false, chatter_more_ = false;
    std::vector<std::pair<std::int64_t, std::string>> people_;  // the user directory, for authors' names
};

// Text of a line as the editor shows it ("2.5", "1,234.50", "5", "10").
LineText line_text(const QuotationLine& l, int minor_digits);
// Basis points as the percent a person types (500 -> "5", 1250 -> "12.5", 0 -> "") and back ("12,5" -> 1250,
// "" -> 0; nullopt outside 0..100 or not a number). Quotation lines and products share them.
std::string bp_percent_text(std::int32_t bp);
std::optional<std::int32_t> parse_bp_percent(const std::string& text);
// "1,234.50 ₮"-style total for the UI, in the language's number format.
std::string amount_label(std::int64_t minor, const std::string& currency, i18n::Lang lang);

}  // namespace tumen::client
