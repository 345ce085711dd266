#include "login_form.hpp"

#include <nlohmann/json.hpp>

namespace tumen::client {

namespace {
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool wants_second_factor(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    return j.is_object() && j.contains("totp_required") && j["totp_required"] == true;
}
}  // namespace

void LoginForm::submit(Transport& transport, i18n::Lang lang, std::function<void(Session)> signed_in) {
    if (busy_) return;
    if (blank(login)) {
        error_ = Message::from_key("login.missing_login", {}, "login");
        focus_ = "login";
        return;
    }
    if (password.empty()) {
        error_ = Message::from_key("login.missing_password", {}, "password");
        focus_ = "password";
        return;
    }
    error_ = {};
    busy_ = true;
    nlohmann::json body = {{"login", login}, {"password", password}};
    transport.send(api_request("session.login", body.dump(), lang),
                   [this, signed_in = std::move(signed_in)](const HttpResponse& reply) {
                       busy_ = false;
                       if (reply.ok()) {
                           if (auto session = parse_session(reply.body)) {
                               forget_password();
                               signed_in(std::move(*session));
                           } else if (wants_second_factor(reply.body)) {
                               // The server asks for a one-time code (TOTP); this form has no step for it yet.
                               error_ = Message::from_key("login.second_factor_unsupported");
                           } else {
                               error_ = Message::from_key("error.bad_response");
                           }
                           return;
                       }
                       error_ = problem_message(reply);
                       // A wrong password is retyped, not the login: put the caret where the user acts next.
                       focus_ = error_.field == "login" ? "login" : "password";
                       if (reply.status == 401 || error_.field == "password") password.clear();
                   });
}

std::string LoginForm::take_focus_request() {
    std::string f;
    f.swap(focus_);
    return f;
}

}  // namespace tumen::client
