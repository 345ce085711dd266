// The client's top-level view model: which view is open (route), the UI language, the signed-in session, and the
// transitions between them (sign in, sign out, back button, redirects). Pure C++: the browser gives it a Transport
// and a Host; tests give it fakes.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "analysis_state.hpp"
#include "api_io.hpp"
#include "board_state.hpp"
#include "calendar_state.hpp"
#include "command_palette.hpp"
#include "contact_form.hpp"
#include "contact_list.hpp"
#include "dashboard_state.hpp"
#include "host.hpp"
#include "import_wizard.hpp"
#include "kiosk_state.hpp"
#include "lead_form.hpp"
#include "lead_list.hpp"
#include "live_updates.hpp"
#include "login_form.hpp"
#include "quotes_state.hpp"
#include "activities_state.hpp"
#include "message.hpp"
#include "settings_state.hpp"
#include "transport.hpp"
#include "tumen/i18n.hpp"
#include "tumen/route.hpp"
#include "ui_prefs.hpp"

namespace tumen::client {

enum class SessionStatus {
    unknown,     // before start()
    checking,    // GET session.me under way
    signed_out,
    signed_in,
};

class AppState {
public:
    AppState(Transport& transport, Host& host);

    // Opens the page: `hash` is location.hash, `browser_language` navigator.language, `saved_language` what
    // save_language() stored on an earlier visit ("" if none). Asks the server whether a session exists.
    void start(std::string_view hash, std::string_view browser_language, std::string_view saved_language);

    // The address changed from outside the app: back/forward button, a typed or followed link.
    void on_url_changed(std::string_view hash);
    // In-app navigation: a new history entry.
    void navigate(const Route& route);

    void set_language(i18n::Lang lang);
    // Theme and interface size (ui_prefs.hpp): read from the host at start, saved there on change.
    const UiPrefs& ui_prefs() const { return prefs_; }
    void set_theme(ThemeChoice t);
    void set_ui_scale(int percent);  // ignored unless one of ui_scale_steps
    // What to draw now ("system" asks the host each time, so a system switch applies at once).
    bool dark_theme() const { return prefs_.dark(host_.system_prefers_dark()); }

    // Unsaved edits: the open lead or contact form differs from the record read. Leaving it (navigate(), the
    // back button, a link) then waits for the user: pending_leave() holds where they wanted to go until
    // discard_and_leave() goes there (the edits are dropped) or keep_editing() stays. Signing out asks the same
    // (pending_leave() is then the login page, and discarding signs out).
    bool unsaved_edits() const;
    const std::optional<Route>& pending_leave() const { return pending_leave_; }
    void discard_and_leave();
    void keep_editing();

    void submit_login();
    void logout();
    // Any request of a signed-in user answered 401: the session ended on the server (expired, signed out elsewhere).
    void session_expired();

    i18n::Lang language() const { return lang_; }
    std::string tr(std::string_view key) const { return std::string(i18n::tr(lang_, key)); }
    std::string tr(std::string_view key, const i18n::Args& args) const { return i18n::tr(lang_, key, args); }

    const Route& route() const { return route_; }
    // What the screen shows: the route's view name, or "loading" while the session check decides.
    std::string_view view() const;
    SessionStatus session_status() const { return status_; }
    const std::optional<Session>& session() const { return session_; }
    bool logging_out() const { return logging_out_; }

    LoginForm& login_form() { return login_; }
    LeadForm& lead_form() { return lead_; }
    const LeadForm& lead_form() const { return lead_; }
    Transport& transport() { return transport_; }
    BoardState& board() { return board_; }
    const BoardState& board() const { return board_; }
    LeadList& list() { return list_; }
    const LeadList& list() const { return list_; }
    Host& host() { return host_; }
    SettingsState& settings() { return settings_; }
    const SettingsState& settings() const { return settings_; }
    CalendarState& calendar() { return calendar_; }  // #/calendar and the lead form's meetings
    const CalendarState& calendar() const { return calendar_; }
    AnalysisState& analysis() { return analysis_; }  // #/analysis
    const AnalysisState& analysis() const { return analysis_; }
    DashboardState& dashboard() { return dashboard_; }  // #/dashboard
    const DashboardState& dashboard() const { return dashboard_; }
    QuotesState& quotations() { return quotations_; }  // #/quotations, #/quotation/<id>, the lead's block
    const QuotesState& quotations() const { return quotations_; }
    KioskState& kiosk() { return kiosk_; }  // #/kiosk?token=...: a wall display, without a session
    const KioskState& kiosk() const { return kiosk_; }
    ActivitiesState& activities() { return activities_; }  // the lead's block, #/activities
    ContactList& contacts() { return contacts_; }  // #/contacts
    const ContactList& contacts() const { return contacts_; }
    ContactForm& contact_form() { return contact_form_; }  // #/contact/<id>
    const ContactForm& contact_form() const { return contact_form_; }
    const ActivitiesState& activities() const { return activities_; }
    ImportWizard& import_wizard() { return import_; }  // #/import
    Keyboard& keyboard() { return keyboard_; }  // the command palette, the shortcut help, view key requests
    const Keyboard& keyboard() const { return keyboard_; }
    const ImportWizard& import_wizard() const { return import_; }
    // Live updates (server-sent events) while signed in; without a channel (set by the browser) they stay off.
    // The kiosk display uses the same channel (a kiosk page has no session, so the two never run together).
    void set_live_channel(LiveChannel* channel) {
        live_.set_channel(channel);
        kiosk_.set_channel(channel);
    }
    LiveUpdates& live() { return live_; }
    const LiveUpdates& live() const { return live_; }
    // A failed request of a view: shown in the banner (and as the test interface's last_error).
    void show_error(Message m) { banner_ = std::move(m); }
    // A file dropped on the page: the import takes it on #/import, the open lead's or contact's files on their
    // form; elsewhere the banner says where files can go.
    void take_dropped_file(std::string name, std::string bytes);
    // Files are being dragged over the page: the hint says where a drop would go ("" when nothing is dragged).
    void set_file_drag(bool over) { file_drag_ = over; }
    std::string drop_hint() const;
    const LoginForm& login_form() const { return login_; }
    // The error banner of the views after sign-in (e.g. sign-out failed).
    const Message& banner() const { return banner_; }
    void dismiss_banner() { banner_ = {}; }
    // The error the user currently sees, in the current language ("" when none): the test interface's last_error.
    std::string last_error() const;

private:
    void apply_route(Route route, bool from_url);
    void signed_in(Session session);
    void signed_out(Message why);
    void send_logout();
    // Redirects that keep the address bar honest: signed-out users to the login page (remembering where they
    // wanted to go), signed-in users away from it.
    void guard();

    Transport& transport_;
    Host& host_;
    i18n::Lang lang_ = i18n::Lang::en;
    Route route_;
    SessionStatus status_ = SessionStatus::unknown;
    std::optional<Session> session_;
    LoginForm login_;
    LeadForm lead_{*this};
    BoardState board_{*this};
    LeadList list_{*this};
    SettingsState settings_{*this};
    CalendarState calendar_{*this};
    QuotesState quotations_{*this};
    ActivitiesState activities_{*this};
    AnalysisState analysis_{*this};
    DashboardState dashboard_{*this};
    LiveUpdates live_{*this};
    KioskState kiosk_{*this};
    ContactList contacts_{*this};
    ContactForm contact_form_{*this};
    SettingsIo import_io_{*this};
    ImportWizard import_{import_io_};
    Keyboard keyboard_{*this};
    Message banner_;
    bool file_drag_ = false;
    bool logging_out_ = false;
    UiPrefs prefs_;
    std::optional<Route> pending_leave_;
    bool leave_signs_out_ = false;  // pending_leave_ came from logout(): discarding signs out
};

}  // namespace tumen::client
