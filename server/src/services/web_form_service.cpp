#include "services/web_form_service.hpp"

#include "services/auth_service.hpp"
#include "services/lead_service.hpp"
#include "services/mail_inbound_service.hpp"
#include "services/record_support.hpp"
#include "store/leads.hpp"
#include "store/mail_channels.hpp"
#include "store/stages.hpp"
#include "store/teams.hpp"
#include "store/users.hpp"
#include "store/web_form_store.hpp"
#include "tumen/lead_lifecycle.hpp"

namespace tumen::server {

using nlohmann::json;

namespace {

constexpr int64_t window_seconds = 3600;

std::string reason_of(const Error& e) {
    std::string r = e.message;
    for (const auto& d : e.details) r += "; " + d.field + " " + d.message;
    return r;
}

}  // namespace

int64_t WebFormService::now() const { return now_ ? now_() : unix_now(); }

web_form::Settings WebFormService::settings() { return store::load_web_form_settings(db_.reader()); }

json WebFormService::settings_json() {
    auto& c = db_.reader();
    json out = web_form::settings_json(store::load_web_form_settings(c));
    out["channel"] = json{{"name", channel}, {"direction", "in"}, {"received", 0}, {"created", 0}, {"rejected", 0},
                          {"state", "unknown"}, {"last_error", ""}, {"last_error_at", nullptr},
                          {"last_success_at", nullptr}};
    for (const auto& ch : store::list_channels(c))
        if (ch.name == channel) out["channel"] = channel_json(ch);
    out["spam_last_30_days"] = c.prepare("SELECT count(*) FROM web_form_submissions WHERE outcome = 'spam'").scalar_int();
    out["throttled_last_30_days"] =
        c.prepare("SELECT count(*) FROM web_form_submissions WHERE outcome = 'throttled'").scalar_int();
    return out;
}

Result<json> WebFormService::put_settings(const json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    auto saved = db_.write([&](store::Connection& c) -> Result<json> {
        auto s = store::load_web_form_settings(c);
        if (s.version != version.value()) return stale_version("contact form settings", web_form::settings_json(s));
        auto fe = web_form::apply_settings(s, body);
        const auto checked = web_form::validate(s);  // named: ranging over a temporary's list() dangles
        for (const auto& e : checked.list()) fe.add(e.field, e.message, e.key);
        if (s.team_id && !store::find_team(c, *s.team_id)) fe.add("team_id", "no such team", "error.not_found");
        if (s.user_id) {
            auto u = store::find_user(c, *s.user_id);
            if (!u || !u->active) fe.add("user_id", "no such active user", "error.not_found");
        }
        if (!fe.empty()) return fe.to_error();
        store::save_web_form_settings(c, s);
        return json::object();
    });
    if (!saved) return saved.error();
    return settings_json();
}

void WebFormService::record_refusal(const std::string& client_ip, const std::string& reason) {
    const int64_t t = now();
    db_.write([&](store::Connection& c) {
        store::insert_web_form_submission(c, t, client_ip, "rejected", std::nullopt, reason);
        store::bump_channel(c, channel, "in", "received", {}, t);
        store::bump_channel(c, channel, "in", "rejected", {}, t);
    });
}

Result<WebFormOutcome> WebFormService::submit(const std::map<std::string, std::string>* fields, const json* json_body,
                                              const std::string& client_ip) {
    const int64_t t = now();
    // Checked before the write lock: a bad submission costs no transaction beyond its log row.
    Result<web_form::Submission> parsed = fields ? web_form::parse(*fields) : web_form::parse_json(*json_body);
    return db_.write([&](store::Connection& c) -> Result<WebFormOutcome> {
        const auto s = store::load_web_form_settings(c);
        if (!s.enabled) return Error::make(ErrorCode::not_found, "The contact form is switched off");
        // Counted inside the write lock, so parallel posts from one address cannot all slip under the limit.
        const auto recent = store::recent_web_form_submissions(c, client_ip, t - window_seconds);
        if (recent.count >= s.rate_limit_per_hour) {
            store::insert_web_form_submission(c, t, client_ip, "throttled", std::nullopt, "rate limit");
            store::bump_channel(c, channel, "in", "received", {}, t);
            store::bump_channel(c, channel, "in", "rejected", {}, t);
            const int64_t retry = std::max<int64_t>(1, recent.oldest_at + window_seconds - t);
            Error e = Error::make(ErrorCode::too_many_requests,
                                  "Too many messages from your address. Try again in " + std::to_string((retry + 59) / 60) +
                                      " minutes.");
            e.current = json{{"retry_after", retry}};
            return e;
        }
        store::bump_channel(c, channel, "in", "received", {}, t);
        if (!parsed) {
            store::insert_web_form_submission(c, t, client_ip, "rejected", std::nullopt, reason_of(parsed.error()));
            store::bump_channel(c, channel, "in", "rejected", {}, t);
            return parsed.error();  // write() commits whatever the result: the log row counts against the limit
        }
        const web_form::Submission& sub = parsed.value();
        if (sub.spam) {
            store::insert_web_form_submission(c, t, client_ip, "spam", std::nullopt, "honeypot filled");
            store::bump_channel(c, channel, "in", "rejected", {}, t);
            return WebFormOutcome{std::nullopt, sub.lang};
        }
        NewLeadDefaults defaults;
        if (s.team_id)
            if (auto team = store::find_team(c, *s.team_id)) {
                defaults.team_id = team->id;
                defaults.type = team->use_leads ? LeadType::lead : LeadType::opportunity;
            }
        if (s.user_id)
            if (auto u = store::find_user(c, *s.user_id); u && u->active) defaults.user_id = u->id;
        json body = web_form::lead_body(sub);
        body["source_id"] = store::ensure_utm_source(c, web_form::source_name);
        if (!sub.utm_medium.empty())
            if (auto id = store::find_utm_id(c, "utm_mediums", sub.utm_medium)) body["medium_id"] = *id;
        if (!sub.utm_campaign.empty())
            if (auto id = store::find_utm_id(c, "utm_campaigns", sub.utm_campaign)) body["campaign_id"] = *id;
        if (defaults.user_id) body["user_id"] = *defaults.user_id;
        if (defaults.team_id) body["team_id"] = *defaults.team_id;
        auto change = create_lead(body, store::load_stages(c), defaults, t);
        if (!change) {
            // A setting that no longer fits (e.g. the team lost its stages): visible in Settings, not a silent loss.
            store::insert_web_form_submission(c, t, client_ip, "rejected", std::nullopt, reason_of(change.error()));
            store::bump_channel(c, channel, "in", "rejected", reason_of(change.error()), t);
            return change.error();
        }
        Lead lead = std::move(change->lead);
        store::insert_lead(c, lead);
        c.prepare("UPDATE leads SET visitor_ip = ? WHERE id = ?").bind(1, client_ip).bind(2, lead.id).run();
        Caller website;  // no user: the change log records "by": 0, the chatter a system author
        website.name = "Website";
        website.role = "system";
        record_lead_change(c, website, lead, "created", {}, t);
        store::insert_web_form_submission(c, t, client_ip, "created", lead.id, "");
        store::bump_channel(c, channel, "in", "created", {}, t);
        store::channel_ok(c, channel, "in", t);
        return WebFormOutcome{lead.id, sub.lang};
    });
}

}  // namespace tumen::server
