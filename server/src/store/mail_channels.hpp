// Per-channel mail counters (table mail_channels): one row per inbound or outbound channel ("smtp", "http",
// "mailgate", "imap:<team>"), created on first use. Every outcome bumps a counter, every failure records its
// message and time, and a failure of the channel itself (link, login) turns its state to 'error', so Settings
// never shows "synced" over a loss.
// Call these inside the caller's transaction: the counter moves with the outcome it counts.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

struct MailChannel {
    int64_t id = 0;
    std::string name;
    std::string direction;  // "in" | "out"
    int64_t received = 0, created = 0, appended = 0, rejected = 0, sent = 0, failed = 0;
    std::string last_error;
    std::optional<int64_t> last_error_at;
    std::optional<int64_t> last_success_at;
    std::string state;  // "unknown" | "ok" | "error"
};

// Adds 1 to `counter` (one of received, created, appended, rejected, sent, failed; anything else throws
// std::invalid_argument - a programming error). A non-empty `error` records last_error/last_error_at and sets
// state 'error'. `now` is unix seconds; 0 means the current time.
void bump_channel(Connection& c, std::string_view name, std::string_view direction, std::string_view counter,
                  std::string_view error = {}, int64_t now = 0);

// Records a success (last_success_at, state 'ok'); the last error text stays visible for reference.
void channel_ok(Connection& c, std::string_view name, std::string_view direction, int64_t now = 0);

// Records a failure without counting a message (e.g. SMTP login refused before any message was tried).
void channel_error(Connection& c, std::string_view name, std::string_view direction, std::string_view error,
                   int64_t now = 0);

// Records the last error text and time without changing the state: a failure of one message (a recipient the
// server refused) that says nothing about the channel itself.
void channel_note(Connection& c, std::string_view name, std::string_view direction, std::string_view error,
                  int64_t now = 0);

// Every channel, by direction then name.
std::vector<MailChannel> list_channels(Connection& c);

}  // namespace tumen::store
