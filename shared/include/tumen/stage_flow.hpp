// Time spent per stage and stage-to-stage conversion, from each lead's tracked stage changes (the chatter's
// tracking values of `stage_id`). The server streams leads with their moves in time order; the sums are made here
// so the browser and the server agree on what a "stay" is:
//  * a lead's first stay is in the stage its first move left (or its stage now, if it never moved), from creation;
//  * every move ends one stay (a finished stay, counted in the average) and starts the next;
//  * the last stay is still going: counted as `current`, not in the average (it has no length yet).
#pragma once
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>
#include <vector>

#include "tumen/datetime.hpp"

namespace tumen::analysis {

struct StageMove {
    Timestamp at = 0;
    std::optional<std::int64_t> from, to;  // stage ids; nullopt = no stage
};

struct StageStats {
    std::int64_t entered = 0;        // stays begun in the stage (a lead that comes back enters twice)
    std::int64_t finished = 0;       // stays that ended with a move
    std::int64_t seconds_finished = 0;
    std::int64_t current = 0;        // leads in the stage now (their stay goes on)
    bool operator==(const StageStats&) const = default;
};

struct StageFlow {
    std::map<std::int64_t, StageStats> stages;  // by stage id (leads without a stage are left out)
    std::map<std::pair<std::int64_t, std::int64_t>, std::int64_t> moves;  // (from, to) -> how many moves
    std::int64_t leads = 0;

    // Mean length of a finished stay in days; nullopt when none finished.
    std::optional<double> mean_days(std::int64_t stage) const;
    // Of the stays begun in `from`, the share (0..1) that went on to `to` next; nullopt when none began.
    std::optional<double> conversion(std::int64_t from, std::int64_t to) const;
};

class StageFlowBuilder {
public:
    // One lead: created at `created`, its stage now, its moves in time order (moves before creation, e.g. from an
    // import with old dates, count from creation: a stay is never negative).
    void add_lead(Timestamp created, std::optional<std::int64_t> stage_now, const std::vector<StageMove>& moves);
    const StageFlow& result() const { return flow_; }

private:
    StageFlow flow_;
};

// {"leads": n, "stages": [{"stage_id", "entered", "finished", "seconds_finished", "current"}],
//  "moves": [{"from", "to", "count"}]}
nlohmann::json to_json(const StageFlow& f);
StageFlow stage_flow_from_json(const nlohmann::json& j);

}  // namespace tumen::analysis
