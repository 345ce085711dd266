#include "services/sms_service.hpp"

#include <algorithm>

#include "net/http_post.hpp"
#include "services/auth_service.hpp"  // unix_now
#include "services/lead_service.hpp"  // required_version
#include "services/record_support.hpp"
#include "store/change_log.hpp"
#include "store/jobs.hpp"
#include "store/leads.hpp"
#include "store/mail_channels.hpp"
#include "store/messages.hpp"
#include "store/record_rules.hpp"
#include "store/sms_outbox.hpp"
#include "store/sms_settings.hpp"
#include "tumen/mail_outgoing.hpp"  // retry_delay_s
#include "tumen/sms_gateway.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

namespace {

using nlohmann::json;

constexpr std::size_t sms_max_error_chars = 1000;

std::string sms_clip(const std::string& s) { return std::string(utf8::truncate(s, sms_max_error_chars)); }

json sms_time_or_null(std::optional<int64_t> t) { return t ? json(format_timestamp(*t)) : json(); }

json sms_row_json(const store::SmsRow& r) {
    return {{"id", r.id},
            {"lead_id", r.lead_id ? json(*r.lead_id) : json()},
            {"message_id", r.message_id ? json(*r.message_id) : json()},
            {"to", r.to_phone},
            {"body", r.body},
            {"state", r.state},
            {"attempts", r.attempts},
            {"next_attempt_at", r.state == "queued" ? sms_time_or_null(r.next_attempt_at) : json()},
            {"last_error", r.last_error},
            {"gateway_status", r.gateway_status},
            {"created_at", format_timestamp(r.created_at)},
            {"sent_at", sms_time_or_null(r.sent_at)},
            {"created_by", r.created_by ? json(*r.created_by) : json()}};
}

json delivery_json(const store::SmsRow& r) {
    return {{"id", r.id}, {"state", r.state}, {"to", r.to_phone}, {"last_error", r.last_error},
            {"gateway_status", r.gateway_status}, {"sent_at", sms_time_or_null(r.sent_at)}};
}

json sms_settings_reply(const store::SmsSettings& s) {
    json out = sms::settings_json(s.gateway);
    out["version"] = s.version;
    return out;
}

// The live event of an SMS's state change: the lead's timeline refreshes its message.
void log_sms_change(store::Connection& c, const store::SmsRow& r, std::string_view state) {
    if (!r.lead_id) return;
    store::ChangeEvent e;
    e.at = unix_now();
    e.entity = "lead";
    e.entity_id = *r.lead_id;
    e.action = "message";
    e.payload = {{"sms_id", r.id}, {"sms_state", state}};
    if (r.message_id) e.payload["message_id"] = *r.message_id;
    store::append_change(c, e);
}

// What a failed call leaves in last_error: the gateway's own words, or the transport's.
std::string answer_of(const net::HttpResponse& r) {
    if (!r.transport_ok) return sms_clip(r.error);
    return sms_clip("HTTP " + std::to_string(r.status) + (r.body.empty() ? "" : ": " + r.body));
}

net::HttpResponse call_gateway(const sms::GatewayConfig& g, const sms::Message& m, long timeout_s) {
    const auto rendered = sms::render(g, m);
    net::HttpRequest req;
    req.method = rendered.method;
    req.url = rendered.url;
    req.headers = rendered.headers;
    req.body = rendered.body;
    req.timeout_s = timeout_s;
    return net::http_send(req);
}

}  // namespace

SmsService::SmsService(store::Database& db, JobRunner& jobs) : db_(db), jobs_(jobs) {
    jobs_.register_kind(send_kind, [this](JobContext& ctx, const json&) { return send_due(ctx); }, send_interval_s);
}

std::optional<int64_t> SmsService::retry_delay(int attempts) const {
    if (retry_delays_.empty()) return tumen::mail::retry_delay_s(attempts);
    if (attempts < 1 || attempts > static_cast<int>(retry_delays_.size())) return std::nullopt;
    return retry_delays_[static_cast<std::size_t>(attempts - 1)];
}

json SmsService::channel_json() {
    for (const auto& ch : store::list_channels(db_.reader()))
        if (ch.name == channel)
            return {{"name", ch.name},
                    {"state", ch.state},
                    {"sent", ch.sent},
                    {"failed", ch.failed},
                    {"last_error", ch.last_error},
                    {"last_error_at", sms_time_or_null(ch.last_error_at)},
                    {"last_success_at", sms_time_or_null(ch.last_success_at)}};
    return {{"name", channel}, {"state", "unknown"}, {"sent", 0}, {"failed", 0}, {"last_error", ""},
            {"last_error_at", nullptr}, {"last_success_at", nullptr}};
}

// ---- compose --------------------------------------------------------------------------------------------------

Result<ChatterMessage> SmsService::compose(const Caller& caller, int64_t lead_id, const json& body) {
    auto input = sms::compose_input_from_json(body);
    if (!input) return input.error();
    const int64_t now = unix_now();
    auto out = db_.write([&](store::Connection& c) -> Result<ChatterMessage> {
        // Whoever may post to the lead's chatter may send it an SMS; a lead out of reach is a 404.
        if (!store::lead_visible(c, lead_id, store::lead_rule_sql(caller))) return record_not_found("lead", lead_id);
        auto lead = store::find_lead(c, lead_id);
        if (!lead) return record_not_found("lead", lead_id);
        const auto settings = store::load_sms_settings(c);
        std::string typed = input->to;
        if (typed.empty()) typed = !lead->mobile.empty() ? lead->mobile : lead->phone;
        if (typed.empty()) return field_error("to", "the lead has no phone number: type one", "error.required");
        const auto to = sms::to_e164(typed, settings.gateway.country_code);
        if (!to) return field_error("to", "is not a phone number", "error.phone");

        ChatterMessage msg;
        msg.res_model = "lead";
        msg.res_id = lead_id;
        msg.kind = MessageKind::sms;
        msg.body = input->text;
        msg.author_id = caller.user_id ? std::optional<int64_t>(caller.user_id) : std::nullopt;
        msg.author_name = caller.name;
        msg.date = now;
        store::insert_message(c, msg);

        store::SmsRow row;
        row.lead_id = lead_id;
        row.message_id = msg.id;
        row.to_phone = *to;
        row.body = input->text;
        row.next_attempt_at = now;
        row.created_at = now;
        row.created_by = msg.author_id;
        store::insert_sms(c, row);
        msg.sms = delivery_json(row);
        log_record_change(c, caller, "lead", lead_id, "message", {{"message_id", msg.id}, {"sms_id", row.id}},
                          lead->team_id);
        jobs_.enqueue_in(c, send_kind);
        return msg;
    });
    if (out) jobs_.poke();
    return out;
}

// ---- settings -------------------------------------------------------------------------------------------------

json SmsService::settings_json() {
    json out = sms_settings_reply(store::load_sms_settings(db_.reader()));
    out["channel"] = channel_json();
    return out;
}

Result<json> SmsService::put_settings(const json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    auto out = db_.write([&](store::Connection& c) -> Result<json> {
        auto s = store::load_sms_settings(c);
        if (s.version != version.value()) return stale_version("sms settings", sms_settings_reply(s));
        auto fe = sms::apply_settings(s.gateway, body);
        if (!fe.empty()) return fe.to_error();
        fe = sms::validate(s.gateway);
        if (!fe.empty()) return fe.to_error();
        store::save_sms_settings(c, s);
        store::release_sms(c, unix_now());  // SMS that waited for working settings go out at once
        jobs_.enqueue_in(c, send_kind);
        return sms_settings_reply(s);
    });
    if (out) jobs_.poke();
    return out;
}

Result<json> SmsService::test_settings(const json& body) {
    auto s = store::load_sms_settings(db_.reader());
    json overrides = body.is_object() ? body : json::object();
    std::string to_text, text = "Tumen CRM: test SMS / туршилтын мессеж";
    FieldErrors fe;
    for (const char* k : {"to", "text"}) {
        if (!overrides.contains(k)) continue;
        if (!overrides[k].is_string()) fe.add(k, "must be text", "error.type");
        else (std::string_view(k) == "to" ? to_text : text) = overrides[k].get<std::string>();
        overrides.erase(k);
    }
    overrides.erase("version");
    if (!fe.empty()) return fe.to_error();
    fe = sms::apply_settings(s.gateway, overrides);
    if (!fe.empty()) return fe.to_error();
    fe = sms::validate(s.gateway, false);
    if (!fe.empty()) return fe.to_error();
    const auto to = sms::to_e164(to_text, s.gateway.country_code);
    if (!to) return field_error("to", to_text.empty() ? "is required" : "is not a phone number",
                                to_text.empty() ? "error.required" : "error.phone");
    const auto rendered = sms::render(s.gateway, {*to, text});
    const auto r = call_gateway(s.gateway, {*to, text}, timeout_s_);
    const bool ok = sms::judge_reply(s.gateway, r.transport_ok, r.status, r.body) == sms::Verdict::sent;
    db_.write([&](store::Connection& c) {
        if (ok) store::channel_ok(c, channel, "out");
        else store::channel_error(c, channel, "out", answer_of(r));
    });
    return json{{"ok", ok},
                {"status", r.status},
                {"reply", r.transport_ok ? sms_clip(r.body) : sms_clip(r.error)},
                {"request_url", rendered.url}};
}

// ---- outbox ---------------------------------------------------------------------------------------------------

Result<json> SmsService::outbox(const std::string& state, int limit, int64_t before_id) {
    if (!state.empty() && state != "queued" && state != "sending" && state != "sent" && state != "failed")
        return Error::make(ErrorCode::bad_request, "state must be one of: queued, sending, sent, failed", "state");
    auto& c = db_.reader();
    json items = json::array();
    for (const auto& r : store::list_sms(c, state, limit, before_id)) items.push_back(sms_row_json(r));
    return json{{"items", items}, {"total", store::count_sms(c, state)}};
}

Result<json> SmsService::retry(const Caller&, int64_t id) {
    auto out = db_.write([&](store::Connection& c) -> Result<json> {
        auto r = store::find_sms(c, id);
        if (!r) return record_not_found("sms", id);
        if (r->state != "failed" && r->state != "queued") {
            Error e = Error::make(ErrorCode::conflict, "Only a failed or waiting SMS can be retried");
            e.current = sms_row_json(*r);
            return e;
        }
        store::requeue_sms(c, id, unix_now());
        r = store::find_sms(c, id);
        log_sms_change(c, *r, "queued");
        jobs_.enqueue_in(c, send_kind);
        return sms_row_json(*r);
    });
    if (out) jobs_.poke();
    return out;
}

// ---- the job ----------------------------------------------------------------------------------------------------

Result<void> SmsService::send_due(JobContext& ctx) {
    const auto settings = store::load_sms_settings(db_.reader());
    const auto& g = settings.gateway;
    if (g.url.empty()) {
        if (store::next_sms_try(db_.reader())) {
            ctx.log("SMS are waiting: no gateway is configured (Settings > SMS)");
            db_.write([&](store::Connection& c) { store::channel_error(c, channel, "out", "No SMS gateway is configured"); });
        }
        return {};
    }
    int64_t after_id = 0, sent = 0, failed = 0, retried = 0;
    while (!ctx.stop_requested()) {
        const auto batch = store::due_sms(db_.reader(), unix_now(), after_id, batch_size_);
        if (batch.empty()) break;
        for (const auto& row : batch) {
            if (ctx.stop_requested()) break;
            after_id = row.id;
            if (!db_.write([&](store::Connection& c) { return store::mark_sms_sending(c, row.id); })) continue;
            const auto r = call_gateway(g, {row.to_phone, row.body}, timeout_s_);
            const auto verdict = sms::judge_reply(g, r.transport_ok, r.status, r.body);
            const int attempts = row.attempts + 1;
            db_.write([&](store::Connection& c) {
                const int64_t now = unix_now();
                std::string_view state;
                const std::string answer = answer_of(r);
                if (verdict == sms::Verdict::sent) {
                    store::mark_sms_sent(c, row.id, now, r.status);
                    state = "sent";
                } else if (verdict == sms::Verdict::failed) {
                    store::mark_sms_failed(c, row.id, r.status >= 200 && r.status < 300
                                                          ? sms_clip("the reply lacks the success pattern: " + answer)
                                                          : answer, r.status);
                    state = "failed";
                } else if (auto delay = retry_delay(attempts)) {
                    store::mark_sms_retry(c, row.id, now + *delay, answer, r.status);
                    state = "queued";
                } else {
                    store::mark_sms_failed(c, row.id, sms_clip("gave up after " + std::to_string(attempts) + " attempts: " + answer),
                                           r.status);
                    state = "failed";
                }
                log_sms_change(c, row, state);
                if (state == "sent") {
                    store::bump_channel(c, channel, "out", "sent");
                    store::channel_ok(c, channel, "out", now);
                    ++sent;
                } else if (state == "failed") {
                    // A refused number or text is that SMS's failure; a refused key, a wrong URL or a gateway
                    // that stays down is the channel's, and turns it red.
                    const bool channel_fault = !r.transport_ok || r.status == 401 || r.status == 403 ||
                                               r.status == 404 || r.status == 407 || r.status >= 500;
                    if (channel_fault) {
                        store::bump_channel(c, channel, "out", "failed", answer, now);
                    } else {
                        store::bump_channel(c, channel, "out", "failed");
                        store::channel_note(c, channel, "out", answer, now);
                    }
                    ++failed;
                } else {
                    store::channel_error(c, channel, "out", answer, now);
                    ++retried;
                }
            });
            ctx.progress(sent + failed + retried, 0);
        }
    }
    if (sent + failed + retried > 0)
        ctx.log("sent " + std::to_string(sent) + ", failed " + std::to_string(failed) + ", to retry " + std::to_string(retried));
    if (!ctx.stop_requested()) schedule_next_run();
    return {};
}

// A run at the moment the next queued row comes due, so a 1-minute retry does not wait for the interval.
void SmsService::schedule_next_run() {
    db_.write([&](store::Connection& c) {
        if (auto next = store::next_sms_try(c)) jobs_.run_once_at(c, send_kind, *next);
    });
}

}  // namespace tumen::server
