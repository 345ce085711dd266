#include "settings_jobs.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {

JobRow settings_jobs_row_of(const nlohmann::json& j) {
    JobRow r;
    r.id = int_or_zero(j, "id");
    r.kind = str(j, "kind");
    r.state = str(j, "state");
    r.next_run = str(j, "next_run");
    r.last_finish = str(j, "last_finish");
    r.last_success = str(j, "last_success");
    r.last_error = str(j, "last_error");
    r.recurring = j.value("recurring", false);
    r.active = j.value("active", true);
    r.interval_s = int_or_zero(j, "interval_s");
    r.attempts = int_or_zero(j, "attempts");
    r.max_attempts = int_or_zero(j, "max_attempts");
    r.version = int_or_zero(j, "version");
    if (j.contains("progress") && j["progress"].is_object()) {
        r.done = int_or_zero(j["progress"], "done");
        r.total = int_or_zero(j["progress"], "total");
    }
    return r;
}

}  // namespace

JobRow job_row_of(const nlohmann::json& j) { return settings_jobs_row_of(j); }

Message interval_message(std::int64_t s) {
    if (s <= 0) return Message::from_key("settings.jobs.on_demand");
    if (s % 86400 == 0) return Message::from_key("settings.jobs.every_days", {{"count", std::to_string(s / 86400)}});
    if (s % 3600 == 0) return Message::from_key("settings.jobs.every_hours", {{"count", std::to_string(s / 3600)}});
    if (s % 60 == 0) return Message::from_key("settings.jobs.every_minutes", {{"count", std::to_string(s / 60)}});
    return Message::from_key("settings.jobs.every_seconds", {{"count", std::to_string(s)}});
}

void JobsAdmin::reset() {
    jobs_.clear();
    loading_ = loaded_ = false;
    last_poll_ms_ = 0;
    banner_ = notice_ = {};
}

void JobsAdmin::ensure_loaded() {
    if (loaded_ || loading_) return;
    reload();
}

void JobsAdmin::reload() {
    loaded_ = true;
    loading_ = true;
    io_.send("GET", "/api/v1/jobs", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        jobs_.clear();
        for (const auto& item : j["items"])
            if (item.is_object()) jobs_.push_back(settings_jobs_row_of(item));
    });
}

const JobRow* JobsAdmin::find(std::int64_t id) const {
    for (const auto& j : jobs_)
        if (j.id == id) return &j;
    return nullptr;
}

bool JobsAdmin::any_busy() const {
    return std::any_of(jobs_.begin(), jobs_.end(), [](const JobRow& j) { return j.busy(); });
}

void JobsAdmin::poll(double now_ms, double every_ms) {
    if (!loaded_ || loading_ || !any_busy() || now_ms - last_poll_ms_ < every_ms) return;
    last_poll_ms_ = now_ms;
    reload();
}

void JobsAdmin::run_now(std::int64_t id) {
    banner_ = notice_ = {};
    io_.send("POST", "/api/v1/jobs/" + std::to_string(id) + "/run", nlohmann::json::object(), [this, id](const HttpResponse& reply) {
        const auto j = reply_json(reply);
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            if (auto current = stale_current(reply))
                for (auto& row : jobs_)
                    if (row.id == id) row = settings_jobs_row_of(*current);
            return;
        }
        for (auto& row : jobs_)
            if (row.id == id && j.is_object()) row = settings_jobs_row_of(j);
        notice_ = Message::from_key("settings.jobs.started");
    });
}

void JobsAdmin::patch(std::int64_t id, nlohmann::json body) {
    const JobRow* row = find(id);
    if (!row) return;
    banner_ = notice_ = {};
    body["version"] = row->version;
    io_.send("PATCH", "/api/v1/jobs/" + std::to_string(id), body, [this, id](const HttpResponse& reply) {
        const auto j = reply_json(reply);
        auto replace = [&](const nlohmann::json& with) {
            for (auto& r : jobs_)
                if (r.id == id) r = settings_jobs_row_of(with);
        };
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            if (auto current = stale_current(reply)) replace(*current);
            return;
        }
        if (j.is_object()) replace(j);
        notice_ = Message::from_key("settings.jobs.saved");
    });
}

void JobsAdmin::set_interval(std::int64_t id, std::int64_t seconds) { patch(id, {{"interval_s", std::max<std::int64_t>(0, seconds)}}); }

void JobsAdmin::set_active(std::int64_t id, bool active) { patch(id, {{"active", active}}); }

}  // namespace tumen::client
