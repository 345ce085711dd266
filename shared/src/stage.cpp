#include "record_codec.hpp"
#include "tumen/stage.hpp"

#include <algorithm>

namespace tumen {

namespace {

using namespace detail;

const RecordCodec<Stage>& stage_codec() {
    static const RecordCodec<Stage> c({
        record_id_field(mem(&Stage::id)),
        text_field("name", mem(&Stage::name), {.max_chars = 120, .required = true}),
        optional_id_field("team_id", mem(&Stage::team_id)),
        int_field("sequence", mem(&Stage::sequence), -1000000, 1000000),
        bool_field("fold", mem(&Stage::fold)),
        bool_field("is_won", mem(&Stage::is_won)),
        text_field("requirements", mem(&Stage::requirements), {.max_chars = 5000, .multiline = true}),
        optional_percent_field("default_probability", mem(&Stage::default_probability)),
        int_field("rotting_days", mem(&Stage::rotting_days), 0, 3650),
        int_field("wip_limit", mem(&Stage::wip_limit), 0, 1000000),
        version_field(mem(&Stage::version)),
    });
    return c;
}

void stage_check_record(const Stage& s, FieldErrors& e) {
    if (s.name.empty()) e.add("name", "is required", "error.required");
}

bool board_order(const Stage& a, const Stage& b) {
    if (a.sequence != b.sequence) return a.sequence < b.sequence;
    if (a.name != b.name) return a.name < b.name;
    return a.id < b.id;
}

}  // namespace

void to_json(nlohmann::json& j, const Stage& stage) { j = stage_codec().to_json(stage); }
Result<Stage> stage_from_json(const nlohmann::json& j) { return decode_record(stage_codec(), j, stage_check_record); }
FieldErrors apply_patch(Stage& stage, const nlohmann::json& patch) {
    return patch_record(stage_codec(), stage, patch, stage_check_record);
}
FieldErrors validate(const Stage& stage) { return validate_record(stage_codec(), stage, stage_check_record); }

bool stage_fits_team(const Stage& stage, const std::optional<std::int64_t>& team_id) {
    return !stage.team_id || stage.team_id == team_id;
}

std::vector<Stage> pipeline_stages(const std::vector<Stage>& all, const std::optional<std::int64_t>& team_id) {
    std::vector<Stage> out;
    std::copy_if(all.begin(), all.end(), std::back_inserter(out), [&](const Stage& s) { return stage_fits_team(s, team_id); });
    std::sort(out.begin(), out.end(), board_order);
    return out;
}

const Stage* first_stage(const std::vector<Stage>& all, const std::optional<std::int64_t>& team_id) {
    const Stage* best = nullptr;
    const Stage* best_open = nullptr;
    for (const auto& s : all) {
        if (!stage_fits_team(s, team_id)) continue;
        if (!best || board_order(s, *best)) best = &s;
        if (!s.fold && !s.is_won && (!best_open || board_order(s, *best_open))) best_open = &s;
    }
    return best_open ? best_open : best;
}

const Stage* find_stage(const std::vector<Stage>& all, std::int64_t id) {
    const auto it = std::find_if(all.begin(), all.end(), [&](const Stage& s) { return s.id == id; });
    return it == all.end() ? nullptr : &*it;
}

}  // namespace tumen
