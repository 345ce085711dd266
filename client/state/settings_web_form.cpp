#include "settings_web_form.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "tumen/web_form.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {

}  // namespace

void WebFormAdmin::reset() {
    form = {};
    requested_ = loaded_ = saving_ = false;
    counters_ = {};
    form_url_.clear();
    snippet_.clear();
    errors_.clear();
    banner_ = notice_ = {};
}

void WebFormAdmin::ensure_loaded() {
    if (requested_) return;
    requested_ = true;
    reload();
}

void WebFormAdmin::reload() {
    io_.send("GET", "/api/v1/settings/web-form", nullptr, [this](const HttpResponse& reply) {
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        take(reply_json(reply));
    });
}

void WebFormAdmin::take(const nlohmann::json& j) {
    if (!j.is_object()) return;
    const auto s = web_form::settings_from_json(j);
    form.enabled = s.enabled;
    form.team_id = s.team_id.value_or(0);
    form.user_id = s.user_id.value_or(0);
    form.origins.clear();
    for (const auto& o : s.allowed_origins) form.origins += (form.origins.empty() ? "" : "\n") + o;
    form.thank_you_url = s.thank_you_url;
    form.rate_limit = std::to_string(s.rate_limit_per_hour);
    form.version = s.version;
    if (j.contains("channel") && j["channel"].is_object()) {
        const auto& c = j["channel"];
        counters_.received = int_or_zero(c, "received");
        counters_.created = int_or_zero(c, "created");
        counters_.rejected = int_or_zero(c, "rejected");
        counters_.state = c.value("state", std::string());
        counters_.last_error = c.value("last_error", std::string());
    }
    counters_.spam = int_or_zero(j, "spam_last_30_days");
    counters_.throttled = int_or_zero(j, "throttled_last_30_days");
    form_url_ = j.value("form_url", std::string());
    snippet_ = j.value("snippet", std::string());
    loaded_ = true;
}

void WebFormAdmin::save() {
    if (saving_) return;
    banner_ = notice_ = {};
    errors_.clear();
    nlohmann::json body = {{"enabled", form.enabled},
                           {"team_id", form.team_id ? nlohmann::json(form.team_id) : nlohmann::json()},
                           {"user_id", form.user_id ? nlohmann::json(form.user_id) : nlohmann::json()},
                           {"allowed_origins", form.origins},
                           {"thank_you_url", form.thank_you_url},
                           {"version", form.version}};
    // A limit that is not a number goes as typed, so the server names the field.
    const bool digits = !form.rate_limit.empty() && form.rate_limit.size() < 7 &&
                        std::all_of(form.rate_limit.begin(), form.rate_limit.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits) body["rate_limit_per_hour"] = std::stoi(form.rate_limit);
    else body["rate_limit_per_hour"] = form.rate_limit;
    saving_ = true;
    io_.send("PUT", "/api/v1/settings/web-form", body, [this](const HttpResponse& reply) {
        saving_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                // Someone else saved meanwhile: the edits stay, saving again overwrites knowingly.
                form.version = int_or_zero(*current, "version");
                banner_ = problem_message(reply);
                return;
            }
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        take(reply_json(reply));
        notice_ = Message::from_key("settings.web_form.saved");
    });
}

const Message* WebFormAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

}  // namespace tumen::client
