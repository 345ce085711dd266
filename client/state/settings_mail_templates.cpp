#include "settings_mail_templates.hpp"

#include "api_io.hpp"

namespace tumen::client {

void MailTemplatesAdmin::reset() {
    items_.clear();
    loading_ = loaded_ = editing_ = busy_ = false;
    draft = {};
    confirm_delete = 0;
    errors_.clear();
    banner_ = notice_ = {};
}

void MailTemplatesAdmin::ensure_loaded() {
    if (!loaded_ && !loading_) reload();
}

void MailTemplatesAdmin::reload() {
    loaded_ = loading_ = true;
    io_.send("GET", "/api/v1/mail/templates", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        items_.clear();
        for (const auto& it : j["items"])
            if (auto t = template_row_of(it)) items_.push_back(std::move(*t));
    });
}

const Message* MailTemplatesAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void MailTemplatesAdmin::edit(std::int64_t id) {
    for (const auto& t : items_)
        if (t.id == id) {
            draft = t;
            editing_ = true;
            errors_.clear();
            banner_ = notice_ = {};
        }
}

void MailTemplatesAdmin::create() {
    draft = {};
    editing_ = true;
    errors_.clear();
    banner_ = notice_ = {};
}

void MailTemplatesAdmin::cancel() {
    editing_ = false;
    draft = {};
    errors_.clear();
}

void MailTemplatesAdmin::take(const TemplateRow& row) {
    for (auto& t : items_)
        if (t.id == row.id) {
            t = row;
            return;
        }
    items_.push_back(row);
}

void MailTemplatesAdmin::save() {
    if (busy_ || !editing_) return;
    banner_ = notice_ = {};
    errors_.clear();
    if (draft.name.find_first_not_of(" \t") == std::string::npos)
        errors_["name"] = Message::from_key("settings.error.required", {}, "name");
    for (const auto& [f, m] : check_template(draft))
        if (!errors_.count(f)) errors_[f] = m;
    if (!errors_.empty()) return;
    nlohmann::json body = {{"name", draft.name}, {"res_model", draft.res_model}, {"subject", draft.subject},
                           {"body", draft.body}, {"active", draft.active}};
    const bool fresh = draft.id == 0;
    if (!fresh) body["version"] = draft.version;
    busy_ = true;
    const std::string path = "/api/v1/mail/templates" + (fresh ? std::string() : "/" + std::to_string(draft.id));
    io_.send(fresh ? "POST" : "PATCH", path, body, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                if (auto row = template_row_of(*current)) {
                    take(*row);
                    draft.version = row->version;  // the edits stay; saving again overwrites knowingly
                }
                banner_ = problem_message(reply);
                return;
            }
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        if (auto row = template_row_of(reply_json(reply))) take(*row);
        else reload();
        editing_ = false;
        draft = {};
        notice_ = Message::from_key("settings.templates.saved");
    });
}

void MailTemplatesAdmin::remove(std::int64_t id) {
    banner_ = notice_ = {};
    io_.send("DELETE", "/api/v1/mail/templates/" + std::to_string(id), nullptr, [this, id](const HttpResponse& reply) {
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        std::erase_if(items_, [id](const TemplateRow& t) { return t.id == id; });
        if (editing_ && draft.id == id) cancel();
        notice_ = Message::from_key("settings.templates.deleted");
    });
}

}  // namespace tumen::client
