#include "services/lead_conversion_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "services/auth_service.hpp"
#include "services/message_lang.hpp"
#include "services/record_support.hpp"
#include "store/attachments.hpp"
#include "store/constraints.hpp"
#include "store/contact_rules.hpp"
#include "store/contacts.hpp"
#include "store/lead_candidates.hpp"
#include "store/leads.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/stages.hpp"
#include "store/teams.hpp"
#include "store/users.hpp"
#include "tumen/lead_convert.hpp"
#include "tumen/lead_duplicates.hpp"

namespace tumen::server {

namespace {

Error lead_not_found(int64_t id) { return record_not_found("lead", id); }

nlohmann::json nullable(const std::optional<int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

struct Duplicate {
    const Lead* lead = nullptr;
    unsigned reasons = 0;
    bool strict = false;
};

// Similar leads (shared similar_leads) plus the strict ones (strict_duplicates: what convert would merge), of
// the candidates the caller may see. Strict ones first, then by id.
std::vector<Duplicate> find_duplicates(store::Connection& c, const Caller& caller, const Lead& lead,
                                       const std::vector<Lead>& candidates, const std::vector<Stage>& stages) {
    std::vector<int64_t> partner_ids;
    if (lead.partner_id) partner_ids.push_back(*lead.partner_id);
    for (const auto& l : candidates)
        if (l.partner_id) partner_ids.push_back(*l.partner_id);
    std::sort(partner_ids.begin(), partner_ids.end());
    partner_ids.erase(std::unique(partner_ids.begin(), partner_ids.end()), partner_ids.end());
    const auto contacts = store::contacts_with_parents(c, partner_ids);
    SimilarityOptions options;
    options.contacts = &contacts;

    std::map<int64_t, Duplicate> found;
    auto lead_of = [&](int64_t id) -> const Lead* {
        auto it = std::find_if(candidates.begin(), candidates.end(), [&](const Lead& l) { return l.id == id; });
        return it == candidates.end() ? nullptr : &*it;
    };
    for (const auto& m : similar_leads(lead, candidates, options))
        if (const Lead* l = lead_of(m.id)) found[m.id] = {l, m.reasons, false};
    for (int64_t id : strict_duplicates(lead, candidates, stages)) {
        const Lead* l = lead_of(id);
        if (!l) continue;
        auto& d = found[id];
        d.lead = l;
        d.strict = true;
        if (d.reasons == 0)  // strict_duplicates matched it by partner or by one of several addresses
            d.reasons = static_cast<unsigned>(lead.partner_id && l->partner_id == lead.partner_id
                                                  ? DuplicateReason::same_partner
                                                  : DuplicateReason::same_email);
    }
    (void)caller;  // the candidates were already narrowed by the caller's record rule
    std::vector<Duplicate> out;
    for (const auto& [id, d] : found) out.push_back(d);
    std::stable_sort(out.begin(), out.end(), [](const Duplicate& a, const Duplicate& b) { return a.strict && !b.strict; });
    return out;
}

nlohmann::json duplicate_item(const Duplicate& d) {
    const Lead& l = *d.lead;
    DuplicateMatch m{l.id, d.reasons};
    nlohmann::json reasons = nlohmann::json::array();
    for (auto r : m.reason_list()) reasons.push_back(to_string(r));
    return {{"id", l.id},
            {"name", l.name},
            {"type", to_string(l.type)},
            {"stage_id", nullable(l.stage_id)},
            {"user_id", nullable(l.user_id)},
            {"team_id", nullable(l.team_id)},
            {"partner_name", l.partner_name},
            {"contact_name", l.contact_name},
            {"email_from", l.email},
            {"expected_revenue", l.expected_revenue.amount},
            {"currency", l.expected_revenue.currency},
            {"active", l.active},
            {"probability", l.probability},
            {"reason", reasons.empty() ? nlohmann::json() : reasons.front()},
            {"reasons", reasons},
            {"strict", d.strict}};
}

nlohmann::json duplicate_items(store::Connection& c, const Caller& caller, const Lead& lead,
                               const std::vector<Stage>& stages) {
    const auto candidates = store::duplicate_candidates(c, lead, store::lead_rule_sql(caller));
    nlohmann::json items = nlohmann::json::array();
    for (const auto& d : find_duplicates(c, caller, lead, candidates, stages)) items.push_back(duplicate_item(d));
    return items;
}

// Optional ids of the convert body must name existing users and teams (a 422 naming the field, not a 500 from
// the foreign key).
std::optional<Error> check_assignment(store::Connection& c, const ConvertRequest& r) {
    FieldErrors fe;
    if (r.user_id && !store::find_user(c, *r.user_id)) fe.add("user_id", "no such user", "error.unknown_id");
    if (r.team_id && !store::find_team(c, *r.team_id)) fe.add("team_id", "no such team", "error.unknown_id");
    if (fe.empty()) return std::nullopt;
    return fe.to_error();
}

// Inserts a contact planned by the conversion; 422 naming "<prefix>.<field>" when the lead's data does not make a
// valid contact (e.g. a 500-character lead name as a person's name).
Result<int64_t> insert_planned_contact(store::Connection& c, const Caller& caller, Contact x, const std::string& prefix,
                                       Timestamp now) {
    FieldErrors bad = validate(x);
    if (!bad.empty()) {
        FieldErrors fe;
        for (const auto& e : bad.list()) fe.add(prefix + "." + e.field, e.message, e.key);
        return fe.to_error();
    }
    x.create_date = x.write_date = now;
    store::insert_contact(c, x);
    log_record_change(c, caller, "contact", x.id, "created", {{"version", x.version}});
    return x.id;
}

std::vector<Lead> lead_conversion_load_visible(store::Connection& c, const Caller& caller, const std::vector<int64_t>& ids,
                               std::optional<Error>& missing) {
    std::vector<Lead> out;
    const auto rule = store::lead_rule_sql(caller);
    for (int64_t id : ids) {
        auto l = store::lead_visible(c, id, rule) ? store::find_lead(c, id) : std::nullopt;
        if (!l) {
            missing = lead_not_found(id);
            return {};
        }
        out.push_back(std::move(*l));
    }
    return out;
}

}  // namespace

Result<Lead> write_merge(store::Connection& c, const Caller& caller, MergePlan plan, const std::vector<Lead>& leads,
                         std::optional<int64_t> keep_id, Timestamp now) {
    auto find = [&](int64_t id) { return std::find_if(leads.begin(), leads.end(), [&](const Lead& l) { return l.id == id; }); };
    if (keep_id && *keep_id != plan.merged.id) {
        // The user chose which record survives: it takes the merged values under its own identity.
        const Lead& keep = *find(*keep_id);
        std::replace(plan.removed_ids.begin(), plan.removed_ids.end(), *keep_id, plan.merged.id);
        plan.merged.id = keep.id;
        plan.merged.version = keep.version;
        plan.merged.create_date = keep.create_date;
    }
    std::vector<const Lead*> removed_leads;
    for (int64_t id : plan.removed_ids) removed_leads.push_back(&*find(id));
    const std::string summary = merge_note(message_lang(caller.lang), removed_leads);
    Lead merged = std::move(plan.merged);
    const Lead& before = *find(merged.id);
    for (int64_t removed : plan.removed_ids) {
        const Lead& r = *find(removed);
        store::move_messages(c, "lead", removed, merged.id);
        store::move_attachments(c, "lead", removed, merged.id);
        store::delete_lead(c, removed);
        log_record_change(c, caller, "lead", removed, "deleted", {{"merged_into", merged.id}}, r.team_id);
    }
    merged.write_date = now;
    if (!store::update_lead(c, merged)) return stale_version("lead", before);
    ChatterMessage note;
    note.res_model = "lead";
    note.res_id = merged.id;
    note.kind = MessageKind::note;
    note.body = summary;
    if (caller.user_id) note.author_id = caller.user_id;
    note.author_name = caller.name;
    note.date = now;
    store::insert_message(c, note);
    record_lead_change(c, caller, merged, "merged", track_lead_changes(before, merged), now);  // as stored
    return store::find_lead(c, merged.id).value();  // as GET shows it (tags and followers in stored order)
}

Result<nlohmann::json> LeadConversionService::duplicates(const Caller& caller, int64_t id) {
    auto& c = db_.reader();
    if (!store::lead_visible(c, id, store::lead_rule_sql(caller))) return lead_not_found(id);
    auto lead = store::find_lead(c, id);
    if (!lead) return lead_not_found(id);
    return nlohmann::json{{"items", duplicate_items(c, caller, *lead, store::load_stages(c))}};
}

Result<nlohmann::json> LeadConversionService::proposal(const Caller& caller, int64_t id) {
    auto& c = db_.reader();
    if (!store::lead_visible(c, id, store::lead_rule_sql(caller))) return lead_not_found(id);
    auto lead = store::find_lead(c, id);
    if (!lead) return lead_not_found(id);
    const auto contacts = store::contact_candidates(c, *lead, {}, store::contact_rule_sql(caller));
    const ConvertRequest r = suggest_conversion(*lead, contacts);
    nlohmann::json partner;
    if (r.partner_id) {
        auto it = std::find_if(contacts.begin(), contacts.end(), [&](const Contact& x) { return x.id == *r.partner_id; });
        if (it != contacts.end())
            partner = {{"id", it->id}, {"name", it->name}, {"is_company", it->is_company}, {"email", it->email}};
    }
    return nlohmann::json{{"action", to_string(r.action)},
                          {"partner_id", nullable(r.partner_id)},
                          {"partner", partner},
                          {"team_id", nullable(r.team_id)},
                          {"user_id", nullable(r.user_id)},
                          {"duplicates", duplicate_items(c, caller, *lead, store::load_stages(c))}};
}

Result<Lead> LeadConversionService::convert(const Caller& caller, int64_t id, const nlohmann::json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    nlohmann::json fields = body;
    fields.erase("version");
    auto request = convert_request_from_json(fields);
    if (!request) return request.error();
    const ConvertRequest req = std::move(request.value());
    if (req.action == ConvertAction::create && !store::may_write_contacts(caller))
        return Error::make(ErrorCode::forbidden, "Your role cannot create contacts; link an existing one", "action");
    const Timestamp now = unix_now();
    return store::map_constraints([&] {
        return write_all_or_nothing<Lead>(db_, [&](store::Connection& c) -> Result<Lead> {
            if (auto err = check_assignment(c, req)) return *err;
            const auto rule = store::lead_rule_sql(caller);
            if (!store::lead_visible(c, id, rule)) return lead_not_found(id);
            auto current = store::find_lead(c, id);
            if (!current) return lead_not_found(id);
            if (current->version != version.value()) return stale_version("lead", *current);
            if (std::find(req.merge_ids.begin(), req.merge_ids.end(), id) != req.merge_ids.end())
                return field_error("merge_ids", "must not list the lead being converted");
            std::optional<Error> missing;
            auto others = lead_conversion_load_visible(c, caller, req.merge_ids, missing);
            if (missing) return *missing;

            const auto stages = store::load_stages(c);
            std::vector<int64_t> also;
            if (req.partner_id) also.push_back(*req.partner_id);
            const auto contacts = store::contact_candidates(c, *current, also, store::contact_rule_sql(caller));
            auto conversion = convert_to_opportunity(*current, req, contacts, stages, now);
            if (!conversion) return conversion.error();
            if (conversion->create.company) {
                auto company = insert_planned_contact(c, caller, *conversion->create.company, "company", now);
                if (!company) return company.error();
                set_created_company(conversion.value(), company.value());
            }
            if (conversion->create.person) {
                auto person = insert_planned_contact(c, caller, *conversion->create.person, "person", now);
                if (!person) return person.error();
                set_created_person(conversion.value(), person.value());
            }
            Lead lead = std::move(conversion->change.lead);
            lead.write_date = now;
            if (!store::update_lead(c, lead)) return stale_version("lead", *current);
            record_lead_change(c, caller, lead, "converted", track_lead_changes(*current, lead), now);  // as stored
            if (others.empty()) return lead;

            std::vector<Lead> all{lead};
            all.insert(all.end(), others.begin(), others.end());
            MergeOptions options;
            options.user_id = req.user_id;
            options.team_id = req.team_id;
            auto plan = merge_leads(all, stages, options, now);
            if (!plan) return plan.error();
            return write_merge(c, caller, std::move(plan.value()), all, std::nullopt, now);
        });
    });
}

Result<Lead> LeadConversionService::merge(const Caller& caller, const nlohmann::json& body) {
    auto ids = id_list_field(body, "ids", 2, 50);
    if (!ids) return ids.error();
    std::optional<int64_t> target;
    if (body.contains("target_id") && !body["target_id"].is_null()) {
        if (!body["target_id"].is_number_integer()) return field_error("target_id", "must be an id", "error.type");
        target = body["target_id"].get<int64_t>();
        if (std::find(ids->begin(), ids->end(), *target) == ids->end())
            return field_error("target_id", "must be one of ids");
    }
    const Timestamp now = unix_now();
    return write_all_or_nothing<Lead>(db_, [&](store::Connection& c) -> Result<Lead> {
        std::optional<Error> missing;
        auto leads = lead_conversion_load_visible(c, caller, ids.value(), missing);
        if (missing) return *missing;
        auto plan = merge_leads(leads, store::load_stages(c), {}, now);
        if (!plan) return plan.error();
        return write_merge(c, caller, std::move(plan.value()), leads, target, now);
    });
}

}  // namespace tumen::server
