// What the compose dialog previews and what is checked before a request: shared/'s template renderer and compose
// checks (the same code the server runs), so the preview is the text that will be sent.
#include "app_state.hpp"
#include "mail_compose.hpp"
#include "settings_mail_templates.hpp"
#include "tumen/mail_outgoing.hpp"
#include "tumen/mail_template.hpp"

namespace tumen::client {

MailPreview MailCompose::preview() const {
    MailPreview p;
    if (!lead_) return p;
    mail::LeadContextNames n;
    n.stage = names_.stage;
    n.team = names_.team;
    n.salesperson = names_.salesperson;
    const auto& s = app_.session();
    if (s) n.user_name = s->user.name;
    n.user_email = user_email_;
    n.company_name = company_.name;
    n.company_email = company_.email;
    auto r = mail::render(subject, body, mail::lead_context(*lead_, n));
    if (!r) {
        p.errors = field_messages(r.error().details);
        p.subject = subject;
        p.body = body;
        return p;
    }
    p.subject = std::move(r.value().subject);
    p.body = std::move(r.value().body);
    return p;
}

FieldMessages MailCompose::check() const {
    nlohmann::json req = {{"to", to}, {"cc", cc}, {"subject", subject}, {"body", body}};
    if (template_id_) req["template_id"] = *template_id_;
    FieldMessages e;
    if (auto in = mail::compose_input_from_json(req); !in) e = field_messages(in.error().details);
    // What the renderer refuses (an unknown placeholder) the server refuses too.
    for (const auto& [f, m] : preview().errors)
        if (!e.count(f)) e[f] = m;
    return e;
}

std::vector<std::string> template_placeholders() {
    std::vector<std::string> out;
    for (const auto& p : mail::placeholders()) out.emplace_back(p.name);
    return out;
}

FieldMessages check_template(const TemplateRow& row) {
    FieldErrors e;
    mail::check_placeholders(row.subject, "subject", e);
    mail::check_placeholders(row.body, "body", e);
    return field_messages(e.list());
}

}  // namespace tumen::client
