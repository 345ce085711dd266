// E-mail templates (mail_templates, migration `mail`); checked by shared/ mail_template.hpp before they get here.
#pragma once
#include <optional>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/mail_template.hpp"

namespace tumen::store {

std::vector<mail::MailTemplate> list_mail_templates(Connection& c, bool active_only);
std::optional<mail::MailTemplate> find_mail_template(Connection& c, int64_t id);
std::optional<int64_t> mail_template_named(Connection& c, const std::string& name);
void insert_mail_template(Connection& c, mail::MailTemplate& t);  // sets id, version 1
// Writes when t.version is current and bumps it; false when stale or gone.
bool update_mail_template(Connection& c, mail::MailTemplate& t);
bool delete_mail_template(Connection& c, int64_t id);

}  // namespace tumen::store
