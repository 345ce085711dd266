#include "tumen/stage_flow.hpp"

#include <algorithm>

namespace tumen::analysis {

std::optional<double> StageFlow::mean_days(std::int64_t stage) const {
    auto it = stages.find(stage);
    if (it == stages.end() || it->second.finished == 0) return std::nullopt;
    return static_cast<double>(it->second.seconds_finished) / static_cast<double>(it->second.finished) /
           static_cast<double>(seconds_per_day);
}

std::optional<double> StageFlow::conversion(std::int64_t from, std::int64_t to) const {
    auto it = stages.find(from);
    if (it == stages.end() || it->second.entered == 0) return std::nullopt;
    auto m = moves.find({from, to});
    const std::int64_t n = m == moves.end() ? 0 : m->second;
    return static_cast<double>(n) / static_cast<double>(it->second.entered);
}

void StageFlowBuilder::add_lead(Timestamp created, std::optional<std::int64_t> stage_now,
                                const std::vector<StageMove>& moves) {
    ++flow_.leads;
    std::optional<std::int64_t> stage = moves.empty() ? stage_now : moves.front().from;
    Timestamp since = created;
    if (stage) ++flow_.stages[*stage].entered;
    for (const auto& m : moves) {
        const Timestamp at = std::max(m.at, since);
        if (stage) {
            auto& s = flow_.stages[*stage];
            ++s.finished;
            s.seconds_finished += at - since;
        }
        if (stage && m.to) ++flow_.moves[{*stage, *m.to}];
        stage = m.to;
        since = at;
        if (stage) ++flow_.stages[*stage].entered;
    }
    if (stage) ++flow_.stages[*stage].current;
}

nlohmann::json to_json(const StageFlow& f) {
    nlohmann::json stages = nlohmann::json::array(), moves = nlohmann::json::array();
    for (const auto& [id, s] : f.stages)
        stages.push_back({{"stage_id", id}, {"entered", s.entered}, {"finished", s.finished},
                          {"seconds_finished", s.seconds_finished}, {"current", s.current}});
    for (const auto& [key, n] : f.moves) moves.push_back({{"from", key.first}, {"to", key.second}, {"count", n}});
    return {{"leads", f.leads}, {"stages", stages}, {"moves", moves}};
}

StageFlow stage_flow_from_json(const nlohmann::json& j) {
    StageFlow f;
    if (!j.is_object()) return f;
    f.leads = j.value("leads", std::int64_t{0});
    if (j.contains("stages") && j["stages"].is_array())
        for (const auto& s : j["stages"]) {
            if (!s.is_object() || !s.contains("stage_id") || !s["stage_id"].is_number_integer()) continue;
            StageStats st;
            st.entered = s.value("entered", std::int64_t{0});
            st.finished = s.value("finished", std::int64_t{0});
            st.seconds_finished = s.value("seconds_finished", std::int64_t{0});
            st.current = s.value("current", std::int64_t{0});
            f.stages[s["stage_id"].get<std::int64_t>()] = st;
        }
    if (j.contains("moves") && j["moves"].is_array())
        for (const auto& m : j["moves"]) {
            if (!m.is_object() || !m.contains("from") || !m.contains("to")) continue;
            if (!m["from"].is_number_integer() || !m["to"].is_number_integer()) continue;
            f.moves[{m["from"].get<std::int64_t>(), m["to"].get<std::int64_t>()}] = m.value("count", std::int64_t{0});
        }
    return f;
}

}  // namespace tumen::analysis
