// JSON Schemas of e-mail: compose from a lead, the outbox and a message's delivery state, SMTP settings, templates.
// (The inbound helper adds the inbound endpoint's and the channels' schemas here.)
#include "api_schema_parts.hpp"

namespace tumen::api {

namespace {
using namespace schema;
json outbox_states() { return enum_of({"queued", "sending", "sent", "failed", "bounced", "cancelled"}); }
json address_list() {
    return {{"description", "addresses: an array of \"Name <a@b>\" texts, or one text separated by commas"},
            {"oneOf", {array_of(t("string")), t("string")}}};
}
}  // namespace

json mail_schemas() {
    json compose = obj({{"to", address_list()},
                        {"cc", address_list()},
                        {"subject", described("string", "may hold {{placeholders}}; from the template when empty")},
                        {"body", described("string", "plain text, may hold {{placeholders}}; from the template when empty")},
                        {"template_id", nullable(t("integer"))},
                        {"attachment_ids", described("array", "files attached to this lead")}},
                       {"to"});
    compose["properties"]["attachment_ids"]["items"] = t("integer");
    json delivery = obj({{"id", t("integer")}, {"state", outbox_states()}, {"to", array_of(t("string"))},
                         {"cc", array_of(t("string"))}, {"last_error", described("string", "the SMTP server's answer")},
                         {"sent_at", nullable(date_time())}},
                        {"id", "state", "to", "cc", "last_error", "sent_at"});
    json attachment = obj({{"attachment_id", t("integer")}, {"name", t("string")}, {"mimetype", t("string")},
                           {"size", t("integer")}});
    json outbox = obj({{"id", t("integer")},
                       {"res_model", t("string")},
                       {"res_id", t("integer")},
                       {"message_id", t("string")},
                       {"in_reply_to", t("string")},
                       {"references", t("string")},
                       {"from", t("string")},
                       {"to", array_of(t("string"))},
                       {"cc", array_of(t("string"))},
                       {"subject", t("string")},
                       {"body_text", t("string")},
                       {"body_html", t("string")},
                       {"attachments", array_of(attachment)},
                       {"state", outbox_states()},
                       {"attempts", t("integer")},
                       {"next_try_at", nullable(date_time())},
                       {"last_error", t("string")},
                       {"created_by", nullable(t("integer"))},
                       {"created_at", date_time()},
                       {"sent_at", nullable(date_time())}});
    json settings_fields = {
        {"host", described("string", "SMTP server; empty = mail waits in the outbox")},
        {"port", {{"type", "integer"}, {"minimum", 1}, {"maximum", 65535}}},
        {"security", enum_of({"none", "starttls", "tls"})},
        {"username", described("string", "empty = no AUTH")},
        {"default_from", described("string", "From when the user's own address is not used, e.g. Түмэн CRM <crm@example.mn>")},
        {"use_user_from", described("boolean", "send as the writing user's own address when they have one")},
        {"domain", described("string", "right part of our Message-IDs; empty = the default sender's domain")},
        {"company_name", described("string", "{{company.name}} in templates")},
        {"verify_tls", t("boolean")},
    };
    json settings = obj(settings_fields);
    settings["properties"]["password_set"] = described("boolean", "a password is saved (it is never sent back)");
    settings["properties"]["version"] = t("integer");
    settings["properties"]["channel"] = described("object", "the smtp channel: counters, state, last error");
    json settings_in = obj(settings_fields, {"version"});
    settings_in["properties"]["password"] = described("string", "absent or null keeps the saved one; \"\" removes it");
    settings_in["properties"]["version"] = t("integer");
    json tpl_fields = {{"name", {{"type", "string"}, {"maxLength", 200}}},
                       {"res_model", enum_of({"lead", "contact", "quotation", "user"})},
                       {"subject", described("string", "{{lead.name}}, {{user.name}} ... (mail_template.hpp)")},
                       {"body", t("string")},
                       {"active", t("boolean")}};
    json tpl = obj(tpl_fields);
    for (const char* f : {"id", "version"}) tpl["properties"][f] = t("integer");
    tpl["properties"]["create_date"] = date_time();
    tpl["properties"]["write_date"] = date_time();
    json tpl_patch = obj(tpl_fields, {"version"});
    tpl_patch["properties"]["version"] = t("integer");
    return {
        {"MailCompose", compose},
        {"MailDelivery", delivery},
        {"OutboxMail", outbox},
        {"OutboxList", obj({{"items", array_of(ref("OutboxMail"))}, {"total", t("integer")}}, {"items", "total"})},
        {"MailSettings", settings},
        {"MailSettingsInput", settings_in},
        {"MailTestResult", obj({{"ok", t("boolean")}, {"code", described("integer", "the server's reply code, 0 = none")},
                                {"message", described("string", "the server's answer")}},
                               {"ok", "code", "message"})},
        {"MailTemplate", tpl},
        {"MailTemplateInput", obj(tpl_fields, {"name"})},
        {"MailTemplatePatch", tpl_patch},
        {"MailTemplateList", obj({{"items", array_of(ref("MailTemplate"))}}, {"items"})},
        {"RawMessage", {{"type", "string"}, {"format", "binary"}, {"x-media-types", {"message/rfc822"}},
                        {"description", "one raw RFC 5322 message, headers and body as received"}}},
        {"MailInboundResult",
         obj({{"outcome", enum_of({"created", "appended", "bounce", "rejected", "duplicate"})},
              {"lead_id", nullable(t("integer"))},
              {"message_id", t("string")},
              {"reason", described("string", "rejected: why (\"loop: ...\", \"no route: ...\"); bounce: the DSN status")},
              {"loop", described("boolean", "rejected as a mail loop: accepted by mailgate so no answer is sent")}},
             {"outcome", "lead_id", "message_id", "reason", "loop"})},
        {"MailChannel", obj({{"name", described("string", "smtp, http, mailgate, imap:<team>")},
                             {"direction", enum_of({"in", "out"})},
                             {"received", t("integer")}, {"created", t("integer")}, {"appended", t("integer")},
                             {"rejected", t("integer")}, {"sent", t("integer")}, {"failed", t("integer")},
                             {"state", enum_of({"unknown", "ok", "error"})},
                             {"last_error", t("string")},
                             {"last_error_at", nullable(date_time())},
                             {"last_success_at", nullable(date_time())}},
                            {"name", "direction", "state", "last_error"})},
        {"MailChannelList", obj({{"items", array_of(ref("MailChannel"))}}, {"items"})},
    };
}

}  // namespace tumen::api
