// E-mail templates (SPEC F-MAIL): a subject and a plain-text body with {{placeholders}}. The same code checks a
// template when it is saved (an unknown placeholder is a 422 naming "subject" or "body" and the placeholder,
// never a surprise at send time), renders the client's preview and renders what the server sends.
//
// Syntax: `{{ lead.contact_name }}` (spaces inside the braces optional) and `{{ lead.contact_name | "customer" }}`,
// which gives "customer" when the value is empty. There is no escape: "{{" always opens a placeholder.
//
// Placeholders (placeholders() holds this table with descriptions, for the editor's help):
//   lead.name  lead.contact_name  lead.partner_name  lead.email_from  lead.phone  lead.mobile  lead.city
//   lead.country  lead.expected_revenue (formatted money, "1,500,000.00 ₮")  lead.stage  lead.team  lead.salesperson
//   user.name  user.email  (the sender)  company.name  company.email  (from the mail settings)
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/error.hpp"
#include "tumen/lead.hpp"
#include "tumen/money.hpp"

namespace tumen::mail {

inline constexpr std::size_t max_template_name_chars = 200;
inline constexpr std::size_t max_subject_chars = 998;      // one RFC 5322 line
inline constexpr std::size_t max_body_chars = 200'000;

struct MailTemplate {
    std::int64_t id = 0;
    std::string name;               // required, unique
    std::string res_model = "lead"; // lead | contact | quotation | user
    std::string subject;
    std::string body;               // plain text; the HTML alternative is made from it when sent
    bool active = true;
    Timestamp create_date = 0;
    Timestamp write_date = 0;
    std::int64_t version = 0;
    bool operator==(const MailTemplate&) const = default;
};

void to_json(nlohmann::json& j, const MailTemplate& t);
Result<MailTemplate> mail_template_from_json(const nlohmann::json& j);  // create body or full record
FieldErrors apply_patch(MailTemplate& t, const nlohmann::json& patch);   // apply to a copy
FieldErrors validate(const MailTemplate& t);

struct Placeholder {
    std::string_view name;         // "lead.contact_name"
    std::string_view description;  // English, for the editor's help list
};
const std::vector<Placeholder>& placeholders();
bool is_placeholder(std::string_view name);

// Checks the placeholders of one text; each problem (unknown name, "{{" without "}}", bad fallback) is a
// FieldError on `field`, its message naming the placeholder.
void check_placeholders(std::string_view text, const std::string& field, FieldErrors& errors);

// Values by placeholder name; a missing name renders as "" (or its fallback).
struct MailContext {
    std::map<std::string, std::string, std::less<>> values;
};

struct LeadContextNames {  // what the lead itself does not hold
    std::string stage, team, salesperson;
    std::string user_name, user_email;        // the sender
    std::string company_name, company_email;  // settings
};
MailContext lead_context(const Lead& lead, const LeadContextNames& names, const AmountFormat& money = {});

struct Rendered {
    std::string subject;  // line breaks in values become spaces (a header is one line)
    std::string body;
    bool operator==(const Rendered&) const = default;
};
// Fails (422 on "subject"/"body") exactly when check_placeholders would.
Result<Rendered> render(std::string_view subject, std::string_view body, const MailContext& context);
inline Result<Rendered> render(const MailTemplate& t, const MailContext& context) {
    return render(t.subject, t.body, context);
}

}  // namespace tumen::mail
