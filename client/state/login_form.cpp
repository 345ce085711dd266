#include "login_form.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "tumen/error.hpp"

namespace tumen::client {

namespace {
bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

// The challenge of a {"totp_required":true,"challenge":"..."} reply, "" for any other body.
std::string second_factor_challenge(const std::string& body) {
    auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("totp_required") || j["totp_required"] != true) return {};
    return j.contains("challenge") && j["challenge"].is_string() ? j["challenge"].get<std::string>() : std::string();
}

// "123 456" -> "123456"; anything else than six digits is taken for a recovery code.
std::string compact(const std::string& s) {
    std::string out;
    for (char c : s)
        if (c != ' ' && c != '\t') out += c;
    return out;
}

bool six_digits(const std::string& s) {
    return s.size() == 6 && s.find_first_not_of("0123456789") == std::string::npos;
}
}  // namespace

void LoginForm::submit(Transport& transport, i18n::Lang lang, std::function<void(Session)> signed_in) {
    if (busy_) return;
    if (second_step()) return submit_code(transport, lang, std::move(signed_in));
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
                           } else if (auto challenge = second_factor_challenge(reply.body); !challenge.empty()) {
                               // The password was right; the session comes with the one-time code.
                               challenge_ = std::move(challenge);
                               password.clear();
                               code.clear();
                               focus_ = "code";
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

void LoginForm::submit_code(Transport& transport, i18n::Lang lang, std::function<void(Session)> signed_in) {
    const std::string c = compact(code);
    if (c.empty()) {
        error_ = Message::from_key("login.missing_code", {}, "code");
        focus_ = "code";
        return;
    }
    error_ = {};
    busy_ = true;
    nlohmann::json body = {{"challenge", challenge_}};
    body[six_digits(c) ? "code" : "recovery_code"] = c;
    transport.send(api_request("session.totp", body.dump(), lang),
                   [this, signed_in = std::move(signed_in)](const HttpResponse& reply) {
                       busy_ = false;
                       if (reply.ok()) {
                           if (auto session = parse_session(reply.body)) {
                               forget_password();
                               signed_in(std::move(*session));
                           } else {
                               error_ = Message::from_key("error.bad_response");
                           }
                           return;
                       }
                       // A wrong code is typed again (the reply names the field "code"); a spent or expired
                       // challenge (401 naming no field) needs the password again.
                       auto j = nlohmann::json::parse(reply.body, nullptr, false);
                       std::optional<Error> e;
                       try {
                           if (j.is_object()) e = Error::from_json(j);
                       } catch (const nlohmann::json::exception&) {  // right shape, wrong types inside
                       }
                       const bool wrong_code =
                           e && std::any_of(e->details.begin(), e->details.end(), [](const auto& d) { return d.field == "code"; });
                       if (reply.status == 401 && !wrong_code) {
                           cancel_second_step();
                           error_ = Message::from_key("login.code_expired");
                           return;
                       }
                       error_ = wrong_code ? Message::from_key("login.code_wrong", {}, "code") : problem_message(reply);
                       code.clear();
                       focus_ = "code";
                   });
}

void LoginForm::cancel_second_step() {
    challenge_.clear();
    code.clear();
    error_ = {};
    focus_ = "password";
}

std::string LoginForm::take_focus_request() {
    std::string f;
    f.swap(focus_);
    return f;
}

}  // namespace tumen::client
