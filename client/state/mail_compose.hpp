// "Send e-mail" from the lead form's chatter: to (prefilled with the lead's e-mail), cc, a template picker that
// fills subject and body with the template's text (placeholders kept, so the server renders them at send time),
// a preview rendered by shared/'s template renderer on the lead and the signed-in user (exactly what is sent),
// and Send: POST /leads/{id}/mail; a 422 puts the server's message under the field it names, the dialog stays
// open with the text while sending or after a failure, and closes once the message is queued.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"
#include "tumen/lead.hpp"

namespace tumen::client {

class AppState;

// One template as the picker and the editor see it (GET /mail/templates).
struct TemplateRow {
    std::int64_t id = 0;
    std::string name, res_model = "lead", subject, body;
    bool active = true;
    std::int64_t version = 0;
};
std::optional<TemplateRow> template_row_of(const nlohmann::json& j);

// What the preview shows: the rendered subject and body, or the renderer's complaints per field.
struct MailPreview {
    std::string subject, body;
    FieldMessages errors;  // "subject" / "body": an unknown placeholder
};

// The names the preview gives the lead's ids (the lead form's lists know them).
struct PreviewNames {
    std::string stage, team, salesperson;
};

class MailCompose {
public:
    explicit MailCompose(AppState& app) : app_(app), io_(app) {}

    // Opens the dialog for `lead`; to = the lead's e-mail. Loads the templates once per sign-in.
    void open(const Lead& lead, PreviewNames names = {});
    // Closes it; replies still under way are dropped.
    void close();
    bool is_open() const { return open_; }
    std::int64_t lead_id() const { return lead_ ? lead_->id : 0; }

    std::string to, cc, subject, body;
    const std::optional<std::int64_t>& template_id() const { return template_id_; }
    // Picks a template (nullopt = none): its subject and body replace what is in the fields.
    void use_template(std::optional<std::int64_t> id);
    const std::vector<TemplateRow>& templates() const { return templates_; }
    bool templates_loading() const { return templates_loading_; }

    // Subject and body as they will be sent (shared/ mail_template render on the lead and the user).
    MailPreview preview() const;
    bool show_preview = false;

    // Checks the fields locally, then POSTs. On success `on_sent` gets the chatter message the server answered
    // with (null when it answered with something else) and the dialog closes.
    void send();
    bool sending() const { return sending_; }
    std::function<void(const nlohmann::json& message)> on_sent;

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    void clear_error(const std::string& field) { errors_.erase(field); }
    const Message& banner() const { return banner_; }

    // Signed out / another user: the templates are loaded again next time.
    void reset();

private:
    void load_templates();
    FieldMessages check() const;

    AppState& app_;
    SettingsIo io_;
    bool open_ = false, sending_ = false;
    std::optional<Lead> lead_;
    PreviewNames names_;
    std::optional<std::int64_t> template_id_;
    std::vector<TemplateRow> templates_;
    bool templates_loaded_ = false, templates_loading_ = false;
    std::int64_t templates_for_ = 0;  // the user the list was loaded for
    std::string user_email_;
    struct {
        std::string name, email;
    } company_;  // {{company.*}}: from the mail settings when the user may read them
    FieldMessages errors_;
    Message banner_;
};

}  // namespace tumen::client
