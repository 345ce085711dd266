#include "mail_status.hpp"

namespace tumen::client {

std::vector<std::string> address_list_of(const nlohmann::json& v) {
    std::vector<std::string> out;
    if (v.is_string() && !v.get<std::string>().empty()) out.push_back(v.get<std::string>());
    if (v.is_array())
        for (const auto& x : v) {
            if (x.is_string()) out.push_back(x.get<std::string>());
            // {"name","email"} objects, should the server send parsed addresses
            else if (x.is_object() && x.contains("email") && x["email"].is_string()) {
                const std::string name = x.value("name", std::string());
                const std::string email = x["email"].get<std::string>();
                out.push_back(name.empty() ? email : name + " <" + email + ">");
            }
        }
    return out;
}

std::string join_addresses(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& a : list) out += (out.empty() ? "" : ", ") + a;
    return out;
}

std::optional<MailStatus> mail_status_of(const nlohmann::json& m) {
    if (!m.is_object() || !m.contains("mail") || !m["mail"].is_object()) return std::nullopt;
    const auto& j = m["mail"];
    MailStatus s;
    if (j.contains("id") && j["id"].is_number_integer()) s.id = j["id"].get<std::int64_t>();
    s.state = j.value("state", std::string());
    if (j.contains("to")) s.to = address_list_of(j["to"]);
    if (j.contains("cc")) s.cc = address_list_of(j["cc"]);
    if (j.contains("last_error") && j["last_error"].is_string()) s.last_error = j["last_error"].get<std::string>();
    if (j.contains("sent_at")) {
        if (j["sent_at"].is_string()) s.sent_at = j["sent_at"].get<std::string>();
        else if (j["sent_at"].is_number_integer()) s.sent_at = std::to_string(j["sent_at"].get<std::int64_t>());
    }
    return s;
}

}  // namespace tumen::client
