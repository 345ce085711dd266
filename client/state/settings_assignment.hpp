// Settings › Assignment (managers and administrators): automatic assignment on or off with its interval and the
// delay before a new lead is assigned, saved with the version read; "Assign now" (the daily quota ignored) with how
// many leads went to teams and to salespeople; and the assignment log (lead → team / salesperson, the rule that
// decided, when), newest first, paged with "before_id".
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct AssignmentLogRow {
    std::int64_t id = 0, lead_id = 0, run_at = 0;  // run_at: UTC seconds
    std::optional<std::int64_t> team_id, user_id;
    std::string rule;  // team.weighted / member.preferred / member.domain
    bool forced = false;
    std::optional<std::string> lead_name;  // none once the lead is deleted or merged away
};

std::optional<AssignmentLogRow> assignment_log_row_of(const nlohmann::json& j);

class AssignmentAdmin {
public:
    static constexpr int log_page = 50;
    explicit AssignmentAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();
    bool loaded() const { return loaded_ && !loading_; }

    // The form: automatic on/off (off = interval 0, on demand only), interval in minutes, delay in hours.
    bool automatic = false;
    std::string interval_minutes, delay_hours;
    bool dirty() const;
    void save();
    void discard();
    bool busy() const { return busy_; }

    void assign_now();
    bool assigning() const { return assigning_; }
    // The last "Assign now": leads given to teams and to salespeople.
    const std::optional<std::pair<std::int64_t, std::int64_t>>& last_run() const { return last_run_; }

    const std::vector<AssignmentLogRow>& log() const { return log_; }
    bool log_loading() const { return log_loading_; }
    bool more_log() const { return more_log_; }
    void load_more_log();

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    void clear_error(const std::string& field) { errors_.erase(field); }
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void take(const nlohmann::json& j);
    void load_log(std::int64_t before_id);

    SettingsIo& io_;
    bool loading_ = false, loaded_ = false, busy_ = false, assigning_ = false, log_loading_ = false, more_log_ = false;
    std::int64_t version_ = 0, saved_interval_ = 0, saved_delay_ = 0, last_nonzero_interval_ = 60;
    std::optional<std::pair<std::int64_t, std::int64_t>> last_run_;
    std::vector<AssignmentLogRow> log_;
    std::uint64_t log_generation_ = 0;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
