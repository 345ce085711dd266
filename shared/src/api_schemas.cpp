// JSON Schemas of the API's bodies, referenced by name from the endpoint table.
#include "tumen/api.hpp"

namespace tumen::api {

const nlohmann::json& schemas() {
    using nlohmann::json;
    static const json all = {
        {"Error",
         {{"type", "object"},
          {"required", {"error"}},
          {"properties",
           {{"error",
             {{"type", "object"},
              {"required", {"code", "message"}},
              {"properties",
               {{"code", {{"type", "string"}}},
                {"message", {{"type", "string"}}},
                {"field", {{"type", "string"}, {"nullable", true}}},
                {"position", {{"type", "integer"}}},
                {"details", {{"type", "array"}, {"items", {{"type", "object"}}}}}}}}}}}}},
        {"Health",
         {{"type", "object"},
          {"properties",
           {{"status", {{"type", "string"}}}, {"version", {{"type", "string"}}},
            {"database", {{"type", "object"}}}}}}},
        {"LoginRequest",
         {{"type", "object"},
          {"required", {"login", "password"}},
          {"properties", {{"login", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}}},
        {"Session",
         {{"type", "object"},
          {"properties",
           {{"user", {{"type", "object"}}}, {"csrf_token", {{"type", "string"}}}}}}},
    };
    return all;
}

}  // namespace tumen::api
