// Where one inbound e-mail goes: the routing decision of Odoo's mail gateway (odoo-crm-behaviour.md §2e), pure.
// The server parses the message, looks up what the message refers to and fills the plain structs below; this
// decides, in order:
//   1. bounce   a delivery status notification (multipart/report; report-type=delivery-status, or a null
//               Return-Path / mailer-daemon sender with a report) -> mark the original and the address bouncing;
//   2. reject   a loop: our own X-Tumen-Loop header, Auto-Submitted other than "no" (auto-replies, vacation
//               notices: answering them is how loops start), or too many mails from one sender in the window;
//   3. append   a reply to a known message (In-Reply-To first, then References newest to oldest) -> that record;
//   4. create   a recipient (Delivered-To, To, Cc, Resent-To, Resent-Cc) is a team's alias -> new lead there;
//   5. reject   nothing matched ("no route"): recorded and counted, never silently dropped.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::mail {

struct InboundHeaders {
    std::string message_id;              // "<...>"
    std::string from_email;              // the From address (not validated)
    std::string return_path;             // raw Return-Path value; "<>" is the null sender of bounces
    std::string content_type;            // top-level "type/subtype", lower case
    std::string report_type;             // its report-type parameter, lower case ("delivery-status")
    std::string in_reply_to;             // raw header
    std::string references;              // raw header
    std::vector<std::string> recipients; // addresses of Delivered-To, To, Cc, Resent-To, Resent-Cc
    std::string loop;                    // X-Tumen-Loop value; "" when absent
    bool has_loop_header = false;
    std::string auto_submitted;          // Auto-Submitted value, "" when absent
};

// A message the server found for one referenced id: in its messages/outbox tables, or one of our own ids
// (parse_our_message_id) whose record still exists.
struct KnownMessage {
    std::string message_id;  // "<...>"
    std::string res_model;
    int64_t res_id = 0;
};

struct TeamAlias {
    int64_t team_id = 0;
    std::string alias;  // local part, e.g. "sales"
};

struct RoutingContext {
    std::vector<TeamAlias> aliases;
    std::string alias_domain;            // "" = an alias matches at any domain
    std::vector<KnownMessage> known;     // lookups of thread_candidates()
    std::string loop_value;              // our X-Tumen-Loop value ("" = any X-Tumen-Loop header is ours)
    int64_t recent_from_sender = 0;      // mails taken from this sender within the loop window
    int64_t loop_threshold = 20;         // Odoo's mail.gateway.loop.threshold default (window: 120 minutes)
};

enum class RouteKind { append, create, bounce, reject };
std::string_view to_string(RouteKind k);

struct RouteDecision {
    RouteKind kind = RouteKind::reject;
    std::string res_model;    // append: the record's model
    int64_t res_id = 0;       // append: the record
    int64_t team_id = 0;      // create: the alias's team
    std::string matched;      // append: the message id that matched; create: the recipient address
    std::string reason;       // reject and bounce: why, in English for the log ("loop: ...", "no route: ...")
};

// The ids the server should look up, most relevant first: In-Reply-To, then References from newest to oldest,
// each once. References is what Odoo reads first; the direct parent is the better thread either way.
std::vector<std::string> thread_candidates(const InboundHeaders& h);

// True for a delivery status notification (see 1. above).
bool is_bounce(const InboundHeaders& h);

RouteDecision route_inbound(const InboundHeaders& h, const RoutingContext& ctx);

// The lower-cased local part and domain of an address ("Sales@Tumen.MN" -> {"sales", "tumen.mn"}).
struct AddressParts {
    std::string local;
    std::string domain;
};
AddressParts split_address(std::string_view email);

}  // namespace tumen::mail
