// Inbound mail bookkeeping (migration `mail`): the mail_inbound log (one row per Message-ID taken, so a
// delivery repeated by the MTA is recognised), the lookups routing needs (team aliases, which record a
// referenced Message-ID belongs to, how many mails one sender sent lately) and bounces (mail_bounces, the
// outbox row of the bounced original).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/mail_routing.hpp"

namespace tumen::store {

struct InboundRecord {
    int64_t id = 0;
    std::string message_id;
    std::string channel;
    int64_t received_at = 0;
    std::string outcome;  // created | appended | bounce | rejected | failed
    std::optional<int64_t> lead_id;
    std::string reason;
    std::string sender;
};

std::optional<InboundRecord> find_inbound(Connection& c, std::string_view message_id);
void insert_inbound(Connection& c, InboundRecord& r);  // sets id
// Mails taken from `sender` (lower-cased address) since `since` (unix seconds): the loop guard's count.
int64_t count_inbound_from(Connection& c, std::string_view sender, int64_t since);

// Active teams with an alias.
std::vector<mail::TeamAlias> team_aliases(Connection& c);

// The records of these Message-IDs: chatter messages (inbound and outbound mail), outbox rows, and our own
// ids (tumen-lead-42-...) whose lead still exists although its rows are gone. Only existing leads are returned.
std::vector<mail::KnownMessage> find_known_messages(Connection& c, const std::vector<std::string>& ids);

// The outbox row with this Message-ID becomes 'bounced' with the reason; returns (outbox id, res_model, res_id).
struct BouncedMail {
    int64_t outbox_id = 0;
    std::string res_model;
    int64_t res_id = 0;
};
std::optional<BouncedMail> mark_outbox_bounced(Connection& c, std::string_view message_id, std::string_view reason);
// Counts a bounce of this address (lower-cased).
void record_bounce(Connection& c, std::string_view email, std::string_view reason, int64_t at);
int64_t bounce_count(Connection& c, std::string_view email);

}  // namespace tumen::store
