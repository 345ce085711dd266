// Talking to the API from the settings views: one request helper (JSON, language, CSRF token; a 401 ends the
// session; replies that arrive after the settings were reset are dropped) and reading the error shape into
// messages per field, worded from the catalog when it has the server's error key.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "transport.hpp"
#include "tumen/error.hpp"

namespace tumen::client {

class AppState;

using FieldMessages = std::map<std::string, Message>;

class SettingsIo {
public:
    explicit SettingsIo(AppState& app) : app_(app) {}
    // Sends `method path` with `body` (a JSON object, or null for none). `done` is not called for a 401 (the session
    // ended: the app goes back to the login page) nor after reset().
    void send(const std::string& method, const std::string& path, const nlohmann::json& body,
              std::function<void(const HttpResponse&)> done);
    // The same with a body that is not JSON (a CSV upload) of `content_type`.
    void send_raw(const std::string& method, const std::string& path, std::string body, const std::string& content_type,
                  std::function<void(const HttpResponse&)> done);
    // Forget the replies still under way (sign-out, another user).
    void reset() { ++generation_; }
    AppState& app() { return app_; }

private:
    AppState& app_;
    std::uint64_t generation_ = 0;
};

// The reply's JSON body (null when it is not JSON).
nlohmann::json reply_json(const HttpResponse& reply);

// The fields a 422 (or a 409 naming a field, e.g. a duplicate name) is about, each with its message; the
// catalog's "settings.error.<key>" words it when it exists (error.required -> settings.error.required), else the
// server's text. Empty when the reply names no field.
FieldMessages field_messages(const HttpResponse& reply);
// The same for field errors found here, by shared/'s checks (the field "to[1]" counts as "to").
FieldMessages field_messages(const std::vector<FieldError>& errors);

// A 409 for a stale version: the record as it is now on the server (nullopt for any other reply).
std::optional<nlohmann::json> stale_current(const HttpResponse& reply);

// Adds `id` to `ids` when absent, removes it when present (a team checkbox).
void toggle_id(std::vector<std::int64_t>& ids, std::int64_t id);

}  // namespace tumen::client
