// The chatter: a record's timeline of notes, e-mails, SMS, activity feedback and tracked field changes.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/error.hpp"

namespace tumen {

enum class MessageKind { note, email, tracking, sms, activity };
std::string_view to_string(MessageKind kind);

// One tracked field change. Values are raw JSON: ids (or null) for relations, numbers for probability,
// {amount, currency} for money; the client turns ids into display names.
struct TrackingValue {
    std::string field;  // "stage_id", "user_id", "team_id", "expected_revenue", "probability", "lost_reason_id"
    nlohmann::json old_value;
    nlohmann::json new_value;
    bool operator==(const TrackingValue&) const = default;
};

struct ChatterMessage {
    std::int64_t id = 0;
    std::string res_model = "lead";  // "lead", "contact", ...
    std::int64_t res_id = 0;         // required
    MessageKind kind = MessageKind::note;
    std::string subject;
    std::string body;                // plain text (notes) or sanitised HTML (e-mails)
    std::optional<std::int64_t> author_id;  // user; nullopt = system or external sender
    std::string author_name;         // display name of an external sender (e-mail "From")
    Timestamp date = 0;
    std::vector<TrackingValue> tracking_values;  // JSON: [{field, old, new}]
    std::optional<std::int64_t> mail_id;  // an e-mail we send: its outbox row (server-side; not in the JSON)
    // The delivery state of that e-mail, {"id","state","to","cc","last_error","sent_at"} (mail_outgoing.hpp
    // delivery_json); null for every other message. Read-only: the server fills it from the outbox.
    nlohmann::json mail;
    // The delivery state of an SMS we send, {"id","state","to","last_error","gateway_status","sent_at"}; null
    // for every other message. Read-only: the server fills it from sms_outbox.
    nlohmann::json sms;
    bool operator==(const ChatterMessage&) const = default;
};

void to_json(nlohmann::json& j, const TrackingValue& t);  // {"field", "old", "new"}
void to_json(nlohmann::json& j, const ChatterMessage& m);
Result<ChatterMessage> chatter_message_from_json(const nlohmann::json& j);
// Writable: res_model, res_id, kind, subject, body, author_name (author_id and date are set by the server).
FieldErrors apply_patch(ChatterMessage& m, const nlohmann::json& patch);
FieldErrors validate(const ChatterMessage& m);

// A tracking message for a record, or nullopt when there is nothing to track.
std::optional<ChatterMessage> tracking_message(std::string_view res_model, std::int64_t res_id,
                                               std::vector<TrackingValue> changes, std::optional<std::int64_t> author_id,
                                               Timestamp date);

}  // namespace tumen
