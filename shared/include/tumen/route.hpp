// Client routes: every view of the web client has a URL fragment ("#/login", "#/pipeline", "#/lead/42"),
// so links, reload and the back button work. Parsing and formatting are pure functions, tested natively and as wasm.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace tumen {

enum class View {
    login,      // #/login            (optional ?next=/lead/42: where to go after signing in)
    pipeline,   // #/pipeline         (also the start page: "", "#", "#/")
    lead,       // #/lead/<id>        (id > 0)
    not_found,  // anything else      (path keeps what was asked for, to show it)
};

struct Route {
    View view = View::pipeline;
    std::int64_t id = 0;  // lead id for View::lead
    std::string next;     // View::login only: a route path to open after signing in, e.g. "/lead/42"
    std::string path;     // View::not_found only: the path that matched nothing

    bool operator==(const Route&) const = default;

    static Route login(std::string next = {});
    static Route pipeline();
    static Route lead(std::int64_t id);
};

// Accepts a location hash with or without "#" ("#/lead/42", "/lead/42"); a trailing "/" is ignored.
// Never fails: unknown paths give View::not_found. A "next" that is not a valid signed-in route is dropped.
Route parse_route(std::string_view hash);
// The canonical hash: "#/pipeline", "#/lead/42", "#/login?next=%2Flead%2F42". parse_route(format_route(r)) == r.
std::string format_route(const Route& route);
// The path part without "#" and query ("/lead/42"): what "next" holds.
std::string route_path(const Route& route);
// Stable lower-case name of a view ("login", "pipeline", "lead", "not_found") for logs and the test interface.
std::string_view view_name(View view);
// Whether the view shows data of a signed-in user (everything except the login page).
bool requires_session(const Route& route);

// Percent-encoding for one query value (RFC 3986 unreserved characters stay as they are; UTF-8 bytes are encoded).
std::string percent_encode(std::string_view text);
// Decodes %XX (and '+' as a space); malformed escapes are kept literally.
std::string percent_decode(std::string_view text);

}  // namespace tumen
