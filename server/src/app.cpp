#include "app.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "http/http_setup.hpp"
#include "store/demo_seed.hpp"
#include "store/seed_reference.hpp"

namespace tumen::server {

App::App(Config config) : config_(std::move(config)) {
    std::filesystem::create_directories(config_.data_dir);
    db_ = std::make_unique<store::Database>(config_.database_path());
    auth_ = std::make_unique<AuthService>(*db_);
    users_ = std::make_unique<UsersService>(*db_);
    account_ = std::make_unique<AccountService>(*db_, *auth_);
    leads_ = std::make_unique<LeadService>(*db_);
    lead_conversions_ = std::make_unique<LeadConversionService>(*db_, *leads_);
    lead_bulk_ = std::make_unique<LeadBulkService>(*db_, *leads_);
    contacts_ = std::make_unique<ContactService>(*db_);
    stages_ = std::make_unique<StageService>(*db_);
    teams_ = std::make_unique<TeamService>(*db_);
    reference_ = std::make_unique<ReferenceService>(*db_);
    imports_ = std::make_unique<ImportService>(*db_);
    exports_ = std::make_unique<ExportService>(*db_, *leads_, *contacts_, config_.data_dir);
    attachments_ = std::make_unique<AttachmentService>(*db_, config_.data_dir, config_.max_attachment_bytes);
    // Deleting a lead or contact removes its attachment rows in the same transaction; the files go right after.
    auto release = [this](const std::vector<std::string>& hashes) { attachments_->release_files(hashes); };
    leads_->set_file_release(release);
    contacts_->set_file_release(release);
    backups_ = std::make_unique<BackupService>(*db_, config_.data_dir);
    jobs_ = std::make_unique<JobRunner>(*db_);
    score_rules_ = std::make_unique<ScoreRuleService>(*db_, *jobs_);  // registers score_rules.recompute
    predictive_ = std::make_unique<PredictiveService>(*db_, *jobs_, *leads_);  // registers scoring.predictive_rebuild
    assignment_ = std::make_unique<AssignmentService>(*db_, *jobs_);  // registers leads.assign
    mail_ = std::make_unique<MailService>(*db_, *jobs_, *attachments_);  // registers mail.send
    mail_inbound_ = std::make_unique<MailInboundService>(*db_, *attachments_);
    sms_ = std::make_unique<SmsService>(*db_, *jobs_);  // registers sms.send
    webhooks_ = std::make_unique<WebhookService>(*db_, *jobs_);  // registers webhooks.deliver
    web_forms_ = std::make_unique<WebFormService>(*db_);
    meetings_ = std::make_unique<MeetingService>(*db_, *jobs_, *mail_);  // registers meetings.remind
    activity_digest_ = std::make_unique<ActivityDigestService>(*db_, *jobs_, *mail_);  // registers activities.digest
    quotations_ = std::make_unique<QuotationService>(*db_, *mail_);
    activities_ = std::make_unique<ActivityService>(*db_);
    live::HubOptions live_options;
    live_options.max_streams = config_.max_streams;
    live_options.heartbeat_ms = config_.events_heartbeat_ms;
    live_options.keep_rows = config_.change_log_keep_rows;
    live_options.keep_seconds = int64_t{config_.change_log_keep_days} * 86400;
    events_ = std::make_unique<live::EventHub>(*db_, live_options);
    router_ = std::make_unique<Router>([this](const httplib::Request& req) { return auth_->authenticate(req); });
    router_->set_body_limit(config_.max_body_bytes);
    router_->set_trusted_proxies(config_.trusted_proxies);  // imports and attachments set their own
    register_system_routes(*router_, *this);
    register_session_routes(*router_, *this);
    register_account_routes(*router_, *this);
    register_users_routes(*router_, *this);
    register_access_token_routes(*router_, *this);
    register_security_routes(*router_, *this);
    register_lead_routes(*router_, *this);
    register_contact_routes(*router_, *this);
    register_stage_routes(*router_, *this);
    register_team_routes(*router_, *this);
    register_reference_routes(*router_, *this);
    register_import_routes(*router_, *this);
    register_export_routes(*router_, *this);
    register_attachment_routes(*router_, *this);
    register_backup_routes(*router_, *this);
    register_job_routes(*router_, *this);
    register_score_rule_routes(*router_, *this);
    register_predictive_routes(*router_, *this);
    register_mail_out_routes(*router_, *this);
    register_mail_in_routes(*router_, *this);
    register_sms_routes(*router_, *this);
    register_webhook_routes(*router_, *this);
    register_event_routes(*router_, *this);
    register_web_form_routes(*router_, *this);
    register_meeting_routes(*router_, *this);
    register_activity_routes(*router_, *this);
    register_quotation_routes(*router_, *this);
    register_kiosk_routes(*router_, *this);
    register_dashboard_routes(*router_, *this);
    register_saved_search_routes(*router_, *this);
    configure_http();
}

App::~App() {
    stop();
}

std::optional<std::string> App::initialise() {
    auto password = auth_->ensure_admin(config_.admin_password);
    const bool new_database = password.has_value();
    if (new_database && config_.demo_data) {
        store::DemoSeedOptions demo;
        demo.generator.now = unix_now();
        demo.lead_count = config_.demo_leads;
        demo.user_password_hash = AuthService::hash_password(demo_user_password);
        store::seed_demo(*db_, demo);
        demo_seeded_ = true;
    } else if (config_.seed_reference) {
        db_->write([](store::Connection& c) { store::seed_reference_data(c); });
    }
    return password;
}

void App::configure_http() {
    if (config_.tls()) {
        // cpp-httplib's SSLServer (Debian builds the library with OpenSSL) loads the PEM files once here.
        auto ssl = std::make_unique<httplib::SSLServer>(config_.tls_cert.c_str(), config_.tls_key.c_str());
        if (!ssl->is_valid())
            throw std::runtime_error("cannot use TLS certificate " + config_.tls_cert + " with key " + config_.tls_key +
                                     " (missing, unreadable, not PEM, or not a pair)");
        http_ = std::move(ssl);
    } else {
        http_ = std::make_unique<httplib::Server>();
    }
    configure_server(*http_, config_);
    router_->install(*http_);
    register_web_form_pages(*http_, *this);
}

void App::start() {
    if (config_.port == 0) port_ = http_->bind_to_any_port(config_.bind);
    else port_ = http_->bind_to_port(config_.bind, config_.port) ? config_.port : -1;
    if (port_ <= 0) throw std::runtime_error("cannot listen on " + config_.bind + ":" + std::to_string(config_.port));
    imports_->start();
    jobs_->start();
    events_->start();
    attachments_->purge_orphans();  // files of records deleted while the server ran, unfinished uploads
    listener_ = std::thread([this] { http_->listen_after_bind(); });
    for (int i = 0; i < 500 && !http_->is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void App::wait() {
    if (listener_.joinable()) listener_.join();
}

void App::stop() {
    if (events_) events_->stop();  // first: open event streams end now instead of at their next heartbeat
    if (http_ && http_->is_running()) http_->stop();
    if (listener_.joinable()) listener_.join();
    if (imports_) imports_->stop();  // after the listener: no new job can arrive
    if (jobs_) jobs_->stop();        // a running job sees stop_requested() and is resumed at the next start
}

std::string App::url() const {
    std::string host = config_.bind == "0.0.0.0" ? "127.0.0.1" : config_.bind;
    return (config_.tls() ? "https://" : "http://") + host + ":" + std::to_string(port_) + "/";
}

}  // namespace tumen::server
