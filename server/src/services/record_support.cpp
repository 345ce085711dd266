#include "services/record_support.hpp"

#include "services/auth_service.hpp"
#include "store/change_log.hpp"
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
    const Error& err = parsed.error();
    std::string message = "is not a valid filter: " + err.message;
    if (err.position) message += " (at byte " + std::to_string(*err.position) + ")";
    fe.add(field, message, "error.filter");
}

Error field_error(const std::string& field, const std::string& message, const std::string& key) {
    FieldErrors fe;
    fe.add(field, message, key);
    return fe.to_error();
}

}  // namespace tumen::server
