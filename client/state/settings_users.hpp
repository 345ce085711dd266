// Settings › Users (administrators): the list, creating a user, changing the role, deactivating and activating,
// setting a password, the sales teams a user belongs to and turning off a lost second factor. Destructive actions
// wait for a confirmation.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct UserRow {
    std::int64_t id = 0;
    std::string login, name, email, role;
    bool active = true;
    bool totp_enabled = false;
    std::vector<std::int64_t> team_ids;  // the sales teams they belong to (their "own team" unassigned leads)
};

// The roles a user can have, in the order the picker offers them.
const std::vector<std::string>& user_roles();

struct NewUser {
    std::string login, name, email, role = "sales_own", password;
    std::string lang;                    // "" = the server's default
    std::string tz = "Asia/Ulaanbaatar";
    std::vector<std::int64_t> team_ids;
};

class UsersAdmin {
public:
    explicit UsersAdmin(SettingsIo& io) : io_(io) {}

    void load();
    void ensure_loaded() {
        if (!loaded_ && !loading_) load();
    }
    void reset();
    bool loading() const { return loading_; }
    const std::vector<UserRow>& rows() const { return rows_; }
    const UserRow* row(std::int64_t id) const;

    // Create form.
    void begin_create();
    void cancel_create();
    bool creating() const { return creating_; }
    NewUser draft;
    void submit_create();

    void set_role(std::int64_t id, const std::string& role);
    void activate(std::int64_t id);

    // Password dialog.
    void begin_password(std::int64_t id);
    void cancel_password();
    std::optional<std::int64_t> password_for() const { return password_for_; }
    std::string new_password;
    void submit_password();

    // Teams dialog: the user's teams as checkboxes, saved together.
    void begin_teams(std::int64_t id);
    void cancel_teams();
    std::optional<std::int64_t> teams_for() const { return teams_for_; }
    std::vector<std::int64_t> teams_draft;
    void submit_teams();

    // Deactivate and reset 2FA ask first: ask("deactivate"|"totp_reset", id), then confirm() or cancel_confirm().
    struct Pending {
        std::string action;
        std::int64_t id = 0;
    };
    void ask(std::string action, std::int64_t id) { pending_ = Pending{std::move(action), id}; }
    const std::optional<Pending>& pending() const { return pending_; }
    void cancel_confirm() { pending_.reset(); }
    void confirm();

    bool busy() const { return busy_; }
    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    const Message& banner() const { return banner_; }
    // What went well, e.g. "Password set for Бат." (cleared by the next action).
    const Message& notice() const { return notice_; }

private:
    void take(const nlohmann::json& user);
    void failed(const HttpResponse& reply);
    std::string path(std::int64_t id, const std::string& tail = {}) const;

    SettingsIo& io_;
    std::vector<UserRow> rows_;
    bool loading_ = false, loaded_ = false, busy_ = false, creating_ = false;
    std::optional<std::int64_t> password_for_, teams_for_;
    std::optional<Pending> pending_;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
