// Loading, editing and saving the lead form; the actions and dialogs are in lead_form_actions.cpp, the chatter and
// the pickers' lists in lead_form_chatter.cpp.
#include "lead_form.hpp"

#include <algorithm>
#include <cstdlib>

#include "api_io.hpp"
#include "app_state.hpp"
#include "tumen/api.hpp"
#include "tumen/lead_lifecycle.hpp"

namespace tumen::client {

LeadForm::LeadForm(AppState& app) : app_(app), attachments_(app.host()), compose_(app), sms_compose_(app) {
    // Shown at once, then the newest page fetched: a change tracked since the last fetch (a save) has a smaller
    // id than the message sent and goes below it (load_messages merges by id).
    compose_.on_sent = [this](const nlohmann::json& message) {
        if (auto m = take_message(message); m && (messages_.empty() || messages_.front().id < m->id))
            messages_.insert(messages_.begin(), std::move(*m));
        load_messages(true);
    };
    sms_compose_.on_sent = compose_.on_sent;
}

HttpRequest LeadForm::request(const std::string& method, const std::string& path, std::string body) const {
    const auto& s = app_.session();
    HttpRequest r = api_request("leads.get", std::move(body), app_.language(), s ? s->csrf_token : std::string());
    r.method = method;
    r.path = path;
    return r;
}

void LeadForm::send(HttpRequest r, std::function<void(const HttpResponse&)> done) {
    const std::uint64_t gen = generation_;
    app_.transport().send(std::move(r), [this, gen, done = std::move(done)](const HttpResponse& reply) {
        if (gen != generation_) return;  // the user has moved on to another lead
        if (reply.status == 401) {
            app_.session_expired();
            return;
        }
        done(reply);
    });
}

std::string LeadForm::lead_path(const std::string& tail) const {
    return std::string(api::prefix) + "/leads/" + std::to_string(id_) + tail;
}

void LeadForm::show(std::int64_t id) {
    if (id == id_) return;
    close();
    id_ = id;
    load_lead();
    load_references();
    load_messages(false);
    attachments_.open(
        lead_path(""), [this](const std::string& m, const std::string& p, std::string b) { return request(m, p, std::move(b)); },
        [this](HttpRequest r, AttachmentShelf::Done d) { send(std::move(r), std::move(d)); });
}

void LeadForm::close() {
    ++generation_;
    id_ = 0;
    loading_ = saving_ = busy_ = conflict_ = false;
    lead_.reset();
    base_.clear();
    draft_.clear();
    field_errors_.clear();
    banner_ = {};
    dialog_ = Dialog::none;
    dialog_error_ = {};
    dialog_busy_ = false;
    messages_.clear();
    attachments_.close();
    mail_.clear();
    compose_.close();
    sms_.clear();
    sms_compose_.close();
    last_mail_poll_ms_ = 0;
    polling_mail_ = false;
    more_messages_ = loading_messages_ = posting_note_ = false;
    note.clear();
    probability_ = {};
    probability_version_ = -1;
    note_error_ = {};
}

void LeadForm::load_lead() {
    loading_ = true;
    send(request("GET", lead_path()), [this](const HttpResponse& reply) {
        loading_ = false;
        if (!reply.ok()) return failed(reply, false);
        auto j = nlohmann::json::parse(reply.body, nullptr, false);
        auto lead = j.is_object() ? lead_from_json(j) : Result<Lead>(Error::make(ErrorCode::internal, ""));
        if (!lead) {
            banner_ = Message::from_key("error.bad_response");
            return;
        }
        take(std::move(lead).value(), true);
    });
}

void LeadForm::take(Lead lead, bool reset_draft) {
    Draft new_base = draft_of(lead, app_.language());
    draft_ = reset_draft || !lead_ ? new_base : rebase(base_, draft_, new_base);
    base_ = std::move(new_base);
    lead_ = std::move(lead);
    conflict_ = false;
    if (reset_draft) field_errors_.clear();
}

std::string LeadForm::value(const std::string& name) const {
    auto it = draft_.find(name);
    return it == draft_.end() ? std::string() : it->second;
}

bool LeadForm::changed(const std::string& name) const {
    auto b = base_.find(name);
    return value(name) != (b == base_.end() ? std::string() : b->second);
}

bool LeadForm::dirty() const { return lead_ && !changed_fields(base_, draft_).empty(); }

void LeadForm::set_priority(int stars) {
    // Clicking the star that is already the last lit one clears it (Odoo's widget does the same).
    const int now = std::atoi(value("priority").c_str());
    draft_["priority"] = std::to_string(std::clamp(stars == now ? stars - 1 : stars, 0, max_priority));
}

std::vector<std::int64_t> LeadForm::tag_ids() const { return parse_ids(value("tag_ids")); }

void LeadForm::add_tag(std::int64_t tag_id) {
    auto ids = tag_ids();
    if (std::find(ids.begin(), ids.end(), tag_id) == ids.end()) ids.push_back(tag_id);
    draft_["tag_ids"] = join_ids(ids);
}

void LeadForm::remove_tag(std::int64_t tag_id) {
    auto ids = tag_ids();
    ids.erase(std::remove(ids.begin(), ids.end(), tag_id), ids.end());
    draft_["tag_ids"] = join_ids(ids);
}

const Message* LeadForm::field_error(const std::string& name) const {
    auto it = field_errors_.find(name);
    return it == field_errors_.end() ? nullptr : &it->second;
}

void LeadForm::save() {
    if (!lead_ || saving_ || !dirty()) return;
    PatchResult p = patch_of(base_, draft_);
    field_errors_ = p.errors;
    if (!p.errors.empty()) {
        banner_ = Message::from_key("lead.fix_fields");
        return;
    }
    banner_ = {};
    p.body["version"] = lead_->version;
    saving_ = true;
    const Draft sent = draft_;
    send(request("PATCH", lead_path(), p.body.dump()), [this, sent](const HttpResponse& reply) {
        saving_ = false;
        if (!reply.ok()) return failed(reply, false);
        auto lead = lead_from_json(nlohmann::json::parse(reply.body, nullptr, false));
        if (!lead) {
            banner_ = Message::from_key("error.bad_response");
            return;
        }
        // Edits typed while the request was under way stay; the ones sent are now the record.
        const Draft typed_meanwhile = draft_;
        take(std::move(lead).value(), true);
        draft_ = rebase(sent, typed_meanwhile, draft_);
        load_messages(true);  // a tracked field (revenue, salesperson, ...) left a line in the chatter
    });
}

void LeadForm::discard() {
    draft_ = base_;
    field_errors_.clear();
    if (!conflict_) banner_ = {};
}

void LeadForm::reload_current() {
    conflict_ = false;
    banner_ = {};
    field_errors_.clear();
    lead_.reset();
    load_lead();
    load_messages(false);
}

void LeadForm::failed(const HttpResponse& reply, bool in_dialog) {
    Message m = problem_message(reply);
    auto body = nlohmann::json::parse(reply.body, nullptr, false);
    std::optional<Error> e;
    if (body.is_object()) {
        try {
            e = Error::from_json(body);
        } catch (const nlohmann::json::exception&) {
        }
    }
    const bool stale = e && e->current.is_object() && lead_ &&
                       e->current.value("version", std::int64_t{0}) != lead_->version;
    if (reply.status == 409 && stale) {
        // Stale version: never overwrite; keep the edits on screen and offer the current record.
        conflict_ = true;
        banner_ = Message::from_key("lead.conflict");
        if (in_dialog) dialog_error_ = banner_;
        return;
    }
    if (reply.status == 422 && e && !in_dialog) {
        bool placed = false;
        for (const auto& d : e->details) {
            const std::string f = form_field_of(d.field);
            if (f.empty()) continue;
            field_errors_[f] = Message::from_text(d.message.empty() ? e->message : d.message, f);
            placed = true;
        }
        if (!placed && !e->field.empty() && !form_field_of(e->field).empty()) {
            field_errors_[form_field_of(e->field)] = m;
            placed = true;
        }
        banner_ = placed ? Message::from_key("lead.fix_fields_server", {{"message", m.render(app_.language())}}) : m;
        return;
    }
    if (in_dialog) dialog_error_ = m;
    else banner_ = m;
}

std::vector<Stage> LeadForm::pipeline() const {
    if (!lead_) return {};
    auto stages = pipeline_stages(refs_.stages, lead_->team_id);
    if (stages.empty() && lead_->stage_id) {
        // A lead without a team whose stages all belong to teams: show the pipeline its stage is part of.
        if (const Stage* s = find_stage(refs_.stages, *lead_->stage_id)) stages = pipeline_stages(refs_.stages, s->team_id);
    }
    return stages;
}

std::string LeadForm::status() const {
    if (!lead_) return {};
    switch (won_status(*lead_, refs_.stages)) {
        case WonStatus::won: return "won";
        case WonStatus::lost: return "lost";
        case WonStatus::pending: break;
    }
    return lead_->active ? std::string() : "archived";
}

nlohmann::json LeadForm::probe() const {
    nlohmann::json j = {{"id", id_}, {"loading", loading_}, {"dirty", dirty()}, {"saving", saving_},
                        {"conflict", conflict_}, {"status", status()}, {"messages", messages_.size()}};
    if (lead_) {
        j["version"] = lead_->version;
        j["stage_id"] = lead_->stage_id ? nlohmann::json(*lead_->stage_id) : nlohmann::json();
        j["active"] = lead_->active;
        j["type"] = std::string(to_string(lead_->type));
    }
    switch (dialog_) {
        case Dialog::none: j["dialog"] = ""; break;
        case Dialog::lost: j["dialog"] = "lost"; break;
        case Dialog::convert: j["dialog"] = "convert"; break;
        case Dialog::merge: j["dialog"] = "merge"; break;
    }
    nlohmann::json errors = nlohmann::json::object();
    for (const auto& [f, m] : field_errors_) errors[f] = m.render(app_.language());
    j["field_errors"] = errors;
    // E-mail: the compose dialog and the delivery state of each e-mail shown, for the browser tests.
    nlohmann::json compose_errors = nlohmann::json::object();
    for (const auto& [f, m] : compose_.errors()) compose_errors[f] = m.render(app_.language());
    j["compose"] = {{"open", compose_.is_open()}, {"sending", compose_.sending()}, {"errors", compose_errors},
                    {"banner", compose_.banner().render(app_.language())}};
    nlohmann::json mails = nlohmann::json::array();
    for (const auto& m : messages_)
        if (const MailStatus* s = mail_of(m.id)) mails.push_back({{"message", m.id}, {"state", s->state}, {"error", s->last_error}});
    j["mail"] = mails;
    nlohmann::json sms_errors = nlohmann::json::object();
    for (const auto& [f, m] : sms_compose_.errors()) sms_errors[f] = m.render(app_.language());
    j["sms_compose"] = {{"open", sms_compose_.is_open()}, {"sending", sms_compose_.sending()}, {"errors", sms_errors},
                        {"banner", sms_compose_.banner().render(app_.language())}};
    nlohmann::json texts = nlohmann::json::array();
    for (const auto& m : messages_)
        if (const SmsStatus* s = sms_of(m.id)) texts.push_back({{"message", m.id}, {"state", s->state}, {"error", s->last_error}});
    j["sms"] = texts;
    return j;
}

}  // namespace tumen::client
