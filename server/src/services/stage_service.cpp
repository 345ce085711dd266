#include "services/stage_service.hpp"

#include <algorithm>
#include <set>

#include "services/lead_service.hpp"
#include "services/record_support.hpp"
#include "store/constraints.hpp"
#include "store/stages.hpp"
#include "store/teams.hpp"

namespace tumen::server {

namespace {

std::vector<Stage> board_order(std::vector<Stage> stages) {
    std::stable_sort(stages.begin(), stages.end(), [](const Stage& a, const Stage& b) {
        if (a.sequence != b.sequence) return a.sequence < b.sequence;
        if (a.name != b.name) return a.name < b.name;
        return a.id < b.id;
    });
    return stages;
}

std::optional<Error> stage_check_team(store::Connection& c, const Stage& s) {
    if (s.team_id && !store::find_team(c, *s.team_id)) return field_error("team_id", "no such sales team", "error.unknown_id");
    return std::nullopt;
}

void log_stage(store::Connection& c, const Caller& caller, const Stage& s, const std::string& action) {
    log_record_change(c, caller, "stage", s.id, action, {{"version", s.version}, {"sequence", s.sequence}}, s.team_id);
}

const store::ForeignKeyHint team_hint{"team_id", ErrorCode::validation, "no such sales team"};

}  // namespace

Result<std::vector<Stage>> StageService::list(std::optional<int64_t> team_id) {
    auto all = store::load_stages(db_.reader());
    if (team_id) return pipeline_stages(all, team_id);
    return board_order(std::move(all));
}

Result<Stage> StageService::get(int64_t id) {
    auto s = store::find_stage(db_.reader(), id);
    if (!s) return record_not_found("stage", id);
    return std::move(*s);
}

Result<Stage> StageService::create(const Caller& caller, const nlohmann::json& body) {
    Stage stage;
    if (FieldErrors fe = apply_patch(stage, body); !fe.empty()) return fe.to_error();
    const bool sequence_given = body.is_object() && body.contains("sequence");
    return store::map_constraints(
        [&]() -> Result<Stage> {
            return db_.write([&](store::Connection& c) -> Result<Stage> {
                if (auto err = stage_check_team(c, stage)) return *err;
                // Without a sequence (Settings > Stages sends none) the stage goes last in every pipeline it joins,
                // where the board's own "Add a stage" puts it, not first by the default sequence.
                if (!sequence_given) stage.sequence = store::next_stage_sequence(c, stage.team_id);
                store::insert_stage(c, stage);
                log_stage(c, caller, stage, "created");
                return stage;
            });
        },
        team_hint);
}

Result<Stage> StageService::edit(const Caller& caller, int64_t id, const nlohmann::json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    auto version = required_version(patch);
    if (!version) return version.error();
    nlohmann::json fields = patch;
    fields.erase("version");
    return store::map_constraints(
        [&]() -> Result<Stage> {
            return db_.write([&](store::Connection& c) -> Result<Stage> {
                auto current = store::find_stage(c, id);
                if (!current) return record_not_found("stage", id);
                if (current->version != version.value()) return stale_version("stage", *current);
                Stage stage = *current;
                if (FieldErrors fe = apply_patch(stage, fields); !fe.empty()) return fe.to_error();
                if (stage == *current) return stage;
                if (auto err = stage_check_team(c, stage)) return *err;
                if (!store::update_stage(c, stage)) return stale_version("stage", *current);
                log_stage(c, caller, stage, "updated");
                return stage;
            });
        },
        team_hint);
}

Result<bool> StageService::remove(const Caller& caller, int64_t id) {
    return store::map_constraints(
        [&]() -> Result<bool> {
            return db_.write([&](store::Connection& c) -> Result<bool> {
                auto stage = store::find_stage(c, id);
                if (!stage) return record_not_found("stage", id);
                if (int64_t n = store::count_leads_in_stage(c, id))
                    return still_in_use(std::to_string(n) +
                                        " lead(s), archived ones included, are in this stage; move them to another stage first");
                store::delete_stage(c, id);
                log_stage(c, caller, *stage, "deleted");
                return true;
            });
        },
        store::ForeignKeyHint{"", ErrorCode::conflict, "leads are still in this stage"});
}

Result<std::vector<Stage>> StageService::reorder(const Caller& caller, const nlohmann::json& body) {
    if (!body.is_object() || !body.contains("ids") || !body["ids"].is_array() || body["ids"].empty())
        return field_error("ids", "is required: the stage ids in their new order", "error.required");
    std::vector<int64_t> ids;
    std::set<int64_t> seen;
    for (size_t i = 0; i < body["ids"].size(); ++i) {
        const auto& v = body["ids"][i];
        const std::string field = "ids[" + std::to_string(i) + "]";
        if (!v.is_number_integer() || v.get<int64_t>() < 1) return field_error(field, "must be a stage id", "error.type");
        if (!seen.insert(v.get<int64_t>()).second) return field_error(field, "appears twice", "error.duplicate");
        ids.push_back(v.get<int64_t>());
    }
    return db_.write([&](store::Connection& c) -> Result<std::vector<Stage>> {
        std::vector<Stage> stages;
        for (size_t i = 0; i < ids.size(); ++i) {
            auto s = store::find_stage(c, ids[i]);
            if (!s) return field_error("ids[" + std::to_string(i) + "]", "no such stage", "error.unknown_id");
            stages.push_back(std::move(*s));
        }
        for (size_t i = 0; i < stages.size(); ++i) {
            Stage& s = stages[i];
            const auto sequence = static_cast<int32_t>(i + 1);
            if (s.sequence == sequence) continue;
            s.sequence = sequence;
            if (!store::update_stage(c, s)) throw std::logic_error("stage changed inside its own transaction");
            log_stage(c, caller, s, "reordered");
        }
        return board_order(store::load_stages(c));
    });
}

}  // namespace tumen::server
