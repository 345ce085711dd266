// Shared fixtures for the lifecycle tests: two teams' pipelines and a Mongolian opportunity.
#pragma once
#include <string>
#include <vector>

#include "tumen/lead.hpp"
#include "tumen/stage.hpp"

namespace fixtures {

inline tumen::Stage stage(std::int64_t id, std::string name, int sequence, std::optional<std::int64_t> team,
                          std::optional<double> probability = {}, bool won = false) {
    tumen::Stage s;
    s.id = id;
    s.name = std::move(name);
    s.sequence = sequence;
    s.team_id = team;
    s.default_probability = probability;
    s.is_won = won;
    return s;
}

// Team 1: Шинэ(1) → Шалгасан(2) → Санал(3) → Ялсан(4, won). Team 2: Шинэ(10) → Ялсан(11, won) → Архив(12, won).
inline std::vector<tumen::Stage> stages() {
    return {
        stage(1, "Шинэ", 1, 1, 10.0),
        stage(2, "Шалгасан", 2, 1, 30.0),
        stage(3, "Санал", 3, 1),
        stage(4, "Ялсан", 4, 1, {}, true),
        stage(10, "Шинэ", 1, 2, 20.0),
        stage(11, "Ялсан", 5, 2, {}, true),
        stage(12, "Архивласан ялалт", 9, 2, {}, true),
    };
}

inline constexpr tumen::Timestamp t0 = 1767225600;  // 2026-01-01T00:00:00Z
inline constexpr tumen::Timestamp day = 86400;

inline tumen::Lead opportunity(std::int64_t id = 42) {
    tumen::Lead l;
    l.id = id;
    l.type = tumen::LeadType::opportunity;
    l.name = "Сүлжээний тоног төхөөрөмж";
    l.contact_name = "Батбаяр Ганболд";
    l.partner_name = "Монгол Шуудан ХХК";
    l.email = "batbayar@mongolpost.mn";
    l.team_id = 1;
    l.user_id = 5;
    l.stage_id = 2;
    l.probability = l.automated_probability = 30;
    l.expected_revenue = {2500000000, "MNT"};
    l.create_date = l.write_date = t0;
    l.date_last_stage_update = t0;
    l.version = 3;
    return l;
}

}  // namespace fixtures
