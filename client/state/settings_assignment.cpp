#include "settings_assignment.hpp"

#include <cstdlib>

#include "api_io.hpp"

namespace tumen::client {

using nlohmann::json;

namespace {

std::optional<std::int64_t> whole(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (!end || *end != '\0' || v < 0) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

std::optional<std::int64_t> settings_assignment_opt_id(const json& j, const char* key) {
    if (j.contains(key) && j[key].is_number_integer()) return j[key].get<std::int64_t>();
    return std::nullopt;
}

}  // namespace

std::optional<AssignmentLogRow> assignment_log_row_of(const json& j) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer()) return std::nullopt;
    AssignmentLogRow r;
    r.id = j["id"].get<std::int64_t>();
    r.lead_id = j.value("lead_id", std::int64_t{0});
    r.run_at = j.value("run_at", std::int64_t{0});
    r.team_id = settings_assignment_opt_id(j, "team_id");
    r.user_id = settings_assignment_opt_id(j, "user_id");
    r.rule = j.value("rule", std::string());
    r.forced = j.value("forced", false);
    if (j.contains("lead_name") && j["lead_name"].is_string()) r.lead_name = j["lead_name"].get<std::string>();
    return r;
}

void AssignmentAdmin::reset() {
    loading_ = loaded_ = busy_ = assigning_ = log_loading_ = more_log_ = false;
    automatic = false;
    interval_minutes.clear();
    delay_hours.clear();
    version_ = saved_interval_ = saved_delay_ = 0;
    last_nonzero_interval_ = 60;
    last_run_.reset();
    log_.clear();
    ++log_generation_;
    errors_.clear();
    banner_ = notice_ = {};
}

void AssignmentAdmin::ensure_loaded() {
    if (loaded_ || loading_) return;
    reload();
}

void AssignmentAdmin::take(const json& j) {
    version_ = j.value("version", version_);
    saved_interval_ = j.value("interval_minutes", std::int64_t{0});
    saved_delay_ = j.value("delay_hours", std::int64_t{0});
    if (saved_interval_ > 0) last_nonzero_interval_ = saved_interval_;
    discard();
}

void AssignmentAdmin::discard() {
    automatic = saved_interval_ > 0;
    interval_minutes = std::to_string(saved_interval_ > 0 ? saved_interval_ : last_nonzero_interval_);
    delay_hours = std::to_string(saved_delay_);
    errors_.clear();
}

bool AssignmentAdmin::dirty() const {
    if (automatic != (saved_interval_ > 0)) return true;
    if (automatic && interval_minutes != std::to_string(saved_interval_)) return true;
    return delay_hours != std::to_string(saved_delay_);
}

void AssignmentAdmin::reload() {
    loaded_ = loading_ = true;
    io_.send("GET", "/api/v1/assignment/settings", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        const json j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        take(j);
    });
    log_.clear();
    load_log(0);
}

const Message* AssignmentAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void AssignmentAdmin::save() {
    if (busy_) return;
    banner_ = notice_ = {};
    errors_.clear();
    const auto interval = automatic ? whole(interval_minutes) : std::optional<std::int64_t>(0);
    const auto delay = whole(delay_hours);
    if (!interval || (automatic && *interval == 0))
        errors_["interval_minutes"] = Message::from_key("settings.assignment.error.interval", {}, "interval_minutes");
    if (!delay) errors_["delay_hours"] = Message::from_key("settings.assignment.error.delay", {}, "delay_hours");
    if (!errors_.empty()) return;
    busy_ = true;
    io_.send("PATCH", "/api/v1/assignment/settings",
             json{{"interval_minutes", *interval}, {"delay_hours", *delay}, {"version", version_}},
             [this](const HttpResponse& reply) {
                 busy_ = false;
                 if (!reply.ok()) {
                     if (auto current = stale_current(reply)) {
                         version_ = current->value("version", version_);  // the edits stay
                         saved_interval_ = current->value("interval_minutes", saved_interval_);
                         saved_delay_ = current->value("delay_hours", saved_delay_);
                         banner_ = problem_message(reply);
                         return;
                     }
                     errors_ = field_messages(reply);
                     if (errors_.empty()) banner_ = problem_message(reply);
                     return;
                 }
                 take(reply_json(reply));
                 notice_ = Message::from_key("settings.assignment.saved");
             });
}

void AssignmentAdmin::assign_now() {
    if (assigning_) return;
    banner_ = notice_ = {};
    assigning_ = true;
    io_.send("POST", "/api/v1/assignment/run", json{{"force_quota", true}}, [this](const HttpResponse& reply) {
        assigning_ = false;
        const json j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        last_run_ = std::make_pair(j.value("team_assigned", std::int64_t{0}), j.value("member_assigned", std::int64_t{0}));
        const std::int64_t merged = j.value("merged", std::int64_t{0});
        notice_ = Message::from_key(merged > 0 ? "settings.assignment.ran_merged" : "settings.assignment.ran",
                                    {{"teams", std::to_string(last_run_->first)},
                                     {"members", std::to_string(last_run_->second)},
                                     {"merged", std::to_string(merged)}});
        log_.clear();
        load_log(0);  // the newest rows are this run's
    });
}

void AssignmentAdmin::load_more_log() {
    if (log_loading_ || !more_log_ || log_.empty()) return;
    load_log(log_.back().id);
}

void AssignmentAdmin::load_log(std::int64_t before_id) {
    const std::uint64_t gen = ++log_generation_;
    log_loading_ = true;
    std::string path = "/api/v1/assignment/log?limit=" + std::to_string(log_page);
    if (before_id) path += "&before_id=" + std::to_string(before_id);
    io_.send("GET", path, nullptr, [this, gen](const HttpResponse& reply) {
        if (gen != log_generation_) return;  // a newer load replaced this one
        log_loading_ = false;
        const json j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        for (const auto& item : j["items"])
            if (auto r = assignment_log_row_of(item)) log_.push_back(std::move(*r));
        more_log_ = j["items"].size() >= static_cast<std::size_t>(log_page);
    });
}

}  // namespace tumen::client
