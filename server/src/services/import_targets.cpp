#include "services/import_targets.hpp"

#include <algorithm>

#include "store/change_log.hpp"
#include "store/contact_rules.hpp"
#include "store/contacts.hpp"
#include "store/io_lookups.hpp"
#include "store/lead_insert_totals.hpp"
#include "store/leads.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/reference_tables.hpp"
#include "store/stages.hpp"
#include "store/teams.hpp"
#include "tumen/chatter.hpp"
#include "tumen/lead_lifecycle.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

namespace {

// The row's own conversion errors first, then the record rules' errors on other fields.
Error merged(const FieldErrors& own, const Error& rules) {
    FieldErrors all = own;
    for (const auto& d : rules.details) {
        const bool seen = std::any_of(all.list().begin(), all.list().end(), [&](const FieldError& x) {
            return x.field == d.field || d.field.rfind(x.field + ".", 0) == 0;
        });
        if (!seen) all.add(d.field, d.message, d.key);
    }
    if (rules.details.empty()) all.add(rules.field, rules.message, "error.invalid");
    return all.to_error();
}

Error field_error_of(const std::string& field, const std::string& message) {
    FieldErrors fe;
    fe.add(field, message, "error.invalid");
    return fe.to_error();
}

void add_ids(std::vector<int64_t>& into, const std::vector<int64_t>& ids) {
    for (int64_t id : ids)
        if (std::find(into.begin(), into.end(), id) == into.end()) into.push_back(id);
}

KeyMap load_keys(store::Connection& reader, store::DedupeTable table, const store::SqlFragment& rule,
                 const std::vector<import::DedupeField>& parts) {
    KeyMap keys;
    if (parts.empty()) return keys;
    store::scan_dedupe_rows(reader, table, rule, [&](const store::DedupeRow& r) {
        std::string key = import::dedupe_key(parts, r.email_norm, r.phone_norm, r.name_fold);
        if (!key.empty()) keys.emplace(std::move(key), r.id);  // the oldest record wins
    });
    return keys;
}

void log_import_batch(store::Connection& c, const ImportContext& ctx, const char* entity, int64_t job_id,
                      const std::vector<int64_t>& created, const std::vector<int64_t>& updated) {
    if (created.empty() && updated.empty()) return;
    store::ChangeEvent e;
    e.at = ctx.now;
    e.entity = "import";
    e.entity_id = job_id;
    e.action = "batch";
    if (ctx.caller.user_id) e.user_id = ctx.caller.user_id;
    e.payload = {{"entity", entity}, {"created", created}, {"updated", updated}, {"by", ctx.caller.user_id}};
    store::append_change(c, e);
}

std::optional<int64_t> author_of(const Caller& caller) {
    return caller.user_id ? std::optional<int64_t>(caller.user_id) : std::nullopt;
}

}  // namespace

// ---- leads --------------------------------------------------------------------------------------------

LeadImportTarget::LeadImportTarget(store::Connection& reader, const ImportContext& ctx) : ctx_(ctx) {
    stages_ = store::load_stages(reader);
    // The same defaults as POST /leads: the caller's team, and the caller as salesperson for sales users.
    if (auto team = store::default_team_of(reader, ctx.caller.user_id)) {
        defaults_.team_id = team->id;
        defaults_.type = team->use_leads ? LeadType::lead : LeadType::opportunity;
    }
    if (ctx.caller.role == "sales_own" || ctx.caller.role == "sales_all") defaults_.user_id = ctx.caller.user_id;
    defaults_.currency = ctx.options.currency;
    for (const auto& t : store::list_refs(reader, store::tags_table()))
        tags_.emplace(text::fold_key(t.value("name", "")), t.value("id", int64_t{0}));
    may_create_tags_ = ctx.caller.role == "admin" || ctx.caller.role == "manager";
}

KeyMap LeadImportTarget::existing_keys(store::Connection& reader) const {
    return load_keys(reader, store::DedupeTable::leads, store::lead_rule_sql(ctx_.caller), ctx_.options.dedupe);
}

std::optional<Error> LeadImportTarget::prepare(PreparedRow& p) const {
    auto change = create_lead(p.values.patch, stages_, defaults_, ctx_.now);
    if (!change) return merged(p.values.errors, change.error());
    if (!p.values.errors.empty()) return p.values.errors.to_error();
    p.lead = std::move(change->lead);
    const Lead& l = p.lead;
    p.key = import::dedupe_key(ctx_.options.dedupe, l.email, l.phone.empty() ? l.mobile : l.phone, l.name);
    p.lead_text = store::lead_text_of(l);  // here, on the converting thread: the writer only binds it
    return std::nullopt;
}

std::optional<Error> LeadImportTarget::resolve(store::Connection& c, PreparedRow& p) {
    std::vector<int64_t> ids;
    for (const auto& name : p.values.tags) {
        const std::string key = text::fold_key(name);
        if (auto it = tags_.find(key); it != tags_.end()) {
            ids.push_back(it->second);
            continue;
        }
        if (!may_create_tags_)
            return field_error_of("tags", "there is no tag named '" + name + "' (only managers may create tags)");
        if (utf8::length(name) > 100) return field_error_of("tags", "a tag name is longer than 100 characters");
        if (!ctx_.write) continue;  // a dry run creates nothing
        const int64_t id = store::insert_ref(c, store::tags_table(), {{"name", name}, {"color", 0}});
        tags_.emplace(key, id);
        tags_created_.push_back(name);
        ids.push_back(id);
    }
    p.lead.tag_ids = std::move(ids);  // assigned, not added: a batch written again resolves afresh
    return std::nullopt;
}

int64_t LeadImportTarget::create(store::Connection& c, PreparedRow& p) {
    p.lead.id = 0;  // a batch written again inserts the same prepared row again
    p.lead.version = 0;
    // No insert trigger fires on `leads`: the totals' pause is taken with the batch's probabilities rows (flush).
    if (!pls_) pls_.emplace(c);
    store::insert_lead_row(c, p.lead, &*pls_, &p.lead_text, store::ProbabilityRow::by_caller);
    fts_pending_.push_back(&p);
    totals_pending_.push_back(&p.lead);
    return p.lead.id;
}

void LeadImportTarget::flush(store::Connection& c) {
    write_pending_fts(c);
    if (totals_pending_.empty()) return;
    store::insert_paused_probabilities(c, totals_pending_);  // the same leads: those created since the last flush
    store::add_inserted_totals(c, totals_pending_);
    totals_pending_.clear();
}

void LeadImportTarget::write_pending_fts(store::Connection& c) {
    for (const PreparedRow* p : fts_pending_) store::write_new_lead_fts(c, p->lead, &p->lead_text);
    fts_pending_.clear();
}

std::optional<Error> LeadImportTarget::update(store::Connection& c, int64_t id, PreparedRow& p) {
    flush(c);  // normally done before the row's savepoint; the created lead's full-text row must exist to be replaced
    auto current = store::find_lead(c, id);
    if (!current) return Error::make(ErrorCode::not_found, "the matching lead " + std::to_string(id) + " no longer exists");
    nlohmann::json patch = p.values.patch;
    if (p.values.derived_name) patch.erase("name");  // never rename a lead after its company
    if (!p.lead.tag_ids.empty()) {
        std::vector<int64_t> tags = current->tag_ids;
        add_ids(tags, p.lead.tag_ids);
        patch["tag_ids"] = tags;
    }
    auto change = edit_lead(*current, patch, stages_, ctx_.now);
    if (!change) return change.error();
    Lead lead = std::move(change->lead);
    if (lead == *current || !ctx_.write) return std::nullopt;
    lead.write_date = ctx_.now;
    if (!store::update_lead(c, lead)) return Error::make(ErrorCode::conflict, "the matching lead changed meanwhile");
    if (auto msg = tracking_message("lead", lead.id, track_lead_changes(*current, lead), author_of(ctx_.caller), ctx_.now))
        store::insert_message(c, *msg);
    return std::nullopt;
}

void LeadImportTarget::log_batch(store::Connection& c, int64_t job_id, const std::vector<int64_t>& created,
                                 const std::vector<int64_t>& updated) {
    flush(c);
    log_import_batch(c, ctx_, "lead", job_id, created, updated);
}

nlohmann::json LeadImportTarget::summary() const { return {{"tags_created", tags_created_}}; }

void LeadImportTarget::forget_created_since(std::size_t n) {
    for (std::size_t i = n; i < tags_created_.size(); ++i) tags_.erase(text::fold_key(tags_created_[i]));
    tags_created_.resize(std::min(n, tags_created_.size()));
}

// ---- contacts -----------------------------------------------------------------------------------------

ContactImportTarget::ContactImportTarget(store::Connection& reader, const ImportContext& ctx) : ctx_(ctx) {
    for (auto& [name, id] : store::company_keys(reader, store::contact_rule_sql(ctx.caller))) companies_.emplace(name, id);
}

KeyMap ContactImportTarget::existing_keys(store::Connection& reader) const {
    return load_keys(reader, store::DedupeTable::contacts, store::contact_rule_sql(ctx_.caller), ctx_.options.dedupe);
}

std::optional<Error> ContactImportTarget::prepare(PreparedRow& p) const {
    Contact x;
    FieldErrors rules = apply_patch(x, p.values.patch);
    if (!rules.empty()) return merged(p.values.errors, rules.to_error());
    if (!p.values.errors.empty()) return p.values.errors.to_error();
    if (!p.values.parent_name.empty() && utf8::length(p.values.parent_name) > 300)
        return field_error_of("parent_name", "is longer than 300 characters");
    x.create_date = x.write_date = ctx_.now;
    p.key = import::dedupe_key(ctx_.options.dedupe, x.email, x.phone.empty() ? x.mobile : x.phone, x.name);
    p.contact = std::move(x);
    return std::nullopt;
}

std::optional<Error> ContactImportTarget::resolve(store::Connection& c, PreparedRow& p) {
    const std::string& name = p.values.parent_name;
    p.contact.parent_id.reset();
    if (name.empty()) return std::nullopt;
    const std::string key = text::fold_key(name);
    if (auto it = companies_.find(key); it != companies_.end()) {
        p.contact.parent_id = it->second;
        return std::nullopt;
    }
    if (!ctx_.write) return std::nullopt;
    Contact company;
    company.is_company = true;
    company.name = name;
    company.create_date = company.write_date = ctx_.now;
    store::insert_contact(c, company);
    companies_.emplace(key, company.id);
    companies_created_.push_back(name);
    p.contact.parent_id = company.id;
    return std::nullopt;
}

int64_t ContactImportTarget::create(store::Connection& c, PreparedRow& p) {
    p.contact.id = 0;
    p.contact.version = 0;
    store::insert_contact(c, p.contact);
    return p.contact.id;
}

std::optional<Error> ContactImportTarget::update(store::Connection& c, int64_t id, PreparedRow& p) {
    auto current = store::find_contact(c, id);
    if (!current) return Error::make(ErrorCode::not_found, "the matching contact " + std::to_string(id) + " no longer exists");
    Contact x = *current;
    if (FieldErrors fe = apply_patch(x, p.values.patch); !fe.empty()) return fe.to_error();
    if (p.contact.parent_id && *p.contact.parent_id != id) x.parent_id = p.contact.parent_id;
    if (x == *current || !ctx_.write) return std::nullopt;
    x.write_date = ctx_.now;
    if (!store::update_contact(c, x)) return Error::make(ErrorCode::conflict, "the matching contact changed meanwhile");
    return std::nullopt;
}

void ContactImportTarget::log_batch(store::Connection& c, int64_t job_id, const std::vector<int64_t>& created,
                                    const std::vector<int64_t>& updated) const {
    log_import_batch(c, ctx_, "contact", job_id, created, updated);
}

nlohmann::json ContactImportTarget::summary() const { return {{"companies_created", companies_created_}}; }

void ContactImportTarget::forget_created_since(std::size_t n) {
    for (std::size_t i = n; i < companies_created_.size(); ++i) companies_.erase(text::fold_key(companies_created_[i]));
    companies_created_.resize(std::min(n, companies_created_.size()));
}

}  // namespace tumen::server
