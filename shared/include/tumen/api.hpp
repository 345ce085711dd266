// The API contract, defined once: every endpoint's method, path, access and summary.
// The server registers exactly these routes (and refuses to start if one has no handler), the client builds its
// request paths from them, and /api/v1/openapi.json is generated from the same table, so the three cannot drift.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace tumen::api {

inline constexpr std::string_view prefix = "/api/v1";

// Who may call an endpoint at all. Finer record rules (which leads) are applied by the server's store.
// Kiosk tokens reach only `kiosk` endpoints (and public ones); every other level refuses them with 403.
enum class Access {
    public_,       // anyone (health, login, openapi, web forms)
    kiosk,         // read-only board views: any signed-in user, API key, or kiosk token
    user,          // any signed-in user or API key
    session,       // a signed-in user in a browser session, not an API key (own password, keys, 2FA, sessions)
    manager,       // sales manager or administrator
    admin,         // administrator only
};
const char* to_string(Access access);

struct Endpoint {
    std::string_view id;        // stable name, e.g. "leads.get"; handlers are registered under it
    std::string_view method;    // GET, POST, PUT, PATCH, DELETE
    std::string_view path;      // OpenAPI template, e.g. "/api/v1/leads/{id}"
    Access access;
    std::string_view tag;       // OpenAPI tag (groups the document)
    std::string_view summary;
    std::string_view request;   // schema name in schemas() or empty
    std::string_view response;  // schema name in schemas() or empty
};

const std::vector<Endpoint>& endpoints();
const Endpoint* find_endpoint(std::string_view id);

// "/api/v1/leads/{id}" -> "/api/v1/leads/(\d+)"; "{name}" (non-id parameters) match one path segment.
std::string path_regex(std::string_view path_template);
// Fills "{id}"-style parameters in order: expand("/api/v1/leads/{id}", {"42"}) == "/api/v1/leads/42".
std::string expand(std::string_view path_template, const std::vector<std::string>& params);

// JSON Schemas of request and response bodies, by name (components.schemas in OpenAPI).
const nlohmann::json& schemas();
// The whole OpenAPI 3.0 document for this contract.
nlohmann::json openapi_document(std::string_view version);

}  // namespace tumen::api
