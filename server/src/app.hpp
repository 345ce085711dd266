// The running server: configuration, database, services, router and HTTP listener, wired once.
// main() and the integration tests both start an App, so tests exercise exactly what production runs.
#pragma once
#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "config.hpp"
#include "http/router.hpp"
#include "jobs/job_runner.hpp"
#include "live/event_hub.hpp"
#include "services/account_service.hpp"
#include "services/attachment_service.hpp"
#include "services/backup_service.hpp"
#include "services/export_service.hpp"
#include "services/import_service.hpp"
#include "services/auth_service.hpp"
#include "services/contact_service.hpp"
#include "services/lead_bulk_service.hpp"
#include "services/lead_conversion_service.hpp"
#include "services/lead_service.hpp"
#include "services/mail_inbound_service.hpp"
#include "services/mail_service.hpp"
#include "services/activity_digest_service.hpp"
#include "services/meeting_service.hpp"
#include "services/activity_service.hpp"
#include "services/quotation_service.hpp"
#include "services/webhook_service.hpp"
#include "services/sms_service.hpp"
#include "services/reference_service.hpp"
#include "services/score_rule_service.hpp"
#include "services/predictive_service.hpp"
#include "services/assignment_service.hpp"
#include "services/stage_service.hpp"
#include "services/team_service.hpp"
#include "services/users_service.hpp"
#include "services/web_form_service.hpp"
#include "store/database.hpp"

namespace tumen::server {

class App {
public:
    explicit App(Config config);
    ~App();

    // First-start work: the administrator account (returns its password once) and demo data.
    std::optional<std::string> initialise();
    // Binds the port (config.port 0 = any free port) and serves on a background thread.
    void start();
    // Blocks until stop() is called (from a signal watcher or a test).
    void wait();
    void stop();
    int port() const { return port_; }
    std::string url() const;

    const Config& config() const { return config_; }
    store::Database& db() { return *db_; }
    AuthService& auth() { return *auth_; }
    LeadService& leads() { return *leads_; }
    LeadConversionService& lead_conversions() { return *lead_conversions_; }
    LeadBulkService& lead_bulk() { return *lead_bulk_; }
    // True when initialise() filled a new database with demo data (its users sign in with demo_user_password).
    bool demo_seeded() const { return demo_seeded_; }
    static constexpr const char* demo_user_password = "demo-password-2026";
    ContactService& contacts() { return *contacts_; }
    StageService& stages() { return *stages_; }
    TeamService& teams() { return *teams_; }
    ReferenceService& reference() { return *reference_; }
    UsersService& users() { return *users_; }
    AccountService& account() { return *account_; }
    ImportService& imports() { return *imports_; }
    ExportService& exports() { return *exports_; }
    AttachmentService& attachments() { return *attachments_; }
    BackupService& backups() { return *backups_; }
    JobRunner& jobs() { return *jobs_; }  // background jobs (jobs/job_runner.hpp)
    ScoreRuleService& score_rules() { return *score_rules_; }
    PredictiveService& predictive() { return *predictive_; }  // predictive scoring: settings, rebuild job, explanations
    AssignmentService& assignment() { return *assignment_; }  // automatic assignment: leads.assign job, log
    MailInboundService& mail_inbound() { return *mail_inbound_; }  // inbound e-mail: routing, channels
    MailService& mail() { return *mail_; }  // outgoing e-mail: outbox, mail.send job, settings, templates
    SmsService& sms() { return *sms_; }  // SMS through an HTTP gateway: outbox, sms.send job, settings
    WebhookService& webhooks() { return *webhooks_; }  // outgoing webhooks: hooks, deliveries, webhooks.deliver job
    QuotationService& quotations() { return *quotations_; }  // products, quotations, sales orders, PDFs
    ActivityService& activities() { return *activities_; }  // activities on leads and their types
    MeetingService& meetings() { return *meetings_; }  // meetings, calendar, iCalendar feed, meetings.remind job
    ActivityDigestService& activity_digest() { return *activity_digest_; }  // the activities.digest job
    WebFormService& web_forms() { return *web_forms_; }  // the website contact form (web-to-lead)
    live::EventHub& events() { return *events_; }  // live updates: GET /api/v1/events

private:
    void configure_http();
    Config config_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<AuthService> auth_;
    std::unique_ptr<UsersService> users_;
    std::unique_ptr<AccountService> account_;
    std::unique_ptr<LeadService> leads_;
    std::unique_ptr<LeadConversionService> lead_conversions_;  // duplicates, convert, merge
    std::unique_ptr<LeadBulkService> lead_bulk_;               // the list view's mass actions
    bool demo_seeded_ = false;
    std::unique_ptr<ContactService> contacts_;
    std::unique_ptr<StageService> stages_;
    std::unique_ptr<TeamService> teams_;
    std::unique_ptr<ReferenceService> reference_;
    // Import, export, attachments, backups (F-IO). The import worker thread stops in stop().
    std::unique_ptr<ImportService> imports_;
    std::unique_ptr<ExportService> exports_;
    std::unique_ptr<AttachmentService> attachments_;
    std::unique_ptr<BackupService> backups_;
    std::unique_ptr<JobRunner> jobs_;  // its scheduler thread starts in start(), stops in stop()
    std::unique_ptr<ScoreRuleService> score_rules_;
    std::unique_ptr<PredictiveService> predictive_;
    std::unique_ptr<AssignmentService> assignment_;
    std::unique_ptr<MailService> mail_;
    std::unique_ptr<MailInboundService> mail_inbound_;
    std::unique_ptr<SmsService> sms_;
    std::unique_ptr<WebhookService> webhooks_;
    std::unique_ptr<WebFormService> web_forms_;
    std::unique_ptr<MeetingService> meetings_;
    std::unique_ptr<ActivityDigestService> activity_digest_;
    std::unique_ptr<ActivityService> activities_;
    std::unique_ptr<QuotationService> quotations_;
    std::unique_ptr<live::EventHub> events_;
    std::unique_ptr<Router> router_;
    std::unique_ptr<httplib::Server> http_;  // an httplib::SSLServer when config.tls()
    std::thread listener_;
    int port_ = 0;
};

// Route groups, one file each under server/src/http/.
void register_system_routes(Router& r, App& app);
void register_session_routes(Router& r, App& app);
void register_account_routes(Router& r, App& app);
void register_users_routes(Router& r, App& app);
void register_access_token_routes(Router& r, App& app);
void register_security_routes(Router& r, App& app);
void register_lead_routes(Router& r, App& app);
void register_contact_routes(Router& r, App& app);
void register_stage_routes(Router& r, App& app);
void register_team_routes(Router& r, App& app);
void register_reference_routes(Router& r, App& app);
void register_import_routes(Router& r, App& app);
void register_export_routes(Router& r, App& app);
void register_attachment_routes(Router& r, App& app);
void register_backup_routes(Router& r, App& app);
void register_job_routes(Router& r, App& app);
void register_score_rule_routes(Router& r, App& app);
void register_predictive_routes(Router& r, App& app);
void register_mail_out_routes(Router& r, App& app);
void register_mail_in_routes(Router& r, App& app);
void register_sms_routes(Router& r, App& app);
void register_webhook_routes(Router& r, App& app);
void register_event_routes(Router& r, App& app);
void register_web_form_routes(Router& r, App& app);
void register_meeting_routes(Router& r, App& app);
void register_activity_routes(Router& r, App& app);
void register_quotation_routes(Router& r, App& app);
void register_kiosk_routes(Router& r, App& app);
void register_dashboard_routes(Router& r, App& app);
void register_saved_search_routes(Router& r, App& app);
// The contact form's pages outside the API contract: /contact/thanks and the CORS preflight.
void register_web_form_pages(httplib::Server& http, App& app);

}  // namespace tumen::server
