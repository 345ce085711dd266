// Client routes: every view of the web client has a URL fragment ("#/login", "#/pipeline", "#/lead/42"),
// so links, reload and the back button work. Parsing and formatting are pure functions, tested natively and as wasm.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace tumen {

enum class View {
    login,      // #/login            (optional ?next=/lead/42: where to go after signing in)
    pipeline,   // #/pipeline         (also the start page: "", "#", "#/"); #/pipeline/<team id> for one team
    leads,      // #/leads            the list view
    lead,       // #/lead/<id>        (id > 0)
    contacts,   // #/contacts
    contact,    // #/contact/<id>
    settings,   // #/settings         #/settings/<section> ("stages", "teams", "users", ...)
    import_,    // #/import           the CSV import wizard
    calendar,   // #/calendar         meetings and activities: day / week / month
    quotations, // #/quotations       quotations and sales orders (?state=...)
    quotation,  // #/quotation/<id>   the quotation editor
    dashboard,  // #/dashboard        team figures (?team=<id>)
    analysis,   // #/analysis         pipeline analysis charts (?measure=..&group_by=..&group_by2=..&chart=..)
    activities, // #/activities       My activities: overdue / today / planned (?user=<id> for managers)
    kiosk,      // #/kiosk?token=...  a wall display's playlist (&seconds=<per page>); no sign-in, the token is the key
    not_found,  // anything else      (path keeps what was asked for, to show it)
};

struct Route {
    View view = View::pipeline;
    std::int64_t id = 0;  // lead id (View::lead), contact id (View::contact), team id (View::pipeline, 0 = default),
                          // quotation id (View::quotation)
    std::string next;     // View::login only: a route path to open after signing in, e.g. "/lead/42"
    std::string path;     // View::not_found only: the path that matched nothing
    std::string section;  // View::settings only: the open section ("" = the first)
    // pipeline, leads and contacts: the search the view shows, as an already-encoded query string without "?"
    // ("q=%D0%B0&filter=..."); kept verbatim so a reload or a shared link restores it.
    std::string query;

    bool operator==(const Route&) const = default;

    static Route login(std::string next = {});
    static Route pipeline();
    static Route lead(std::int64_t id);
    static Route leads();
    static Route contacts();
    static Route contact(std::int64_t id);
    static Route settings(std::string section = {});
    static Route import_wizard();
    static Route calendar();
    static Route quotations();
    static Route quotation(std::int64_t id);
    static Route dashboard();
    static Route analysis();
    static Route activities();
    static Route kiosk(std::string query);
};

// Accepts a location hash with or without "#" ("#/lead/42", "/lead/42"); a trailing "/" is ignored.
// Never fails: unknown paths give View::not_found. A "next" that is not a valid signed-in route is dropped.
Route parse_route(std::string_view hash);
// The canonical hash: "#/pipeline", "#/lead/42", "#/login?next=%2Flead%2F42". parse_route(format_route(r)) == r.
std::string format_route(const Route& route);
// The path part without "#" and query ("/lead/42"): what "next" holds.
// A query value of a route's query string ("q" of "q=abc&filter=x"), percent-decoded; "" when absent.
std::string query_value(std::string_view query, std::string_view key);
std::string route_path(const Route& route);
// Stable lower-case name of a view ("login", "pipeline", "leads", "lead", "contacts", "contact", "settings",
// "import", "not_found") for logs and the test interface.
std::string_view view_name(View view);
// Whether the view shows data of a signed-in user (everything except the login page and the kiosk display).
bool requires_session(const Route& route);

// Percent-encoding for one query value (RFC 3986 unreserved characters stay as they are; UTF-8 bytes are encoded).
std::string percent_encode(std::string_view text);
// Decodes %XX (and '+' as a space); malformed escapes are kept literally.
std::string percent_decode(std::string_view text);

}  // namespace tumen
