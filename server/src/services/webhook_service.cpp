#include "services/webhook_service.hpp"

#include <sodium.h>

#include <algorithm>

#include "net/host_resolve.hpp"
#include "net/http_post.hpp"
#include "services/auth_service.hpp"  // unix_now
#include "services/lead_service.hpp"  // required_version
#include "services/record_support.hpp"
#include "store/jobs.hpp"
#include "store/mail_channels.hpp"
#include "store/stages.hpp"
#include "tumen/mail_outgoing.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

namespace {

using nlohmann::json;

constexpr std::size_t max_excerpt_chars = 500;
constexpr std::size_t webhook_max_error_chars = 1000;

std::string webhook_clip(const std::string& s, std::size_t chars) {
    // A receiver may answer with bytes that are not UTF-8; the log stores text, so such bytes become '?'.
    std::string text = utf8::is_valid(s) ? s : std::string();
    if (text.empty() && !s.empty())
        for (unsigned char ch : s) text += ch < 0x80 ? static_cast<char>(ch) : '?';
    return std::string(utf8::truncate(text, chars));
}

std::string to_hex(const unsigned char* data, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data, n);
    out.resize(n * 2);
    return out;
}

std::string new_secret() {
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    return "whsec_" + to_hex(raw, sizeof raw);
}

// A random (version 4) UUID: the delivery id receivers can deduplicate by.
std::string new_uuid() {
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    const std::string h = to_hex(b, sizeof b);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) + "-" + h.substr(20);
}

std::string hmac_sha256_hex(const std::string& key, const std::string& message) {
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    return to_hex(mac, sizeof mac);
}

// The job run that sends queued deliveries, committed with them (JobRunner::enqueue_in without the runner: the
// lead write path has none at hand). Waiting runs are one run.
void enqueue_deliver_run(store::Connection& c) {
    if (store::waiting_one_off(c, webhook_deliver_kind, "{}")) return;
    store::JobRecord j;
    j.kind = webhook_deliver_kind;
    j.state = "queued";
    j.next_run_ms = JobRunner::now_ms();
    j.create_date = unix_now();
    store::insert_job(c, j);
}

store::WebhookDelivery new_delivery(int64_t hook_id, std::string_view event, std::optional<int64_t> lead_id,
                                    Timestamp now, const json& data) {
    store::WebhookDelivery d;
    d.uuid = new_uuid();
    d.hook_id = hook_id;
    d.event = std::string(event);
    d.lead_id = lead_id;
    d.payload = webhook::payload(d.uuid, event, now, data).dump();
    d.created_at = now;
    d.next_attempt_at = now;
    return d;
}

Error hook_not_found(int64_t id) { return record_not_found("webhook", id); }

}  // namespace

void queue_lead_webhooks(store::Connection& c, const Lead& lead, const std::string& action,
                         const std::vector<TrackingValue>& tracking, Timestamp now) {
    if (action != "created" && tracking.empty() && action != "won" && action != "lost") return;
    if (!store::any_active_webhook(c)) return;
    bool to_won_stage = false;
    for (const auto& t : tracking)
        if (t.field == "stage_id" && lead.stage_id)
            if (auto s = store::find_stage(c, *lead.stage_id)) to_won_stage = s->is_won;
    const auto events = webhook::events_for_lead_change(action, tracking, to_won_stage);
    bool queued = false;
    std::optional<json> data;
    for (const auto& event : events)
        for (int64_t hook_id : store::webhooks_for_event(c, event)) {
            if (!data) data = webhook::lead_data(lead, tracking);
            auto d = new_delivery(hook_id, event, lead.id, now, *data);
            store::insert_delivery(c, d);
            queued = true;
        }
    if (queued) enqueue_deliver_run(c);
}

WebhookService::WebhookService(store::Database& db, JobRunner& jobs) : db_(db), jobs_(jobs) {
    jobs_.register_kind(webhook_deliver_kind, [this](JobContext& ctx, const json&) { return deliver_due(ctx); },
                        deliver_interval_s);
}

std::optional<int64_t> WebhookService::retry_delay(int attempts) const {
    if (retry_delays_.empty()) return tumen::mail::retry_delay_s(attempts);
    if (attempts < 1 || attempts > static_cast<int>(retry_delays_.size())) return std::nullopt;
    return retry_delays_[static_cast<std::size_t>(attempts - 1)];
}

// ---- hooks --------------------------------------------------------------------------------------------------------

json WebhookService::hook_json(store::Connection& c, const webhook::Hook& h) {
    json j = h;
    auto last = store::list_deliveries(c, h.id, 1, 0);
    j["last_delivery"] = last.empty() ? json() : store::delivery_json(last.front(), false);
    return j;
}

json WebhookService::channel_json() {
    for (const auto& ch : store::list_channels(db_.reader()))
        if (ch.name == channel)
            return {{"name", ch.name},
                    {"state", ch.state},
                    {"sent", ch.sent},
                    {"failed", ch.failed},
                    {"last_error", ch.last_error},
                    {"last_error_at", ch.last_error_at ? json(format_timestamp(*ch.last_error_at)) : json()},
                    {"last_success_at", ch.last_success_at ? json(format_timestamp(*ch.last_success_at)) : json()}};
    return {{"name", channel}, {"state", "unknown"}, {"sent", 0}, {"failed", 0}, {"last_error", ""},
            {"last_error_at", nullptr}, {"last_success_at", nullptr}};
}

Result<json> WebhookService::list() {
    auto& c = db_.reader();
    json items = json::array();
    for (const auto& h : store::list_webhooks(c)) items.push_back(hook_json(c, h));
    return json{{"items", items}, {"events", webhook::event_names()}, {"channel", channel_json()}};
}

Result<json> WebhookService::get(int64_t id) {
    auto& c = db_.reader();
    auto h = store::find_webhook(c, id);
    if (!h) return hook_not_found(id);
    return hook_json(c, *h);
}

Result<json> WebhookService::create(const Caller& caller, const json& body) {
    webhook::Hook h;
    if (body.is_object() && body.contains("version")) return field_error("version", "is read-only", "error.read_only");
    auto fe = webhook::apply_hook_json(h, body, true);
    if (!fe.empty()) return fe.to_error();
    h.created_at = unix_now();
    if (caller.user_id) h.created_by = caller.user_id;
    const std::string secret = new_secret();
    return db_.write([&](store::Connection& c) -> Result<json> {
        store::insert_webhook(c, h, secret);
        log_record_change(c, caller, "webhook", h.id, "created", {{"version", h.version}});
        json j = hook_json(c, h);
        j["secret"] = secret;  // shown once
        return j;
    });
}

Result<json> WebhookService::update(const Caller& caller, int64_t id, const json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    return db_.write([&](store::Connection& c) -> Result<json> {
        auto h = store::find_webhook(c, id);
        if (!h) return hook_not_found(id);
        if (h->version != version.value()) return stale_version("webhook", hook_json(c, *h));
        webhook::Hook edited = *h;
        auto fe = webhook::apply_hook_json(edited, body, false);
        if (!fe.empty()) return fe.to_error();
        if (!store::update_webhook(c, edited)) return stale_version("webhook", hook_json(c, *h));
        log_record_change(c, caller, "webhook", id, "updated", {{"version", edited.version}});
        return hook_json(c, edited);
    });
}

Result<bool> WebhookService::remove(const Caller& caller, int64_t id) {
    return db_.write([&](store::Connection& c) -> Result<bool> {
        if (!store::delete_webhook(c, id)) return hook_not_found(id);
        log_record_change(c, caller, "webhook", id, "deleted");
        return true;
    });
}

Result<json> WebhookService::rotate_secret(const Caller& caller, int64_t id) {
    const std::string secret = new_secret();
    return db_.write([&](store::Connection& c) -> Result<json> {
        if (!store::set_webhook_secret(c, id, secret)) return hook_not_found(id);
        auto h = store::find_webhook(c, id);
        log_record_change(c, caller, "webhook", id, "updated", {{"version", h->version}});
        json j = hook_json(c, *h);
        j["secret"] = secret;
        return j;
    });
}

Result<json> WebhookService::test(const Caller& caller, int64_t id) {
    const int64_t now = unix_now();
    store::WebhookDelivery d;
    webhook::Hook hook;
    std::string secret;
    auto queued = db_.write([&](store::Connection& c) -> Result<bool> {
        auto h = store::find_webhook(c, id);
        if (!h) return hook_not_found(id);
        hook = *h;
        secret = store::webhook_secret(c, id).value_or("");
        d = new_delivery(id, webhook::ping, std::nullopt, now,
                         {{"webhook_id", id}, {"name", h->name}, {"by", caller.login}});
        store::insert_delivery(c, d);
        return true;
    });
    if (!queued) return queued.error();
    // One attempt now, and no retries: the administrator is looking at the answer.
    Attempt a = attempt(hook, secret, d);
    if (a.outcome == Outcome::retry) a.outcome = Outcome::failed;
    record(d, a);
    return store::delivery_json(*store::find_delivery(db_.reader(), d.id), false);
}

Result<json> WebhookService::deliveries(int64_t hook_id, int limit, int64_t before_id) {
    auto& c = db_.reader();
    if (!store::find_webhook(c, hook_id)) return hook_not_found(hook_id);
    json items = json::array();
    for (const auto& d : store::list_deliveries(c, hook_id, limit, before_id)) items.push_back(store::delivery_json(d, true));
    return json{{"items", items}, {"total", store::count_deliveries(c, hook_id)}};
}

Result<json> WebhookService::redeliver(const Caller& caller, int64_t delivery_id) {
    const int64_t now = unix_now();
    auto out = db_.write([&](store::Connection& c) -> Result<json> {
        auto old = store::find_delivery(c, delivery_id);
        if (!old) return record_not_found("webhook delivery", delivery_id);
        const json data = json::parse(old->payload).value("data", json::object());
        auto d = new_delivery(old->hook_id, old->event, old->lead_id, now, data);
        store::insert_delivery(c, d);
        log_record_change(c, caller, "webhook", old->hook_id, "redeliver", {{"delivery_id", d.id}, {"of", delivery_id}});
        enqueue_deliver_run(c);
        return store::delivery_json(d, false);
    });
    if (out) jobs_.poke();
    return out;
}

// ---- delivery -------------------------------------------------------------------------------------------------

WebhookService::Attempt WebhookService::attempt(const webhook::Hook& hook, const std::string& secret,
                                                const store::WebhookDelivery& d) {
    Attempt a;
    std::string why;
    auto url = webhook::parse_hook_url(hook.url, &why);
    if (!url) {
        a.error = "the webhook's URL " + why;
        return a;
    }
    const auto target = net::check_target(url->host, url->port, hook.allow_private);
    if (!target.ok) {
        a.outcome = target.refused ? Outcome::failed : Outcome::retry;  // DNS trouble may pass
        a.error = target.error;
        return a;
    }
    const int64_t ts = unix_now();
    net::HttpRequest req;
    req.method = "POST";
    req.url = hook.url;
    req.body = d.payload;
    req.timeout_s = timeout_s_;
    req.pinned_ip = target.ip;
    req.headers = {{"Content-Type", "application/json"},
                   {"User-Agent", std::string("Tumen-CRM-Webhooks/") + TUMEN_VERSION},
                   {webhook::header_event, d.event},
                   {webhook::header_delivery, d.uuid},
                   {webhook::header_timestamp, std::to_string(ts)},
                   {webhook::header_signature,
                    webhook::signature_header(hmac_sha256_hex(secret, webhook::signed_text(ts, d.payload)))}};
    const auto r = net::http_send(req);
    if (!r.transport_ok) {
        a.outcome = Outcome::retry;
        a.error = r.error;
        return a;
    }
    a.status = r.status;
    a.excerpt = webhook_clip(r.body, max_excerpt_chars);
    if (webhook::is_success_status(r.status)) {
        a.outcome = Outcome::delivered;
    } else {
        a.outcome = Outcome::retry;
        a.error = "HTTP " + std::to_string(r.status);
    }
    return a;
}

void WebhookService::record(const store::WebhookDelivery& d, Attempt a) {
    const int attempts = d.attempts + 1;
    std::optional<int64_t> delay;
    if (a.outcome == Outcome::retry) {
        delay = retry_delay(attempts);
        if (!delay) {
            a.outcome = Outcome::failed;
            a.error = "gave up after " + std::to_string(attempts) + " attempts: " + a.error;
        }
    }
    a.error = webhook_clip(a.error, webhook_max_error_chars);
    db_.write([&](store::Connection& c) {
        const int64_t now = unix_now();
        switch (a.outcome) {
            case Outcome::delivered:
                store::mark_delivery_delivered(c, d.id, now, *a.status, a.excerpt);
                store::bump_channel(c, channel, "out", "sent", {}, now);
                store::channel_ok(c, channel, "out", now);
                break;
            case Outcome::retry:
                store::mark_delivery_retry(c, d.id, now + *delay, a.status, a.excerpt, a.error);
                store::channel_error(c, channel, "out", a.error, now);
                break;
            case Outcome::failed:
                store::mark_delivery_failed(c, d.id, a.status, a.excerpt, a.error);
                store::bump_channel(c, channel, "out", "failed", a.error, now);
                break;
        }
    });
}

Result<void> WebhookService::deliver_due(JobContext& ctx) {
    int64_t after_id = 0, delivered = 0, failed = 0, retried = 0;
    while (!ctx.stop_requested()) {
        const auto batch = store::due_deliveries(db_.reader(), unix_now(), after_id, 50);
        if (batch.empty()) break;
        for (const auto& d : batch) {
            if (ctx.stop_requested()) break;
            after_id = d.id;
            auto& c = db_.reader();
            auto hook = store::find_webhook(c, d.hook_id);
            if (!hook) continue;  // deleted meanwhile: its deliveries went with it
            Attempt a;
            if (!hook->active && d.event != webhook::ping) {
                a.error = "the webhook is inactive";
            } else {
                a = attempt(*hook, store::webhook_secret(c, d.hook_id).value_or(""), d);
            }
            record(d, a);
            if (a.outcome == Outcome::delivered) ++delivered;
            else if (a.outcome == Outcome::failed) ++failed;
            else ++retried;
            ctx.progress(delivered + failed + retried, 0);
        }
    }
    if (delivered + failed + retried > 0)
        ctx.log("delivered " + std::to_string(delivered) + ", failed " + std::to_string(failed) + ", to retry " +
                std::to_string(retried));
    if (!ctx.stop_requested()) schedule_next_run();
    return {};
}

// A run at the moment the next retry comes due, so a 1-minute retry does not wait for the interval.
void WebhookService::schedule_next_run() {
    db_.write([&](store::Connection& c) {
        if (auto next = store::next_delivery_due(c)) jobs_.run_once_at(c, webhook_deliver_kind, *next);
    });
}

}  // namespace tumen::server
