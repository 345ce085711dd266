// Outgoing e-mail (SPEC F-MAIL): the outbox row as a value (mirrors the mail_outbox table), the compose form's
// input with its checks (the client validates with the same code before sending), how an SMTP reply is judged
// (4xx: try again later, 5xx: give up with the server's answer) and when a temporary failure is tried again.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/email_phone.hpp"
#include "tumen/error.hpp"

namespace tumen::mail {

inline constexpr std::size_t max_recipients = 50;  // to + cc
inline constexpr std::size_t max_attachments = 20;

enum class OutboxState { queued, sending, sent, failed, bounced, cancelled };
std::string_view to_string(OutboxState s);
std::optional<OutboxState> outbox_state_from(std::string_view s);

struct OutgoingAttachment {
    std::int64_t attachment_id = 0;
    std::string name;
    std::string mimetype;
    std::int64_t size = 0;
    std::string sha256;  // the stored file
    bool operator==(const OutgoingAttachment&) const = default;
};

struct OutgoingMail {
    std::int64_t id = 0;
    std::string res_model;  // "lead", ... ("" = not tied to a record)
    std::int64_t res_id = 0;
    std::string message_id;  // "<...>", fixed when queued: a retry after a crash carries the same one
    std::string in_reply_to;
    std::string refs;        // References header, space-separated ids
    std::string mail_from;   // formatted "Name <a@b>"
    std::vector<std::string> to, cc;  // formatted addresses
    std::string subject;
    std::string body_text;
    std::string body_html;
    std::vector<OutgoingAttachment> attachments;
    OutboxState state = OutboxState::queued;
    int attempts = 0;
    Timestamp next_try_at = 0;
    std::string last_error;  // the SMTP server's answer (or the connection error) of the last failed attempt
    std::optional<std::int64_t> created_by;
    Timestamp created_at = 0;
    std::optional<Timestamp> sent_at;
    bool operator==(const OutgoingMail&) const = default;
};

// The outbox API's shape ({..., "attachments": [{attachment_id, name, mimetype, size}], bodies included}).
void to_json(nlohmann::json& j, const OutgoingMail& m);
void to_json(nlohmann::json& j, const OutgoingAttachment& a);
OutgoingMail outgoing_mail_from_json(const nlohmann::json& j);  // tolerant (client side: what the server sent)

// The delivery state shown on the chatter message of a sent e-mail: {"id","state","to","cc","last_error","sent_at"}.
nlohmann::json delivery_json(const OutgoingMail& m);

// POST /api/v1/leads/{id}/mail.
struct ComposeInput {
    std::vector<NamedAddress> to, cc;
    std::string subject;
    std::string body;  // plain text; may hold {{placeholders}}, rendered like a template's
    std::optional<std::int64_t> template_id;
    std::vector<std::int64_t> attachment_ids;
    bool operator==(const ComposeInput&) const = default;
};
// to/cc: an array of addresses or one text "a@x, Б <b@y>"; each bad address is a FieldError "to[1]" / "cc[0]";
// "to" is required; subject and body are required unless template_id is given (the template fills them).
Result<ComposeInput> compose_input_from_json(const nlohmann::json& j);
nlohmann::json compose_json(const ComposeInput& in);  // the request body of `in`

// ---- SMTP replies and retries ---------------------------------------------------------------------------------

enum class SmtpVerdict { sent, temporary, permanent };
// 2xx/3xx sent; 4xx temporary; 5xx permanent; 0 (no reply: connection refused, timeout, TLS) temporary.
SmtpVerdict classify_smtp_reply(int code);

// Delay after the n-th failed attempt (1-based): 1 min, 5 min, 15 min, 1 h, 4 h; nullopt after that (failed).
std::optional<std::int64_t> retry_delay_s(int attempts);
inline constexpr int max_send_attempts = 6;

}  // namespace tumen::mail
