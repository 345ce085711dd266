#include "services/quotation_service.hpp"

#include "pdf/quotation_pdf.hpp"
#include "services/auth_service.hpp"
#include "services/lead_service.hpp"
#include "services/message_lang.hpp"
#include "services/record_support.hpp"
#include "store/contacts.hpp"
#include "store/leads.hpp"
#include "store/mail_settings.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/stages.hpp"
#include "store/team_members.hpp"
#include "store/users.hpp"
#include "tumen/i18n.hpp"
#include "tumen/mail_address.hpp"

namespace tumen::server {

namespace {

// Thrown inside a write to roll the whole transaction back with this error (Database::write commits a
// returned error).
struct Abort {
    Error error;
};
[[noreturn]] void fail(Error e) { throw Abort{std::move(e)}; }

template <class F>
auto guarded(F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (Abort& a) {
        return a.error;
    }
}

std::string amount_text(int64_t amount, const std::string& currency) { return format_money(Money{amount, currency}); }

void chatter(store::Connection& c, const Caller& caller, const std::string& model, int64_t id, const std::string& body,
             Timestamp now, const std::string& subject = {}) {
    ChatterMessage m;
    m.res_model = model;
    m.res_id = id;
    m.kind = MessageKind::note;
    m.body = body;
    m.subject = subject;
    if (caller.user_id) m.author_id = caller.user_id;
    m.author_name = caller.name;
    m.date = now;
    store::insert_message(c, m);
}

// Chatter line on the quotation and, when it has one, on its opportunity.
void log_both(store::Connection& c, const Caller& caller, const Quotation& q, const std::string& body, Timestamp now) {
    chatter(c, caller, "quotation", q.id, body, now);
    if (q.lead_id) {
        chatter(c, caller, "lead", *q.lead_id, body, now);
        log_record_change(c, caller, "lead", *q.lead_id, "message", {{"quotation_id", q.id}});
    }
}

void log_quotation(store::Connection& c, const Caller& caller, const Quotation& q, const std::string& action) {
    log_record_change(c, caller, "quotation", q.id, action, {{"version", q.version}, {"state", to_string(q.state)}});
}

void check_references(store::Connection& c, const Quotation& q) {
    FieldErrors fe;
    if (q.partner_id && !store::contact_exists(c, *q.partner_id)) fe.add("partner_id", "no such contact", "error.unknown_id");
    if (q.user_id && !store::missing_users(c, {*q.user_id}).empty()) fe.add("user_id", "no such user", "error.unknown_id");
    if (q.team_id && !c.prepare("SELECT count(*) FROM teams WHERE id = ?").bind(1, *q.team_id).scalar_int())
        fe.add("team_id", "no such team", "error.unknown_id");
    for (size_t i = 0; i < q.lines.size(); ++i)
        if (q.lines[i].product_id && !store::find_product(c, *q.lines[i].product_id))
            fe.add("lines[" + std::to_string(i) + "].product_id", "no such product", "error.unknown_id");
    if (!fe.empty()) fail(fe.to_error());
}

void recompute(Quotation& q) {
    auto t = quotation_totals(q.lines);
    if (!t) fail(t.error());
    q.amounts = t.value();
}

Error locked(const Quotation& q) {
    return field_error("state", "a " + std::string(to_string(q.state)) + " quotation is locked", "error.quotation_locked");
}

// The customer contact of a lead without one, made from the lead's names and addresses.
Contact contact_from_lead(const Lead& l, Timestamp now) {
    Contact x;
    x.is_company = !l.partner_name.empty() && l.contact_name.empty();
    x.name = !l.partner_name.empty() ? (l.contact_name.empty() ? l.partner_name : l.contact_name)
                                     : (!l.contact_name.empty() ? l.contact_name : l.name);
    auto parsed = parse_address_list(l.email);
    x.email = parsed.empty() ? "" : parsed.front().email;
    x.phone = l.phone;
    x.mobile = l.mobile;
    x.address = l.address;
    x.lang = l.lang;
    x.user_id = l.user_id;
    x.create_date = x.write_date = now;
    return x;
}

std::string user_name(store::Connection& c, std::optional<int64_t> id) {
    if (!id) return {};
    auto u = store::find_user(c, *id);
    return u ? u->name : std::string();
}

}  // namespace

// ---- products

Result<std::vector<Product>> QuotationService::products(const std::string& text, bool include_archived, int limit) {
    return store::search_products(db_.reader(), text, include_archived, limit);
}

Result<Product> QuotationService::product_get(int64_t id) {
    auto p = store::find_product(db_.reader(), id);
    if (!p) return record_not_found("product", id);
    return *p;
}

Result<Product> QuotationService::product_create(const Caller& caller, const nlohmann::json& body) {
    Product p;
    if (FieldErrors fe = apply_patch(p, body); !fe.empty()) return fe.to_error();
    p.create_date = p.write_date = unix_now();
    return db_.write([&](store::Connection& c) -> Result<Product> {
        store::insert_product(c, p);
        log_record_change(c, caller, "product", p.id, "created", {{"version", p.version}});
        return p;
    });
}

Result<Product> QuotationService::product_update(const Caller& caller, int64_t id, const nlohmann::json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    auto version = required_version(patch);
    if (!version) return version.error();
    nlohmann::json fields = patch;
    fields.erase("version");
    return db_.write([&](store::Connection& c) -> Result<Product> {
        auto current = store::find_product(c, id);
        if (!current) return record_not_found("product", id);
        if (current->version != version.value()) return stale_version("product", *current);
        Product p = *current;
        if (FieldErrors fe = apply_patch(p, fields); !fe.empty()) return fe.to_error();
        if (p == *current) return p;
        p.write_date = unix_now();
        if (!store::update_product(c, p)) return stale_version("product", *current);
        log_record_change(c, caller, "product", p.id, "updated", {{"version", p.version}});
        return p;
    });
}

Result<bool> QuotationService::product_delete(const Caller& caller, int64_t id) {
    return db_.write([&](store::Connection& c) -> Result<bool> {
        if (!store::find_product(c, id)) return record_not_found("product", id);
        store::delete_product(c, id);
        log_record_change(c, caller, "product", id, "deleted");
        return true;
    });
}

// ---- quotations

Result<std::vector<Quotation>> QuotationService::search(const Caller& caller, const store::QuotationQuery& q) {
    return store::search_quotations(db_.reader(), q, store::quotation_rule_sql(caller));
}

Result<Quotation> QuotationService::get(const Caller& caller, int64_t id) {
    auto& c = db_.reader();
    if (!store::quotation_visible(c, id, store::quotation_rule_sql(caller))) return record_not_found("quotation", id);
    auto q = store::find_quotation(c, id);
    if (!q) return record_not_found("quotation", id);
    return *q;
}

Result<Quotation> QuotationService::create(const Caller& caller, const nlohmann::json& body) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    Quotation q;
    if (FieldErrors fe = apply_patch(q, body); !fe.empty()) return fe.to_error();
    const Timestamp now = unix_now();
    const bool currency_given = body.contains("currency");
    return guarded([&] {
        return db_.write([&](store::Connection& c) -> Result<Quotation> {
            if (q.lead_id) {
                if (!store::lead_visible(c, *q.lead_id, store::lead_rule_sql(caller)))
                    fail(field_error("lead_id", "no such opportunity", "error.unknown_id"));
                auto lead = store::find_lead(c, *q.lead_id);
                if (!lead) fail(field_error("lead_id", "no such opportunity", "error.unknown_id"));
                if (!body.contains("user_id")) q.user_id = lead->user_id ? lead->user_id : std::optional<int64_t>(caller.user_id);
                if (!body.contains("team_id")) q.team_id = lead->team_id;
                if (!currency_given) q.currency = lead->expected_revenue.currency;
                if (!q.partner_id && lead->partner_id) q.partner_id = lead->partner_id;
                if (!q.partner_id) {  // Odoo's "create a customer" step of New Quotation
                    Contact x = contact_from_lead(*lead, now);
                    store::insert_contact(c, x);
                    log_record_change(c, caller, "contact", x.id, "created", {{"version", x.version}});
                    Lead before = *lead;
                    lead->partner_id = x.id;
                    lead->write_date = now;
                    if (!store::update_lead(c, *lead)) fail(stale_version("lead", before));
                    record_lead_change(c, caller, *lead, "updated", {{"partner_id", nullptr, x.id}}, now);
                    q.partner_id = x.id;
                }
            } else {
                if (!q.partner_id) fail(field_error("partner_id", "is required without an opportunity", "error.required"));
                if (!body.contains("user_id")) q.user_id = caller.user_id;
            }
            if (!q.validity_date) q.validity_date = day_of(now) + 30;
            check_references(c, q);
            recompute(q);
            q.number = store::next_quotation_number(c, civil_from_days(day_of(now)).year);
            q.create_date = q.write_date = now;
            store::insert_quotation(c, q, caller.user_id ? std::optional<int64_t>(caller.user_id) : std::nullopt);
            log_both(c, caller, q, i18n::tr(message_lang(caller.lang), "quote.chatter_created", {{"number", quotation_display_number(q)}}), now);
            log_quotation(c, caller, q, "created");
            return q;
        });
    });
}

Result<Quotation> QuotationService::change(const Caller& caller, int64_t id, const nlohmann::json& body, const Step& step) {
    auto version = required_version(body);
    if (!version) return version.error();
    const Timestamp now = unix_now();
    return guarded([&] {
        return db_.write([&](store::Connection& c) -> Result<Quotation> {
            if (!store::quotation_visible(c, id, store::quotation_rule_sql(caller))) fail(record_not_found("quotation", id));
            auto current = store::find_quotation(c, id);
            if (!current) fail(record_not_found("quotation", id));
            if (current->version != version.value()) fail(stale_version("quotation", *current));
            Quotation q = *current;
            step(c, q, now);
            if (q == *current) return q;
            q.write_date = now;
            if (!store::update_quotation(c, q)) fail(stale_version("quotation", *current));
            log_quotation(c, caller, q, "updated");
            return q;
        });
    });
}

Result<Quotation> QuotationService::edit(const Caller& caller, int64_t id, const nlohmann::json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    nlohmann::json fields = patch;
    fields.erase("version");
    return change(caller, id, patch, [&](store::Connection& c, Quotation& q, Timestamp) {
        if (!is_editable(q.state)) fail(locked(q));
        const auto lead_before = q.lead_id;
        if (FieldErrors fe = apply_patch(q, fields); !fe.empty()) fail(fe.to_error());
        if (q.lead_id != lead_before && q.lead_id &&
            !store::lead_visible(c, *q.lead_id, store::lead_rule_sql(caller)))
            fail(field_error("lead_id", "no such opportunity", "error.unknown_id"));
        check_references(c, q);
        recompute(q);
    });
}

Result<Quotation> QuotationService::confirm(const Caller& caller, int64_t id, const nlohmann::json& body) {
    return change(caller, id, body, [&](store::Connection& c, Quotation& q, Timestamp now) {
        auto next = next_state(q.state, QuotationAction::confirm, q.lines.size());
        if (!next) fail(next.error());
        q.state = next.value();
        q.confirmed_at = now;
        q.invoice_status = InvoiceStatus::to_invoice;
        log_both(c, caller, q,
                 i18n::tr(message_lang(caller.lang), "quote.chatter_confirmed",
                          {{"number", quotation_display_number(q)}, {"amount", amount_text(q.amounts.total, q.currency)}}),
                 now);
        if (!q.lead_id || !store::confirm_wins_lead(c)) return;
        auto lead = store::find_lead(c, *q.lead_id);
        if (!lead || !lead->active) return;  // a lost or archived opportunity stays as it is
        auto won = mark_won(*lead, store::load_stages(c), now);
        if (!won) {  // e.g. the opportunity's pipeline has no won stage: the order stands, and the chatter says why
            log_both(c, caller, q,
                     i18n::tr(message_lang(caller.lang), "quote.chatter_not_won", {{"reason", won.error().message}}), now);
            return;
        }
        if (won->lead == *lead) return;
        Lead l = std::move(won->lead);
        l.write_date = now;
        if (!store::update_lead(c, l)) fail(stale_version("lead", *lead));
        record_lead_change(c, caller, l, "won", track_lead_changes(*lead, l), now);  // as stored
    });
}

Result<Quotation> QuotationService::cancel(const Caller& caller, int64_t id, const nlohmann::json& body) {
    return change(caller, id, body, [&](store::Connection& c, Quotation& q, Timestamp now) {
        auto next = next_state(q.state, QuotationAction::cancel, q.lines.size());
        if (!next) fail(next.error());
        q.state = next.value();
        q.invoice_status = InvoiceStatus::nothing;
        q.invoiced_at.reset();
        log_both(c, caller, q, i18n::tr(message_lang(caller.lang), "quote.chatter_cancelled", {{"number", quotation_display_number(q)}}), now);
    });
}

Result<Quotation> QuotationService::revise(const Caller& caller, int64_t id, const nlohmann::json& body) {
    Quotation fresh;
    auto old = change(caller, id, body, [&](store::Connection& c, Quotation& q, Timestamp now) {
        auto next = next_state(q.state, QuotationAction::revise, q.lines.size());
        if (!next) fail(next.error());
        fresh = q;
        q.state = next.value();
        fresh.id = 0;
        fresh.previous_id = q.id;
        fresh.revision = static_cast<int32_t>(
            c.prepare("SELECT max(revision) + 1 FROM quotations WHERE number = ?").bind(1, q.number).scalar_int());
        fresh.state = QuotationState::draft;
        fresh.invoice_status = InvoiceStatus::nothing;
        fresh.sent_at.reset();
        fresh.confirmed_at.reset();
        fresh.invoiced_at.reset();
        fresh.create_date = fresh.write_date = now;
        for (auto& l : fresh.lines) l.id = 0;
        store::insert_quotation(c, fresh, caller.user_id ? std::optional<int64_t>(caller.user_id) : std::nullopt);
        log_both(c, caller, fresh,
                 i18n::tr(message_lang(caller.lang), "quote.chatter_revised",
                          {{"number", quotation_display_number(fresh)}, {"previous", quotation_display_number(q)}}),
                 now);
        log_quotation(c, caller, fresh, "created");
    });
    if (!old) return old.error();
    return fresh;
}

Result<Quotation> QuotationService::set_invoicing(const Caller& caller, int64_t id, const nlohmann::json& body) {
    return change(caller, id, body, [&](store::Connection&, Quotation& q, Timestamp now) {
        const auto& v = body.contains("invoice_status") ? body["invoice_status"] : nlohmann::json();
        auto s = set_invoice_status(q.state, v.is_string() ? v.get<std::string>() : std::string());
        if (!s) fail(s.error());
        // The month an order counts toward the team's target is the month it became invoiced.
        if (s.value() != q.invoice_status) q.invoiced_at = s.value() == InvoiceStatus::invoiced ? std::optional(now) : std::nullopt;
        q.invoice_status = s.value();
    });
}

namespace {

pdf::QuotationDocument document_of(store::Connection& c, const Quotation& q, const std::string& fallback_lang) {
    pdf::QuotationDocument d;
    d.quotation = q;
    d.company_name = store::load_mail_settings(c).company_name;
    d.salesperson = user_name(c, q.user_id);
    std::string lang = fallback_lang;
    if (q.partner_id)
        if (auto x = store::find_contact(c, *q.partner_id)) {
            d.customer_name = x->name;
            const auto& a = x->address;
            d.customer_lines = {a.street, (a.zip.empty() ? "" : a.zip + " ") + a.city, a.country, x->email,
                                x->phone.empty() ? x->mobile : x->phone};
            if (!x->lang.empty()) lang = x->lang;
        }
    // A customer without a language gets the company's own (Mongolian) documents.
    d.lang = message_lang(lang, i18n::Lang::mn);
    return d;
}

}  // namespace

Result<QuotationPdf> QuotationService::pdf(const Caller& caller, int64_t id) {
    auto q = get(caller, id);
    if (!q) return q.error();
    auto doc = document_of(db_.reader(), q.value(), caller.lang);
    return QuotationPdf{pdf::quotation_pdf_name(q.value()), pdf::render_quotation_pdf(doc)};
}

Result<Quotation> QuotationService::send(const Caller& caller, int64_t id, const nlohmann::json& body) {
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    FieldErrors fe;
    for (const char* f : {"to", "subject", "body"})
        if (body.contains(f) && !body[f].is_string()) fe.add(f, "must be text", "error.type");
    if (!fe.empty()) return fe.to_error();
    bool queued = false;
    auto result = change(caller, id, body, [&](store::Connection& c, Quotation& q, Timestamp now) {
        auto next = next_state(q.state, QuotationAction::send, q.lines.size());
        if (!next) fail(next.error());
        auto doc = document_of(c, q, caller.lang);
        std::string to = body.value("to", std::string());
        if (to.empty() && q.partner_id)
            if (auto x = store::find_contact(c, *q.partner_id); x && !x->email.empty())
                to = format_address({x->name, x->email});
        if (to.empty()) fail(field_error("to", "the customer has no e-mail address", "error.required"));
        const i18n::Args args = {{"number", quotation_display_number(q)},
                                 {"customer", doc.customer_name},
                                 {"amount", amount_text(q.amounts.total, q.currency)},
                                 {"company", doc.company_name},
                                 {"salesperson", doc.salesperson},
                                 {"validity", q.validity_date ? format_date(*q.validity_date) : ""}};
        SystemMail m;
        m.res_model = "quotation";
        m.res_id = q.id;
        m.to = {to};
        const std::string subject = body.value("subject", std::string());
        const std::string text = body.value("body", std::string());
        m.subject = i18n::format(subject.empty() ? i18n::tr(doc.lang, "quote.mail_subject") : subject, args);
        if (m.subject.starts_with(" ")) m.subject.erase(0, 1);  // no company name configured
        m.body_text = i18n::format(text.empty() ? i18n::tr(doc.lang, "quote.mail_body") : text, args);
        doc.quotation.state = QuotationState::sent;
        m.files.push_back({pdf::quotation_pdf_name(q), "application/pdf", pdf::render_quotation_pdf(doc)});
        if (caller.user_id) m.created_by = caller.user_id;
        auto mail_id = mail_.queue_system_mail(c, m);
        if (!mail_id) fail(mail_id.error());
        queued = true;
        q.state = next.value();
        q.sent_at = now;
        // The bare addresses: chatter text is sanitised, and "Name <a@b>" would lose its address as a tag.
        std::string to_text;
        for (const auto& a : parse_address_list(to)) to_text += (to_text.empty() ? "" : ", ") + a.email;
        log_both(c, caller, q, i18n::tr(message_lang(caller.lang), "quote.chatter_sent", {{"number", quotation_display_number(q)}, {"to", to_text}}), now);
    });
    if (result && queued) mail_.poke_sender();
    return result;
}

Result<nlohmann::json> QuotationService::lead_summary(const Caller& caller, int64_t lead_id) {
    auto& c = db_.reader();
    if (!store::lead_visible(c, lead_id, store::lead_rule_sql(caller))) return record_not_found("lead", lead_id);
    const auto scope = store::quotation_rule_sql(caller);
    store::QuotationQuery query;
    query.lead_id = lead_id;
    query.limit = 200;
    auto items = store::search_quotations(c, query, scope);
    auto sum = store::lead_quotation_summary(c, lead_id, scope);
    auto money_list = [](const std::vector<Money>& v) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& m : v) a.push_back({{"amount", m.amount}, {"currency", m.currency}});
        return a;
    };
    return nlohmann::json{{"items", items},
                          {"quotation_count", sum.quotation_count},
                          {"order_count", sum.order_count},
                          {"quotation_amounts", money_list(sum.quotation_amounts)},
                          {"order_amounts", money_list(sum.order_amounts)}};
}

Result<std::vector<ChatterMessage>> QuotationService::messages(const Caller& caller, int64_t id, int limit, int64_t before_id) {
    auto& c = db_.reader();
    if (!store::quotation_visible(c, id, store::quotation_rule_sql(caller))) return record_not_found("quotation", id);
    return store::list_messages(c, "quotation", id, limit, before_id);
}

}  // namespace tumen::server
