#include "app_state.hpp"

namespace tumen::client {

AppState::AppState(Transport& transport, Host& host) : transport_(transport), host_(host) {}

void AppState::start(std::string_view hash, std::string_view browser_language, std::string_view saved_language) {
    lang_ = i18n::parse_code(saved_language).value_or(i18n::from_tag(browser_language));
    prefs_ = parse_ui_prefs(host_.load_preference(theme_key), host_.load_preference(ui_scale_key));
    route_ = parse_route(hash);
    // Canonical address from the start ("" -> "#/pipeline"), without a new history entry.
    if (format_route(route_) != hash) host_.replace_url(format_route(route_));
    if (route_.view == View::kiosk) {
        // A wall display: its token is the key; no session check, no sign-in page, ever.
        status_ = SessionStatus::signed_out;
        kiosk_.start(route_);
        return;
    }
    status_ = SessionStatus::checking;
    transport_.send(api_request("session.me", {}, lang_), [this](const HttpResponse& reply) {
        if (reply.ok()) {
            if (auto s = parse_session(reply.body)) {
                signed_in(std::move(*s));
                return;
            }
            signed_out(Message::from_key("error.bad_response"));
            return;
        }
        // 401 simply means "not signed in"; anything else is worth telling (server down, server error).
        signed_out(reply.status == 401 ? Message{} : problem_message(reply));
    });
    // The board is the first page of most visits: its data is asked for now, in parallel with the session check and
    // the browser's WebGL and font start-up, instead of after the first frame (issue 5).
    if (route_.view == View::pipeline) board_.start_early(route_);
}

void AppState::on_url_changed(std::string_view hash) {
    Route r = parse_route(hash);
    if (r == route_) return;
    if (unsaved_edits()) {
        // The address already moved (back button, link): put the form's back as a new entry, so "keep editing"
        // leaves history as it was; leaving later pushes the wanted address.
        pending_leave_ = std::move(r);
        leave_signs_out_ = false;
        host_.push_url(format_route(route_));
        return;
    }
    apply_route(std::move(r), /*from_url=*/true);
}

void AppState::navigate(const Route& route) {
    if (route == route_) return;
    if (unsaved_edits()) {
        pending_leave_ = route;
        leave_signs_out_ = false;
        return;
    }
    apply_route(route, /*from_url=*/false);
}

bool AppState::unsaved_edits() const {
    // Edits being saved are not at risk: they are on their way (the reply of a form left is dropped).
    if (route_.view == View::lead) return lead_.dirty() && !lead_.saving();
    if (route_.view == View::contact) return contact_form_.dirty() && !contact_form_.saving();
    return false;
}

void AppState::discard_and_leave() {
    if (!pending_leave_) return;
    Route to = std::move(*pending_leave_);
    pending_leave_.reset();
    if (leave_signs_out_) {
        // The forms close when the server has ended the session (signed_out); a failed sign-out keeps the edits.
        leave_signs_out_ = false;
        send_logout();
        return;
    }
    // Closing the form drops the draft, also when the next route is the same kind of form (another lead).
    if (route_.view == View::lead) lead_.close();
    if (route_.view == View::contact) contact_form_.close();
    if (to != route_) apply_route(std::move(to), /*from_url=*/false);
}

void AppState::keep_editing() {
    pending_leave_.reset();
    leave_signs_out_ = false;
}

void AppState::set_theme(ThemeChoice t) {
    if (t == prefs_.theme) return;
    prefs_.theme = t;
    host_.save_preference(theme_key, theme_code(t));
}

void AppState::set_ui_scale(int percent) {
    if (percent == prefs_.scale_percent || !parse_ui_scale(std::to_string(percent))) return;
    prefs_.scale_percent = percent;
    host_.save_preference(ui_scale_key, std::to_string(percent));
}

void AppState::apply_route(Route route, bool from_url) {
    pending_leave_.reset();
    leave_signs_out_ = false;
    const bool kiosk_changed = route.view == View::kiosk && (route_.view != View::kiosk || route.query != route_.query);
    if (route.view != View::kiosk) kiosk_.stop();
    route_ = std::move(route);
    if (kiosk_changed) kiosk_.start(route_);
    banner_ = {};
    if (!from_url) host_.push_url(format_route(route_));
    guard();
    if (route_.view != View::lead) lead_.close();  // opening a lead again later reloads it
    if (route_.view != View::contact) contact_form_.close();
    if (route_.view != View::settings) settings_.leave();  // secrets shown once stay gone
    if (session_) quotations_.on_route(route_);
    if (session_) activities_.on_route(route_);
    if (session_) analysis_.on_route(route_);
    if (session_) dashboard_.on_route(route_);
}

void AppState::guard() {
    if (status_ == SessionStatus::signed_out && requires_session(route_)) {
        // The default pipeline is where signing in leads anyway; "next" is only worth keeping for deeper pages,
        // a team's board (#/pipeline/3, a shared link) included.
        bool keep = route_.view != View::not_found && !(route_.view == View::pipeline && route_.id == 0);
        route_ = Route::login(keep ? route_path(route_) : std::string());
        host_.replace_url(format_route(route_));
        login_.request_focus("login");
    } else if (status_ == SessionStatus::signed_in && route_.view == View::login) {
        route_ = route_.next.empty() ? Route::pipeline() : parse_route(route_.next);
        host_.replace_url(format_route(route_));
    }
}

void AppState::set_language(i18n::Lang lang) {
    if (lang == lang_) return;
    lang_ = lang;
    host_.save_language(i18n::code(lang));
}

void AppState::submit_login() {
    login_.submit(transport_, lang_, [this](Session s) { signed_in(std::move(s)); });
}

void AppState::signed_in(Session session) {
    session_ = std::move(session);
    status_ = SessionStatus::signed_in;
    login_.clear_error();
    live_.connect();
    guard();  // leaves the login page for "next" (or the pipeline) without a history entry back to the form
    quotations_.on_route(route_);
    activities_.on_route(route_);
    analysis_.on_route(route_);
    dashboard_.on_route(route_);
}

void AppState::signed_out(Message why) {
    pending_leave_.reset();
    leave_signs_out_ = false;
    live_.disconnect();
    session_.reset();
    lead_.close();
    contact_form_.close();
    calendar_.reset();
    quotations_.reset();
    activities_.reset();
    analysis_.reset();
    dashboard_.reset();
    import_.reset();
    status_ = SessionStatus::signed_out;
    login_.forget_password();
    login_.set_error(std::move(why));
    guard();
}

void AppState::session_expired() {
    if (status_ != SessionStatus::signed_in) return;
    signed_out(Message::from_key("login.session_ended"));
}

void AppState::logout() {
    if (logging_out_ || !session_) return;
    if (unsaved_edits()) {
        // The user menu, the palette: the same question as leaving the form another way.
        pending_leave_ = Route::login();
        leave_signs_out_ = true;
        return;
    }
    send_logout();
}

void AppState::send_logout() {
    if (logging_out_ || !session_) return;
    logging_out_ = true;
    banner_ = {};
    transport_.send(api_request("session.logout", {}, lang_, session_->csrf_token), [this](const HttpResponse& reply) {
        logging_out_ = false;
        // 401: the session was already gone on the server, which is what the user wanted.
        if (reply.ok() || reply.status == 401) {
            signed_out({});
            return;
        }
        banner_ = problem_message(reply);
    });
}

std::string_view AppState::view() const {
    if (requires_session(route_) && status_ != SessionStatus::signed_in) return "loading";
    return view_name(route_.view);
}

std::string AppState::last_error() const {
    if (route_.view == View::lead && !lead_.banner().empty()) return lead_.banner().render(lang_);
    if (route_.view == View::contact && !contact_form_.banner().empty()) return contact_form_.banner().render(lang_);
    if (route_.view == View::settings && !settings_.error().empty()) return settings_.error().render(lang_);
    const Message& shown = route_.view == View::login ? login_.error() : banner_;
    return shown.render(lang_);
}

void AppState::take_dropped_file(std::string name, std::string bytes) {
    if (session_status() != SessionStatus::signed_in) return;
    switch (route_.view) {
        case View::import_: return import_.take_file(std::move(name), std::move(bytes));
        case View::lead:
            if (lead_form().lead()) return lead_form().attachments().upload(name, bytes);
            break;
        case View::contact:
            if (contact_form().contact()) return contact_form().attachments().upload(name, bytes);
            break;
        default: break;
    }
    show_error(Message::from_key("drop.not_here", {{"name", name}}));
}

std::string AppState::drop_hint() const {
    if (!file_drag_ || session_status() != SessionStatus::signed_in) return {};
    // The same places take_dropped_file() puts a file.
    switch (route_.view) {
        case View::import_: return tr("drop.hint.import");
        case View::lead:
            if (lead_.lead()) return tr("drop.hint.lead", {{"name", lead_.lead()->name}});
            break;
        case View::contact:
            if (contact_form_.contact()) return tr("drop.hint.contact", {{"name", contact_form_.contact()->name}});
            break;
        default: break;
    }
    return tr("drop.hint.nowhere");
}

}  // namespace tumen::client
