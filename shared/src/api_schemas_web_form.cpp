// JSON Schemas of the website contact form: the visitor's submission and the form's settings.
#include "api_schema_parts.hpp"

namespace tumen::api {

using namespace schema;

json web_form_schemas() {
    json submission = obj({{"name", t("string")},
                           {"email", described("string", "e-mail or phone is required")},
                           {"phone", t("string")},
                           {"company", t("string")},
                           {"subject", described("string", "the lead's name; \"Website: <name>\" when empty")},
                           {"message", t("string")},
                           {"lang", described("string", "mn | en: the thank-you page's language")},
                           {"utm_source", t("string")},
                           {"utm_medium", described("string", "an existing medium's name")},
                           {"utm_campaign", described("string", "an existing campaign's name")},
                           {"website", described("string", "honeypot: leave empty (hidden from people)")}});
    submission["description"] = "Also accepted as application/x-www-form-urlencoded or multipart/form-data";
    json settings_props = {{"enabled", t("boolean")},
                           {"team_id", nullable(t("integer"))},
                           {"user_id", nullable(described("integer", "salesperson of new leads"))},
                           {"allowed_origins", {{"type", "array"}, {"items", t("string")},
                                                {"description", "https://www.example.mn: sites that may post with JavaScript"}}},
                           {"thank_you_url", described("string", "\"\" = the built-in /contact/thanks page")},
                           {"rate_limit_per_hour", described("integer", "submissions per client address per hour")},
                           {"version", t("integer")}};
    json settings = obj(settings_props, {"enabled", "team_id", "user_id", "allowed_origins", "thank_you_url",
                                         "rate_limit_per_hour", "version"});
    settings["properties"]["channel"] = described("object", "the web_form channel: received, created, rejected, state");
    settings["properties"]["spam_last_30_days"] = t("integer");
    settings["properties"]["throttled_last_30_days"] = t("integer");
    settings["properties"]["form_url"] = described("string", "the form page on this server");
    settings["properties"]["snippet"] = described("string", "HTML to paste into a site: the form and its script");
    json input = obj(settings_props, {"version"});
    input["properties"]["allowed_origins"] = {{"description", "an array, or one text with an origin a line"},
                                              {"oneOf", {{{"type", "array"}, {"items", t("string")}}, t("string")}}};
    return {{"WebFormSubmission", submission},
            {"WebFormAccepted", obj({{"ok", t("boolean")}}, {"ok"})},
            {"WebFormSettings", settings},
            {"WebFormSettingsInput", input}};
}

}  // namespace tumen::api
