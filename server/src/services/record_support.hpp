// Small pieces every record service repeats: the 404 and 409 errors, the change-log event that goes into the
// same transaction as the write, and the filter-domain check that fields such as assignment_domain need.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "caller.hpp"
#include "store/sqlite.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

// 404 "No <what> with id N".
Error record_not_found(const std::string& what, int64_t id);

// 409 for a stale version, carrying the record as it is now in Error::current.
Error stale_version(const std::string& what, nlohmann::json current);

// 409 for a delete refused because other records still use this one.
Error still_in_use(const std::string& message);

// Appends the change-log event of one write (live updates, webhooks) on the writer connection.
void log_record_change(store::Connection& c, const Caller& caller, const std::string& entity, int64_t id,
                       const std::string& action, nlohmann::json payload = nlohmann::json::object(),
                       std::optional<int64_t> team_id = std::nullopt);

// Adds a field error (with the filter's byte position in the message) when `text` is not a valid lead filter.
void check_lead_domain(const std::string& field, const std::string& text, FieldErrors& fe);

// 422 with one field error.
Error field_error(const std::string& field, const std::string& message, const std::string& key = "error.invalid");

// body[field] as a list of min..max distinct positive ids; 422 naming the field otherwise.
Result<std::vector<int64_t>> id_list_field(const nlohmann::json& body, const std::string& field, size_t min, size_t max);

}  // namespace tumen::server
