// Settings › Assignment: automatic assignment on/off with its interval and the delay before new leads are
// assigned; "Assign now" with the counts it gave to teams and salespeople; and the assignment log — lead, team,
// salesperson, the rule that decided, when — newest first with "Load more".
#include <algorithm>
#include <ctime>

#include "settings_view.hpp"
#include "state/settings_assignment.hpp"
#include "theme.hpp"
#include "tumen/route.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::string settings_assignment_err(AppState& app, const client::Message* m) { return m ? m->render(app.language()) : std::string(); }

std::string utc_text(std::int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

void settings_form(AppState& app, Ui& ui, float width) {
    auto& a = app.settings().assignment();
    const std::string id = "settings.assignment";
    if (!a.loaded()) {
        text(ui, id + ".loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
        gap(ui, 8);
        return;
    }
    checkbox(ui, id + ".automatic", app.tr("settings.assignment.automatic"), a.automatic);
    gap(ui, 8);
    FieldOptions o;
    o.width = std::min(ui.px(200), (width - ui.px(12)) * 0.5f);
    const std::string e_interval = settings_assignment_err(app, a.error("interval_minutes")), e_delay = settings_assignment_err(app, a.error("delay_hours"));
    if (a.automatic) {
        o.error = e_interval;
        if (form_field(ui, id + ".interval", app.tr("settings.assignment.interval"), a.interval_minutes, o))
            a.clear_error("interval_minutes");
        ImGui::SameLine(0, ui.px(12));
    }
    o.error = e_delay;
    if (form_field(ui, id + ".delay", app.tr("settings.assignment.delay"), a.delay_hours, o)) a.clear_error("delay_hours");
    gap(ui, 4);
    paragraph(ui, id + ".help", app.tr(a.automatic ? "settings.assignment.help_auto" : "settings.assignment.help_manual"),
              ui.fonts.small, color::text_muted, width);
    gap(ui, 12);
    if (button(ui, id + ".save", app.tr("settings.save"), ButtonKind::primary, ImVec2(0, ui.px(36)), a.dirty() && !a.busy()))
        a.save();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, id + ".discard", app.tr("settings.cancel"), ButtonKind::ghost, ImVec2(0, ui.px(36)), a.dirty())) a.discard();
}

void log_table(AppState& app, Ui& ui, float width) {
    auto& a = app.settings().assignment();
    const std::string id = "settings.assignment.log";
    gap(ui, 24);
    section_title(ui, id, app.tr("settings.assignment.log_title"), width);
    gap(ui, 8);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(12);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    // Columns: lead, team, salesperson, rule, time (narrow windows drop the rule column).
    const bool wide = width > ui.px(640);
    const float lead_w = width * (wide ? 0.3f : 0.36f), team_w = width * 0.18f, user_w = width * 0.18f,
                rule_w = wide ? width * 0.18f : 0;
    const float xs[] = {top.x + pad, top.x + pad + lead_w, top.x + pad + lead_w + team_w,
                        top.x + pad + lead_w + team_w + user_w, top.x + pad + lead_w + team_w + user_w + rule_w};
    float y = top.y;
    const char* heads[] = {"settings.assignment.col.lead", "settings.assignment.col.team", "settings.assignment.col.user",
                           "settings.assignment.col.rule", "settings.assignment.col.time"};
    dl->AddRectFilled(top, ImVec2(top.x + width, y + ui.px(34)), color::surface_muted, ui.px(8), ImDrawFlags_RoundCornersTop);
    for (int c = 0; c < 5; ++c) {
        if (c == 3 && !wide) continue;
        ImGui::SetCursorScreenPos(ImVec2(xs[c], y + ui.px(9)));
        text(ui, std::string(id) + ".head." + std::to_string(c), app.tr(heads[c]), ui.fonts.small, color::text_secondary);
    }
    y += ui.px(34);
    const auto rows = a.log();  // a copy: a click may reload it
    for (const auto& r : rows) {
        const std::string rid = id + ".row." + std::to_string(r.id);
        const float ty = y + ui.px(9);
        ImGui::SetCursorScreenPos(ImVec2(xs[0], ty));
        if (r.lead_name) {
            const std::string name = fit_text(ui.fonts.body, *r.lead_name, lead_w - ui.px(12));
            if (link(ui, rid + ".lead", name, ui.fonts.body)) app.navigate(Route::lead(r.lead_id));
        } else {
            text(ui, rid + ".lead", app.tr("settings.assignment.lead_gone", {{"id", std::to_string(r.lead_id)}}),
                 ui.fonts.small, color::text_muted);
        }
        ImGui::SetCursorScreenPos(ImVec2(xs[1], ty));
        const float gap_w = ui.px(12);  // between columns: each cell is cut to its column
        text(ui, rid + ".team", fit_text(ui.fonts.body, r.team_id ? app.settings().team_name(*r.team_id) : "—", team_w - gap_w),
             ui.fonts.body, color::text);
        ImGui::SetCursorScreenPos(ImVec2(xs[2], ty));
        text(ui, rid + ".user", fit_text(ui.fonts.body, r.user_id ? app.settings().person_name(*r.user_id) : "—", user_w - gap_w),
             ui.fonts.body, color::text);
        if (wide) {
            const std::string key = "settings.assignment.rule." + r.rule;
            std::string rule = i18n::has(app.language(), key) ? app.tr(key) : r.rule;
            if (r.forced) rule += " · " + app.tr("settings.assignment.forced");
            ImGui::SetCursorScreenPos(ImVec2(xs[3], ty));
            text(ui, rid + ".rule", fit_text(ui.fonts.small, rule, rule_w - gap_w), ui.fonts.small, color::text_secondary);
        }
        ImGui::SetCursorScreenPos(ImVec2(xs[4], ty));
        text(ui, rid + ".time", utc_text(r.run_at), ui.fonts.small, color::text_secondary);
        y += ui.px(36);
        dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, id + ".empty", app.tr(a.log_loading() ? "app.loading" : "settings.assignment.log_empty"), ui.fonts.body,
             color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(10)));
    if (a.more_log()) {
        if (link(ui, id + ".more", app.tr("settings.assignment.more"), ui.fonts.body)) a.load_more_log();
    } else {
        ImGui::Dummy(ImVec2(width, ui.px(1)));
    }
}

}  // namespace

void settings_assignment(AppState& app, Ui& ui, float width) {
    auto& a = app.settings().assignment();
    if (section_header(ui, "settings.assignment", app.tr("settings.assignment.title"), app.tr("settings.assignment.about"),
                       app.tr(a.assigning() ? "settings.assignment.assigning" : "settings.assignment.assign_now"), width,
                       a.loaded() && !a.assigning()))
        a.assign_now();
    section_messages(app, ui, "settings.assignment", a.banner(), a.notice(), width);
    settings_form(app, ui, width);
    log_table(app, ui, width);
}

}  // namespace tumen::app
