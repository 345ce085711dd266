// English UI catalog. Keep keys in the same order as i18n_catalog_mn.cpp; the tests check both hold the same keys.
#include "i18n_catalogs.hpp"

namespace tumen::i18n {

const std::vector<Entry>& catalog_en() {
    static const std::vector<Entry> entries = {
        // application frame
        {"app.name", "Tumen CRM"},
        {"app.tagline", "The sales pipeline of your team"},
        {"app.version", "Version {version}"},
        {"app.loading", "Loading…"},
        {"lang.switch", "Language"},
        // sign in
        {"login.title", "Sign in"},
        {"login.subtitle", "Welcome back. Sign in to continue to your pipeline."},
        {"login.login", "Login"},
        {"login.login_hint", "Your login, e.g. admin"},
        {"login.password", "Password"},
        {"login.password_hint", "Your password"},
        {"login.submit", "Sign in"},
        {"login.submitting", "Signing in…"},
        {"login.missing_login", "Enter your login."},
        {"login.missing_password", "Enter your password."},
        {"login.session_ended", "Your session has ended. Please sign in again."},
        {"login.second_factor_unsupported", "This account signs in with a one-time code, which this version of the client cannot ask for yet."},
        // errors shown for any request
        {"error.network", "Cannot reach the server. Check your connection and try again."},
        {"error.unexpected", "The server answered with an unexpected error (HTTP {status})."},
        {"error.bad_response", "The server sent a reply this client does not understand."},
        {"error.webgl", "This browser cannot show Tumen: WebGL 2 is not available."},
        // session
        {"session.checking", "Checking your session…"},
        {"session.logout", "Sign out"},
        {"session.signing_out", "Signing out…"},
        // navigation and views
        {"nav.pipeline", "Pipeline"},
        {"nav.back_to_pipeline", "Back to pipeline"},
        {"pipeline.title", "Pipeline"},
        {"pipeline.welcome", "Welcome, {name}"},
        {"pipeline.signed_in_as", "Signed in as {login}"},
        {"pipeline.empty_title", "Your pipeline board is on its way"},
        {"pipeline.empty_body", "Leads and opportunities will appear here, grouped by stage."},
        {"lead.title", "Lead #{id}"},
        {"lead.placeholder", "The details of this lead will appear here."},
        {"not_found.title", "Page not found"},
        {"not_found.body", "Nothing lives at {path}."},
    };
    return entries;
}

}  // namespace tumen::i18n
