// The team dashboard (GET /api/v1/dashboard): open opportunities, unassigned leads, won this month against the
// team's monthly target, new leads per week. Every figure is a pipeline analysis (store/analysis_queries) over the
// leads the caller may see, so the record rules hold without a query of its own.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>

#include "caller.hpp"
#include "services/lead_service.hpp"
#include "store/database.hpp"
#include "tumen/datetime.hpp"

namespace tumen::server {

inline constexpr int dashboard_weeks = 8;

// team_id: one team (404 when it does not exist), or every team. Months and weeks are UTC calendar ones.
Result<nlohmann::json> team_dashboard(LeadService& leads, store::Database& db, const Caller& caller,
                                      std::optional<int64_t> team_id, Timestamp now);

}  // namespace tumen::server
