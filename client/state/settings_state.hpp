// The settings page's view model: which sections the signed-in user has (by role, from /account), the open
// section, the pickers' lists (teams, users) and one view model per section family. Owned by AppState; the view
// calls open() every frame it shows the page (loads only what is missing) and AppState calls leave() when the
// user navigates away, so secrets shown once do not come back.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "settings_account.hpp"
#include "settings_assignment.hpp"
#include "settings_calendar_feed.hpp"
#include "settings_company_currency.hpp"
#include "settings_io.hpp"
#include "settings_jobs.hpp"
#include "settings_mail.hpp"
#include "settings_mail_templates.hpp"
#include "settings_predictive.hpp"
#include "settings_scoring.hpp"
#include "settings_products.hpp"
#include "settings_sms.hpp"
#include "settings_security.hpp"
#include "settings_table.hpp"
#include "settings_tokens.hpp"
#include "settings_users.hpp"
#include "settings_web_form.hpp"
#include "settings_webhooks.hpp"

namespace tumen::client {

class AppState;

struct PickOption {
    std::int64_t id = 0;
    std::string name;
};

class SettingsState {
public:
    explicit SettingsState(AppState& app);

    // Shows `section` ("" = the first one the user has); loads what it needs.
    void open(const std::string& section);
    void leave();
    // Everything forgotten (another user signed in).
    void reset();

    // Section ids in the order of the side list ("stages", "teams", ..., "account").
    std::vector<std::string> sections() const;
    // The section shown: the asked one when the user has it, else the first.
    const std::string& current() const { return current_; }
    bool has_section(const std::string& id) const;
    const std::string& role() const { return account_.profile().role; }
    bool is_admin() const { return role() == "admin"; }
    // Stages, teams and the lists may be changed by managers and administrators (the server checks too).
    bool can_edit_lists() const { return role() == "admin" || role() == "manager"; }

    // Tables: "stages", "teams", "members", "lost_reasons", "tags", "contact_types", "utm_sources", "utm_mediums",
    // "utm_campaigns", "currencies".
    SettingsTable& table(const std::string& id);
    // Teams section: the team whose members are shown below the teams (0 = none).
    std::int64_t members_team() const { return members_team_; }
    void show_members(std::int64_t team_id);

    UsersAdmin& users() { return users_; }
    TokensAdmin& tokens() { return tokens_; }
    SecurityLog& security() { return security_; }
    JobsAdmin& jobs() { return jobs_; }
    ScoringAdmin& scoring() { return scoring_; }          // Settings › Scoring: rules
    PredictiveAdmin& predictive() { return predictive_; }  // Settings › Scoring: predictive
    AssignmentAdmin& assignment() { return assignment_; }
    MailAdmin& mail() { return mail_; }
    MailTemplatesAdmin& mail_templates() { return mail_templates_; }
    SmsAdmin& sms() { return sms_; }
    WebFormAdmin& web_form() { return web_form_; }
    WebhooksAdmin& webhooks() { return webhooks_; }
    ProductsAdmin& products() { return products_; }  // Settings › Products (issue 10)
    AccountSettings& account() { return account_; }
    const AccountSettings& account() const { return account_; }
    CalendarFeedSettings& calendar_feed() { return calendar_feed_; }  // My account › Calendar feed
    CompanyCurrencySetting& company_currency() { return company_currency_; }  // Settings › Currencies

    // Pickers: active teams and users (names for ids in the tables).
    const std::vector<PickOption>& teams() const { return teams_; }
    const std::vector<PickOption>& people() const { return people_; }
    std::string team_name(std::int64_t id) const;
    std::string person_name(std::int64_t id) const;
    const Message& banner() const { return banner_; }
    // The failure the open section shows (its banner or a field's message; empty when none): last_error of the
    // test interface.
    Message error() const;

private:
    void load_pickers();

    AppState& app_;
    SettingsIo io_;
    std::int64_t user_id_ = 0;  // whose settings these are
    std::string current_;
    std::vector<std::pair<std::string, SettingsTable>> tables_;
    std::int64_t members_team_ = 0;
    UsersAdmin users_{io_};
    TokensAdmin tokens_{io_};
    SecurityLog security_{io_};
    JobsAdmin jobs_{io_};
    ScoringAdmin scoring_{io_};
    PredictiveAdmin predictive_{io_};
    AssignmentAdmin assignment_{io_};
    MailAdmin mail_{io_};
    MailTemplatesAdmin mail_templates_{io_};
    SmsAdmin sms_{io_};
    WebFormAdmin web_form_{io_};
    WebhooksAdmin webhooks_{io_};
    ProductsAdmin products_{io_};
    AccountSettings account_{io_};
    CalendarFeedSettings calendar_feed_{io_};
    CompanyCurrencySetting company_currency_{io_};
    std::vector<PickOption> teams_, people_;
    std::string pickers_for_;  // the section the pickers' lists were loaded for
    Message banner_;
};

}  // namespace tumen::client
