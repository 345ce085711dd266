// The sign-in form: its fields, local checks, the request, and what the reply means for the user.
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

    bool busy() const { return busy_; }
    const Message& error() const { return error_; }
    void set_error(Message m) { error_ = std::move(m); }
    void clear_error() { error_ = {}; }

    // Checks the fields, then posts {"login","password"} to session.login. On success `signed_in` receives the
    // session; on failure error() holds what to show (the server's message, or "cannot reach the server").
    // Does nothing while a request is already under way.
    void submit(Transport& transport, i18n::Lang lang, std::function<void(Session)> signed_in);

    // After signing in or out the password must not stay in memory or on screen.
    void forget_password() { password.clear(); }

    // The field the view should give keyboard focus to next frame ("login", "password"), consumed once.
    std::string take_focus_request();
    void request_focus(std::string field) { focus_ = std::move(field); }

private:
    bool busy_ = false;
    Message error_;
    std::string focus_ = "login";
};

}  // namespace tumen::client
