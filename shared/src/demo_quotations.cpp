// Demo quotations and sales orders (issue 10): computed from the lead they belong to and its index alone, like
// every demo record, so the board's won deals have orders behind them and the dashboard's target has invoices.
#include <algorithm>

#include "demo_rng.hpp"
#include "tumen/demo_data.hpp"

namespace tumen::demo {

namespace {

constexpr std::uint64_t kind_quotation = 4;

const Stage* stage_of(const Catalog& c, std::optional<std::int64_t> id) {
    if (!id) return nullptr;
    for (const auto& s : c.stages)
        if (s.id == *id) return &s;
    return nullptr;
}

// Leads are named "<product> — <customer>" (Generator::lead).
const Product* product_of(const Catalog& c, const Lead& l) {
    for (const auto& p : c.products)
        if (p.price.currency == l.expected_revenue.currency && l.name.rfind(p.name + " — ", 0) == 0) return &p;
    return nullptr;
}

}  // namespace

std::optional<Quotation> Generator::quotation(const Lead& l, std::int64_t index) const {
    if (l.type != LeadType::opportunity || !l.team_id || !l.active) return std::nullopt;
    const Stage* stage = stage_of(catalog_, l.stage_id);
    if (!stage) return std::nullopt;
    const bool won = stage->is_won && l.probability == 100;
    if (!won && (stage->is_won || stage->sequence < 3)) return std::nullopt;
    const Product* product = product_of(catalog_, l);
    if (!product || product->price.amount <= 0) return std::nullopt;

    Rng rng(config_.seed, kind_quotation, index);
    Quotation q;
    q.partner_id = l.partner_id;
    q.lead_id = l.id;
    q.user_id = l.user_id;
    q.team_id = l.team_id;
    q.currency = product->price.currency;
    q.payment_terms = l.lang == "mn" ? "Нэхэмжлэхээс хойш 30 хоногт" : "Net 30 days";
    // Whole units, so that the untaxed total is close to the opportunity's expected revenue.
    const std::int64_t units = std::max<std::int64_t>(1, (l.expected_revenue.amount + product->price.amount / 2) / product->price.amount);
    q.lines = {line_from_product(*product, units * quantity_scale)};
    auto totals = quotation_totals(q.lines);
    if (!totals) return std::nullopt;
    q.amounts = totals.value();

    const Timestamp reached = l.date_last_stage_update.value_or(l.create_date);
    q.create_date = std::max(l.create_date, reached - rng.below(7 * seconds_per_day));
    q.validity_date = day_of(q.create_date) + 30;
    if (won) {
        q.state = QuotationState::sale;
        q.sent_at = q.create_date;
        q.confirmed_at = l.date_closed.value_or(reached);
        if (rng.chance(0.6)) {
            q.invoice_status = InvoiceStatus::invoiced;
            q.invoiced_at = std::min(config_.now, *q.confirmed_at + rng.below(5 * seconds_per_day));
        } else {
            q.invoice_status = InvoiceStatus::to_invoice;
        }
    } else if (rng.chance(0.6)) {
        q.state = QuotationState::sent;
        q.sent_at = std::min(config_.now, q.create_date + rng.below(2 * seconds_per_day));
    }
    q.write_date = std::max({q.create_date, q.sent_at.value_or(0), q.confirmed_at.value_or(0), q.invoiced_at.value_or(0)});
    q.version = 1;
    return q;
}

}  // namespace tumen::demo
