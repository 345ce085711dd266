// The website contact form's rows: its settings ("web_form.*" keys of `settings`, JSON values, versioned for 409
// on stale writes) and the submission log (web_form_submissions) that the per-address rate limit counts.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/web_form.hpp"

namespace tumen::store {

web_form::Settings load_web_form_settings(Connection& c);
void save_web_form_settings(Connection& c, web_form::Settings& s);  // bumps s.version

// Logs one submission; also forgets rows older than 30 days (cheap: indexed on `at`).
void insert_web_form_submission(Connection& c, int64_t at, std::string_view ip, std::string_view outcome,
                                std::optional<int64_t> lead_id, std::string_view reason);

struct RecentSubmissions {
    int64_t count = 0;       // rows of this address since `since`, throttled ones excluded
    int64_t oldest_at = 0;   // the oldest of them (when the window frees a place)
};
RecentSubmissions recent_web_form_submissions(Connection& c, std::string_view ip, int64_t since);

// The id of a utm_sources / utm_mediums / utm_campaigns row by name (case-insensitive), if any.
std::optional<int64_t> find_utm_id(Connection& c, std::string_view table, std::string_view name);
// The "Website" source, created when an administrator removed it.
int64_t ensure_utm_source(Connection& c, std::string_view name);

}  // namespace tumen::store
