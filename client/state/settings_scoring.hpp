// Settings › Scoring (managers and administrators): the lead scoring rules with an editor (name, filter, points,
// team, active) whose filter is checked as it is typed by shared/'s filter code (compiled into the page), and a
// preview — how many leads the rule matches and how their scores would shift — asked of the server before saving
// (POST /score-rules/preview runs the same filter over every lead, not only the ones the browser holds).
// Saving sends the version read; a 409 takes the server's rule and keeps the edits.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct ScoreRuleRow {
    std::int64_t id = 0;
    std::string name, filter;
    std::int64_t points = 0;
    std::optional<std::int64_t> team_id;
    bool active = true;
    std::int64_t version = 0;
};

std::optional<ScoreRuleRow> score_rule_row_of(const nlohmann::json& j);

// The editor's fields as typed.
struct ScoreRuleDraft {
    std::int64_t id = 0;  // 0 = a new rule
    std::int64_t version = 0;
    std::string name, filter, points = "10";
    std::optional<std::int64_t> team_id;
    bool active = true;
};

struct RulePreview {
    std::int64_t matched = 0, total = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> shifts;  // (score change, leads) without the zero change
};

class ScoringAdmin {
public:
    explicit ScoringAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();
    bool loading() const { return loading_; }
    const std::vector<ScoreRuleRow>& rules() const { return rules_; }

    bool editing() const { return editing_; }
    void edit(std::int64_t id);
    void create();
    void cancel();
    ScoreRuleDraft draft;
    // shared/'s checks of the draft (name, points, the filter's syntax and fields), as field messages; empty = fine.
    // The view calls it after each edit; save() and preview() call it too.
    const FieldMessages& check();
    // Asks the server what the draft would do (nothing is sent while check() finds a problem).
    void preview();
    bool previewing() const { return previewing_; }
    const std::optional<RulePreview>& preview_result() const { return preview_; }
    // The preview was made for other filter/points/team than the draft has now.
    bool preview_outdated() const;
    void save();
    void remove(std::int64_t id);
    std::int64_t confirm_delete = 0;
    bool busy() const { return busy_; }

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    void clear_error(const std::string& field) { errors_.erase(field); }
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    nlohmann::json body() const;  // the draft as the API takes it (points as a number when it is one)
    std::string preview_key() const;
    void take(const ScoreRuleRow& row);

    SettingsIo& io_;
    std::vector<ScoreRuleRow> rules_;
    bool loading_ = false, loaded_ = false, editing_ = false, busy_ = false, previewing_ = false;
    std::optional<RulePreview> preview_;
    std::string preview_key_;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
