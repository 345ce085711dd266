#include "store/sms_settings.hpp"

#include <nlohmann/json.hpp>

namespace tumen::store {

SmsSettings load_sms_settings(Connection& c) {
    nlohmann::json j = nlohmann::json::object();
    auto st = c.prepare("SELECT substr(key, 5), value FROM settings WHERE key LIKE 'sms.%'");
    while (st.step()) {
        try {
            j[st.get_text(0)] = nlohmann::json::parse(st.get_text(1));
        } catch (const nlohmann::json::exception&) {
        }
    }
    SmsSettings s;
    auto& g = s.gateway;
    for (auto [key, field] : {std::pair{"url", &g.url}, {"method", &g.method}, {"body", &g.body},
                              {"content_type", &g.content_type}, {"auth_header", &g.auth_header},
                              {"auth_value", &g.auth_value}, {"success_pattern", &g.success_pattern},
                              {"sender", &g.sender}, {"country_code", &g.country_code}})
        if (j.contains(key) && j[key].is_string()) *field = j[key].get<std::string>();
    if (j.contains("version") && j["version"].is_number_integer()) s.version = j["version"].get<int64_t>();
    return s;
}

void save_sms_settings(Connection& c, SmsSettings& s) {
    ++s.version;
    const auto& g = s.gateway;
    const nlohmann::json fields = {{"url", g.url},
                                   {"method", g.method},
                                   {"body", g.body},
                                   {"content_type", g.content_type},
                                   {"auth_header", g.auth_header},
                                   {"auth_value", g.auth_value},
                                   {"success_pattern", g.success_pattern},
                                   {"sender", g.sender},
                                   {"country_code", g.country_code},
                                   {"version", s.version}};
    for (const auto& [k, v] : fields.items())
        c.prepare("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, "sms." + k)
            .bind(2, v.dump())
            .run();
}

}  // namespace tumen::store
