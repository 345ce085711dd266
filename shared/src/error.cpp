#include "tumen/error.hpp"

#include <cassert>

namespace tumen {

const char* to_string(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_request: return "bad_request";
        case ErrorCode::unauthorized: return "unauthorized";
        case ErrorCode::forbidden: return "forbidden";
        case ErrorCode::not_found: return "not_found";
        case ErrorCode::method_not_allowed: return "method_not_allowed";
        case ErrorCode::conflict: return "conflict";
        case ErrorCode::payload_too_large: return "payload_too_large";
        case ErrorCode::validation: return "validation";
        case ErrorCode::too_many_requests: return "too_many_requests";
        case ErrorCode::internal: return "internal";
        case ErrorCode::unavailable: return "unavailable";
    }
    return "internal";
}

int http_status(ErrorCode code) {
    switch (code) {
        case ErrorCode::bad_request: return 400;
        case ErrorCode::unauthorized: return 401;
        case ErrorCode::forbidden: return 403;
        case ErrorCode::not_found: return 404;
        case ErrorCode::method_not_allowed: return 405;
        case ErrorCode::conflict: return 409;
        case ErrorCode::payload_too_large: return 413;
        case ErrorCode::validation: return 422;
        case ErrorCode::too_many_requests: return 429;
        case ErrorCode::internal: return 500;
        case ErrorCode::unavailable: return 503;
    }
    return 500;
}

Error Error::make(ErrorCode code, std::string message, std::string field) {
    Error e;
    e.code = code;
    e.message = std::move(message);
    e.field = std::move(field);
    return e;
}

nlohmann::json Error::to_json() const {
    nlohmann::json inner = {{"code", to_string(code)}, {"message", message}};
    inner["field"] = field.empty() ? nlohmann::json(nullptr) : nlohmann::json(field);
    if (!details.empty()) {
        auto& arr = inner["details"] = nlohmann::json::array();
        for (const auto& d : details) {
            nlohmann::json item = {{"field", d.field}, {"message", d.message}, {"key", d.key}};
            if (!d.args.empty()) {
                auto& args = item["args"] = nlohmann::json::object();
                for (const auto& [name, value] : d.args) args[name] = value;
            }
            arr.push_back(std::move(item));
        }
    }
    if (position) inner["position"] = *position;
    if (!current.is_null()) inner["current"] = current;
    return {{"error", inner}};
}

std::optional<Error> Error::from_json(const nlohmann::json& body) {
    if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return std::nullopt;
    const auto& in = body["error"];
    Error e;
    const std::string code = in.value("code", "internal");
    for (int c = 0; c <= static_cast<int>(ErrorCode::unavailable); ++c)
        if (code == to_string(static_cast<ErrorCode>(c))) e.code = static_cast<ErrorCode>(c);
    e.message = in.value("message", "");
    if (in.contains("field") && in["field"].is_string()) e.field = in["field"].get<std::string>();
    if (in.contains("details") && in["details"].is_array())
        for (const auto& d : in["details"])
            if (d.is_object()) {
                FieldError fe{d.value("field", ""), d.value("message", ""), d.value("key", ""), {}};
                if (auto a = d.find("args"); a != d.end() && a->is_object())
                    for (const auto& [name, value] : a->items())
                        if (value.is_string()) fe.args.emplace_back(name, value.get<std::string>());
                e.details.push_back(std::move(fe));
            }
    if (in.contains("position") && in["position"].is_number_unsigned()) e.position = in["position"].get<size_t>();
    if (in.contains("current")) e.current = in["current"];
    return e;
}

void FieldErrors::add(std::string field, std::string message, std::string key, i18n::Args args) {
    list_.push_back({std::move(field), std::move(message), std::move(key), std::move(args)});
}

Error FieldErrors::to_error() const {
    assert(!list_.empty());
    Error e = Error::make(ErrorCode::validation, list_.front().field + ": " + list_.front().message, list_.front().field);
    e.details = list_;
    return e;
}

}  // namespace tumen
