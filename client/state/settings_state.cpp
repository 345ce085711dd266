#include "settings_state.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "app_state.hpp"

namespace tumen::client {

namespace {

using K = ColumnKind;

std::vector<std::pair<std::string, SettingsTable>> make_tables(SettingsIo& io) {
    auto spec = [](std::string id, std::string path, std::string query, std::vector<TableColumn> cols, bool reorder = false) {
        return TableSpec{"settings." + id, std::move(path), std::move(query), std::move(cols), reorder};
    };
    const TableColumn name{"name", K::text, "settings.col.name"};
    const TableColumn active{"active", K::flag, "settings.col.active"};
    std::vector<std::pair<std::string, SettingsTable>> t;
    auto add = [&](const std::string& id, TableSpec s) { t.emplace_back(id, SettingsTable(io, std::move(s))); };
    add("stages", spec("stages", "/api/v1/stages", "",
                       {name,
                        {"team_id", K::team, "settings.col.team"},
                        {"default_probability", K::percent, "settings.col.probability"},
                        {"wip_limit", K::count, "settings.col.wip_limit"},
                        {"rotting_days", K::count, "settings.col.rotting_days"},
                        {"fold", K::flag, "settings.col.fold"},
                        {"is_won", K::flag, "settings.col.is_won"}},
                       true));
    // Assignment domains are long filter texts: edited under the row, not as columns.
    auto below = [](std::string field, std::string label_key) {
        TableColumn c{std::move(field), K::text, std::move(label_key)};
        c.below = true;
        return c;
    };
    add("teams", spec("teams", "/api/v1/teams", "?active=all",
                      {name, {"alias", K::text, "settings.col.alias"}, {"user_id", K::user, "settings.col.leader"}, active,
                       below("assignment_domain", "settings.col.assignment_domain")}));
    add("members", spec("members", "/api/v1/teams/0/members", "",
                        {{"user_id", K::user, "settings.col.member", true, false},
                         {"max_leads_30d", K::count, "settings.col.capacity"},
                         active,
                         below("assignment_domain", "settings.col.assignment_domain"),
                         below("assignment_domain_preferred", "settings.col.assignment_domain_preferred")}));
    add("lost_reasons", spec("lost_reasons", "/api/v1/lost-reasons", "?active=all", {name, active}));
    add("tags", spec("tags", "/api/v1/tags", "", {name, {"color", K::color, "settings.col.color"}}));
    add("contact_types", spec("contact_types", "/api/v1/contact-categories", "?active=all",
                              {name, {"color", K::color, "settings.col.color"}, active}));
    add("utm_sources", spec("utm_sources", "/api/v1/utm/sources", "?active=all", {name, active}));
    add("utm_mediums", spec("utm_mediums", "/api/v1/utm/mediums", "?active=all", {name, active}));
    add("utm_campaigns", spec("utm_campaigns", "/api/v1/utm/campaigns", "?active=all", {name, active}));
    // A currency's code is fixed once it has a rate (a new code is a new row).
    add("currencies", spec("currencies", "/api/v1/currencies", "?active=all",
                           {{"name", K::text, "settings.col.code", true, false}, {"rate", K::text, "settings.col.rate"}, active}));
    // Activity types (issue 6): archived with "active" (no delete); the next type is another row of the table.
    TableSpec types = spec("activity_types", "/api/v1/activity-types", "?archived=true",
                           {name,
                            {"icon", K::text, "settings.col.icon"},
                            {"category", K::choice, "settings.col.category", true, true,
                             {"default", "call", "email", "meeting", "upload"}},
                            {"default_summary", K::text, "settings.col.default_summary"},
                            {"default_note", K::text, "settings.col.default_note"},
                            {"delay_count", K::count, "settings.col.delay_count"},
                            {"delay_unit", K::choice, "settings.col.delay_unit", true, true, {"days", "weeks", "months"}},
                            {"chaining", K::choice, "settings.col.chaining", true, true, {"suggest", "trigger"}},
                            active});
    // Counted from, and the next steps: edited under the row; the "When done" cell names the next types.
    TableColumn from{"delay_from", K::choice, "settings.col.delay_from", true, true, {"today", "previous_deadline"}};
    from.below = true;
    TableColumn triggered{"triggered_id", K::row, "settings.col.triggered_id"};
    triggered.below = true;
    triggered.when_field = "chaining";
    triggered.when_value = "trigger";
    TableColumn suggested{"suggested_ids", K::rows, "settings.col.suggested_ids"};
    suggested.below = true;
    suggested.when_field = "chaining";
    suggested.when_value = "suggest";
    types.columns.insert(types.columns.end() - 1, {from, triggered, suggested});
    for (auto& c : types.columns)
        if (c.field == "chaining") c.detail = {{"suggest", "suggested_ids"}, {"trigger", "triggered_id"}};
    types.deletable = false;
    add("activity_types", std::move(types));
    return t;
}

std::vector<PickOption> picks_of(const HttpResponse& reply, bool active_only) {
    std::vector<PickOption> out;
    const auto j = reply_json(reply);
    if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) return out;
    for (const auto& x : j["items"]) {
        if (!x.is_object() || (active_only && !x.value("active", true))) continue;
        out.push_back({x.value("id", std::int64_t{0}), x.value("name", std::string())});
    }
    return out;
}

}  // namespace

SettingsState::SettingsState(AppState& app) : app_(app), io_(app), tables_(make_tables(io_)) {}

std::vector<std::string> SettingsState::sections() const {
    std::vector<std::string> s = {"stages", "teams", "lost-reasons", "tags", "contact-types", "utm", "activity-types", "products",
                                  "currencies"};
    if (role() == "admin" || role() == "manager") {  // issue 7: rules, predictive scoring, automatic assignment
        s.push_back("scoring");
        s.push_back("assignment");
    }
    // API keys are the user's own (everyone may have some); kiosk tokens are for managers; users and the security
    // log for administrators. Until /account answers, only what everyone has is listed.
    const std::string& r = role();
    if (r == "admin") {
        for (const char* x : {"users", "api-keys", "kiosk-tokens", "security", "jobs", "email", "mail-templates", "sms", "web-form", "webhooks"}) s.push_back(x);
    } else {
        if (r == "manager") {
            s.push_back("kiosk-tokens");
            s.push_back("jobs");
            s.push_back("email");  // channels and outbox; the SMTP server itself is the administrators'
            s.push_back("mail-templates");
        }
        if (!r.empty()) s.push_back("api-keys");  // a user's own keys: listed with "My account"
    }
    s.push_back("account");
    return s;
}

bool SettingsState::has_section(const std::string& id) const {
    const auto s = sections();
    return std::find(s.begin(), s.end(), id) != s.end();
}

SettingsTable& SettingsState::table(const std::string& id) {
    for (auto& [name, t] : tables_)
        if (name == id) return t;
    return tables_.front().second;
}

void SettingsState::reset() {
    io_.reset();
    for (auto& [name, t] : tables_) t.reset();
    users_.reset();
    tokens_.reset();
    security_.reset();
    jobs_.reset();
    scoring_.reset();
    predictive_.reset();
    assignment_.reset();
    mail_.reset();
    mail_templates_.reset();
    sms_.reset();
    web_form_.reset();
    webhooks_.reset();
    products_.reset();
    account_.reset();
    calendar_feed_.reset();
    company_currency_.reset();
    teams_.clear();
    people_.clear();
    pickers_for_.clear();
    members_team_ = 0;
    current_.clear();
    banner_ = {};
}

void SettingsState::leave() {
    // What was shown once stays gone; half-done forms and confirmations are dropped; lists reload next time.
    const std::int64_t user = user_id_;
    reset();
    user_id_ = user;
}

void SettingsState::load_pickers() {
    io_.send("GET", "/api/v1/teams?active=all", nullptr, [this](const HttpResponse& reply) {
        if (!reply.ok()) banner_ = problem_message(reply);
        teams_ = picks_of(reply, false);
    });
    io_.send("GET", "/api/v1/users/directory", nullptr, [this](const HttpResponse& reply) {
        if (!reply.ok()) banner_ = problem_message(reply);
        people_ = picks_of(reply, false);
    });
}

void SettingsState::open(const std::string& section) {
    const auto& s = app_.session();
    const std::int64_t uid = s ? s->user.id : 0;
    if (uid != user_id_) {
        reset();
        user_id_ = uid;
    }
    account_.ensure_loaded();
    const bool known = has_section(section);
    // While the role is unknown an admin-only address waits (shows loading) instead of jumping elsewhere.
    current_ = known ? section : (!account_.loaded() && !section.empty()) ? section : sections().front();
    if (!known && !account_.loaded() && !section.empty()) return;
    const std::string& c = current_;
    if (c != pickers_for_) {  // names of teams and people may have changed in another section
        pickers_for_ = c;
        load_pickers();
    }
    if (c == "stages") table("stages").ensure_loaded();
    else if (c == "teams") {
        table("teams").ensure_loaded();
        if (members_team_) table("members").ensure_loaded();
    } else if (c == "lost-reasons") table("lost_reasons").ensure_loaded();
    else if (c == "tags") table("tags").ensure_loaded();
    else if (c == "contact-types") table("contact_types").ensure_loaded();
    else if (c == "activity-types") table("activity_types").ensure_loaded();
    else if (c == "account") calendar_feed_.ensure_loaded();
    else if (c == "utm") {
        table("utm_sources").ensure_loaded();
        table("utm_mediums").ensure_loaded();
        table("utm_campaigns").ensure_loaded();
    } else if (c == "users") users_.ensure_loaded();
    else if (c == "api-keys") tokens_.ensure_keys();
    else if (c == "kiosk-tokens") tokens_.ensure_kiosks();
    else if (c == "security") security_.ensure_loaded();
    else if (c == "jobs") jobs_.ensure_loaded();
    else if (c == "scoring") {
        scoring_.ensure_loaded();
        predictive_.ensure_loaded();
    } else if (c == "assignment") assignment_.ensure_loaded();
    else if (c == "email") mail_.ensure_loaded(is_admin());
    else if (c == "mail-templates") mail_templates_.ensure_loaded();
    else if (c == "sms") sms_.ensure_loaded();
    else if (c == "web-form") web_form_.ensure_loaded();
    else if (c == "webhooks") webhooks_.ensure_loaded();
    else if (c == "products") products_.ensure_loaded();
    else if (c == "currencies") {
        company_currency_.ensure_loaded();
        table("currencies").ensure_loaded();
    }
}

void SettingsState::show_members(std::int64_t team_id) {
    if (team_id == members_team_) return;
    members_team_ = team_id;
    table("members").set_path("/api/v1/teams/" + std::to_string(team_id) + "/members");
    if (team_id) table("members").load();
}

Message SettingsState::error() const {
    auto first_field = [](const FieldMessages& f) { return f.empty() ? Message{} : f.begin()->second; };
    std::vector<std::string> tables;
    if (current_ == "stages") tables = {"stages"};
    else if (current_ == "teams") tables = {"teams", "members"};
    else if (current_ == "lost-reasons") tables = {"lost_reasons"};
    else if (current_ == "tags") tables = {"tags"};
    else if (current_ == "contact-types") tables = {"contact_types"};
    else if (current_ == "activity-types") tables = {"activity_types"};
    else if (current_ == "utm") tables = {"utm_sources", "utm_mediums", "utm_campaigns"};
    else if (current_ == "currencies") tables = {"currencies"};
    std::vector<Message> shown;
    for (const auto& [name, t] : tables_)
        if (std::find(tables.begin(), tables.end(), name) != tables.end()) {
            shown.push_back(t.banner());
            shown.push_back(first_field(t.errors()));
        }
    if (current_ == "users") shown = {users_.banner(), first_field(users_.errors())};
    if (current_ == "api-keys" || current_ == "kiosk-tokens") shown = {tokens_.banner(), first_field(tokens_.errors())};
    if (current_ == "security") shown = {security_.banner()};
    if (current_ == "jobs") shown = {jobs_.banner()};
    if (current_ == "scoring")
        shown = {scoring_.banner(), first_field(scoring_.errors()), predictive_.banner(), first_field(predictive_.errors())};
    if (current_ == "assignment") shown = {assignment_.banner(), first_field(assignment_.errors())};
    if (current_ == "email") shown = {mail_.banner(), first_field(mail_.errors())};
    if (current_ == "mail-templates") shown = {mail_templates_.banner(), first_field(mail_templates_.errors())};
    if (current_ == "sms") shown = {sms_.banner(), first_field(sms_.errors())};
    if (current_ == "web-form") shown = {web_form_.banner(), first_field(web_form_.errors())};
    if (current_ == "webhooks") shown = {webhooks_.banner(), first_field(webhooks_.errors())};
    if (current_ == "products") shown = {products_.banner(), first_field(products_.errors())};
    if (current_ == "currencies")
        shown.insert(shown.begin(), {company_currency_.banner(), first_field(company_currency_.errors())});
    if (current_ == "account") shown = {account_.banner(), first_field(account_.errors()), calendar_feed_.banner()};
    shown.push_back(banner_);
    for (const auto& m : shown)
        if (!m.empty()) return m;
    return {};
}

std::string SettingsState::team_name(std::int64_t id) const {
    for (const auto& t : teams_)
        if (t.id == id) return t.name;
    return id ? "#" + std::to_string(id) : std::string();
}

std::string SettingsState::person_name(std::int64_t id) const {
    for (const auto& p : people_)
        if (p.id == id) return p.name;
    return id ? "#" + std::to_string(id) : std::string();
}

}  // namespace tumen::client
