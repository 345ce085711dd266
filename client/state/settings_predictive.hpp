// Settings › Scoring, the predictive half (managers and administrators): which lead fields the naive Bayes model
// learns from and since when (start date), saved with the version read; "Rebuild now" and the rebuild job's
// progress, polled from the job runner (GET /jobs) while it is queued or running, at most once a second.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"
#include "settings_jobs.hpp"

namespace tumen::client {

class PredictiveAdmin {
public:
    static constexpr const char* rebuild_kind = "scoring.predictive_rebuild";

    explicit PredictiveAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();
    bool loaded() const { return loaded_ && !loading_; }

    // The editable copy: fields on/off and the start date ("" = every lead).
    std::vector<std::string> fields;
    std::string start_date;
    const std::vector<std::string>& available_fields() const { return available_; }
    bool field_on(const std::string& f) const;
    void set_field(const std::string& f, bool on);
    bool dirty() const;
    void save();
    void discard();
    std::int64_t rows() const { return rows_; }  // frequency rows stored
    const std::string& phase() const { return phase_; }  // the rebuild's phase: idle / count / recompute

    // Rebuild: POST .../rebuild, then the job's progress.
    void rebuild();
    const std::optional<JobRow>& job() const { return job_; }
    bool rebuilding() const { return requesting_ || (job_ && job_->busy()); }
    // Reloads the job every `every_ms` while it is busy (and the settings once it finished).
    void poll(double now_ms, double every_ms = 1000);
    bool busy() const { return busy_; }

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void take(const nlohmann::json& j);
    void load_job();

    SettingsIo& io_;
    bool loading_ = false, loaded_ = false, busy_ = false, requesting_ = false, job_loading_ = false;
    std::vector<std::string> saved_fields_, available_;
    std::string saved_start_, phase_ = "idle";
    std::int64_t version_ = 0, rows_ = 0, job_id_ = 0;
    std::optional<JobRow> job_;
    double last_poll_ms_ = 0;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
