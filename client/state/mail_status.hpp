// The delivery state of an e-mail in a record's timeline: the "mail" object the server adds to a chatter message
// of kind email ({"id","state","to","cc","last_error","sent_at"}), read loosely so an older server (no "mail")
// still shows the message. A queued or sending mail is "pending": the lead form polls until it settles.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tumen::client {

struct MailStatus {
    std::int64_t id = 0;  // the outbox row
    std::string state;    // queued, sending, sent, failed, bounced, cancelled
    std::vector<std::string> to, cc;
    std::string last_error;  // the SMTP server's answer of the last failure
    std::string sent_at;     // as the server sent it ("" = not sent)

    bool pending() const { return state == "queued" || state == "sending"; }
    bool failed() const { return state == "failed" || state == "bounced"; }
};

// The "mail" object of a chatter message's JSON; nullopt when the message has none.
std::optional<MailStatus> mail_status_of(const nlohmann::json& message);

// "a@b.mn, Bold <c@d.mn>" from a JSON list of strings or one string (either shape is accepted).
std::vector<std::string> address_list_of(const nlohmann::json& v);
std::string join_addresses(const std::vector<std::string>& list);

}  // namespace tumen::client
