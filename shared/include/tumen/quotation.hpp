// Products and quotations / sales orders (F-QUOTE, Odoo sale_crm). Money is int64 minor units; quantities are
// integer thousandths ("milli-units"); discounts and taxes are integer basis points (1500 = 15 %).
//
// The one rounding rule (client and server both call quotation_totals, so they cannot disagree):
//   per line, every amount is rounded to minor units half away from zero, then the lines are summed.
//   tax excluded: untaxed = round(qty × price × (1 − discount));  tax = round(untaxed × rate);  total = untaxed + tax
//   tax included: total   = round(qty × price × (1 − discount));  untaxed = round(total / (1 + rate)); tax = total − untaxed
// Intermediate products are exact (128-bit); a result outside int64 is an error naming the line.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/error.hpp"
#include "tumen/money.hpp"

namespace tumen {

inline constexpr std::int64_t quantity_scale = 1000;  // quantity 1 = 1000
inline constexpr std::int32_t bp_scale = 10000;       // 100 % = 10000 basis points
inline constexpr std::size_t max_quotation_lines = 1000;

struct Product {
    std::int64_t id = 0;
    std::string name;         // required
    std::string code;         // internal reference
    std::string description;  // default line description
    std::string uom = "Unit";
    Money price;              // sales price per unit
    std::int32_t tax_bp = 0;  // 0..10000
    bool tax_included = false;
    bool active = true;
    Timestamp create_date = 0;
    Timestamp write_date = 0;
    std::int64_t version = 0;
    bool operator==(const Product&) const = default;
};

void to_json(nlohmann::json& j, const Product& p);
Result<Product> product_from_json(const nlohmann::json& j);
FieldErrors apply_patch(Product& p, const nlohmann::json& patch);

enum class QuotationState { draft, sent, sale, cancel };
enum class InvoiceStatus { nothing, to_invoice, invoiced };
std::string_view to_string(QuotationState s);
std::string_view to_string(InvoiceStatus s);
std::optional<QuotationState> quotation_state_from(std::string_view s);
std::optional<InvoiceStatus> invoice_status_from(std::string_view s);

struct QuotationLine {
    std::int64_t id = 0;
    std::optional<std::int64_t> product_id;  // none = free text line
    std::string description;                 // required
    std::int64_t quantity = quantity_scale;  // milli-units, 0..10^12
    std::int64_t price_unit = 0;             // minor units, may be negative (a rebate line)
    std::int32_t discount_bp = 0;            // 0..10000
    std::int32_t tax_bp = 0;                 // 0..10000
    bool tax_included = false;
    bool operator==(const QuotationLine&) const = default;
};

struct Amounts {
    std::int64_t untaxed = 0;
    std::int64_t tax = 0;
    std::int64_t total = 0;
    bool operator==(const Amounts&) const = default;
};

struct Quotation {
    std::int64_t id = 0;
    std::string number;      // "S2026-0042", given by the server
    std::int32_t revision = 0;                // 0 = the first version; a new revision is a new record
    std::optional<std::int64_t> previous_id;  // the revision this one replaces
    std::optional<std::int64_t> partner_id;   // customer contact
    std::optional<std::int64_t> lead_id;      // opportunity
    std::optional<std::int64_t> user_id;      // salesperson
    std::optional<std::int64_t> team_id;
    std::optional<DayNumber> validity_date;
    std::string payment_terms;
    std::string notes;
    std::string currency = std::string(default_currency);
    QuotationState state = QuotationState::draft;
    InvoiceStatus invoice_status = InvoiceStatus::nothing;
    std::vector<QuotationLine> lines;
    Amounts amounts;  // system: quotation_totals(lines), kept by the server
    std::optional<Timestamp> sent_at;
    std::optional<Timestamp> confirmed_at;
    std::optional<Timestamp> invoiced_at;  // system: when invoice_status last became invoiced (the monthly target)
    Timestamp create_date = 0;
    Timestamp write_date = 0;
    std::int64_t version = 0;
    bool operator==(const Quotation&) const = default;
};

void to_json(nlohmann::json& j, const QuotationLine& l);
void to_json(nlohmann::json& j, const Quotation& q);
Result<Quotation> quotation_from_json(const nlohmann::json& j);
// Writable fields: partner_id, lead_id, user_id, team_id, validity_date, payment_terms, notes, currency, lines
// (the whole list). Errors name the field ("lines[2].quantity").
FieldErrors apply_patch(Quotation& q, const nlohmann::json& patch);

// Quantities on the wire are decimal text with up to 3 decimals ("2.5"); integers are accepted too.
Result<std::int64_t> parse_quantity(std::string_view text);
std::string format_quantity(std::int64_t milli);  // 2500 -> "2.5", 3000 -> "3"

// One line's amounts by the rounding rule above.
Result<Amounts> line_amounts(const QuotationLine& l);
// Sum of the line amounts; the error's field names the line ("lines[3]") whose amount overflows.
Result<Amounts> quotation_totals(const std::vector<QuotationLine>& lines);

// A line prefilled from a product (description = product description or name).
QuotationLine line_from_product(const Product& p, std::int64_t quantity = quantity_scale);

// State rules. Editing is allowed in draft and sent; a sales order and a cancelled quotation are locked.
bool is_editable(QuotationState s);
enum class QuotationAction { send, confirm, cancel, revise };
std::string_view to_string(QuotationAction a);
// The state after `action`, or 422 on field "state" when the action is not allowed from `from`.
// confirm needs at least one line (field "lines"); revise keeps the old record and is allowed from sent/cancel.
Result<QuotationState> next_state(QuotationState from, QuotationAction action, std::size_t line_count = 1);
// Setting the invoicing status: only on sales orders.
Result<InvoiceStatus> set_invoice_status(QuotationState state, std::string_view value);

// "S2026-0042" (at least 4 digits).
std::string quotation_number(std::int32_t year, std::int64_t sequence);
// The number shown to people: "S2026-0042" or "S2026-0042-R2" for revision 2.
std::string quotation_display_number(const Quotation& q);

}  // namespace tumen
