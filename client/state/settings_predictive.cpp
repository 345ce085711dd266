#include "settings_predictive.hpp"

#include <algorithm>

#include "api_io.hpp"

namespace tumen::client {

using nlohmann::json;

namespace {

std::vector<std::string> strings(const json& j, const char* key) {
    std::vector<std::string> out;
    if (j.contains(key) && j[key].is_array())
        for (const auto& v : j[key])
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

}  // namespace

void PredictiveAdmin::reset() {
    loading_ = loaded_ = busy_ = requesting_ = job_loading_ = false;
    fields.clear();
    start_date.clear();
    saved_fields_.clear();
    available_.clear();
    saved_start_.clear();
    model = saved_model_ = "nb";
    lr_trained_at_.reset();
    quality_.clear();
    phase_ = "idle";
    version_ = rows_ = job_id_ = 0;
    job_.reset();
    last_poll_ms_ = 0;
    errors_.clear();
    banner_ = notice_ = {};
}

void PredictiveAdmin::ensure_loaded() {
    if (loaded_ || loading_) return;
    reload();
}

void PredictiveAdmin::take(const json& j) {
    saved_fields_ = strings(j, "fields");
    if (j.contains("available_fields")) available_ = strings(j, "available_fields");
    saved_start_ = j.contains("start_date") && j["start_date"].is_string() ? j["start_date"].get<std::string>() : "";
    version_ = j.value("version", version_);
    if (j.contains("rows") && j["rows"].is_number_integer()) rows_ = j["rows"].get<std::int64_t>();
    if (j.contains("rebuild") && j["rebuild"].is_object()) phase_ = j["rebuild"].value("phase", std::string("idle"));
    if (j.contains("model") && j["model"].is_string()) saved_model_ = j["model"].get<std::string>();
    if (j.contains("lr_trained_at"))
        lr_trained_at_ = j["lr_trained_at"].is_number_integer() ? std::optional(j["lr_trained_at"].get<std::int64_t>()) : std::nullopt;
    if (j.contains("quality") && j["quality"].is_array()) {
        quality_.clear();
        auto number = [](const json& q, const char* key) {
            return q.contains(key) && q[key].is_number() ? std::optional(q[key].get<double>()) : std::nullopt;
        };
        for (const auto& q : j["quality"]) {
            if (!q.is_object() || !q.contains("model") || !q["model"].is_string()) continue;
            Quality row;
            row.model = q["model"].get<std::string>();
            row.team_id = q.contains("team_id") && q["team_id"].is_number_integer() ? q["team_id"].get<std::int64_t>() : 0;
            row.cases = number(q, "cases").value_or(0);
            row.won = number(q, "won").value_or(0);
            row.auc = number(q, "auc");
            row.brier = number(q, "brier");
            quality_.push_back(std::move(row));
        }
    }
    fields = saved_fields_;
    start_date = saved_start_;
    model = saved_model_;
}

const PredictiveAdmin::Quality* PredictiveAdmin::quality_of(const std::string& m, std::int64_t team_id) const {
    for (const auto& q : quality_)
        if (q.model == m && q.team_id == team_id) return &q;
    return nullptr;
}

bool PredictiveAdmin::quality_too_few() const {
    const auto *nb = quality_of("nb"), *lr = quality_of("lr");
    return (nb || lr) && !(nb && nb->auc) && !(lr && lr->auc);
}

void PredictiveAdmin::reload() {
    loaded_ = loading_ = true;
    io_.send("GET", "/api/v1/scoring/predictive", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        const json j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        take(j);
        // A rebuild under way (started elsewhere, or by a settings change): follow its job.
        if (phase_ != "idle" && !job_) load_job();
    });
}

bool PredictiveAdmin::field_on(const std::string& f) const { return std::find(fields.begin(), fields.end(), f) != fields.end(); }

void PredictiveAdmin::set_field(const std::string& f, bool on) {
    std::erase(fields, f);
    if (on) {
        // Keep the order the server lists them in, so "dirty" means a real change.
        fields.push_back(f);
        std::stable_sort(fields.begin(), fields.end(), [this](const std::string& a, const std::string& b) {
            auto pos = [this](const std::string& x) { return std::find(available_.begin(), available_.end(), x) - available_.begin(); };
            return pos(a) < pos(b);
        });
    }
    errors_.erase("fields");
}

bool PredictiveAdmin::dirty() const {
    auto a = fields, b = saved_fields_;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a != b || start_date != saved_start_ || model != saved_model_;
}

void PredictiveAdmin::discard() {
    fields = saved_fields_;
    start_date = saved_start_;
    model = saved_model_;
    errors_.clear();
}

const Message* PredictiveAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void PredictiveAdmin::save() {
    if (busy_) return;
    banner_ = notice_ = {};
    errors_.clear();
    json body = {{"fields", fields}, {"start_date", start_date.empty() ? json() : json(start_date)}, {"model", model},
                 {"version", version_}};
    busy_ = true;
    io_.send("PATCH", "/api/v1/scoring/predictive", body, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                version_ = current->value("version", version_);  // the edits stay; saving again overwrites knowingly
                saved_fields_ = strings(*current, "fields");
                saved_start_ = current->contains("start_date") && (*current)["start_date"].is_string()
                                   ? (*current)["start_date"].get<std::string>() : "";
                saved_model_ = current->value("model", saved_model_);
                banner_ = problem_message(reply);
                return;
            }
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        take(reply_json(reply));
        notice_ = Message::from_key("settings.predictive.saved");
        // The server queued a rebuild: show its progress.
        job_id_ = 0;
        load_job();
    });
}

void PredictiveAdmin::rebuild() {
    if (rebuilding()) return;
    banner_ = notice_ = {};
    requesting_ = true;
    io_.send("POST", "/api/v1/scoring/predictive/rebuild", json::object(), [this](const HttpResponse& reply) {
        requesting_ = false;
        const json j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("job_id") || !j["job_id"].is_number_integer()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        job_id_ = j["job_id"].get<std::int64_t>();
        job_.reset();
        JobRow queued;
        queued.id = job_id_;
        queued.kind = rebuild_kind;
        queued.state = "queued";
        job_ = queued;
        notice_ = Message::from_key("settings.predictive.rebuild_started");
        load_job();
    });
}

void PredictiveAdmin::load_job() {
    if (job_loading_) return;
    job_loading_ = true;
    // By id when we started it; otherwise the newest rebuild job of the runner's list.
    const std::string path = job_id_ ? "/api/v1/jobs/" + std::to_string(job_id_) : std::string("/api/v1/jobs");
    io_.send("GET", path, nullptr, [this](const HttpResponse& reply) {
        job_loading_ = false;
        const json j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        const bool was_busy = job_ && job_->busy();
        if (j.contains("items") && j["items"].is_array()) {
            std::optional<JobRow> newest;
            for (const auto& item : j["items"]) {
                JobRow r = job_row_of(item);
                if (r.kind == rebuild_kind && (!newest || r.id > newest->id || (r.busy() && !newest->busy()))) newest = r;
            }
            if (!newest) return;
            job_id_ = newest->id;
            job_ = newest;
        } else {
            job_ = job_row_of(j);
        }
        if (was_busy && !job_->busy()) {
            if (job_->state == "failed") banner_ = Message::from_text(job_->last_error);
            else notice_ = Message::from_key("settings.predictive.rebuild_done");
            reload();  // rows and phase after the rebuild
        }
    });
}

void PredictiveAdmin::poll(double now_ms, double every_ms) {
    if (!job_ || !job_->busy() || job_loading_ || now_ms - last_poll_ms_ < every_ms) return;
    last_poll_ms_ = now_ms;
    load_job();
}

}  // namespace tumen::client
