// Settings › Jobs (managers and administrators): the server's background jobs with state, progress bar, schedule
// and last error; "run now"; administrators change the interval or pause a job. While a job is queued or running
// the list polls (poll() each frame, one request a second at most) so the bars move.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct JobRow {
    std::int64_t id = 0;
    std::string kind, state, next_run, last_finish, last_success, last_error;
    bool recurring = false, active = true;
    std::int64_t interval_s = 0, attempts = 0, max_attempts = 0, done = 0, total = 0, version = 0;

    bool busy() const { return state == "queued" || state == "running" || state == "retrying"; }
    // 0..1 for the bar (0 when the total is unknown).
    float fraction() const { return total > 0 ? static_cast<float>(done) / static_cast<float>(total) : 0.f; }
};

// A job of GET /jobs (or /jobs/{id}) as a row; also what Settings › Scoring shows of its rebuild job.
JobRow job_row_of(const nlohmann::json& j);

// "on demand", "every 15 min", "every 2 h", "every day", "every 3 days" as a catalog key and its count.
Message interval_message(std::int64_t seconds);

class JobsAdmin {
public:
    explicit JobsAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();
    bool loading() const { return loading_; }
    const std::vector<JobRow>& jobs() const { return jobs_; }
    const JobRow* find(std::int64_t id) const;

    // Reloads every `every_ms` while a job is busy; `now_ms` is the caller's clock.
    void poll(double now_ms, double every_ms = 1000);
    bool any_busy() const;

    void run_now(std::int64_t id);
    void set_interval(std::int64_t id, std::int64_t seconds);  // administrators
    void set_active(std::int64_t id, bool active);             // administrators

    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void patch(std::int64_t id, nlohmann::json body);

    SettingsIo& io_;
    std::vector<JobRow> jobs_;
    bool loading_ = false, loaded_ = false;
    double last_poll_ms_ = 0;
    Message banner_, notice_;
};

}  // namespace tumen::client
