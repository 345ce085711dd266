#include "store/mail_settings.hpp"

#include <nlohmann/json.hpp>

namespace tumen::store {

namespace {

using nlohmann::json;

json as_json(const MailSettings& s) {
    return {{"host", s.host},         {"port", s.port},
            {"security", s.security}, {"username", s.username},
            {"password", s.password}, {"default_from", s.default_from},
            {"use_user_from", s.use_user_from}, {"domain", s.domain},
            {"company_name", s.company_name}, {"verify_tls", s.verify_tls},
            {"version", s.version}};
}

}  // namespace

MailSettings load_mail_settings(Connection& c) {
    json j = json::object();
    auto st = c.prepare("SELECT substr(key, 6), value FROM settings WHERE key LIKE 'mail.%'");
    while (st.step()) {
        try {
            j[st.get_text(0)] = json::parse(st.get_text(1));
        } catch (const json::exception&) {
        }
    }
    MailSettings s;
    const auto text = [&](const char* k, std::string& out) {
        if (j.contains(k) && j[k].is_string()) out = j[k].get<std::string>();
    };
    const auto flag = [&](const char* k, bool& out) {
        if (j.contains(k) && j[k].is_boolean()) out = j[k].get<bool>();
    };
    text("host", s.host);
    if (j.contains("port") && j["port"].is_number_integer()) s.port = j["port"].get<int>();
    text("security", s.security);
    text("username", s.username);
    text("password", s.password);
    text("default_from", s.default_from);
    flag("use_user_from", s.use_user_from);
    text("domain", s.domain);
    text("company_name", s.company_name);
    flag("verify_tls", s.verify_tls);
    if (j.contains("version") && j["version"].is_number_integer()) s.version = j["version"].get<int64_t>();
    return s;
}

void save_mail_settings(Connection& c, MailSettings& s) {
    ++s.version;
    const auto fields = as_json(s);  // named: ranging over a temporary's items() dangles (crashed the DSN test)
    for (const auto& [k, v] : fields.items())
        c.prepare("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, "mail." + k)
            .bind(2, v.dump())
            .run();
}

}  // namespace tumen::store
