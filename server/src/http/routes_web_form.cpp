// The website contact form: the public endpoint (the one unauthenticated write), its admin settings, and the two
// pages outside the API: the built-in thank-you page (/contact/thanks) and the CORS preflight for allowed sites.
//
// Answers: a form post (no JavaScript) gets 303 to the thank-you page, or an HTML page listing what to fix; a JSON
// post gets 201 {"ok": true} or the usual JSON error (422 naming fields, 429 with Retry-After). A filled honeypot
// gets exactly the success answer. Cross-site posts are taken only from the origins listed in the settings.
#include <algorithm>
#include <cctype>

#include "app.hpp"
#include "http/request_params.hpp"
#include "services/web_form_service.hpp"
#include "tumen/i18n.hpp"

namespace tumen::server {

namespace {

constexpr size_t body_limit = 32 * 1024;
constexpr const char* submit_path = "/api/v1/public/contact";

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string html_escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

// The page's own origin is always allowed: compare the Origin's host[:port] with the Host header.
bool same_origin(const std::string& origin, const std::string& host) {
    const auto p = origin.find("://");
    return p != std::string::npos && !host.empty() && lower(origin.substr(p + 3)) == lower(host);
}

i18n::Lang page_lang(const std::string& lang, const httplib::Request& req) {
    if (auto l = i18n::parse_code(lang)) return *l;
    return i18n::from_tag(req.get_header_value("Accept-Language"));
}

std::string page(i18n::Lang lang, const std::string& title, const std::string& body_html) {
    return "<!doctype html>\n<html lang=\"" + std::string(i18n::code(lang)) +
           "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>" + html_escape(title) + "</title><link rel=\"stylesheet\" href=\"/contact/contact.css\"></head>"
           "<body><main class=\"tc-card\"><h1>" + html_escape(title) + "</h1>" + body_html + "</main></body></html>\n";
}

std::string field_label(i18n::Lang lang, const std::string& field) {
    const std::string key = "web_form.field." + field;
    return i18n::has(lang, key) ? std::string(i18n::tr(lang, key)) : field;
}

// The no-JavaScript answer to a refused form post: what to fix, in the visitor's language, and a way back.
Reply error_page(i18n::Lang lang, const Error& e) {
    std::string items;
    for (const auto& d : e.details) {
        const std::string text = i18n::has(lang, d.key) ? std::string(i18n::tr(lang, d.key)) : d.message;
        items += "<li><b>" + html_escape(field_label(lang, d.field)) + "</b>: " + html_escape(text) + "</li>";
    }
    if (items.empty()) {
        std::string key = e.code == ErrorCode::too_many_requests ? "web_form.error.too_many"
                          : e.code == ErrorCode::payload_too_large ? "web_form.error.too_large"
                                                                   : "";
        items = "<li>" + html_escape(key.empty() ? e.message : std::string(i18n::tr(lang, key))) + "</li>";
    }
    Reply r;
    r.status = http_status(e.code);
    r.content_type = "text/html; charset=utf-8";
    r.raw = page(lang, std::string(i18n::tr(lang, "web_form.error.title")),
                 "<ul class=\"tc-errors\">" + items + "</ul><p><a href=\"javascript:history.back()\">" +
                     html_escape(i18n::tr(lang, "web_form.error.back")) + "</a></p>");
    return r;
}

Reply json_error(const Error& e) {
    Reply r = Reply::json(e.to_json(), http_status(e.code));
    return r;
}

std::map<std::string, std::string> form_fields(const httplib::Request& req) {
    std::map<std::string, std::string> fields;
    for (const auto& [k, v] : req.params) fields.emplace(k, v);  // url-encoded bodies are parsed into params
    for (const auto& [k, part] : req.files)
        if (part.filename.empty()) fields.emplace(k, part.content);  // multipart text parts; files are ignored
    return fields;
}

// The form's address and the embed snippet for this server as the admin reaches it (Host header; https behind
// TLS or a proxy that says so).
nlohmann::json with_links(nlohmann::json settings, const httplib::Request& req, bool tls) {
    const bool https = tls || lower(req.get_header_value("X-Forwarded-Proto")) == "https";
    const std::string base = (https ? "https://" : "http://") + req.get_header_value("Host");
    settings["form_url"] = base + "/contact/contact.html";
    settings["snippet"] = web_form::embed_snippet(base);
    return settings;
}

}  // namespace

void register_web_form_routes(Router& r, App& app) {
    WebFormService& forms = app.web_forms();
    r.set_body_limit("web_form.submit", body_limit);
    r.on("web_form.submit", [&forms](Context& ctx) -> Result<Reply> {
        const auto settings = forms.settings();
        if (!settings.enabled) return Error::make(ErrorCode::not_found, "The contact form is switched off");
        const std::string origin = ctx.req.get_header_value("Origin");
        const bool cross_site = !origin.empty() && !same_origin(origin, ctx.req.get_header_value("Host"));
        if (cross_site && !web_form::origin_allowed(settings, origin)) {
            forms.record_refusal(ctx.client_addr, "origin not allowed: " + origin.substr(0, 200));
            return Error::make(ErrorCode::forbidden, "This site may not post to the contact form (origin not allowed)");
        }
        const std::string type = lower(ctx.req.get_header_value("Content-Type"));
        const bool is_json = type.rfind("application/json", 0) == 0;
        const bool is_form = type.rfind("application/x-www-form-urlencoded", 0) == 0 || type.rfind("multipart/form-data", 0) == 0;
        if (!is_json && !is_form)
            return Error::make(ErrorCode::bad_request,
                               "Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json");

        Result<WebFormOutcome> out = Error::make(ErrorCode::internal, "not handled");
        std::string lang_field;
        if (is_json) {
            auto body = ctx.json_body();
            if (!body) return body.error();
            out = forms.submit(nullptr, &body.value(), ctx.client_addr);
        } else {
            const auto fields = form_fields(ctx.req);
            if (auto it = fields.find("lang"); it != fields.end()) lang_field = it->second;
            out = forms.submit(&fields, nullptr, ctx.client_addr);
        }

        Reply reply;
        if (!out) {
            const Error& e = out.error();
            reply = is_json ? json_error(e) : error_page(page_lang(lang_field, ctx.req), e);
            if (e.code == ErrorCode::too_many_requests && e.current.contains("retry_after"))
                reply.headers.push_back({"Retry-After", std::to_string(e.current["retry_after"].get<int64_t>())});
        } else if (is_json) {
            reply = Reply::json({{"ok", true}}, 201);  // no lead id: a honeypot answer must look the same
        } else {
            reply.status = 303;
            std::string to = settings.thank_you_url;
            if (to.empty()) {
                const std::string lang = out->lang.empty() ? lang_field : out->lang;
                to = "/contact/thanks" + (i18n::parse_code(lang) ? "?lang=" + lang : std::string());
            }
            reply.headers.push_back({"Location", to});
            reply.raw = "";
            reply.content_type = "text/plain";
        }
        if (cross_site) {
            reply.headers.push_back({"Access-Control-Allow-Origin", web_form::normalize_origin(origin)});
            reply.headers.push_back({"Vary", "Origin"});
        }
        return reply;
    });
    const bool tls = app.config().tls();
    r.on("web_form.settings", [&forms, tls](Context& ctx) -> Result<Reply> {
        return Reply::json(with_links(forms.settings_json(), ctx.req, tls));
    });
    r.on("web_form.settings_update", [&forms, tls](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto saved = forms.put_settings(body.value());
        if (!saved) return saved.error();
        return Reply::json(with_links(std::move(saved).value(), ctx.req, tls));
    });
}

void register_web_form_pages(httplib::Server& http, App& app) {
    WebFormService& forms = app.web_forms();
    http.Get("/contact/thanks", [](const httplib::Request& req, httplib::Response& res) {
        const i18n::Lang lang = page_lang(req.has_param("lang") ? req.get_param_value("lang") : "", req);
        res.set_content(page(lang, std::string(i18n::tr(lang, "web_form.thanks.title")),
                             "<p class=\"tc-thanks\">" + html_escape(i18n::tr(lang, "web_form.thanks.text")) +
                                 "</p><p><a href=\"javascript:history.back()\">" +
                                 html_escape(i18n::tr(lang, "web_form.thanks.back")) + "</a></p>"),
                        "text/html; charset=utf-8");
    });
    http.Get("/contact/?", [](const httplib::Request& req, httplib::Response& res) {
        std::string q;
        for (const auto& [k, v] : req.params) q += (q.empty() ? "?" : "&") + k + "=" + httplib::detail::encode_query_param(v);
        res.set_redirect("/contact/contact.html" + q, 302);
    });
    // Preflight of a JavaScript post from another site: only the origins listed in the settings get a yes.
    http.Options(submit_path, [&forms](const httplib::Request& req, httplib::Response& res) {
        const std::string origin = req.get_header_value("Origin");
        const auto s = forms.settings();
        if (!s.enabled || !web_form::origin_allowed(s, origin))
            return send_error(res, Error::make(ErrorCode::forbidden, "This site may not post to the contact form"));
        res.status = 204;
        res.set_header("Access-Control-Allow-Origin", web_form::normalize_origin(origin));
        res.set_header("Access-Control-Allow-Methods", "POST");
        res.set_header("Access-Control-Allow-Headers", "Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
        res.set_header("Vary", "Origin");
    });
}

}  // namespace tumen::server
