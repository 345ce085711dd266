#include "contact_form.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "app_state.hpp"
#include "board_query.hpp"
#include "json_fields.hpp"
#include "tumen/api.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

std::vector<RefItem> ref_items(const std::string& body) {
    std::vector<RefItem> out;
    auto j = json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return out;
    for (const auto& it : j["items"]) {
        auto id = opt_int(it, "id");
        if (!id) continue;
        RefItem r{*id, str(it, "name"), static_cast<int>(opt_int(it, "color").value_or(0))};
        if (r.name.empty()) r.name = str(it, "login");
        out.push_back(std::move(r));
    }
    return out;
}

// The record of a reply: contacts.get adds the counts of its leads, which are not fields of the contact.
Result<Contact> contact_of(const std::string& body) {
    auto j = json::parse(body, nullptr, false);
    if (j.is_object()) {
        j.erase("lead_count");
        j.erase("opportunity_count");
    }
    return contact_from_json(j);
}

std::string name_in(const std::vector<RefItem>& list, std::int64_t id) {
    for (const auto& r : list)
        if (r.id == id) return r.name;
    return "#" + std::to_string(id);
}

}  // namespace

ContactForm::ContactForm(AppState& app) : app_(app), attachments_(app.host()) {}

HttpRequest ContactForm::request(const std::string& method, const std::string& p, std::string body) const {
    const auto& s = app_.session();
    HttpRequest r = api_request("contacts.get", std::move(body), app_.language(), s ? s->csrf_token : std::string());
    r.method = method;
    r.path = p;
    return r;
}

void ContactForm::send(HttpRequest r, std::function<void(const HttpResponse&)> done) {
    app_.transport().send(std::move(r), [this, gen = generation_, done = std::move(done)](const HttpResponse& reply) {
        if (gen != generation_) return;  // the user has moved on to another contact
        if (reply.status == 401) return app_.session_expired();
        done(reply);
    });
}

std::string ContactForm::path(const std::string& tail) const {
    return std::string(api::prefix) + "/contacts/" + std::to_string(id_) + tail;
}

void ContactForm::show(std::int64_t id) {
    if (id == id_) return;
    close();
    id_ = id;
    load_contact();
    load_references();
    chatter_.open(
        path(), [this](const std::string& m, const std::string& p, std::string b, ChatterFeed::Done d) {
            send(request(m, p, std::move(b)), std::move(d));
        },
        [this](const HttpResponse& reply) { banner_ = problem_message(reply); });
    attachments_.open(
        path(), [this](const std::string& m, const std::string& p, std::string b) { return request(m, p, std::move(b)); },
        [this](HttpRequest r, AttachmentShelf::Done d) { send(std::move(r), std::move(d)); });
}

void ContactForm::close() {
    ++generation_;
    id_ = 0;
    loading_ = saving_ = busy_ = conflict_ = false;
    contact_.reset();
    base_.clear();
    draft_.clear();
    field_errors_.clear();
    banner_ = {};
    people_.clear();
    leads_.clear();
    leads_loaded_ = false;
    parent_search_ = ContactSearch{true};
    chatter_.close();
    attachments_.close();
}

void ContactForm::load_contact() {
    loading_ = true;
    send(request("GET", path()), [this](const HttpResponse& reply) {
        loading_ = false;
        if (!reply.ok()) return failed(reply);
        auto c = contact_of(reply.body);
        if (!c) {
            banner_ = Message::from_key("error.bad_response");
            return;
        }
        take(std::move(c).value(), true);
    });
}

void ContactForm::load_references() {
    if (refs_requested_) return;
    refs_requested_ = true;
    const std::string p(api::prefix);
    // Pickers only: a list that cannot be read leaves its picker empty; the form still works.
    app_.transport().send(request("GET", p + "/contact-categories"), [this](const HttpResponse& r) {
        if (r.ok()) categories_ = ref_items(r.body);
    });
    app_.transport().send(request("GET", p + "/users/directory"), [this](const HttpResponse& r) {
        if (r.ok()) users_ = ref_items(r.body);
    });
    app_.transport().send(request("GET", p + "/stages"), [this](const HttpResponse& r) {
        if (r.ok()) stages_ = ref_items(r.body);
    });
}

void ContactForm::take(Contact c, bool reset_draft) {
    const Draft edits = draft_;
    const Draft old_base = base_;
    const auto old_parent = contact_ ? contact_->parent_id : std::nullopt;
    const bool first = !contact_;
    contact_ = std::move(c);
    base_ = contact_draft_of(*contact_);
    if (reset_draft || first) draft_ = base_;
    else {
        // Unsaved edits are carried onto the new version.
        draft_ = base_;
        for (const auto& f : contact_changed_fields(old_base, edits)) draft_[f] = edits.at(f);
    }
    parent_search_.exclude = contact_->id;
    if (first || old_parent != contact_->parent_id) load_related();
}

// The company's name, the company's people and the leads of the contact (and of its people).
void ContactForm::load_related() {
    const std::int64_t id = contact_->id;
    if (contact_->parent_id && !names_.count(*contact_->parent_id)) {
        const std::int64_t pid = *contact_->parent_id;
        send(request("GET", std::string(api::prefix) + "/contacts/" + std::to_string(pid)), [this, pid](const HttpResponse& r) {
            if (!r.ok()) return;  // a company the user may not see: shown as "#id"
            auto j = json::parse(r.body, nullptr, false);
            if (j.is_object()) names_[pid] = str(j, "name");
        });
    }
    if (!contact_->is_company) {
        people_.clear();
        load_leads({id});
        return;
    }
    const std::string q = query_string({{"filter", "parent_id = " + std::to_string(id)},
                                        {"sort", "name asc"},
                                        {"limit", "200"}});
    send(request("GET", std::string(api::prefix) + "/contacts?" + q), [this, id](const HttpResponse& r) {
        if (!r.ok()) return failed(r);
        people_.clear();
        std::vector<std::int64_t> ids{id};
        auto j = json::parse(r.body, nullptr, false);
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& it : j["items"])
                if (auto row = contact_row_from_json(it)) {
                    ids.push_back(row->id);
                    people_.push_back(std::move(*row));
                }
        load_leads(ids);
    });
}

void ContactForm::load_leads(const std::vector<std::int64_t>& ids) {
    std::string in;
    for (auto v : ids) in += (in.empty() ? "" : ", ") + std::to_string(v);
    const std::string q = query_string({{"filter", "partner_id in (" + in + ")"},
                                        {"sort", "create_date desc"},
                                        {"limit", "100"},
                                        {"fields", "name,type,stage_id,expected_revenue,probability"}});
    send(request("GET", std::string(api::prefix) + "/leads?" + q), [this](const HttpResponse& r) {
        if (!r.ok()) return failed(r);
        leads_.clear();
        leads_loaded_ = true;
        auto j = json::parse(r.body, nullptr, false);
        if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return;
        for (const auto& it : j["items"]) {
            auto lid = opt_int(it, "id");
            if (!lid) continue;
            ContactLead l;
            l.id = *lid;
            l.name = str(it, "name");
            l.opportunity = str(it, "type") == "opportunity";
            l.stage_id = opt_int(it, "stage_id");
            if (it.contains("expected_revenue") && it["expected_revenue"].is_object()) {
                l.expected_revenue.amount = opt_int(it["expected_revenue"], "amount").value_or(0);
                const std::string cur = str(it["expected_revenue"], "currency");
                if (!cur.empty()) l.expected_revenue.currency = cur;
            }
            if (it.contains("probability") && it["probability"].is_number()) l.probability = it["probability"].get<double>();
            leads_.push_back(std::move(l));
        }
    });
}

std::string ContactForm::value(const std::string& name) const {
    auto it = draft_.find(name);
    return it == draft_.end() ? std::string() : it->second;
}

bool ContactForm::changed(const std::string& name) const {
    auto b = base_.find(name), d = draft_.find(name);
    return (b == base_.end() ? std::string() : b->second) != (d == draft_.end() ? std::string() : d->second);
}

bool ContactForm::dirty() const { return !contact_changed_fields(base_, draft_).empty(); }

const Message* ContactForm::field_error(const std::string& name) const {
    auto it = field_errors_.find(name);
    return it == field_errors_.end() ? nullptr : &it->second;
}

void ContactForm::save() {
    if (!contact_ || saving_ || !dirty()) return;
    if (value("name").find_first_not_of(" \t") == std::string::npos) {
        field_errors_["name"] = Message::from_key("contact.name_required", {}, "name");
        banner_ = Message::from_key("lead.fix_fields");
        return;
    }
    json body = contact_patch_of(base_, draft_);
    body["version"] = contact_->version;
    saving_ = true;
    banner_ = {};
    field_errors_.clear();
    const Draft sent = draft_;
    send(request("PATCH", path(), body.dump()), [this, sent](const HttpResponse& reply) {
        saving_ = false;
        if (!reply.ok()) return failed(reply);
        auto c = contact_of(reply.body);
        if (!c) {
            banner_ = Message::from_key("error.bad_response");
            return;
        }
        // Edits typed while the request was under way stay; the ones sent are now the record.
        const Draft typed = draft_;
        take(std::move(c).value(), true);
        for (const auto& f : contact_changed_fields(sent, typed)) draft_[f] = typed.at(f);
        chatter_.refresh();  // the tracked changes
    });
}

void ContactForm::discard() {
    draft_ = base_;
    field_errors_.clear();
    if (!conflict_) banner_ = {};
}

void ContactForm::apply_live(std::int64_t id, const std::string& action, std::optional<std::int64_t> version) {
    if (id != id_ || !contact_ || loading_) return;
    if (action == "message") return chatter_.refresh();
    if (action == "attached" || action == "detached") return attachments_.reload();
    if (action == "deleted") {
        banner_ = Message::from_key("contact.deleted_elsewhere");
        return;
    }
    // Our own save answers with this version itself; older news changes nothing.
    if (!version || *version <= contact_->version || saving_ || busy_) return;
    if (dirty()) {
        conflict_ = true;
        banner_ = Message::from_key("contact.changed_elsewhere");
        return;
    }
    load_contact();
    chatter_.refresh();  // the change's tracked values
}

void ContactForm::reload_current() {
    conflict_ = false;
    banner_ = {};
    field_errors_.clear();
    contact_.reset();
    load_contact();
    chatter_.refresh();
}

void ContactForm::failed(const HttpResponse& reply) {
    Message m = problem_message(reply);
    auto body = json::parse(reply.body, nullptr, false);
    std::optional<Error> e;
    if (body.is_object()) {
        try {
            e = Error::from_json(body);
        } catch (const json::exception&) {
        }
    }
    if (reply.status == 409 && e && e->current.is_object() && contact_ &&
        e->current.value("version", std::int64_t{0}) != contact_->version) {
        // Stale version: never overwrite; keep the edits on screen and offer the current record.
        conflict_ = true;
        banner_ = Message::from_key("lead.conflict");
        return;
    }
    if (reply.status == 422 && e) {
        bool placed = false;
        for (const auto& d : e->details) {
            const std::string f = contact_form_field_of(d.field);
            if (f.empty()) continue;
            field_errors_[f] = Message::from_text(d.message.empty() ? e->message : d.message, f);
            placed = true;
        }
        if (!placed && !contact_form_field_of(e->field).empty()) {
            field_errors_[contact_form_field_of(e->field)] = m;
            placed = true;
        }
        banner_ = placed ? Message::from_key("lead.fix_fields_server", {{"message", m.render(app_.language())}}) : m;
        return;
    }
    banner_ = m;
}

std::string ContactForm::parent_name() const {
    const std::string v = value("parent_id");
    if (v.empty()) return {};
    const std::int64_t pid = std::strtoll(v.c_str(), nullptr, 10);
    auto it = names_.find(pid);
    return it == names_.end() ? "#" + v : it->second;
}

void ContactForm::set_parent(std::optional<std::int64_t> id, const std::string& name) {
    if (id) names_[*id] = name;
    draft_["parent_id"] = id ? std::to_string(*id) : std::string();
    clear_field_error("parent_id");
}

std::vector<std::int64_t> ContactForm::category_ids() const { return parse_ids(value("category_ids")); }

void ContactForm::toggle_category(std::int64_t id) {
    auto ids = category_ids();
    auto it = std::find(ids.begin(), ids.end(), id);
    if (it == ids.end()) ids.push_back(id);
    else ids.erase(it);
    draft_["category_ids"] = join_ids(ids);
}

std::string ContactForm::stage_name(std::optional<std::int64_t> id) const {
    return id ? name_in(stages_, *id) : std::string();
}

void ContactForm::new_opportunity() {
    if (!contact_ || busy_) return;
    const Contact& c = *contact_;
    json body = {{"name", app_.tr("contact.opportunity_name", {{"name", c.name}})},
                 {"type", "opportunity"},
                 {"partner_id", c.id},
                 {"email", c.email},
                 {"phone", c.phone.empty() ? c.mobile : c.phone}};
    if (c.is_company) body["partner_name"] = c.name;
    else {
        body["contact_name"] = c.name;
        if (c.parent_id) body["partner_name"] = parent_name();
    }
    busy_ = true;
    send(request("POST", std::string(api::prefix) + "/leads", body.dump()), [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        auto id = opt_int(json::parse(reply.body, nullptr, false), "id");
        if (id) app_.navigate(Route::lead(*id));
    });
}

void ContactForm::new_person() {
    if (!contact_ || !contact_->is_company) return;
    auto& list = app_.contacts();
    list.open_new(false);
    list.new_dialog().parent_id = contact_->id;
    list.new_dialog().parent_name = contact_->name;
}

void ContactForm::set_active(bool active) {
    if (!contact_ || busy_) return;
    busy_ = true;
    const json body = {{"active", active}, {"version", contact_->version}};
    send(request("PATCH", path(), body.dump()), [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        if (auto c = contact_of(reply.body)) take(std::move(c).value(), false);
        chatter_.refresh();
    });
}

void ContactForm::archive() { set_active(false); }
void ContactForm::unarchive() { set_active(true); }

void ContactForm::remove() {
    if (!contact_ || busy_) return;
    busy_ = true;
    send(request("DELETE", path()), [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return failed(reply);
        close();
        app_.navigate(Route::contacts());
    });
}

std::string ContactForm::author_of(const ChatterMessage& m) const {
    if (m.author_id) {
        const auto& s = app_.session();
        if (s && s->user.id == *m.author_id) return s->user.name;
        return name_in(users_, *m.author_id);
    }
    return m.author_name.empty() ? app_.tr("lead.chatter.system") : m.author_name;
}

std::string ContactForm::tracked_value_text(const std::string& field, const json& v) const {
    if (v.is_null()) return "—";
    if (v.is_number_integer()) {
        const auto id = v.get<std::int64_t>();
        if (field == "user_id") return name_in(users_, id);
        if (field == "parent_id") {
            auto it = names_.find(id);
            return it == names_.end() ? "#" + std::to_string(id) : it->second;
        }
    }
    if (v.is_boolean()) return app_.tr(v.get<bool>() ? "lead.yes" : "lead.no");
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

}  // namespace tumen::client
