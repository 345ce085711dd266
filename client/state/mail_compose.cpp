// The compose dialog's state and sending; the preview is in mail_preview.cpp.
#include "mail_compose.hpp"

#include "api_io.hpp"
#include "app_state.hpp"
#include "mail_status.hpp"
#include "tumen/email_phone.hpp"

namespace tumen::client {

std::optional<TemplateRow> template_row_of(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer()) return std::nullopt;
    TemplateRow t;
    t.id = j["id"].get<std::int64_t>();
    auto str = [&](const char* k) { return j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string(); };
    t.name = str("name");
    t.res_model = str("res_model");
    if (t.res_model.empty()) t.res_model = "lead";
    t.subject = str("subject");
    t.body = str("body");
    t.active = !j.contains("active") || j["active"] != false;
    if (j.contains("version") && j["version"].is_number_integer()) t.version = j["version"].get<std::int64_t>();
    return t;
}

void MailCompose::reset() {
    close();
    templates_.clear();
    templates_loaded_ = false;
    templates_for_ = 0;
}

void MailCompose::open(const Lead& lead, PreviewNames names) {
    const auto& s = app_.session();
    const std::int64_t uid = s ? s->user.id : 0;
    if (uid != templates_for_) {
        templates_.clear();
        templates_loaded_ = false;
        templates_for_ = uid;
        user_email_.clear();
        company_ = {};
    }
    close();
    open_ = true;
    lead_ = lead;
    names_ = std::move(names);
    to = lead.email;
    if (!templates_loaded_) load_templates();
}

void MailCompose::close() {
    io_.reset();  // a late reply of this dialog changes nothing
    if (templates_loading_) templates_loaded_ = templates_loading_ = false;
    open_ = sending_ = show_preview = false;
    lead_.reset();
    to.clear();
    cc.clear();
    subject.clear();
    body.clear();
    template_id_.reset();
    errors_.clear();
    banner_ = {};
}

void MailCompose::load_templates() {
    templates_loaded_ = templates_loading_ = true;
    // The sender's address for {{user.email}} in the preview (the session does not carry it).
    io_.send("GET", "/api/v1/account", nullptr, [this](const HttpResponse& reply) {
        const auto j = reply_json(reply);
        if (reply.ok() && j.is_object() && j.contains("email") && j["email"].is_string()) user_email_ = j["email"].get<std::string>();
    });
    // {{company.*}}: the mail settings, which only administrators may read (others preview them empty).
    if (app_.session() && app_.session()->user.role == "admin")
        io_.send("GET", "/api/v1/mail/settings", nullptr, [this](const HttpResponse& reply) {
            const auto j = reply_json(reply);
            if (!reply.ok() || !j.is_object()) return;
            company_.name = j.value("company_name", std::string());
            company_.email = parse_named_address(j.value("default_from", std::string())).email;
        });
    io_.send("GET", "/api/v1/mail/templates", nullptr, [this](const HttpResponse& reply) {
        templates_loading_ = false;
        const auto j = reply_json(reply);
        // No templates (or no right to read them) leaves the picker empty; writing by hand still works.
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) return;
        templates_.clear();
        for (const auto& it : j["items"])
            if (auto t = template_row_of(it); t && t->active && t->res_model == "lead") templates_.push_back(std::move(*t));
    });
}

void MailCompose::use_template(std::optional<std::int64_t> id) {
    template_id_ = id;
    if (!id) return;
    for (const auto& t : templates_)
        if (t.id == *id) {
            subject = t.subject;
            body = t.body;
            errors_.erase("subject");
            errors_.erase("body");
        }
}

const Message* MailCompose::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void MailCompose::send() {
    if (!open_ || sending_ || !lead_) return;
    banner_ = {};
    errors_ = check();
    if (!errors_.empty()) {
        // The fields at fault must be visible: back from the preview to the text.
        if (errors_.count("subject") || errors_.count("body")) show_preview = false;
        return;
    }
    nlohmann::json req = {{"to", to}, {"cc", cc}, {"subject", subject}, {"body", body}};
    if (template_id_) req["template_id"] = *template_id_;
    sending_ = true;
    io_.send("POST", "/api/v1/leads/" + std::to_string(lead_->id) + "/mail", req, [this](const HttpResponse& reply) {
        sending_ = false;
        if (!reply.ok()) {
            errors_ = field_messages(reply);
            // A field the dialog does not show ("from": no sender configured, "template_id") is said on top.
            for (auto it = errors_.begin(); it != errors_.end();) {
                if (it->first == "to" || it->first == "cc" || it->first == "subject" || it->first == "body") {
                    ++it;
                    continue;
                }
                if (banner_.empty()) banner_ = problem_message(reply);
                it = errors_.erase(it);
            }
            if (errors_.empty() && banner_.empty()) banner_ = problem_message(reply);
            return;
        }
        const auto j = reply_json(reply);
        auto done = on_sent;
        close();
        if (done) done(j);
    });
}

}  // namespace tumen::client
