// Quotation arithmetic and state rules (see the rounding rule in tumen/quotation.hpp).
#include <cstdio>
#include <limits>

#include "tumen/quotation.hpp"

namespace tumen {

namespace {

__extension__ typedef __int128 i128;

// n / d rounded half away from zero (d > 0).
i128 div_round(i128 n, i128 d) {
    const i128 q = n / d, r = n % d;
    if (r == 0) return q;
    const i128 twice = (r < 0 ? -r : r) * 2;
    if (twice >= d) return n < 0 ? q - 1 : q + 1;
    return q;
}

bool fits(i128 v) {
    return v >= std::numeric_limits<std::int64_t>::min() && v <= std::numeric_limits<std::int64_t>::max();
}

Error overflow(const std::string& field) {
    FieldErrors e;
    e.add(field, "amount is too large", "error.range");
    return e.to_error();
}

}  // namespace

std::string_view to_string(QuotationState s) {
    switch (s) {
        case QuotationState::draft: return "draft";
        case QuotationState::sent: return "sent";
        case QuotationState::sale: return "sale";
        case QuotationState::cancel: return "cancel";
    }
    return "draft";
}

std::string_view to_string(InvoiceStatus s) {
    switch (s) {
        case InvoiceStatus::nothing: return "nothing";
        case InvoiceStatus::to_invoice: return "to_invoice";
        case InvoiceStatus::invoiced: return "invoiced";
    }
    return "nothing";
}

std::string_view to_string(QuotationAction a) {
    switch (a) {
        case QuotationAction::send: return "send";
        case QuotationAction::confirm: return "confirm";
        case QuotationAction::cancel: return "cancel";
        case QuotationAction::revise: return "revise";
    }
    return "send";
}

std::optional<QuotationState> quotation_state_from(std::string_view s) {
    for (auto v : {QuotationState::draft, QuotationState::sent, QuotationState::sale, QuotationState::cancel})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

std::optional<InvoiceStatus> invoice_status_from(std::string_view s) {
    for (auto v : {InvoiceStatus::nothing, InvoiceStatus::to_invoice, InvoiceStatus::invoiced})
        if (to_string(v) == s) return v;
    return std::nullopt;
}

Result<std::int64_t> parse_quantity(std::string_view text) {
    auto v = parse_amount(text, 3);
    if (!v) return v;
    if (v.value() < 0) return Error::make(ErrorCode::validation, "must not be negative");
    return v;
}

std::string format_quantity(std::int64_t milli) {
    std::string s = format_amount(milli, 3, {.group = ""});
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

Result<Amounts> line_amounts(const QuotationLine& l) {
    // qty (milli) × price × (10000 − discount) / (1000 × 10000): |numerator| < 10^12 × 9.3·10^18 × 10^4, fits 128 bits.
    const i128 gross = static_cast<i128>(l.quantity) * l.price_unit * (bp_scale - l.discount_bp);
    const i128 base = div_round(gross, static_cast<i128>(quantity_scale) * bp_scale);
    if (!fits(base)) return overflow("");
    Amounts a;
    if (l.tax_included) {
        a.total = static_cast<std::int64_t>(base);
        a.untaxed = static_cast<std::int64_t>(div_round(base * bp_scale, bp_scale + l.tax_bp));
        a.tax = a.total - a.untaxed;
    } else {
        a.untaxed = static_cast<std::int64_t>(base);
        const i128 tax = div_round(base * l.tax_bp, bp_scale);
        const i128 total = base + tax;
        if (!fits(total)) return overflow("");
        a.tax = static_cast<std::int64_t>(tax);
        a.total = static_cast<std::int64_t>(total);
    }
    return a;
}

Result<Amounts> quotation_totals(const std::vector<QuotationLine>& lines) {
    i128 untaxed = 0, tax = 0, total = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto a = line_amounts(lines[i]);
        if (!a) return overflow("lines[" + std::to_string(i) + "]");
        untaxed += a->untaxed;
        tax += a->tax;
        total += a->total;
        if (!fits(untaxed) || !fits(tax) || !fits(total)) return overflow("lines[" + std::to_string(i) + "]");
    }
    return Amounts{static_cast<std::int64_t>(untaxed), static_cast<std::int64_t>(tax), static_cast<std::int64_t>(total)};
}

QuotationLine line_from_product(const Product& p, std::int64_t quantity) {
    QuotationLine l;
    l.product_id = p.id;
    l.description = p.description.empty() ? p.name : p.description;
    l.quantity = quantity;
    l.price_unit = p.price.amount;
    l.tax_bp = p.tax_bp;
    l.tax_included = p.tax_included;
    return l;
}

bool is_editable(QuotationState s) { return s == QuotationState::draft || s == QuotationState::sent; }

Result<QuotationState> next_state(QuotationState from, QuotationAction action, std::size_t line_count) {
    auto refuse = [&](const char* why) {
        FieldErrors e;
        e.add("state", std::string(why) + " (state is " + std::string(to_string(from)) + ")", "error.quotation_state");
        return e.to_error();
    };
    switch (action) {
        case QuotationAction::send:
            if (!is_editable(from)) return refuse("only a draft or sent quotation can be sent");
            if (line_count == 0) {
                FieldErrors e;
                e.add("lines", "a quotation needs at least one line", "error.required");
                return e.to_error();
            }
            return QuotationState::sent;
        case QuotationAction::confirm:
            if (!is_editable(from)) return refuse("only a draft or sent quotation can be confirmed");
            if (line_count == 0) {
                FieldErrors e;
                e.add("lines", "a quotation needs at least one line", "error.required");
                return e.to_error();
            }
            return QuotationState::sale;
        case QuotationAction::cancel:
            if (from == QuotationState::cancel) return refuse("the quotation is already cancelled");
            return QuotationState::cancel;
        case QuotationAction::revise:
            // The old record is cancelled and a draft copy with revision + 1 replaces it.
            if (from != QuotationState::sent && from != QuotationState::cancel)
                return refuse("only a sent or cancelled quotation gets a new revision");
            return QuotationState::cancel;
    }
    return refuse("unknown action");
}

Result<InvoiceStatus> set_invoice_status(QuotationState state, std::string_view value) {
    FieldErrors e;
    auto v = invoice_status_from(value);
    if (!v) e.add("invoice_status", "must be one of: nothing, to_invoice, invoiced", "error.enum");
    else if (state != QuotationState::sale) e.add("invoice_status", "only a sales order has an invoicing status", "error.quotation_state");
    if (!e.empty()) return e.to_error();
    return *v;
}

std::string quotation_number(std::int32_t year, std::int64_t sequence) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "S%04d-%04lld", static_cast<int>(year), static_cast<long long>(sequence));
    return buf;
}

std::string quotation_display_number(const Quotation& q) {
    return q.revision > 0 ? q.number + "-R" + std::to_string(q.revision) : q.number;
}

}  // namespace tumen
