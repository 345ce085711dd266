#include "tumen/mail_template.hpp"

#include <algorithm>

#include "record_codec.hpp"

namespace tumen::mail {

namespace {

using namespace detail;

const char* check_template_model(std::string& v, const char*& key) {
    if (v == "lead" || v == "contact" || v == "quotation" || v == "user") return nullptr;
    key = "error.enum";
    return "must be one of: lead, contact, quotation, user";
}

void check_template(const MailTemplate& t, FieldErrors& e) {
    if (t.name.empty()) e.add("name", "is required", "error.required");
    check_placeholders(t.subject, "subject", e);
    check_placeholders(t.body, "body", e);
}

const RecordCodec<MailTemplate>& codec() {
    static const RecordCodec<MailTemplate> c({
        record_id_field(mem(&MailTemplate::id)),
        text_field("name", mem(&MailTemplate::name), {.max_chars = max_template_name_chars, .required = true}),
        text_field("res_model", mem(&MailTemplate::res_model), {.max_chars = 32, .check = check_template_model}),
        text_field("subject", mem(&MailTemplate::subject), {.max_chars = max_subject_chars}),
        text_field("body", mem(&MailTemplate::body), {.max_chars = max_body_chars, .multiline = true}),
        bool_field("active", mem(&MailTemplate::active)),
        timestamp_field("create_date", mem(&MailTemplate::create_date)),
        timestamp_field("write_date", mem(&MailTemplate::write_date)),
        version_field(mem(&MailTemplate::version)),
    });
    return c;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

// One "{{ ... }}": the name and the optional fallback, or an error message.
struct Parsed {
    std::string name;
    std::string fallback;
    std::string error;
};

Parsed parse_inner(std::string_view inner) {
    Parsed p;
    const auto bar = inner.find('|');
    p.name = std::string(trim(inner.substr(0, bar)));
    if (bar != std::string_view::npos) {
        const auto fb = trim(inner.substr(bar + 1));
        if (fb.size() < 2 || fb.front() != '"' || fb.back() != '"' ||
            fb.substr(1, fb.size() - 2).find('"') != std::string_view::npos) {
            p.error = "the fallback of {{" + p.name + "}} must be one text in double quotes, e.g. | \"customer\"";
            return p;
        }
        p.fallback = std::string(fb.substr(1, fb.size() - 2));
    }
    if (p.name.empty()) p.error = "an empty placeholder {{ }}";
    else if (!is_placeholder(p.name)) p.error = "unknown placeholder {{" + p.name + "}}";
    return p;
}

// Walks `text`, calling out(literal) and on_placeholder(parsed) in order; stops at an unclosed "{{".
template <class Literal, class Placeholder, class Unclosed>
void walk(std::string_view text, Literal literal, Placeholder placeholder, Unclosed unclosed) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find("{{", pos);
        if (open == std::string_view::npos) {
            literal(text.substr(pos));
            return;
        }
        literal(text.substr(pos, open - pos));
        const auto close = text.find("}}", open + 2);
        if (close == std::string_view::npos) {
            unclosed(open);
            return;
        }
        placeholder(parse_inner(text.substr(open + 2, close - open - 2)));
        pos = close + 2;
    }
}

std::string one_line(std::string s) {
    std::replace_if(s.begin(), s.end(), [](char c) { return c == '\r' || c == '\n' || c == '\t'; }, ' ');
    return s;
}

}  // namespace

void to_json(nlohmann::json& j, const MailTemplate& t) { j = codec().to_json(t); }

Result<MailTemplate> mail_template_from_json(const nlohmann::json& j) { return decode_record(codec(), j, check_template); }

FieldErrors apply_patch(MailTemplate& t, const nlohmann::json& patch) { return patch_record(codec(), t, patch, check_template); }

FieldErrors validate(const MailTemplate& t) { return validate_record(codec(), t, check_template); }

const std::vector<Placeholder>& placeholders() {
    static const std::vector<Placeholder> table = {
        {"lead.name", "the lead's title"},
        {"lead.contact_name", "the contact person's name"},
        {"lead.partner_name", "the customer's company name"},
        {"lead.email_from", "the lead's e-mail address"},
        {"lead.phone", "the lead's phone"},
        {"lead.mobile", "the lead's mobile phone"},
        {"lead.city", "the lead's city"},
        {"lead.country", "the lead's country code"},
        {"lead.expected_revenue", "expected revenue, formatted with its currency"},
        {"lead.stage", "the stage's name"},
        {"lead.team", "the sales team's name"},
        {"lead.salesperson", "the salesperson's name"},
        {"user.name", "the sender's name"},
        {"user.email", "the sender's e-mail address"},
        {"company.name", "our company's name (mail settings)"},
        {"company.email", "our company's sender address (mail settings)"},
    };
    return table;
}

bool is_placeholder(std::string_view name) {
    const auto& t = placeholders();
    return std::any_of(t.begin(), t.end(), [&](const Placeholder& p) { return p.name == name; });
}

void check_placeholders(std::string_view text, const std::string& field, FieldErrors& errors) {
    walk(
        text, [](std::string_view) {},
        [&](const Parsed& p) {
            if (!p.error.empty()) errors.add(field, p.error, "error.placeholder");
        },
        [&](std::size_t at) {
            errors.add(field, "\"{{\" at " + std::to_string(at) + " is not closed by \"}}\"", "error.placeholder");
        });
}

MailContext lead_context(const Lead& lead, const LeadContextNames& n, const AmountFormat& money) {
    MailContext c;
    auto& v = c.values;
    v["lead.name"] = lead.name;
    v["lead.contact_name"] = lead.contact_name;
    v["lead.partner_name"] = lead.partner_name;
    v["lead.email_from"] = lead.email;
    v["lead.phone"] = lead.phone;
    v["lead.mobile"] = lead.mobile;
    v["lead.city"] = lead.address.city;
    v["lead.country"] = lead.address.country;
    v["lead.expected_revenue"] = lead.expected_revenue.amount == 0 ? "" : format_money(lead.expected_revenue, money);
    v["lead.stage"] = n.stage;
    v["lead.team"] = n.team;
    v["lead.salesperson"] = n.salesperson;
    v["user.name"] = n.user_name;
    v["user.email"] = n.user_email;
    v["company.name"] = n.company_name;
    v["company.email"] = n.company_email;
    return c;
}

Result<Rendered> render(std::string_view subject, std::string_view body, const MailContext& context) {
    FieldErrors errors;
    const auto one = [&](std::string_view text, const std::string& field) {
        std::string out;
        walk(
            text, [&](std::string_view lit) { out += lit; },
            [&](const Parsed& p) {
                if (!p.error.empty()) return errors.add(field, p.error, "error.placeholder");
                const auto it = context.values.find(p.name);
                const bool empty = it == context.values.end() || it->second.empty();
                out += empty ? p.fallback : it->second;
            },
            [&](std::size_t at) {
                errors.add(field, "\"{{\" at " + std::to_string(at) + " is not closed by \"}}\"", "error.placeholder");
            });
        return out;
    };
    Rendered r;
    r.subject = one_line(one(subject, "subject"));
    r.body = one(body, "body");
    if (!errors.empty()) return errors.to_error();
    return r;
}

}  // namespace tumen::mail
