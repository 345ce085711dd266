// Path templates and the OpenAPI document built from the endpoint table.
#include "tumen/api.hpp"

namespace tumen::api {

namespace {

template <class OnLiteral, class OnParam>
void walk_template(std::string_view t, OnLiteral literal, OnParam param) {
    size_t i = 0;
    while (i < t.size()) {
        size_t open = t.find('{', i);
        if (open == std::string_view::npos) { literal(t.substr(i)); return; }
        literal(t.substr(i, open - i));
        size_t close = t.find('}', open);
        if (close == std::string_view::npos) { literal(t.substr(open)); return; }
        param(t.substr(open + 1, close - open - 1));
        i = close + 1;
    }
}

bool is_id_param(std::string_view name) {
    return name == "id" || (name.size() > 3 && name.substr(name.size() - 3) == "_id");
}

}  // namespace

const char* to_string(Access access) {
    switch (access) {
        case Access::public_: return "public";
        case Access::kiosk: return "kiosk";
        case Access::user: return "user";
        case Access::session: return "session";
        case Access::manager: return "manager";
        case Access::admin: return "admin";
    }
    return "admin";
}

std::string path_regex(std::string_view path_template) {
    std::string out;
    walk_template(
        path_template,
        [&](std::string_view lit) {
            for (char c : lit) {
                if (std::string_view(".+*?()[]{}|^$\\").find(c) != std::string_view::npos) out += '\\';
                out += c;
            }
        },
        [&](std::string_view name) { out += is_id_param(name) ? "(\\d+)" : "([^/]+)"; });
    return out;
}

std::string expand(std::string_view path_template, const std::vector<std::string>& params) {
    std::string out;
    size_t next = 0;
    walk_template(
        path_template, [&](std::string_view lit) { out += lit; },
        [&](std::string_view) { out += next < params.size() ? params[next++] : std::string(); });
    return out;
}

nlohmann::json openapi_document(std::string_view version) {
    using nlohmann::json;
    json paths = json::object();
    for (const auto& e : endpoints()) {
        std::string method(e.method);
        for (auto& c : method) c = static_cast<char>(c - 'A' + 'a');
        json op = {{"operationId", std::string(e.id)}, {"summary", std::string(e.summary)},
                   {"tags", json::array({std::string(e.tag)})}};
        json params = json::array();
        walk_template(
            e.path, [](std::string_view) {},
            [&](std::string_view name) {
                params.push_back({{"name", std::string(name)}, {"in", "path"}, {"required", true},
                                  {"schema", is_id_param(name) ? json{{"type", "integer"}} : json{{"type", "string"}}}});
            });
        if (!params.empty()) op["parameters"] = params;
        // A body is JSON unless its schema lists other media types in "x-media-types" (CSV uploads, files).
        auto content_of = [](std::string_view schema) {
            json ref = {{"schema", {{"$ref", "#/components/schemas/" + std::string(schema)}}}};
            const auto it = schemas().find(std::string(schema));
            json content = json::object();
            if (it != schemas().end() && it->contains("x-media-types"))
                for (const auto& type : (*it)["x-media-types"]) content[type.get<std::string>()] = ref;
            else
                content["application/json"] = ref;
            return content;
        };
        if (!e.request.empty()) op["requestBody"] = {{"required", true}, {"content", content_of(e.request)}};
        json ok = {{"description", "OK"}};
        if (!e.response.empty()) ok["content"] = content_of(e.response);
        op["responses"] = {{"200", ok},
                           {"default", {{"description", "Error"},
                                        {"content", {{"application/json",
                                                      {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}};
        op["x-access"] = to_string(e.access);
        if (e.access == Access::session) op["security"] = json::array({{{"session", json::array()}}});
        else if (e.access != Access::public_) op["security"] = json::array({{{"session", json::array()}}, {{"apiKey", json::array()}}});
        paths[std::string(e.path)][method] = op;
    }
    return {
        {"openapi", "3.0.3"},
        {"info", {{"title", "Tumen CRM API"}, {"version", std::string(version)}}},
        {"paths", paths},
        {"components",
         {{"schemas", schemas()},
          {"securitySchemes",
           {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "tumen_session"}}},
            // API keys (tmn_...) and kiosk tokens (tmk_...) both travel as "Authorization: Bearer <token>".
            {"apiKey", {{"type", "http"}, {"scheme", "bearer"}}}}}}},
    };
}

}  // namespace tumen::api
