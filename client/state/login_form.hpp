// The sign-in form: its fields, local checks, the request, and what the reply means for the user. When the account
// has a second factor the server answers the password with a challenge; the form then asks for the 6-digit code
// of the authenticator (or a recovery code) and sends both to session.totp.
#pragma once
#include <functional>
#include <string>

#include "api_io.hpp"
#include "message.hpp"
#include "transport.hpp"

namespace tumen::client {

class LoginForm {
public:
    std::string login;
    std::string password;
    std::string code;  // second step: TOTP code or recovery code

    bool busy() const { return busy_; }
    const Message& error() const { return error_; }
    void set_error(Message m) { error_ = std::move(m); }
    void clear_error() { error_ = {}; }

    // Checks the fields, then posts {"login","password"} to session.login, or in the second step
    // {"challenge","code"|"recovery_code"} to session.totp. On success `signed_in` receives the session; on failure
    // error() holds what to show (the server's message, or "cannot reach the server").
    // Does nothing while a request is already under way.
    void submit(Transport& transport, i18n::Lang lang, std::function<void(Session)> signed_in);

    // The server asked for a second factor: the form shows the code field instead of the password.
    bool second_step() const { return !challenge_.empty(); }
    // Back from the code to the password (another account, or the challenge expired).
    void cancel_second_step();

    // After signing in or out the password (and a half-done second step) must not stay in memory or on screen.
    void forget_password() {
        password.clear();
        code.clear();
        challenge_.clear();
    }

    // The field the view should give keyboard focus to next frame ("login", "password"), consumed once.
    std::string take_focus_request();
    void request_focus(std::string field) { focus_ = std::move(field); }

private:
    void submit_code(Transport& transport, i18n::Lang lang, std::function<void(Session)> signed_in);

    bool busy_ = false;
    std::string challenge_;
    Message error_;
    std::string focus_ = "login";
};

}  // namespace tumen::client
