// Outgoing mail settings, kept in the `settings` table under keys "mail.<field>" (JSON-encoded values), so no
// migration is needed for a new field. The SMTP password is stored here and nowhere else; the API never
// returns it (only whether one is set).
#pragma once
#include <string>

#include "store/sqlite.hpp"

namespace tumen::store {

struct MailSettings {
    std::string host;               // "" = outgoing mail not configured: mail stays queued
    int port = 25;
    std::string security = "none";  // none | starttls | tls
    std::string username;
    std::string password;
    std::string default_from;       // "Түмэн CRM <crm@tumen.mn>": From when the sender's own address is not used
    bool use_user_from = false;     // From = the user who writes (their login e-mail), when they have one
    std::string domain;             // right part of our Message-IDs; "" = the default sender's domain
    std::string company_name;       // {{company.name}} in templates
    bool verify_tls = true;
    int64_t version = 1;            // bumped by every save (1: never saved; versions start at 1)
};

MailSettings load_mail_settings(Connection& c);
void save_mail_settings(Connection& c, MailSettings& s);  // bumps s.version

}  // namespace tumen::store
