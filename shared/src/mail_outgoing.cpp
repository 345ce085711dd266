#include "tumen/mail_outgoing.hpp"

#include "field_checks.hpp"
#include "tumen/mail_address.hpp"
#include "tumen/mail_template.hpp"

namespace tumen::mail {

namespace {

using nlohmann::json;

constexpr std::string_view state_names[] = {"queued", "sending", "sent", "failed", "bounced", "cancelled"};

json time_or_null(const std::optional<Timestamp>& t) { return t ? json(format_timestamp(*t)) : json(); }

std::optional<Timestamp> time_from(const json& j, const char* key) {
    if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
    return parse_timestamp(j[key].get<std::string>());
}

std::vector<std::string> strings_from(const json& j, const char* key) {
    std::vector<std::string> out;
    if (j.contains(key) && j[key].is_array())
        for (const auto& s : j[key])
            if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
}

// An address list field: an array of texts (each may itself hold several) or one text.
void read_addresses(const json& j, const char* field, std::vector<NamedAddress>& out, FieldErrors& e) {
    if (!j.contains(field) || j[field].is_null()) return;
    const json& v = j[field];
    std::vector<std::string> texts;
    if (v.is_string()) texts.push_back(v.get<std::string>());
    else if (v.is_array()) {
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string()) {
                e.add(std::string(field) + "[" + std::to_string(i) + "]", "must be an e-mail address", "error.type");
                return;
            }
            texts.push_back(v[i].get<std::string>());
        }
    } else {
        return e.add(field, "must be an address list (text or array of texts)", "error.type");
    }
    std::vector<NamedAddress> list;
    for (const auto& t : texts)
        for (auto& a : parse_address_list(t)) list.push_back(std::move(a));
    for (std::size_t i = 0; i < list.size(); ++i)
        if (!is_valid_email(list[i].email))
            e.add(std::string(field) + "[" + std::to_string(i) + "]", "\"" + list[i].email + "\" is not a valid e-mail address",
                  "error.email");
    out = std::move(list);
}

}  // namespace

std::string_view to_string(OutboxState s) { return state_names[static_cast<int>(s)]; }

std::optional<OutboxState> outbox_state_from(std::string_view s) {
    for (int i = 0; i < 6; ++i)
        if (state_names[i] == s) return static_cast<OutboxState>(i);
    return std::nullopt;
}

void to_json(json& j, const OutgoingAttachment& a) {
    j = {{"attachment_id", a.attachment_id}, {"name", a.name}, {"mimetype", a.mimetype}, {"size", a.size}};
}

void to_json(json& j, const OutgoingMail& m) {
    j = {
        {"id", m.id},
        {"res_model", m.res_model},
        {"res_id", m.res_id},
        {"message_id", m.message_id},
        {"in_reply_to", m.in_reply_to},
        {"references", m.refs},
        {"from", m.mail_from},
        {"to", m.to},
        {"cc", m.cc},
        {"subject", m.subject},
        {"body_text", m.body_text},
        {"body_html", m.body_html},
        {"attachments", m.attachments},
        {"state", to_string(m.state)},
        {"attempts", m.attempts},
        {"next_try_at", m.next_try_at ? json(format_timestamp(m.next_try_at)) : json()},
        {"last_error", m.last_error},
        {"created_by", m.created_by ? json(*m.created_by) : json()},
        {"created_at", format_timestamp(m.created_at)},
        {"sent_at", time_or_null(m.sent_at)},
    };
}

OutgoingMail outgoing_mail_from_json(const json& j) {
    OutgoingMail m;
    if (!j.is_object()) return m;
    m.id = j.value("id", std::int64_t{0});
    m.res_model = j.value("res_model", "");
    m.res_id = j.value("res_id", std::int64_t{0});
    m.message_id = j.value("message_id", "");
    m.in_reply_to = j.value("in_reply_to", "");
    m.refs = j.value("references", "");
    m.mail_from = j.value("from", "");
    m.to = strings_from(j, "to");
    m.cc = strings_from(j, "cc");
    m.subject = j.value("subject", "");
    m.body_text = j.value("body_text", "");
    m.body_html = j.value("body_html", "");
    if (j.contains("attachments") && j["attachments"].is_array())
        for (const auto& a : j["attachments"])
            if (a.is_object())
                m.attachments.push_back({a.value("attachment_id", std::int64_t{0}), a.value("name", ""),
                                         a.value("mimetype", ""), a.value("size", std::int64_t{0}), ""});
    m.state = outbox_state_from(j.value("state", "queued")).value_or(OutboxState::queued);
    m.attempts = j.value("attempts", 0);
    m.next_try_at = time_from(j, "next_try_at").value_or(0);
    m.last_error = j.value("last_error", "");
    if (j.contains("created_by") && j["created_by"].is_number_integer()) m.created_by = j["created_by"].get<std::int64_t>();
    m.created_at = time_from(j, "created_at").value_or(0);
    m.sent_at = time_from(j, "sent_at");
    return m;
}

json delivery_json(const OutgoingMail& m) {
    return {{"id", m.id},       {"state", to_string(m.state)}, {"to", m.to},
            {"cc", m.cc},       {"last_error", m.last_error},  {"sent_at", time_or_null(m.sent_at)}};
}

Result<ComposeInput> compose_input_from_json(const json& j) {
    FieldErrors e;
    if (!j.is_object()) {
        e.add("", "must be a JSON object", "error.type");
        return e.to_error();
    }
    ComposeInput in;
    for (const auto& [key, value] : j.items())
        if (key != "to" && key != "cc" && key != "subject" && key != "body" && key != "template_id" &&
            key != "attachment_ids")
            e.add(key, "is not a field", "error.unknown_field");
    read_addresses(j, "to", in.to, e);
    read_addresses(j, "cc", in.cc, e);
    if (j.contains("subject")) detail::read_text(j["subject"], "subject", in.subject, {.max_chars = max_subject_chars}, e);
    if (j.contains("body"))
        detail::read_text(j["body"], "body", in.body, {.max_chars = max_body_chars, .multiline = true}, e);
    if (j.contains("template_id") && !j["template_id"].is_null()) {
        std::int64_t id = 0;
        const auto before = e.list().size();
        detail::read_id(j["template_id"], "template_id", id, e);
        if (e.list().size() == before) in.template_id = id;
    }
    if (j.contains("attachment_ids") && !j["attachment_ids"].is_null())
        detail::read_id_list(j["attachment_ids"], "attachment_ids", in.attachment_ids, e);
    const auto has_error = [&](std::string_view f) {
        for (const auto& x : e.list())
            if (x.field == f || x.field.rfind(std::string(f) + "[", 0) == 0) return true;
        return false;
    };
    if (in.to.empty() && !has_error("to")) e.add("to", "is required", "error.required");
    if (in.to.size() + in.cc.size() > max_recipients)
        e.add("cc", "at most " + std::to_string(max_recipients) + " recipients", "error.range");
    if (in.attachment_ids.size() > max_attachments)
        e.add("attachment_ids", "at most " + std::to_string(max_attachments) + " attachments", "error.range");
    if (!in.template_id) {
        if (in.subject.empty() && !has_error("subject")) e.add("subject", "is required", "error.required");
        if (in.body.empty() && !has_error("body")) e.add("body", "is required", "error.required");
    }
    if (!has_error("subject")) check_placeholders(in.subject, "subject", e);
    if (!has_error("body")) check_placeholders(in.body, "body", e);
    if (!e.empty()) return e.to_error();
    return in;
}

json compose_json(const ComposeInput& in) {
    json to = json::array(), cc = json::array();
    for (const auto& a : in.to) to.push_back(format_address(a));
    for (const auto& a : in.cc) cc.push_back(format_address(a));
    json j = {{"to", to}, {"cc", cc}, {"subject", in.subject}, {"body", in.body}, {"attachment_ids", in.attachment_ids}};
    j["template_id"] = in.template_id ? json(*in.template_id) : json();
    return j;
}

SmtpVerdict classify_smtp_reply(int code) {
    if (code >= 200 && code < 400) return SmtpVerdict::sent;
    if (code >= 500 && code < 600) return SmtpVerdict::permanent;
    return SmtpVerdict::temporary;  // 4xx, or no reply at all (the connection failed)
}

std::optional<std::int64_t> retry_delay_s(int attempts) {
    static constexpr std::int64_t delays[] = {60, 300, 900, 3600, 14400};
    if (attempts < 1 || attempts > static_cast<int>(std::size(delays))) return std::nullopt;
    return delays[attempts - 1];
}

}  // namespace tumen::mail
