// The activities table and activity types (issue 6). No rights here: the service checks the lead's record rules.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "store/record_rules.hpp"
#include "store/sqlite.hpp"
#include "tumen/activity.hpp"

namespace tumen::store {

std::vector<ActivityType> list_activity_types(Connection& c, bool include_archived);
std::optional<ActivityType> find_activity_type(Connection& c, int64_t id);
void insert_activity_type(Connection& c, ActivityType& t);  // sets id, version = 1
void update_activity_type(Connection& c, ActivityType& t);  // bumps version

std::optional<Activity> find_activity(Connection& c, int64_t id);
// A lead's activities; open only by default, earliest due first.
std::vector<Activity> lead_activities(Connection& c, int64_t lead_id, bool open_only = true);
void insert_activity(Connection& c, Activity& a);  // sets id, version = 1
void update_activity(Connection& c, Activity& a);  // bumps version

// Open activities assigned to user_id on leads the scope allows, earliest due first, with the lead's name.
struct UserActivity {
    Activity activity;
    std::string lead_name;
};
// The next open activity (earliest due, lowest id on a tie) of each of these leads that has one.
std::map<int64_t, Activity> next_open_activities(Connection& c, const std::vector<int64_t>& lead_ids);

std::vector<UserActivity> user_open_activities(Connection& c, int64_t user_id, const SqlFragment& scope);

}  // namespace tumen::store
