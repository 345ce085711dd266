#include "settings_scoring.hpp"

#include <algorithm>
#include <cstdlib>

#include "api_io.hpp"
#include "tumen/scoring_rules.hpp"

namespace tumen::client {

using nlohmann::json;

namespace {

std::optional<std::int64_t> parse_points(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (!end || *end != '\0') return std::nullopt;
    return static_cast<std::int64_t>(v);
}

}  // namespace

std::optional<ScoreRuleRow> score_rule_row_of(const json& j) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer()) return std::nullopt;
    ScoreRuleRow r;
    r.id = j["id"].get<std::int64_t>();
    r.name = j.value("name", std::string());
    r.filter = j.value("filter", std::string());
    r.points = j.value("points", std::int64_t{0});
    if (j.contains("team_id") && j["team_id"].is_number_integer()) r.team_id = j["team_id"].get<std::int64_t>();
    r.active = j.value("active", true);
    r.version = j.value("version", std::int64_t{0});
    return r;
}

void ScoringAdmin::reset() {
    rules_.clear();
    loading_ = loaded_ = editing_ = busy_ = previewing_ = false;
    draft = {};
    preview_.reset();
    preview_key_.clear();
    confirm_delete = 0;
    errors_.clear();
    banner_ = notice_ = {};
}

void ScoringAdmin::ensure_loaded() {
    if (loaded_ || loading_) return;
    reload();
}

void ScoringAdmin::reload() {
    loaded_ = loading_ = true;
    io_.send("GET", "/api/v1/score-rules", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        const json j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        rules_.clear();
        for (const auto& item : j["items"])
            if (auto r = score_rule_row_of(item)) rules_.push_back(std::move(*r));
    });
}

const Message* ScoringAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void ScoringAdmin::edit(std::int64_t id) {
    for (const auto& r : rules_)
        if (r.id == id) {
            draft = {r.id, r.version, r.name, r.filter, std::to_string(r.points), r.team_id, r.active};
            editing_ = true;
            errors_.clear();
            preview_.reset();
            preview_key_.clear();
            banner_ = notice_ = {};
        }
}

void ScoringAdmin::create() {
    draft = {};
    editing_ = true;
    errors_.clear();
    preview_.reset();
    preview_key_.clear();
    banner_ = notice_ = {};
}

void ScoringAdmin::cancel() {
    editing_ = false;
    draft = {};
    errors_.clear();
    preview_.reset();
    preview_key_.clear();
}

json ScoringAdmin::body() const {
    json b = {{"name", draft.name}, {"filter", draft.filter}, {"active", draft.active},
              {"team_id", draft.team_id ? json(*draft.team_id) : json()}};
    if (auto p = parse_points(draft.points)) b["points"] = *p;
    else b["points"] = draft.points;  // the checks word it
    return b;
}

const FieldMessages& ScoringAdmin::check() {
    errors_.clear();
    scoring::ScoreRule probe;
    FieldErrors fe = scoring::apply_patch(probe, body());
    errors_ = field_messages(fe.list());
    return errors_;
}

std::string ScoringAdmin::preview_key() const {
    return draft.filter + '\x1f' + draft.points + '\x1f' + (draft.team_id ? std::to_string(*draft.team_id) : "");
}

bool ScoringAdmin::preview_outdated() const { return preview_ && preview_key_ != preview_key(); }

void ScoringAdmin::preview() {
    if (!editing_ || previewing_) return;
    banner_ = notice_ = {};
    check();
    errors_.erase("name");  // a preview needs no name yet
    if (errors_.count("filter") || errors_.count("points")) return;
    // What the rule does when active (an inactive one would add nothing to preview).
    json b = {{"filter", draft.filter}, {"points", *parse_points(draft.points)},
              {"team_id", draft.team_id ? json(*draft.team_id) : json()}};
    if (draft.id) b["rule_id"] = draft.id;
    previewing_ = true;
    const std::string key = preview_key();
    io_.send("POST", "/api/v1/score-rules/preview", b, [this, key](const HttpResponse& reply) {
        previewing_ = false;
        const json j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) {
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        RulePreview p;
        p.matched = j.value("matched", std::int64_t{0});
        p.total = j.value("total", std::int64_t{0});
        if (j.contains("shifts") && j["shifts"].is_array())
            for (const auto& s : j["shifts"]) {
                if (!s.is_object()) continue;
                const auto delta = s.value("delta", std::int64_t{0});
                if (delta != 0) p.shifts.emplace_back(delta, s.value("leads", std::int64_t{0}));
            }
        std::sort(p.shifts.begin(), p.shifts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        preview_ = std::move(p);
        preview_key_ = key;
    });
}

void ScoringAdmin::take(const ScoreRuleRow& row) {
    for (auto& r : rules_)
        if (r.id == row.id) {
            r = row;
            return;
        }
    rules_.push_back(row);
}

void ScoringAdmin::save() {
    if (busy_ || !editing_) return;
    banner_ = notice_ = {};
    if (!check().empty()) return;
    const bool fresh = draft.id == 0;
    json b = body();
    if (!fresh) b["version"] = draft.version;
    busy_ = true;
    const std::string path = "/api/v1/score-rules" + (fresh ? std::string() : "/" + std::to_string(draft.id));
    io_.send(fresh ? "POST" : "PATCH", path, b, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                if (auto row = score_rule_row_of(*current)) {
                    take(*row);
                    draft.version = row->version;  // the edits stay; saving again overwrites knowingly
                }
                banner_ = problem_message(reply);
                return;
            }
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        if (auto row = score_rule_row_of(reply_json(reply))) take(*row);
        else reload();
        cancel();
        notice_ = Message::from_key("settings.scoring.saved");
    });
}

void ScoringAdmin::remove(std::int64_t id) {
    banner_ = notice_ = {};
    io_.send("DELETE", "/api/v1/score-rules/" + std::to_string(id), nullptr, [this, id](const HttpResponse& reply) {
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        std::erase_if(rules_, [id](const ScoreRuleRow& r) { return r.id == id; });
        if (editing_ && draft.id == id) cancel();
        notice_ = Message::from_key("settings.scoring.deleted");
    });
}

}  // namespace tumen::client
