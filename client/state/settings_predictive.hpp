// Settings › Scoring, the predictive half (managers and administrators): which model sets the automatic
// probability (naive Bayes or logistic regression), which lead fields it learns from and since when (start date),
// saved with the version read; both models' quality on the last rebuild's holdout; "Rebuild now" and the rebuild
// job's progress, polled from the job runner (GET /jobs) while it is queued or running, at most once a second.
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
    std::string model = "nb";  // "nb" or "lr"
    const std::vector<std::string>& available_fields() const { return available_; }
    bool field_on(const std::string& f) const;
    void set_field(const std::string& f, bool on);
    bool dirty() const;
    void save();
    void discard();
    std::int64_t rows() const { return rows_; }  // frequency rows stored
    const std::string& phase() const { return phase_; }  // the rebuild's phase: idle / count / recompute
    const std::string& saved_model() const { return saved_model_; }
    std::optional<std::int64_t> lr_trained_at() const { return lr_trained_at_; }

    // One model's figures on the holdout (team 0 = all teams together).
    struct Quality {
        std::string model;
        std::int64_t team_id = 0;
        double cases = 0, won = 0;
        std::optional<double> auc, brier;
    };
    const std::vector<Quality>& quality() const { return quality_; }
    const Quality* quality_of(const std::string& model, std::int64_t team_id = 0) const;
    // A rebuild measured but its holdout was too small: no overall AUC for either model ("not enough closed leads").
    bool quality_too_few() const;

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
    std::string saved_start_, phase_ = "idle", saved_model_ = "nb";
    std::optional<std::int64_t> lr_trained_at_;
    std::vector<Quality> quality_;
    std::int64_t version_ = 0, rows_ = 0, job_id_ = 0;
    std::optional<JobRow> job_;
    double last_poll_ms_ = 0;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
