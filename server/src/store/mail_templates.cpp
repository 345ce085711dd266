#include "store/mail_templates.hpp"

namespace tumen::store {

namespace {

using mail::MailTemplate;

MailTemplate mail_templates_read_row(Statement& s) {
    MailTemplate t;
    t.id = s.get_int(0);
    t.name = s.get_text(1);
    t.res_model = s.get_text(2);
    t.subject = s.get_text(3);
    t.body = s.get_text(4);
    t.active = s.get_int(5) != 0;
    t.create_date = s.get_int(6);
    t.write_date = s.get_int(7);
    t.version = s.get_int(8);
    return t;
}

constexpr const char* select_sql =
    "SELECT id, name, res_model, subject, body, active, create_date, write_date, version FROM mail_templates";

}  // namespace

std::vector<MailTemplate> list_mail_templates(Connection& c, bool active_only) {
    auto s = c.prepare(std::string(select_sql) + " WHERE (? = 0 OR active = 1) ORDER BY name COLLATE NOCASE, id");
    s.bind(1, active_only);
    std::vector<MailTemplate> out;
    while (s.step()) out.push_back(mail_templates_read_row(s));
    return out;
}

std::optional<MailTemplate> find_mail_template(Connection& c, int64_t id) {
    auto s = c.prepare(std::string(select_sql) + " WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return mail_templates_read_row(s);
}

std::optional<int64_t> mail_template_named(Connection& c, const std::string& name) {
    auto s = c.prepare("SELECT id FROM mail_templates WHERE name = ?");
    s.bind(1, name);
    if (!s.step()) return std::nullopt;
    return s.get_int(0);
}

void insert_mail_template(Connection& c, MailTemplate& t) {
    t.version = 1;
    auto s = c.prepare(
        "INSERT INTO mail_templates(name, res_model, subject, body, active, create_date, write_date, version)"
        " VALUES (?,?,?,?,?,?,?,1)");
    s.bind(1, t.name).bind(2, t.res_model).bind(3, t.subject).bind(4, t.body).bind(5, t.active);
    s.bind(6, t.create_date).bind(7, t.write_date).run();
    t.id = c.last_insert_id();
}

bool update_mail_template(Connection& c, MailTemplate& t) {
    auto s = c.prepare(
        "UPDATE mail_templates SET name = ?, res_model = ?, subject = ?, body = ?, active = ?, write_date = ?,"
        " version = version + 1 WHERE id = ? AND version = ?");
    s.bind(1, t.name).bind(2, t.res_model).bind(3, t.subject).bind(4, t.body).bind(5, t.active);
    s.bind(6, t.write_date).bind(7, t.id).bind(8, t.version).run();
    if (c.changes() != 1) return false;
    ++t.version;
    return true;
}

bool delete_mail_template(Connection& c, int64_t id) {
    c.prepare("DELETE FROM mail_templates WHERE id = ?").bind(1, id).run();
    return c.changes() == 1;
}

}  // namespace tumen::store
