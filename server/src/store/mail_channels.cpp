#include "store/mail_channels.hpp"

#include <chrono>
#include <stdexcept>

namespace tumen::store {
namespace {

int64_t now_or(int64_t now) {
    if (now > 0) return now;
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void ensure_row(Connection& c, std::string_view name, std::string_view direction) {
    c.prepare("INSERT INTO mail_channels(name, direction) VALUES (?, ?) ON CONFLICT(name) DO NOTHING")
        .bind(1, name)
        .bind(2, direction)
        .run();
}

// The counter names are column names; they are checked against this list and never built from user input.
std::string_view counter_sql(std::string_view counter) {
    if (counter == "received") return "UPDATE mail_channels SET received = received + 1 WHERE name = ?";
    if (counter == "created") return "UPDATE mail_channels SET created = created + 1 WHERE name = ?";
    if (counter == "appended") return "UPDATE mail_channels SET appended = appended + 1 WHERE name = ?";
    if (counter == "rejected") return "UPDATE mail_channels SET rejected = rejected + 1 WHERE name = ?";
    if (counter == "sent") return "UPDATE mail_channels SET sent = sent + 1 WHERE name = ?";
    if (counter == "failed") return "UPDATE mail_channels SET failed = failed + 1 WHERE name = ?";
    throw std::invalid_argument("unknown mail channel counter: " + std::string(counter));
}

}  // namespace

void bump_channel(Connection& c, std::string_view name, std::string_view direction, std::string_view counter,
                  std::string_view error, int64_t now) {
    const auto sql = counter_sql(counter);
    ensure_row(c, name, direction);
    c.prepare(sql).bind(1, name).run();
    if (!error.empty()) channel_error(c, name, direction, error, now);
}

void channel_ok(Connection& c, std::string_view name, std::string_view direction, int64_t now) {
    ensure_row(c, name, direction);
    c.prepare("UPDATE mail_channels SET last_success_at = ?, state = 'ok' WHERE name = ?")
        .bind(1, now_or(now))
        .bind(2, name)
        .run();
}

void channel_error(Connection& c, std::string_view name, std::string_view direction, std::string_view error,
                   int64_t now) {
    ensure_row(c, name, direction);
    c.prepare("UPDATE mail_channels SET last_error = ?, last_error_at = ?, state = 'error' WHERE name = ?")
        .bind(1, error.empty() ? std::string_view("error") : error)
        .bind(2, now_or(now))
        .bind(3, name)
        .run();
}

void channel_note(Connection& c, std::string_view name, std::string_view direction, std::string_view error,
                  int64_t now) {
    ensure_row(c, name, direction);
    c.prepare("UPDATE mail_channels SET last_error = ?, last_error_at = ? WHERE name = ?")
        .bind(1, error)
        .bind(2, now_or(now))
        .bind(3, name)
        .run();
}

std::vector<MailChannel> list_channels(Connection& c) {
    auto s = c.prepare(
        "SELECT id, name, direction, received, created, appended, rejected, sent, failed, last_error, last_error_at,"
        " last_success_at, state FROM mail_channels ORDER BY direction, name");
    std::vector<MailChannel> out;
    while (s.step()) {
        MailChannel m;
        m.id = s.get_int(0);
        m.name = s.get_text(1);
        m.direction = s.get_text(2);
        m.received = s.get_int(3);
        m.created = s.get_int(4);
        m.appended = s.get_int(5);
        m.rejected = s.get_int(6);
        m.sent = s.get_int(7);
        m.failed = s.get_int(8);
        m.last_error = s.get_text(9);
        m.last_error_at = s.get_opt_int(10);
        m.last_success_at = s.get_opt_int(11);
        m.state = s.get_text(12);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace tumen::store
