// Settings › Templates: the e-mail templates (name, subject and body with {{placeholders}}), a list and an editor.
// Managers and administrators write them; an unknown placeholder is refused when saving (by shared/'s check here
// first, then by the server) and shown under the field it is in. Saving sends the version read; a 409 takes the
// server's record and says so.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mail_compose.hpp"
#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

class MailTemplatesAdmin {
public:
    explicit MailTemplatesAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();
    bool loading() const { return loading_; }
    const std::vector<TemplateRow>& items() const { return items_; }

    // The editor: a new template (id 0) or a copy of an existing one.
    bool editing() const { return editing_; }
    void edit(std::int64_t id);
    void create();
    void cancel();
    TemplateRow draft;
    void save();
    void remove(std::int64_t id);
    std::int64_t confirm_delete = 0;  // the template the "delete?" confirmation is about (0 = none)
    bool busy() const { return busy_; }

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    void clear_error(const std::string& field) { errors_.erase(field); }
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void take(const TemplateRow& row);

    SettingsIo& io_;
    std::vector<TemplateRow> items_;
    bool loading_ = false, loaded_ = false, editing_ = false, busy_ = false;
    FieldMessages errors_;
    Message banner_, notice_;
};

// The placeholders a template may use, for the editor's help ("lead.contact_name", ...).
std::vector<std::string> template_placeholders();
// shared/'s check of a template's placeholders: messages per field ("subject", "body"); empty when it is fine.
FieldMessages check_template(const TemplateRow& row);

}  // namespace tumen::client
