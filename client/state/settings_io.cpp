#include "settings_io.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "app_state.hpp"
#include "tumen/error.hpp"

namespace tumen::client {

void SettingsIo::send(const std::string& method, const std::string& path, const nlohmann::json& body,
                      std::function<void(const HttpResponse&)> done) {
    const auto& s = app_.session();
    HttpRequest r = api_request("session.me", body.is_null() ? std::string() : body.dump(), app_.language(),
                                s ? s->csrf_token : std::string());
    r.method = method;
    r.path = path;
    const std::uint64_t gen = generation_;
    app_.transport().send(std::move(r), [this, gen, done = std::move(done)](const HttpResponse& reply) {
        if (gen != generation_) return;
        if (reply.status == 401) {
            app_.session_expired();
            return;
        }
        done(reply);
    });
}

void SettingsIo::send_raw(const std::string& method, const std::string& path, std::string body,
                          const std::string& content_type, std::function<void(const HttpResponse&)> done) {
    const auto& s = app_.session();
    HttpRequest r = api_request("session.me", std::move(body), app_.language(), s ? s->csrf_token : std::string());
    r.method = method;
    r.path = path;
    for (auto& [k, v] : r.headers)
        if (k == "Content-Type") v = content_type;
    const std::uint64_t gen = generation_;
    app_.transport().send(std::move(r), [this, gen, done = std::move(done)](const HttpResponse& reply) {
        if (gen != generation_) return;
        if (reply.status == 401) {
            app_.session_expired();
            return;
        }
        done(reply);
    });
}

nlohmann::json reply_json(const HttpResponse& reply) {
    auto j = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    return j.is_discarded() ? nlohmann::json() : j;
}

namespace {

std::optional<Error> error_of(const HttpResponse& reply) {
    auto j = reply_json(reply);
    if (!j.is_object()) return std::nullopt;
    try {
        return Error::from_json(j);
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
}

// "new_password" from "new_password", "ids" from "ids[2]".
std::string base_field(const std::string& f) { return f.substr(0, f.find('[')); }

Message worded(const FieldError& d, const std::string& field) {
    const std::string& key = d.key;
    const std::string& text = d.message;
    // A template's placeholder problem names the placeholder in the text: a worded lead-in, the detail as it is.
    if (key == "error.placeholder") return Message::from_key("settings.error.placeholder", {{"detail", text}}, field);
    // A problem that came with its arguments (a filter's) is worded whole from the shared catalog.
    if (!d.args.empty() && i18n::has(i18n::Lang::en, "api." + key)) return Message::from_key("api." + key, d.args, field);
    const std::string mine = key.rfind("error.", 0) == 0 ? "settings." + key : std::string();
    if (!mine.empty() && i18n::has(i18n::Lang::en, mine)) return Message::from_key(mine, {}, field);
    return Message::from_text(text, field);
}

}  // namespace

FieldMessages field_messages(const HttpResponse& reply) {
    FieldMessages out;
    if (reply.status != 422 && reply.status != 409) return out;
    auto e = error_of(reply);
    if (!e) return out;
    if (reply.status == 409 && e->current.is_object()) return out;  // stale version: not a field's fault
    auto details = e->details;
    for (auto& d : details)
        if (d.message.empty()) d.message = e->message;
    out = field_messages(details);
    if (out.empty() && !e->field.empty()) out[base_field(e->field)] = Message::from_text(e->message, e->field);
    return out;
}

FieldMessages field_messages(const std::vector<FieldError>& errors) {
    FieldMessages out;
    for (const auto& d : errors) {
        const std::string f = base_field(d.field);
        if (!f.empty() && !out.count(f)) out[f] = worded(d, f);
    }
    return out;
}

std::optional<nlohmann::json> stale_current(const HttpResponse& reply) {
    if (reply.status != 409) return std::nullopt;
    auto e = error_of(reply);
    if (!e || !e->current.is_object()) return std::nullopt;
    return e->current;
}

void toggle_id(std::vector<std::int64_t>& ids, std::int64_t id) {
    auto it = std::find(ids.begin(), ids.end(), id);
    if (it == ids.end()) ids.push_back(id);
    else ids.erase(it);
}

}  // namespace tumen::client
