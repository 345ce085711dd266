#include "sms_compose.hpp"

#include "api_io.hpp"
#include "settings_mail.hpp"  // time_text
#include "tumen/email_phone.hpp"

namespace tumen::client {

std::optional<SmsStatus> sms_status_of(const nlohmann::json& message) {
    if (!message.is_object() || !message.contains("sms") || !message["sms"].is_object()) return std::nullopt;
    const auto& j = message["sms"];
    SmsStatus s;
    s.id = j.contains("id") && j["id"].is_number_integer() ? j["id"].get<std::int64_t>() : 0;
    s.state = j.value("state", std::string());
    s.to = j.contains("to") && j["to"].is_string() ? j["to"].get<std::string>() : std::string();
    s.last_error = j.contains("last_error") && j["last_error"].is_string() ? j["last_error"].get<std::string>() : std::string();
    s.sent_at = time_text(j.value("sent_at", nlohmann::json()));
    return s;
}

void SmsCompose::open(const Lead& lead) {
    close();
    open_ = true;
    lead_id_ = lead.id;
    to = !lead.mobile.empty() ? lead.mobile : lead.phone;
}

void SmsCompose::close() {
    io_.reset();  // a late reply of this dialog changes nothing
    open_ = sending_ = false;
    lead_id_ = 0;
    to.clear();
    text.clear();
    errors_.clear();
    banner_ = {};
}

const Message* SmsCompose::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void SmsCompose::send() {
    if (!open_ || sending_ || !lead_id_) return;
    banner_ = {};
    errors_.clear();
    // The same checks as the server's, so the common mistakes need no round trip.
    if (to.find_first_not_of(" \t") == std::string::npos) errors_["to"] = Message::from_key("settings.error.required", {}, "to");
    else if (!is_valid_phone(to)) errors_["to"] = Message::from_key("sms.compose.bad_phone", {}, "to");
    if (text.find_first_not_of(" \t\r\n") == std::string::npos)
        errors_["text"] = Message::from_key("settings.error.required", {}, "text");
    else if (text.size() > sms::max_text_bytes) errors_["text"] = Message::from_key("sms.compose.too_long", {}, "text");
    if (!errors_.empty()) return;
    sending_ = true;
    io_.send("POST", "/api/v1/leads/" + std::to_string(lead_id_) + "/sms", {{"text", text}, {"to", to}},
             [this](const HttpResponse& reply) {
                 sending_ = false;
                 if (!reply.ok()) {
                     errors_ = field_messages(reply);
                     for (auto it = errors_.begin(); it != errors_.end();) {
                         if (it->first == "to" || it->first == "text") {
                             ++it;
                             continue;
                         }
                         if (banner_.empty()) banner_ = problem_message(reply);
                         it = errors_.erase(it);
                     }
                     if (errors_.empty() && banner_.empty()) banner_ = problem_message(reply);
                     return;
                 }
                 const auto j = reply_json(reply);
                 auto done = on_sent;
                 close();
                 if (done) done(j);
             });
}

}  // namespace tumen::client
