#include "services/record_support.hpp"

#include <set>

#include "services/auth_service.hpp"
#include "store/change_log.hpp"
#include "tumen/filter_error.hpp"
#include "tumen/filter_check.hpp"
#include "tumen/filter_fields.hpp"

namespace tumen::server {

Error record_not_found(const std::string& what, int64_t id) {
    return Error::make(ErrorCode::not_found, "No " + what + " with id " + std::to_string(id));
}

Error stale_version(const std::string& what, nlohmann::json current) {
    Error e = Error::make(ErrorCode::conflict, "Someone changed this " + what + " since you opened it; reload and try again",
                          "version");
    e.current = std::move(current);
    return e;
}

Error still_in_use(const std::string& message) {
    Error e = Error::make(ErrorCode::conflict, message);
    e.details.push_back({"", message, "error.in_use"});
    return e;
}

void log_record_change(store::Connection& c, const Caller& caller, const std::string& entity, int64_t id,
                       const std::string& action, nlohmann::json payload, std::optional<int64_t> team_id) {
    store::ChangeEvent e;
    e.at = unix_now();
    e.entity = entity;
    e.entity_id = id;
    e.action = action;
    e.team_id = team_id;
    payload["by"] = caller.user_id;
    e.payload = std::move(payload);
    store::append_change(c, e);
}

void check_lead_domain(const std::string& field, const std::string& text, FieldErrors& fe) {
    if (text.empty()) return;
    auto parsed = filter::parse_checked(text, filter::lead_filter_fields());
    if (parsed) return;
    filter::add_filter_problem(fe, field, parsed.error());
}

Error field_error(const std::string& field, const std::string& message, const std::string& key) {
    FieldErrors fe;
    fe.add(field, message, key);
    return fe.to_error();
}

Result<std::vector<int64_t>> id_list_field(const nlohmann::json& body, const std::string& field, size_t min, size_t max) {
    if (!body.is_object() || !body.contains(field)) return field_error(field, "is required", "error.required");
    const auto& v = body[field];
    if (!v.is_array()) return field_error(field, "must be a list of ids", "error.type");
    std::vector<int64_t> ids;
    std::set<int64_t> seen;
    for (const auto& x : v) {
        if (!x.is_number_integer() || x.get<int64_t>() < 1) return field_error(field, "must be a list of ids", "error.type");
        if (!seen.insert(x.get<int64_t>()).second)
            return field_error(field, "lists id " + std::to_string(x.get<int64_t>()) + " twice", "error.invalid");
        ids.push_back(x.get<int64_t>());
    }
    if (ids.size() < min || ids.size() > max)
        return field_error(field, "must list " + std::to_string(min) + " to " + std::to_string(max) + " ids",
                           "error.invalid");
    return ids;
}

}  // namespace tumen::server
