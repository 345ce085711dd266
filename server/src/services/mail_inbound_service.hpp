// Inbound e-mail: one raw RFC 5322 message in (HTTP endpoint, mailgate, later IMAP), parsed with GMime, routed
// by shared/'s mail_routing (bounce, loop, reply to a known message, team alias, else rejected) and written in
// ONE transaction: the lead or chatter message, attachments' rows, the mail_inbound log row, the channel's
// counters and the change-log event. A Message-ID already taken is answered "duplicate" and not written twice;
// a failure rolls back, is counted as 'failed' with its error in a second transaction, and the MTA retries.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "caller.hpp"
#include "services/attachment_service.hpp"
#include "store/database.hpp"
#include "store/mail_channels.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

struct InboundOutcome {
    std::string outcome;  // created | appended | bounce | rejected | duplicate
    std::optional<int64_t> lead_id;
    std::string message_id;
    std::string reason;     // rejected: why; bounce: the DSN's status
    bool loop = false;      // rejected as a mail loop (mailgate accepts these so the MTA does not answer them)
};
void to_json(nlohmann::json& j, const InboundOutcome& o);

class MailInboundService {
public:
    MailInboundService(store::Database& db, AttachmentService& files) : db_(db), files_(files) {}

    // `channel`: "http", "mailgate" or "imap:<team>". 422 naming "message" for bytes that are not a message.
    Result<InboundOutcome> receive(const Caller& caller, const std::string& channel, std::string_view raw);

    // The per-sender loop guard (Odoo: mail.gateway.loop.minutes = 120, threshold = 20).
    void set_loop_guard(int64_t window_s, int64_t threshold) {
        loop_window_s_ = window_s;
        loop_threshold_ = threshold;
    }

    nlohmann::json channels_json();

private:
    store::Database& db_;
    AttachmentService& files_;
    int64_t loop_window_s_ = 120 * 60;
    int64_t loop_threshold_ = 20;
};

nlohmann::json channel_json(const store::MailChannel& ch);

}  // namespace tumen::server
