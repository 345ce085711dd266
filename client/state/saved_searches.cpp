#include "saved_searches.hpp"

#include <nlohmann/json.hpp>

#include "api_io.hpp"
#include "app_state.hpp"
#include "json_fields.hpp"
#include "tumen/api.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

bool flag(const json& j, const char* key) { return j.contains(key) && j[key].is_boolean() && j[key].get<bool>(); }

std::string field_of(const HttpResponse& reply) {
    auto j = json::parse(reply.body, nullptr, false);
    if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return {};
    return str(j["error"], "field");
}

}  // namespace

SavedSearches::SavedSearches(AppState& app, std::string view) : app_(app), view_(std::move(view)) {}

void SavedSearches::send(std::string_view endpoint, std::vector<std::string> ids, std::string query, std::string body,
                         std::function<void(const HttpResponse&)> on_ok, std::function<void(const HttpResponse&)> on_fail) {
    const auto& s = app_.session();
    HttpRequest r = api_request(endpoint, std::move(body), app_.language(), s ? s->csrf_token : std::string());
    r.path = api::expand(r.path, ids);
    if (!query.empty()) r.path += "?" + query;
    app_.transport().send(std::move(r), [this, on_ok = std::move(on_ok), on_fail = std::move(on_fail)](const HttpResponse& reply) {
        if (reply.status == 401) {
            app_.session_expired();
            return;
        }
        if (reply.ok()) on_ok(reply);
        else if (on_fail) on_fail(reply);
        else app_.show_error(problem_message(reply));
    });
}

void SavedSearches::load() {
    const auto& s = app_.session();
    if (!s) return;
    if (s->user.id != user_) {  // another user signed in: nothing of the last one's counts
        user_ = s->user.id;
        loaded_ = loading_ = default_decided_ = false;
        items_.clear();
    }
    if (loaded_ || loading_) return;
    reload();
}

void SavedSearches::reload() {
    loading_ = true;
    send("saved_searches.list", {}, "view=" + view_, "", [this](const HttpResponse& reply) {
        loading_ = false;
        loaded_ = true;
        items_.clear();
        auto j = json::parse(reply.body, nullptr, false);
        if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return;
        for (const auto& it : j["items"]) {
            if (!it.is_object() || !it.contains("id") || !it["id"].is_number_integer()) continue;
            items_.push_back({it["id"].get<std::int64_t>(), str(it, "name"), str(it, "query"), flag(it, "shared"),
                              flag(it, "default"), flag(it, "own")});
        }
    }, [this](const HttpResponse& reply) {
        loading_ = false;
        loaded_ = true;  // the view opens without favourites rather than waiting for them
        app_.show_error(problem_message(reply));
    });
}

std::optional<std::string> SavedSearches::take_default(std::string_view current_query) {
    if (!loaded_ || default_decided_) return std::nullopt;
    default_decided_ = true;
    if (!current_query.empty()) return std::nullopt;
    const SavedSearch* pick = nullptr;
    for (const auto& s : items_)
        if (s.is_default && (!pick || (s.own && !pick->own))) pick = &s;
    if (!pick || pick->query.empty()) return std::nullopt;
    return pick->query;
}

void SavedSearches::save(const std::string& name, const std::string& query, bool shared, bool is_default,
                         std::function<void()> done) {
    if (busy_) return;
    busy_ = true;
    error_ = {};
    error_field_.clear();
    const json body = {{"name", name}, {"view", view_}, {"query", query}, {"shared", shared}, {"default", is_default}};
    send("saved_searches.create", {}, "", body.dump(), [this, done = std::move(done)](const HttpResponse&) {
        busy_ = false;
        reload();
        if (done) done();
    }, [this](const HttpResponse& reply) {
        busy_ = false;
        error_ = problem_message(reply);
        error_field_ = field_of(reply);
    });
}

void SavedSearches::remove(std::int64_t id) {
    if (busy_) return;
    busy_ = true;
    send("saved_searches.delete", {std::to_string(id)}, "", "", [this](const HttpResponse&) {
        busy_ = false;
        reload();
    }, [this](const HttpResponse& reply) {
        busy_ = false;
        app_.show_error(problem_message(reply));
    });
}

}  // namespace tumen::client
