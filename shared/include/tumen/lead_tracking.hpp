// What a lifecycle rule returns: the lead as it should be stored, plus the tracked field changes that go into
// the chatter in the same transaction.
#pragma once
#include <string_view>
#include <vector>

#include "tumen/chatter.hpp"
#include "tumen/lead.hpp"

namespace tumen {

struct LeadChange {
    Lead lead;
    std::vector<TrackingValue> tracking;  // empty when no tracked field changed
};

// stage_id, user_id, team_id, expected_revenue, probability, lost_reason_id (SPEC F-CORE "tracked").
const std::vector<std::string_view>& tracked_lead_fields();

// Old -> new values of the tracked fields that differ, in the order above.
std::vector<TrackingValue> track_lead_changes(const Lead& before, const Lead& after);

}  // namespace tumen
