#include "services/contact_service.hpp"

#include "services/auth_service.hpp"
#include "services/lead_service.hpp"
#include "services/record_support.hpp"
#include "store/attachments.hpp"
#include "store/constraints.hpp"
#include "store/contact_rules.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/team_members.hpp"

namespace tumen::server {

namespace {

Error read_only_role() {
    return Error::make(ErrorCode::forbidden, "Your role may look at contacts but not change them");
}

// The fields whose changes go to the contact's chatter (the identity and ownership of the contact).
std::vector<TrackingValue> tracked_changes(const Contact& before, const Contact& after) {
    const nlohmann::json a = before, b = after;
    std::vector<TrackingValue> out;
    for (const char* f : {"name", "is_company", "parent_id", "email", "phone", "mobile", "user_id", "opt_out",
                          "blacklisted", "active"})
        if (a[f] != b[f]) out.push_back({f, a[f], b[f]});
    return out;
}

void log_contact(store::Connection& c, const Caller& caller, const Contact& x, const std::string& action) {
    log_record_change(c, caller, "contact", x.id, action, {{"version", x.version}});
}

const store::ForeignKeyHint reference_hint{"", ErrorCode::validation, "refers to a record that does not exist"};

}  // namespace

std::optional<Error> ContactService::check_references(store::Connection& c, const Contact& x) {
    FieldErrors fe;
    if (x.parent_id) {
        if (!store::contact_exists(c, *x.parent_id)) fe.add("parent_id", "no such contact", "error.unknown_id");
        else if (x.id != 0 && store::contact_has_ancestor(c, *x.parent_id, x.id))
            fe.add("parent_id", "cannot be the contact itself or one of the contacts under it", "error.cycle");
    }
    if (!store::missing_contact_categories(c, x.category_ids).empty())
        fe.add("category_ids", "names a contact category that does not exist", "error.unknown_id");
    if (x.user_id && !store::missing_users(c, {*x.user_id}).empty()) fe.add("user_id", "no such user", "error.unknown_id");
    if (!fe.empty()) return fe.to_error();
    return std::nullopt;
}

nlohmann::json ContactService::counts_json(const Caller& caller, int64_t id) {
    auto counts = store::contact_lead_counts(db_.reader(), id, store::lead_rule_sql(caller));
    return {{"lead_count", counts.leads}, {"opportunity_count", counts.opportunities}};
}

Result<nlohmann::json> ContactService::get(const Caller& caller, int64_t id) {
    auto& c = db_.reader();
    if (!store::contact_visible(c, id, store::contact_rule_sql(caller))) return record_not_found("contact", id);
    auto x = store::find_contact(c, id);
    if (!x) return record_not_found("contact", id);
    nlohmann::json j = *x;
    j.update(counts_json(caller, id));
    return j;
}

Result<Contact> ContactService::create(const Caller& caller, const nlohmann::json& body) {
    if (!store::may_write_contacts(caller)) return read_only_role();
    Contact contact;
    if (FieldErrors fe = apply_patch(contact, body); !fe.empty()) return fe.to_error();
    const Timestamp now = unix_now();
    contact.create_date = contact.write_date = now;
    return store::map_constraints(
        [&]() -> Result<Contact> {
            return db_.write([&](store::Connection& c) -> Result<Contact> {
                if (auto err = check_references(c, contact)) return *err;
                store::insert_contact(c, contact);
                log_contact(c, caller, contact, "created");
                return contact;
            });
        },
        reference_hint);
}

Result<Contact> ContactService::edit(const Caller& caller, int64_t id, const nlohmann::json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    auto version = required_version(patch);
    if (!version) return version.error();
    nlohmann::json fields = patch;
    fields.erase("version");
    const Timestamp now = unix_now();
    return store::map_constraints(
        [&]() -> Result<Contact> {
            return db_.write([&](store::Connection& c) -> Result<Contact> {
                if (!store::contact_visible(c, id, store::contact_rule_sql(caller))) return record_not_found("contact", id);
                if (!store::may_write_contacts(caller)) return read_only_role();
                auto current = store::find_contact(c, id);
                if (!current) return record_not_found("contact", id);
                if (current->version != version.value()) return stale_version("contact", *current);
                Contact contact = *current;
                if (FieldErrors fe = apply_patch(contact, fields); !fe.empty()) return fe.to_error();
                if (contact == *current) return contact;  // nothing to write: no new version, no event
                if (auto err = check_references(c, contact)) return *err;
                contact.write_date = now;
                if (!store::update_contact(c, contact)) return stale_version("contact", *current);
                std::optional<int64_t> author;
                if (caller.user_id) author = caller.user_id;
                if (auto msg = tracking_message("contact", id, tracked_changes(*current, contact), author, now))
                    store::insert_message(c, *msg);
                log_contact(c, caller, contact, "updated");
                return contact;
            });
        },
        reference_hint);
}

Result<bool> ContactService::remove(const Caller& caller, int64_t id) {
    std::vector<std::string> released;
    auto done = db_.write([&](store::Connection& c) -> Result<bool> {
        if (!store::contact_visible(c, id, store::contact_rule_sql(caller))) return record_not_found("contact", id);
        auto x = store::find_contact(c, id);
        if (!x) return record_not_found("contact", id);
        store::delete_contact(c, id);
        released = store::delete_record_attachments(c, "contact", id);
        log_contact(c, caller, *x, "deleted");
        return true;
    });
    if (done && release_files_) release_files_(released);
    return done;
}

Result<store::ContactPage> ContactService::search(const Caller& caller, store::ContactQuery q, bool with_total) {
    q.context = LeadService::filter_context_of(caller);
    return store::search_contacts(db_.reader(), q, store::contact_rule_sql(caller), with_total);
}

Result<std::vector<ChatterMessage>> ContactService::messages(const Caller& caller, int64_t id, int limit, int64_t before_id) {
    auto& c = db_.reader();
    if (!store::contact_visible(c, id, store::contact_rule_sql(caller))) return record_not_found("contact", id);
    if (limit < 1 || limit > 200) return Error::make(ErrorCode::bad_request, "limit must be 1..200", "limit");
    return store::list_messages(c, "contact", id, limit, before_id);
}

Result<ChatterMessage> ContactService::post_note(const Caller& caller, int64_t id, const nlohmann::json& body) {
    if (!store::may_write_contacts(caller)) return read_only_role();
    nlohmann::json msg = {{"res_model", "contact"}, {"res_id", id}, {"kind", "note"}};
    if (body.is_object() && body.contains("body")) msg["body"] = body["body"];
    auto m = chatter_message_from_json(msg);
    if (!m) return m.error();
    ChatterMessage note = std::move(m.value());
    if (note.body.empty()) return field_error("body", "is required", "error.required");
    note.author_id = caller.user_id;
    note.author_name = caller.name;
    note.date = unix_now();
    return db_.write([&](store::Connection& c) -> Result<ChatterMessage> {
        if (!store::contact_visible(c, id, store::contact_rule_sql(caller))) return record_not_found("contact", id);
        store::insert_message(c, note);
        log_record_change(c, caller, "contact", id, "message", {{"message_id", note.id}});
        return note;
    });
}

}  // namespace tumen::server
