#include "command_palette.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app_state.hpp"
#include "board_query.hpp"
#include "fuzzy_match.hpp"
#include "json_fields.hpp"

namespace tumen::client {

using Kind = PaletteItem::Kind;

std::vector<PaletteCommand> palette_commands(const AppState& app) {
    std::vector<PaletteCommand> out;
    auto view = [&](Route r, const char* key, const char* prefix = "") {
        out.push_back({Kind::view, "go", std::move(r), key, prefix});
    };
    view(Route::pipeline(), "palette.view.board");
    view(Route::leads(), "palette.view.list");
    view(Route::contacts(), "nav.contacts");
    view(Route::calendar(), "nav.calendar");
    view(Route::activities(), "nav.activities");
    view(Route::analysis(), "palette.view.analysis");
    view(Route::dashboard(), "dashboard.title");
    view(Route::quotations(), "nav.quotations");
    view(Route::import_wizard(), "palette.view.import");
    for (const auto& s : app.settings().sections())
        view(Route::settings(s), ("settings.section." + s).c_str(), "palette.settings_prefix");
    auto action = [&](const char* id, const char* key) { out.push_back({Kind::action, id, {}, key, ""}); };
    action("new_lead", "palette.action.new_lead");
    action("new_contact", "contacts.new_person");
    action("help", "palette.action.shortcuts");
    action("language", "palette.action.language");
    action("logout", "session.logout");
    // The open record's own actions, as its header offers them.
    const View v = app.route().view;
    if (v == View::lead && app.lead_form().lead()) {
        const Lead& lead = *app.lead_form().lead();
        const std::string status = app.lead_form().status();
        if (app.lead_form().dirty()) action("save", "lead.save");
        if (lead.active && lead.type == LeadType::lead) action("convert", "lead.action.convert");
        if (lead.active && status != "won") action("mark_won", "lead.action.won");
        if (lead.active && status != "won") action("mark_lost", "lead.action.lost");
        if (!lead.active) action("restore", "lead.action.restore");
        action("merge", "lead.action.merge");
        if (lead.active) action("archive", "lead.action.archive");
    }
    if (v == View::contact && app.contact_form().dirty()) action("save", "lead.save");
    return out;
}

KeyContext key_context(const AppState& app, bool typing, bool popup_open, bool mac) {
    KeyContext ctx;
    ctx.view = app.route().view;
    ctx.signed_in = app.session_status() == SessionStatus::signed_in;
    ctx.typing = typing;
    ctx.palette_open = app.keyboard().palette.is_open();
    ctx.help_open = app.keyboard().help_open;
    ctx.mac = mac;
    ctx.dialog_open = popup_open || app.keyboard().dialog_shown() || app.pending_leave().has_value();
    return ctx;
}

bool run_command(AppState& app, std::string_view action) {
    Keyboard& kb = app.keyboard();
    auto go = [&](Route r) {
        if (!(app.route() == r)) app.navigate(r);
        return true;
    };
    if (action == "palette") {
        if (kb.palette.is_open()) kb.palette.close();
        else {
            kb.help_open = false;
            kb.palette.open();
        }
        return true;
    }
    if (action == "help") {
        kb.palette.close();
        kb.help_open = !kb.help_open;
        return true;
    }
    if (action == "close") {
        if (kb.palette.is_open()) kb.palette.close();
        else if (kb.help_open) kb.help_open = false;
        else return false;  // the dialogs take Esc themselves
        return true;
    }
    if (action == "view.pipeline") return go(Route::pipeline());
    if (action == "view.leads") return go(Route::leads());
    if (action == "view.contacts") return go(Route::contacts());
    if (action == "view.calendar") return go(Route::calendar());
    if (action == "view.activities") return go(Route::activities());
    if (action == "view.dashboard") return go(Route::dashboard());
    if (action == "view.settings") return go(Route::settings());
    if (action == "new_lead") {
        // The board's quick-create box in its first column takes it (board_view.cpp).
        if (app.route().view != View::pipeline) go(Route::pipeline());
        kb.request = "new_lead";
        return true;
    }
    if (action == "new_contact") {
        if (app.route().view != View::contacts) go(Route::contacts());
        app.contacts().open_new(false);
        return true;
    }
    if (action == "language") {
        const auto& all = i18n::all_languages;
        auto it = std::find(all.begin(), all.end(), app.language());
        app.set_language(it == all.end() || it + 1 == all.end() ? all.front() : *(it + 1));
        return true;
    }
    if (action == "logout") {
        app.logout();
        return true;
    }
    if (action == "save") {
        if (app.route().view == View::lead && app.lead_form().dirty() && !app.lead_form().busy()) app.lead_form().save();
        else if (app.route().view == View::contact && app.contact_form().dirty()) app.contact_form().save();
        else return false;
        return true;
    }
    if (app.route().view == View::lead && app.lead_form().lead() && !app.lead_form().busy()) {
        LeadForm& f = app.lead_form();
        if (action == "mark_won") return f.mark_won(), true;
        if (action == "mark_lost") return f.open_lost(), true;
        if (action == "convert") return f.open_convert(), true;
        if (action == "merge") return f.open_merge(), true;
        if (action == "archive") return f.archive(), true;
        if (action == "restore") return f.restore(), true;
    }
    if (action == "focus_search" || action.starts_with("row.")) {
        kb.request = std::string(action);
        return true;
    }
    return false;
}

void CommandPalette::open() {
    open_ = true;
    app_.list().favourites().load();
    app_.board().favourites().load();
    text.clear();
    ranked_ = false;
    searched_.clear();
    records_.clear();
    error_ = {};
    ++generation_;
    searching_ = false;
    selected_ = 0;
    rank();
}

void CommandPalette::close() {
    open_ = false;
    ++generation_;  // answers still on their way are dropped
    searching_ = false;
}

void CommandPalette::rank() {
    std::vector<PaletteItem> cmds;
    const bool english = app_.language() == i18n::Lang::en;
    for (const auto& c : palette_commands(app_)) {
        PaletteItem it{c.kind, c.action, c.route, {}, {}, 0};
        const std::string prefix = c.prefix_key.empty() ? "" : app_.tr(c.prefix_key);
        it.label = prefix + app_.tr(c.label_key);
        const std::string en = (c.prefix_key.empty() ? "" : std::string(i18n::tr(i18n::Lang::en, c.prefix_key))) +
                               std::string(i18n::tr(i18n::Lang::en, c.label_key));
        if (!english && en != it.label) it.detail = en;
        // Either language's label may match; the better one counts.
        auto a = fuzzy_score(text, it.label);
        auto b = english ? std::nullopt : fuzzy_score(text, en);
        if (!a && !b) continue;
        it.score = std::max(a.value_or(-100000), b.value_or(-100000));
        cmds.push_back(std::move(it));
    }
    add_favourites(cmds);
    items_ = std::move(cmds);
    for (const auto& r : records_) items_.push_back(r);
    // Best first; ties keep the table's order (views before actions before records).
    if (!text.empty())
        std::stable_sort(items_.begin(), items_.end(), [](const auto& x, const auto& y) { return x.score > y.score; });
    selected_ = items_.empty() ? 0 : std::clamp(selected_, 0, static_cast<int>(items_.size()) - 1);
}

// Saved searches of the list and the boards open their view with that search (the board on its current team).
void CommandPalette::add_favourites(std::vector<PaletteItem>& into) {
    favourites_seen_ = 0;
    auto add = [&](SavedSearches& from, const char* view_key, auto route_of) {
        favourites_seen_ += from.items().size();
        for (const auto& s : from.items()) {
            PaletteItem it{Kind::search, "go", route_of(s.query), s.name, app_.tr(view_key), 0};
            auto score = fuzzy_score(text, it.label);
            if (!score) continue;
            it.score = *score;
            into.push_back(std::move(it));
        }
    };
    add(app_.list().favourites(), "palette.view.list", [](const std::string& q) {
        Route r = Route::leads();
        r.query = q;
        return r;
    });
    add(app_.board().favourites(), "palette.view.board",
        [this](const std::string& q) { return app_.board().route_for(parse_board_query(q)); });
}

void CommandPalette::update(double now_ms) {
    if (!open_) return;
    // The favourites came after the palette opened: rank again with them.
    if (ranked_ && app_.list().favourites().items().size() + app_.board().favourites().items().size() != favourites_seen_)
        rank();
    if (!ranked_ || text != ranked_for_) {
        const bool text_changed = ranked_ && text != ranked_for_;
        ranked_for_ = text;
        ranked_ = true;
        changed_at_ = now_ms;
        if (text_changed) {
            selected_ = 0;
            // Records of older text no longer fit; the ones for this text come after the pause.
            records_.clear();
            error_ = {};
            ++generation_;
            searching_ = false;
        }
        rank();
    }
    if (text != searched_ && now_ms - changed_at_ >= debounce_ms) search();
}

double CommandPalette::wake_in(double now_ms) const {
    if (!open_ || text == searched_) return -1;
    return std::max(0.0, debounce_ms - (now_ms - changed_at_));
}

void CommandPalette::search() {
    searched_ = text;
    const std::uint64_t gen = ++generation_;
    records_.clear();
    error_ = {};
    std::string q = text;
    while (!q.empty() && q.back() == ' ') q.pop_back();
    while (!q.empty() && q.front() == ' ') q.erase(q.begin());
    if (q.empty()) {
        searching_ = false;
        return rank();
    }
    searching_ = true;
    answers_pending_ = 2;
    const auto& s = app_.session();
    const std::string csrf = s ? s->csrf_token : std::string();
    struct Ask {
        const char* endpoint;
        Kind kind;
        const char* fields;
    };
    for (const Ask ask : {Ask{"leads.list", Kind::lead, "name,partner_name,contact_name"},
                          Ask{"contacts.list", Kind::contact, ""}}) {
        HttpRequest r = api_request(ask.endpoint, "", app_.language(), csrf);
        r.path += "?" + query_string({{"q", q}, {"limit", std::to_string(records_per_kind)}, {"fields", ask.fields}});
        app_.transport().send(std::move(r), [this, gen, kind = ask.kind](const HttpResponse& reply) {
            if (gen != generation_) return;  // typed on, or closed, since
            if (--answers_pending_ <= 0) searching_ = false;
            if (reply.status == 401) return app_.session_expired();
            if (!reply.ok()) {
                error_ = problem_message(reply);
                return;
            }
            auto j = nlohmann::json::parse(reply.body, nullptr, false);
            if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return;
            int order = 0;
            for (const auto& row : j["items"]) {
                auto id = opt_int(row, "id");
                if (!id) continue;
                PaletteItem it;
                it.kind = kind;
                it.action = "go";
                it.route = kind == Kind::lead ? Route::lead(*id) : Route::contact(*id);
                it.label = str(row, "name");
                if (kind == Kind::lead) {
                    it.detail = str(row, "partner_name");
                    if (it.detail.empty()) it.detail = str(row, "contact_name");
                } else if (row.value("is_company", false)) {
                    it.detail = app_.tr("palette.company");
                }
                // The server matched it (name, e-mail, phone...): a fuzzy hit on the name ranks with the commands,
                // the rest follow in the server's order.
                auto sc = fuzzy_score(searched_, it.label);
                it.score = sc ? *sc : -1000 - order;
                ++order;
                records_.push_back(std::move(it));
            }
            rank();
        });
    }
}

void CommandPalette::move(int delta) {
    if (items_.empty()) return;
    selected_ = std::clamp(selected_ + delta, 0, static_cast<int>(items_.size()) - 1);
}

void CommandPalette::select(int index) {
    if (index >= 0 && index < static_cast<int>(items_.size())) selected_ = index;
}

bool CommandPalette::run_selected() {
    if (selected_ < 0 || selected_ >= static_cast<int>(items_.size())) return false;
    const PaletteItem it = items_[static_cast<size_t>(selected_)];
    close();
    if (it.action == "go") {
        if (!(app_.route() == it.route)) app_.navigate(it.route);
        return true;
    }
    return run_command(app_, it.action);
}

nlohmann::json CommandPalette::probe() const {
    static constexpr const char* kinds[] = {"view", "action", "lead", "contact", "search"};
    nlohmann::json items = nlohmann::json::array();
    for (const auto& it : items_)
        items.push_back({{"kind", kinds[static_cast<int>(it.kind)]}, {"label", it.label},
                         {"route", it.action == "go" ? format_route(it.route) : ""}, {"action", it.action}});
    return {{"open", open_}, {"text", text}, {"selected", selected_}, {"searching", searching_},
            {"error", error_.render(app_.language())}, {"items", std::move(items)}};
}

}  // namespace tumen::client
