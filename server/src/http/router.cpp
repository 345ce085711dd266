#include "http/router.hpp"

#include "http/client_address.hpp"
#include "tumen/error_text.hpp"

#include <stdexcept>

namespace tumen::server {

namespace {

// The record an endpoint group edits, whose form labels name the fields of its errors ("lead.field.email").
std::string_view router_field_subject(std::string_view tag) {
    if (tag == "leads") return "lead";
    if (tag == "contacts") return "contact";
    return {};
}

bool is_state_changing(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

// Refusals carry their i18n key as a field-less problem, so localize() can word them in the caller's language.
Error refusal(ErrorCode code, const char* key, std::string message) {
    Error e = Error::make(code, std::move(message));
    e.details.push_back({"", e.message, key});
    return e;
}

std::optional<Error> check_access(const api::Endpoint& e, const std::optional<Caller>& caller, const httplib::Request& req) {
    if (e.access == api::Access::public_) return std::nullopt;
    if (!caller) return refusal(ErrorCode::unauthorized, "error.sign_in_first", "Sign in first");
    // Kiosk tokens only reach endpoints the contract marks Access::kiosk (read-only board views).
    if (caller->is_kiosk() && e.access != api::Access::kiosk)
        return refusal(ErrorCode::forbidden, "error.kiosk_only_boards", "Kiosk tokens may only show boards");
    if (e.access == api::Access::session && caller->session_id == 0)
        return refusal(ErrorCode::forbidden, "error.password_session_needed",
                       "Sign in with a password for this; API keys cannot do it");
    if (is_state_changing(req.method)) {
        if (caller->read_only) return refusal(ErrorCode::forbidden, "error.read_only_key", "This API key is read-only");
        // Cookies are sent by the browser on its own; the token in a header proves the page itself asked.
        if (!caller->via_api_key && req.get_header_value("X-CSRF-Token") != caller->csrf_token)
            return refusal(ErrorCode::forbidden, "error.csrf", "Missing or wrong CSRF token (X-CSRF-Token header)");
    }
    const std::string& r = caller->role;
    if (e.access == api::Access::admin && r != "admin") return refusal(ErrorCode::forbidden, "error.admins_only", "Administrators only");
    if (e.access == api::Access::manager && r != "admin" && r != "manager")
        return refusal(ErrorCode::forbidden, "error.managers_only", "Sales managers only");
    return std::nullopt;
}

}  // namespace

Result<nlohmann::json> Context::json_body() const {
    if (req.body.empty()) return nlohmann::json::object();
    try {
        return nlohmann::json::parse(req.body);
    } catch (const nlohmann::json::parse_error& ex) {
        Error e = Error::make(ErrorCode::bad_request, std::string("Malformed JSON: ") + ex.what());
        e.position = ex.byte;
        return e;
    }
}

std::string Context::query(const std::string& key, const std::string& fallback) const {
    return req.has_param(key.c_str()) ? req.get_param_value(key.c_str()) : fallback;
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, const Error& e) { send_json(res, http_status(e.code), e.to_json()); }

i18n::Lang request_lang(const httplib::Request& req) { return i18n::from_tag(req.get_header_value("Accept-Language")); }

void send_error(httplib::Response& res, Error e, const httplib::Request& req, std::string_view subject) {
    localize(e, request_lang(req), subject);
    send_error(res, e);
}

void Router::on(std::string_view id, Handler handler) {
    if (!api::find_endpoint(id)) throw std::logic_error("handler for an endpoint not in the contract: " + std::string(id));
    handlers_[std::string(id)] = std::move(handler);
}

void Router::dispatch(const api::Endpoint& e, const Handler& h, const httplib::Request& req, httplib::Response& res) const {
    const auto limit_it = body_limits_.find(e.id);
    const size_t limit = limit_it != body_limits_.end() ? limit_it->second : default_body_limit_;
    if (limit) {
        // Multipart parts are parsed out of req.body into req.files, so both count.
        size_t size = req.body.size();
        for (const auto& [name, part] : req.files) size += part.content.size();
        if (size > limit)
            return send_error(res, Error::make(ErrorCode::payload_too_large,
                                               "Request body too large (limit " + std::to_string(limit) + " bytes)"),
                              req);
    }
    std::optional<Caller> caller = authenticate_ ? authenticate_(req) : std::nullopt;
    if (auto denied = check_access(e, caller, req)) return send_error(res, *denied, req);
    Context ctx{req, res, e, {}, std::move(caller),
                client_address(req.remote_addr, req.get_header_value("X-Forwarded-For"), trusted_proxies_)};
    for (size_t i = 1; i < req.matches.size(); ++i) ctx.params.push_back(req.matches[i]);
    Result<Reply> r = h(ctx);
    if (!r) return send_error(res, r.error(), req, router_field_subject(e.tag));
    Reply& reply = r.value();
    for (auto& [k, v] : reply.headers) res.set_header(k.c_str(), v);
    res.status = reply.status;
    if (reply.stream && reply.stream_length) {
        res.set_content_provider(
            *reply.stream_length, reply.content_type,
            [stream = reply.stream](size_t offset, size_t, httplib::DataSink& sink) { return stream(offset, sink); },
            reply.on_stream_end);
    } else if (reply.stream) {
        res.set_chunked_content_provider(reply.content_type, reply.stream, reply.on_stream_end);
    } else if (reply.raw) {
        res.set_content(*reply.raw, reply.content_type.c_str());
    } else if (reply.status != 204) {
        send_json(res, reply.status, reply.body);
    }
}

void Router::install(httplib::Server& server) const {
    for (const auto& e : api::endpoints()) {
        auto it = handlers_.find(e.id);
        if (it == handlers_.end()) throw std::logic_error("no handler for endpoint " + std::string(e.id));
        const std::string pattern = api::path_regex(e.path);
        const Handler& h = it->second;
        auto fn = [this, &e, &h](const httplib::Request& req, httplib::Response& res) { dispatch(e, h, req, res); };
        if (e.method == "GET") server.Get(pattern, fn);
        else if (e.method == "POST") server.Post(pattern, fn);
        else if (e.method == "PUT") server.Put(pattern, fn);
        else if (e.method == "PATCH") server.Patch(pattern, fn);
        else if (e.method == "DELETE") server.Delete(pattern, fn);
        else throw std::logic_error("unsupported method " + std::string(e.method));
    }
}

}  // namespace tumen::server
