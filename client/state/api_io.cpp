#include "api_io.hpp"

#include <nlohmann/json.hpp>

#include "tumen/api.hpp"
#include "tumen/error.hpp"

namespace tumen::client {

namespace {

std::optional<Error> parse_error(const HttpResponse& reply) {
    auto body = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) return std::nullopt;
    try {
        return Error::from_json(body);
    } catch (const nlohmann::json::exception&) {  // right shape, wrong types inside
        return std::nullopt;
    }
}

}  // namespace

HttpRequest api_request(std::string_view endpoint_id, std::string body, i18n::Lang lang, std::string_view csrf_token) {
    const api::Endpoint* e = api::find_endpoint(endpoint_id);
    HttpRequest r;
    r.method = e ? std::string(e->method) : "GET";
    r.path = e ? std::string(e->path) : std::string(api::prefix);
    r.body = std::move(body);
    r.headers = {{"Accept", "application/json"}, {"Accept-Language", std::string(i18n::code(lang))}};
    if (!r.body.empty()) r.headers.emplace_back("Content-Type", "application/json");
    if (!csrf_token.empty()) r.headers.emplace_back("X-CSRF-Token", std::string(csrf_token));
    return r;
}

std::optional<Session> parse_session(std::string_view body) {
    auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object() || !j.contains("user") || !j["user"].is_object()) return std::nullopt;
    const auto& u = j["user"];
    if (!u.contains("id") || !u["id"].is_number_integer() || !u.contains("login") || !u["login"].is_string())
        return std::nullopt;
    Session s;
    s.user.id = u["id"].get<std::int64_t>();
    s.user.login = u["login"].get<std::string>();
    s.user.name = (u.contains("name") && u["name"].is_string()) ? u["name"].get<std::string>() : s.user.login;
    if (s.user.name.empty()) s.user.name = s.user.login;
    if (u.contains("role") && u["role"].is_string()) s.user.role = u["role"].get<std::string>();
    if (j.contains("csrf_token") && j["csrf_token"].is_string()) s.csrf_token = j["csrf_token"].get<std::string>();
    return s;
}

Message problem_message(const HttpResponse& reply) {
    if (reply.status == 0) return Message::from_key("error.network");
    if (auto e = parse_error(reply); e && !e->message.empty()) return Message::from_text(e->message, e->field);
    return Message::from_key("error.unexpected", {{"status", std::to_string(reply.status)}});
}

std::string error_code(const HttpResponse& reply) {
    auto e = parse_error(reply);
    return e ? to_string(e->code) : std::string();
}

}  // namespace tumen::client
