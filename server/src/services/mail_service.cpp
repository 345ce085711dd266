#include "services/mail_service.hpp"

#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "mail/mime_build.hpp"
#include "mail/smtp_client.hpp"
#include "services/auth_service.hpp"  // unix_now
#include "services/lead_service.hpp"  // required_version
#include "services/record_support.hpp"
#include "store/attachments.hpp"
#include "store/change_log.hpp"
#include "store/leads.hpp"
#include "store/mail_channels.hpp"
#include "store/mail_outbox.hpp"
#include "store/mail_templates.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/stages.hpp"
#include "store/teams.hpp"
#include "store/users.hpp"
#include "tumen/mail_address.hpp"
#include "tumen/mail_message_id.hpp"
#include "tumen/mail_text.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

namespace {

using nlohmann::json;

constexpr std::size_t max_error_bytes = 1000;

std::string random_hex(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string out(bytes * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    out.resize(bytes * 2);
    return out;
}

std::string mail_clip(const std::string& s) { return std::string(utf8::truncate(s, max_error_bytes)); }

std::string html_of(const std::string& text) {
    return "<!DOCTYPE html>\r\n<html><body>\r\n" + text_to_html(text) + "\r\n</body></html>\r\n";
}

smtp::SmtpSecurity security_of(const std::string& s) {
    if (s == "starttls") return smtp::SmtpSecurity::starttls;
    if (s == "tls") return smtp::SmtpSecurity::tls;
    return smtp::SmtpSecurity::none;
}

std::string message_id_domain(const store::MailSettings& s, const std::string& from) {
    if (!s.domain.empty()) return s.domain;
    if (auto d = email_domain(parse_named_address(s.default_from).email); !d.empty()) return d;
    return email_domain(parse_named_address(from).email);
}

smtp::SmtpSettings smtp_settings(const store::MailSettings& s) {
    smtp::SmtpSettings out;
    out.host = s.host;
    out.port = s.port;
    out.security = security_of(s.security);
    out.username = s.username;
    out.password = s.password;
    out.helo_domain = s.domain;
    out.verify_tls = s.verify_tls;
    return out;
}

json mail_settings_reply(const store::MailSettings& s) {
    return {{"host", s.host},
            {"port", s.port},
            {"security", s.security},
            {"username", s.username},
            {"password_set", !s.password.empty()},
            {"default_from", s.default_from},
            {"use_user_from", s.use_user_from},
            {"domain", s.domain},
            {"company_name", s.company_name},
            {"verify_tls", s.verify_tls},
            {"version", s.version}};
}

// Reads the writable settings fields of `body` into `s`; each bad one is a FieldError. The password: absent or
// null keeps the saved one, "" removes it.
FieldErrors read_settings(const json& body, store::MailSettings& s) {
    FieldErrors fe;
    if (!body.is_object()) {
        fe.add("", "must be a JSON object", "error.type");
        return fe;
    }
    const auto text = [&](const std::string& key, std::string& out, std::size_t max) {
        const json& v = body[key];
        if (!v.is_string()) return fe.add(key, "must be text", "error.type");
        if (v.get_ref<const std::string&>().size() > max) return fe.add(key, "is too long", "error.too_long");
        out = v.get<std::string>();
    };
    for (const auto& [key, v] : body.items()) {
        if (key == "version" || key == "password_set") continue;
        if (key == "host") {
            text(key, s.host, 253);
            if (s.host.find_first_of(" /\\@:\r\n") != std::string::npos) fe.add(key, "must be a host name or address", "error.invalid");
        } else if (key == "port") {
            if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 65535)
                fe.add(key, "must be a port number from 1 to 65535", "error.range");
            else s.port = v.get<int>();
        } else if (key == "security") {
            if (!v.is_string() || (v != "none" && v != "starttls" && v != "tls"))
                fe.add(key, "must be one of: none, starttls, tls", "error.enum");
            else s.security = v.get<std::string>();
        } else if (key == "username") {
            text(key, s.username, 320);
        } else if (key == "password") {
            if (!v.is_null()) text(key, s.password, 1000);
        } else if (key == "default_from") {
            text(key, s.default_from, 500);
            if (!s.default_from.empty() && !is_valid_email(parse_named_address(s.default_from).email))
                fe.add(key, "must be an e-mail address, e.g. Түмэн CRM <crm@example.mn>", "error.email");
        } else if (key == "use_user_from" || key == "verify_tls") {
            if (!v.is_boolean()) fe.add(key, "must be true or false", "error.type");
            else (key == "use_user_from" ? s.use_user_from : s.verify_tls) = v.get<bool>();
        } else if (key == "domain") {
            text(key, s.domain, 253);
            if (s.domain.find_first_of(" <>@/\\\r\n") != std::string::npos) fe.add(key, "must be a domain name", "error.invalid");
        } else if (key == "company_name") {
            text(key, s.company_name, 200);
        } else {
            fe.add(key, "is not a field", "error.unknown_field");
        }
    }
    return fe;
}

Error template_not_found(int64_t id) { return record_not_found("mail template", id); }

// The live event of a mail's state change: the lead's timeline refreshes its message.
void log_mail_change(store::Connection& c, const tumen::mail::OutgoingMail& m, std::string_view state) {
    if (m.res_model != "lead" || m.res_id <= 0) return;
    store::ChangeEvent e;
    e.at = unix_now();
    e.entity = "lead";
    e.entity_id = m.res_id;
    e.action = "message";
    e.payload = {{"mail_id", m.id}, {"mail_state", state}};
    store::append_change(c, e);
}

std::string read_file(const std::string& path, bool& ok) {
    std::ifstream in(path, std::ios::binary);
    ok = static_cast<bool>(in);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

MailService::MailService(store::Database& db, JobRunner& jobs, AttachmentService& files)
    : db_(db), jobs_(jobs), files_(files) {
    jobs_.register_kind(send_kind, [this](JobContext& ctx, const json&) { return send_due(ctx); }, send_interval_s);
}

std::optional<int64_t> MailService::retry_delay(int attempts) const {
    if (retry_delays_.empty()) return tumen::mail::retry_delay_s(attempts);
    if (attempts < 1 || attempts > static_cast<int>(retry_delays_.size())) return std::nullopt;
    return retry_delays_[static_cast<std::size_t>(attempts - 1)];
}

// ---- the smtp channel's state (Settings) ------------------------------------------------------------------------

void MailService::record_channel(bool ok, const std::string& error) {
    db_.write([&](store::Connection& c) {
        if (ok) store::channel_ok(c, channel, "out");
        else store::channel_error(c, channel, "out", error);
    });
}

json MailService::channel_json() {
    for (const auto& ch : store::list_channels(db_.reader()))
        if (ch.name == channel)
            return {{"name", ch.name},
                    {"state", ch.state},
                    {"sent", ch.sent},
                    {"failed", ch.failed},
                    {"last_error", ch.last_error},
                    {"last_error_at", ch.last_error_at ? json(format_timestamp(*ch.last_error_at)) : json()},
                    {"last_success_at", ch.last_success_at ? json(format_timestamp(*ch.last_success_at)) : json()}};
    return {{"name", channel}, {"state", "unknown"}, {"sent", 0}, {"failed", 0}, {"last_error", ""},
            {"last_error_at", nullptr}, {"last_success_at", nullptr}};
}

// ---- compose --------------------------------------------------------------------------------------------------

Result<ChatterMessage> MailService::compose(const Caller& caller, int64_t lead_id, const json& body) {
    auto input = tumen::mail::compose_input_from_json(body);
    if (!input) return input.error();
    const tumen::mail::ComposeInput& in = input.value();
    const int64_t now = unix_now();
    auto out = db_.write([&](store::Connection& c) -> Result<ChatterMessage> {
        // The caller must be able to read the lead (record rules): others get 404, as for every lead endpoint.
        if (!store::lead_visible(c, lead_id, store::lead_rule_sql(caller))) return record_not_found("lead", lead_id);
        auto lead = store::find_lead(c, lead_id);
        if (!lead) return record_not_found("lead", lead_id);
        const auto settings = store::load_mail_settings(c);
        const auto user = store::find_user(c, caller.user_id);

        std::string from;
        if (settings.use_user_from && user && is_valid_email(user->email)) from = format_address({user->name, user->email});
        else from = settings.default_from;
        if (from.empty())
            return field_error("from", "no sender address: set the default sender in Settings > E-mail", "error.required");

        std::string subject = in.subject, text = in.body;
        if (in.template_id) {
            auto t = store::find_mail_template(c, *in.template_id);
            if (!t || !t->active) return field_error("template_id", "no active template with this id", "error.not_found");
            if (subject.empty()) subject = t->subject;
            if (text.empty()) text = t->body;
        }
        tumen::mail::LeadContextNames names;
        if (lead->stage_id)
            if (auto s = store::find_stage(c, *lead->stage_id)) names.stage = s->name;
        if (lead->team_id)
            if (auto t = store::find_team(c, *lead->team_id)) names.team = t->name;
        if (lead->user_id)
            if (auto u = store::find_user(c, *lead->user_id)) names.salesperson = u->name;
        names.user_name = user ? user->name : caller.name;
        names.user_email = user ? user->email : "";
        names.company_name = settings.company_name;
        names.company_email = parse_named_address(settings.default_from).email;
        auto rendered = tumen::mail::render(subject, text, tumen::mail::lead_context(lead.value(), names));
        if (!rendered) return rendered.error();
        if (rendered->subject.empty()) return field_error("subject", "is required", "error.required");

        tumen::mail::OutgoingMail m;
        m.res_model = "lead";
        m.res_id = lead_id;
        m.mail_from = from;
        for (const auto& a : in.to) m.to.push_back(format_address(a));
        for (const auto& a : in.cc) m.cc.push_back(format_address(a));
        m.subject = rendered->subject;
        m.body_text = rendered->body;
        m.body_html = html_of(rendered->body);
        for (std::size_t i = 0; i < in.attachment_ids.size(); ++i) {
            auto a = store::find_attachment(c, in.attachment_ids[i]);
            if (!a || a->res_model != "lead" || a->res_id != lead_id)
                return field_error("attachment_ids[" + std::to_string(i) + "]", "is not a file attached to this lead",
                                   "error.not_found");
            m.attachments.push_back({a->id, a->name, a->mimetype, a->size, a->sha256});
        }
        m.created_by = caller.user_id ? std::optional<int64_t>(caller.user_id) : std::nullopt;
        m.created_at = now;
        m.next_try_at = now;
        store::insert_outbox(c, m);
        m.message_id = make_message_id("lead", lead_id, m.id, random_hex(6), message_id_domain(settings, from));
        store::set_outbox_message_id(c, m.id, m.message_id);

        ChatterMessage msg;
        msg.res_model = "lead";
        msg.res_id = lead_id;
        msg.kind = MessageKind::email;
        msg.subject = m.subject;
        msg.body = m.body_text;
        msg.author_id = m.created_by;
        msg.author_name = caller.name;
        msg.date = now;
        msg.mail_id = m.id;
        store::insert_message(c, msg);
        store::set_message_message_id(c, msg.id, m.message_id);
        msg.mail = tumen::mail::delivery_json(m);
        log_record_change(c, caller, "lead", lead_id, "message", {{"message_id", msg.id}, {"mail_id", m.id}},
                          lead->team_id);
        jobs_.enqueue_in(c, send_kind);
        return msg;
    });
    if (out) jobs_.poke();
    return out;
}

// ---- mail the server writes -----------------------------------------------------------------------------------

Result<int64_t> MailService::queue_system_mail(store::Connection& c, const SystemMail& in) {
    const auto settings = store::load_mail_settings(c);
    const std::string from = in.from.empty() ? settings.default_from : in.from;
    FieldErrors errors;
    if (from.empty()) errors.add("from", "no sender address: set the default sender in Settings > E-mail", "error.required");
    if (in.to.empty()) errors.add("to", "needs at least one address", "error.required");
    for (std::size_t i = 0; i < in.to.size(); ++i)
        if (!is_valid_email(parse_named_address(in.to[i]).email))
            errors.add("to[" + std::to_string(i) + "]", "is not an e-mail address", "error.invalid_email");
    if (in.subject.empty()) errors.add("subject", "is required", "error.required");
    if (!errors.empty()) return errors.to_error();

    const int64_t now = unix_now();
    tumen::mail::OutgoingMail m;
    m.res_model = in.res_model;
    m.res_id = in.res_id;
    m.mail_from = from;
    m.to = in.to;
    m.subject = in.subject;
    m.body_text = in.body_text;
    m.body_html = in.body_html.empty() ? html_of(in.body_text) : in.body_html;
    std::vector<std::string> hashes;
    for (const auto& f : in.files) {
        // The file is written before the commit; if the transaction rolls back, the start-up purge removes it.
        auto a = files_.prepare_file(f.file_name, f.content, now);
        if (!f.mimetype.empty()) a.mimetype = f.mimetype;
        m.attachments.push_back({0, a.name, a.mimetype, a.size, a.sha256});
        hashes.push_back(a.sha256);
    }
    m.created_by = in.created_by;
    m.created_at = now;
    m.next_try_at = now;
    store::insert_outbox(c, m);
    m.message_id = make_message_id(in.res_model.empty() ? "mail" : in.res_model, in.res_id, m.id, random_hex(6),
                                   message_id_domain(settings, from));
    store::set_outbox_message_id(c, m.id, m.message_id);
    for (const auto& h : hashes) store::keep_outbox_file(c, m.id, h);
    jobs_.enqueue_in(c, send_kind);
    return m.id;
}

// ---- settings -------------------------------------------------------------------------------------------------

json MailService::settings_json() {
    auto s = store::load_mail_settings(db_.reader());
    json out = mail_settings_reply(s);
    out["channel"] = channel_json();
    return out;
}

Result<json> MailService::put_settings(const json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    auto out = db_.write([&](store::Connection& c) -> Result<json> {
        auto s = store::load_mail_settings(c);
        if (s.version != version.value()) return stale_version("mail settings", mail_settings_reply(s));
        auto fe = read_settings(body, s);
        if (!fe.empty()) return fe.to_error();
        store::save_mail_settings(c, s);
        // Mail that waited for working settings goes out at once.
        store::release_outbox(c, unix_now());
        jobs_.enqueue_in(c, send_kind);
        return mail_settings_reply(s);
    });
    if (out) jobs_.poke();
    return out;
}

Result<json> MailService::test_settings(const json& body) {
    auto s = store::load_mail_settings(db_.reader());
    json overrides = body.is_object() ? body : json::object();
    overrides.erase("version");
    auto fe = read_settings(overrides, s);
    if (!fe.empty()) return fe.to_error();
    if (s.host.empty()) return field_error("host", "is required", "error.required");
    smtp::SmtpClient client(smtp_settings(s));
    const auto r = client.check();
    record_channel(r.ok, r.ok ? "" : mail_clip(r.message));
    return json{{"ok", r.ok}, {"code", r.code}, {"message", mail_clip(r.message)}};
}

// ---- outbox ---------------------------------------------------------------------------------------------------

Result<json> MailService::outbox(const std::string& state, int limit, int64_t before_id) {
    if (!state.empty() && !tumen::mail::outbox_state_from(state))
        return Error::make(ErrorCode::bad_request, "state must be one of: queued, sending, sent, failed, bounced, cancelled",
                           "state");
    auto& c = db_.reader();
    store::OutboxQuery q;
    q.state = state;
    q.limit = limit;
    q.before_id = before_id;
    json items = json::array();
    for (const auto& m : store::list_outbox(c, q)) items.push_back(m);
    return json{{"items", items}, {"total", store::count_outbox(c, state)}};
}

Result<json> MailService::retry(const Caller& caller, int64_t id) {
    auto out = db_.write([&](store::Connection& c) -> Result<json> {
        auto m = store::find_outbox(c, id);
        if (!m) return record_not_found("outgoing mail", id);
        if (m->state != tumen::mail::OutboxState::failed && m->state != tumen::mail::OutboxState::queued) {
            Error e = Error::make(ErrorCode::conflict, "Only a failed or waiting mail can be retried");
            e.current = m.value();
            return e;
        }
        const int64_t now = unix_now();
        store::requeue_outbox(c, id, now);
        m = store::find_outbox(c, id);
        log_mail_change(c, *m, "queued");
        (void)caller;
        jobs_.enqueue_in(c, send_kind);
        return json(m.value());
    });
    if (out) jobs_.poke();
    return out;
}

// ---- templates ------------------------------------------------------------------------------------------------

Result<std::vector<tumen::mail::MailTemplate>> MailService::templates(bool active_only) {
    return store::list_mail_templates(db_.reader(), active_only);
}

Result<tumen::mail::MailTemplate> MailService::template_get(int64_t id) {
    auto t = store::find_mail_template(db_.reader(), id);
    if (!t) return template_not_found(id);
    return t.value();
}

Result<tumen::mail::MailTemplate> MailService::template_create(const Caller& caller, const json& body) {
    json input = body;
    if (input.is_object())
        for (const char* k : {"id", "version", "create_date", "write_date"})
            if (input.contains(k)) {
                FieldErrors fe;
                fe.add(k, "is read-only", "error.read_only");
                return fe.to_error();
            }
    auto t = tumen::mail::mail_template_from_json(input);
    if (!t) return t.error();
    tumen::mail::MailTemplate tpl = std::move(t.value());
    tpl.create_date = tpl.write_date = unix_now();
    return db_.write([&](store::Connection& c) -> Result<tumen::mail::MailTemplate> {
        if (store::mail_template_named(c, tpl.name)) return field_error("name", "a template with this name exists", "error.unique");
        store::insert_mail_template(c, tpl);
        log_record_change(c, caller, "mail_template", tpl.id, "created");
        return tpl;
    });
}

Result<tumen::mail::MailTemplate> MailService::template_update(const Caller& caller, int64_t id, const json& patch) {
    auto version = required_version(patch);
    if (!version) return version.error();
    return db_.write([&](store::Connection& c) -> Result<tumen::mail::MailTemplate> {
        auto t = store::find_mail_template(c, id);
        if (!t) return template_not_found(id);
        if (t->version != version.value()) return stale_version("mail template", json(t.value()));
        tumen::mail::MailTemplate edited = t.value();
        auto fe = tumen::mail::apply_patch(edited, patch);
        if (!fe.empty()) return fe.to_error();
        if (auto other = store::mail_template_named(c, edited.name); other && *other != id)
            return field_error("name", "a template with this name exists", "error.unique");
        edited.write_date = unix_now();
        if (!store::update_mail_template(c, edited)) return template_not_found(id);
        log_record_change(c, caller, "mail_template", id, "updated");
        return edited;
    });
}

Result<bool> MailService::template_delete(const Caller& caller, int64_t id) {
    return db_.write([&](store::Connection& c) -> Result<bool> {
        if (!store::delete_mail_template(c, id)) return template_not_found(id);
        log_record_change(c, caller, "mail_template", id, "deleted");
        return true;
    });
}

// ---- the job ----------------------------------------------------------------------------------------------------

Result<void> MailService::send_due(JobContext& ctx) {
    const auto settings = store::load_mail_settings(db_.reader());
    if (settings.host.empty()) {
        if (store::next_outbox_try(db_.reader())) {
            ctx.log("outgoing mail is waiting: no SMTP server is configured (Settings > E-mail)");
            record_channel(false, "No SMTP server is configured");
        }
        return {};
    }
    smtp::SmtpClient client(smtp_settings(settings));
    int64_t after_id = 0, sent = 0, failed = 0, retried = 0;
    bool channel_down = false;
    while (!ctx.stop_requested() && !channel_down) {
        const auto batch = store::due_outbox(db_.reader(), unix_now(), after_id, batch_size_);
        if (batch.empty()) break;
        for (const auto& row : batch) {
            if (ctx.stop_requested()) break;
            after_id = row.id;
            if (!db_.write([&](store::Connection& c) { return store::mark_outbox_sending(c, row.id); })) continue;

            std::optional<std::string> local_error;  // a problem on our side: permanent for this message
            mime::MimeInput mime;
            mime.from = row.mail_from;
            mime.to = row.to;
            mime.cc = row.cc;
            mime.subject = row.subject;
            mime.body_text = row.body_text;
            mime.body_html = row.body_html;
            mime.message_id = row.message_id;
            mime.in_reply_to = row.in_reply_to;
            mime.references = row.refs;
            mime.date = row.created_at;
            mime.loop_value = message_id_domain(settings, row.mail_from);
            for (const auto& a : row.attachments) {
                bool ok = false;
                std::string content = read_file(files_.path_of(a.sha256), ok);
                if (!ok) {
                    local_error = "the attached file \"" + a.name + "\" is no longer stored";
                    break;
                }
                mime.attachments.push_back({a.name, a.mimetype, std::move(content)});
            }
            std::vector<std::string> rcpts;
            for (const auto* list : {&row.to, &row.cc})
                for (const auto& t : *list) rcpts.push_back(parse_named_address(t).email);
            const std::string envelope_from = parse_named_address(row.mail_from).email;

            smtp::SmtpResult r;
            if (!local_error) r = client.send(envelope_from, rcpts, mime::build_mime(mime));
            const int attempts = row.attempts + 1;
            db_.write([&](store::Connection& c) {
                const int64_t now = unix_now();
                std::string_view state;
                if (local_error) {
                    store::mark_outbox_failed(c, row.id, *local_error);
                    state = "failed";
                } else if (r.ok) {
                    store::mark_outbox_sent(c, row.id, now);
                    state = "sent";
                } else if (r.connection && !r.attempted) {
                    store::mark_outbox_retry(c, row.id, now + channel_retry_s_, mail_clip(r.message), false);
                    state = "queued";
                } else if (tumen::mail::classify_smtp_reply(r.code) == tumen::mail::SmtpVerdict::permanent) {
                    store::mark_outbox_failed(c, row.id, mail_clip(r.message));
                    state = "failed";
                } else if (auto delay = retry_delay(attempts)) {
                    store::mark_outbox_retry(c, row.id, now + *delay, mail_clip(r.message), true);
                    state = "queued";
                } else {
                    store::mark_outbox_failed(c, row.id, mail_clip("gave up after " + std::to_string(attempts) +
                                                              " attempts: " + r.message));
                    state = "failed";
                }
                log_mail_change(c, row, state);
                // The smtp channel's counters move with the outcome they count. An answer about this one message
                // (a refused recipient) or a problem on our side is the message's failure: the channel shows the
                // text but stays green, since the server took our session. Only a failed link or login is red.
                const std::string error = mail_clip(local_error ? *local_error : r.message);
                const bool message_only = local_error || (r.attempted && !r.connection);
                if (state == "failed") store::bump_channel(c, channel, "out", "failed");
                if (state == "sent") {
                    store::bump_channel(c, channel, "out", "sent");
                    store::channel_ok(c, channel, "out", now);
                } else if (message_only) {
                    store::channel_note(c, channel, "out", error, now);
                    if (!local_error) store::channel_ok(c, channel, "out", now);
                } else {
                    store::channel_error(c, channel, "out", error, now);
                }
                if (state == "sent") ++sent;
                else if (state == "failed") ++failed;
                else ++retried;
            });
            if (!r.ok && r.connection && !local_error) {
                ctx.log("SMTP connection failed, the batch waits: " + r.message);
                channel_down = true;
                break;
            }
            ctx.progress(sent + failed + retried, 0);
        }
    }
    if (sent + failed + retried > 0)
        ctx.log("sent " + std::to_string(sent) + ", failed " + std::to_string(failed) + ", to retry " + std::to_string(retried));
    if (!ctx.stop_requested()) schedule_next_run(channel_down ? unix_now() + channel_retry_s_ : 0);
    return {};
}

// A run at the moment the next queued row comes due, so a 1-minute retry does not wait for the interval.
// After a connection failure not before `not_before` (else every due row would start a run at once, forever).
void MailService::schedule_next_run(int64_t not_before) {
    db_.write([&](store::Connection& c) {
        if (auto next = store::next_outbox_try(c)) jobs_.run_once_at(c, send_kind, std::max(*next, not_before));
    });
}

}  // namespace tumen::server
