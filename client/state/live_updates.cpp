#include "live_updates.hpp"

#include <algorithm>
#include <cstdlib>

#include "app_state.hpp"
#include "live_event.hpp"
#include "tumen/api.hpp"

namespace tumen::client {

std::optional<LiveLead> parse_live_lead(const nlohmann::json& d) {
    if (!d.is_object() || d.value("entity", "") != "lead" || !d.contains("id") || !d["id"].is_number_integer())
        return std::nullopt;
    LiveLead ev;
    ev.id = d["id"].get<std::int64_t>();
    ev.action = d.value("action", "");
    if (d.contains("version") && d["version"].is_number_integer()) ev.version = d["version"].get<std::int64_t>();
    if (d.contains("lead") && d["lead"].is_object()) ev.lead = d["lead"];
    if (d.contains("by") && d["by"].is_number_integer()) ev.by = d["by"].get<std::int64_t>();
    return ev;
}

std::string LiveUpdates::stream_url() const {
    const auto* e = api::find_endpoint("events.stream");
    std::string url = e ? std::string(e->path) : std::string("/api/v1/events");
    if (last_event_id_ > 0) url += "?last_event_id=" + std::to_string(last_event_id_);
    return url;
}

void LiveUpdates::connect() {
    if (!channel_ || status_ == LiveStatus::live || status_ == LiveStatus::connecting) return;
    status_ = LiveStatus::connecting;
    retry_ms_ = first_retry_ms;
    open();
}

void LiveUpdates::disconnect() {
    ++generation_;
    if (channel_ && status_ != LiveStatus::off) channel_->close();
    status_ = LiveStatus::off;
    last_event_id_ = 0;  // another user may sign in next: their stream starts afresh
    retry_ms_ = first_retry_ms;
}

void LiveUpdates::open() {
    const std::uint64_t gen = ++generation_;
    StreamHandlers h;
    h.opened = [this, gen] {
        if (gen == generation_) opened();
    };
    h.event = [this, gen](const std::string& id, const std::string& event, const std::string& data) {
        if (gen == generation_) received(id, event, data);
    };
    h.failed = [this, gen] {
        if (gen == generation_) failed();
    };
    channel_->open(stream_url(), std::move(h));
}

void LiveUpdates::opened() {
    status_ = LiveStatus::live;
    retry_ms_ = first_retry_ms;
}

void LiveUpdates::failed() {
    if (status_ == LiveStatus::off) return;
    status_ = LiveStatus::reconnecting;
    const int delay = retry_ms_;
    retry_ms_ = std::min(retry_ms_ * 2, max_retry_ms);
    const std::uint64_t gen = ++generation_;
    channel_->after(delay, [this, gen] {
        if (gen == generation_ && status_ == LiveStatus::reconnecting) open();
    });
}

void LiveUpdates::received(const std::string& id, const std::string& event, const std::string& data) {
    if (status_ == LiveStatus::off) return;
    status_ = LiveStatus::live;
    if (!id.empty()) {
        char* end = nullptr;
        const long long n = std::strtoll(id.c_str(), &end, 10);
        if (end && *end == '\0' && n >= 0) last_event_id_ = n;
    }
    if (event == "hello") return;
    if (event == "reload") {
        // Changes were missed that the server no longer keeps: load what is shown again.
        app_.board().live_reload();
        app_.list().live_reload();
        app_.lead_form().live_reload();
        app_.activities().live_reload();
        return;
    }
    const auto d = nlohmann::json::parse(data, nullptr, false);
    if (!d.is_object()) return;
    if (auto lead = parse_live_lead(d)) {
        app_.board().apply_live(*lead);
        app_.list().apply_live(*lead);
        app_.lead_form().apply_live(*lead);
        app_.activities().apply_live(*lead);
        return;
    }
    const std::string entity = d.value("entity", "");
    if (entity == "contact" && d.contains("id") && d["id"].is_number_integer()) {
        const auto& p = d.contains("payload") ? d["payload"] : nlohmann::json();
        std::optional<std::int64_t> version;
        if (p.is_object() && p.contains("version") && p["version"].is_number_integer()) version = p["version"].get<std::int64_t>();
        app_.contact_form().apply_live(d["id"].get<std::int64_t>(), d.value("action", ""), version);
        return;
    }
    if (entity == "quotation" && d.contains("id") && d["id"].is_number_integer()) {
        const auto& p = d.contains("payload") ? d["payload"] : nlohmann::json();
        std::optional<std::int64_t> version;
        if (p.is_object() && p.contains("version") && p["version"].is_number_integer()) version = p["version"].get<std::int64_t>();
        app_.quotations().apply_live(d["id"].get<std::int64_t>(), version);
        return;
    }
    // A picker's choices changed (a tag, a lost reason, a UTM value, a team or stage name made elsewhere).
    static const char* const reference_entities[] = {"tag",        "lost_reason",  "utm_source", "utm_medium",
                                                     "utm_campaign", "team",       "stage"};
    if (std::find(std::begin(reference_entities), std::end(reference_entities), entity) != std::end(reference_entities)) {
        app_.list().live_references();
        app_.lead_form().live_references();
    }
    if (entity == "tag") app_.board().live_tags();
    // The pipeline's shape changed, or many leads at once: the board and list load again.
    if (entity == "stage" || entity == "team") app_.board().live_reload();
    if (entity == "import") {
        app_.board().live_reload();
        app_.list().live_reload();
    }
}

}  // namespace tumen::client
