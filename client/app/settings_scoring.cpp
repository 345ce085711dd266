// Settings › Scoring: the scoring rules (name, points, filter, team, active) with Edit and Delete; the editor whose
// filter is checked while typing by shared/'s filter code and whose Preview shows how many leads the rule matches
// and how their scores shift; below, predictive scoring: the model (naive Bayes or logistic regression), the
// fields it learns from, the start date, Save, Rebuild now with the rebuild job's progress bar, and both models'
// quality on the last rebuild's holdout side by side.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "settings_view.hpp"
#include "state/settings_scoring.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::string signed_int(std::int64_t v) {
    return (v > 0 ? "+" : v < 0 ? "\u2212" : "") + std::to_string(v < 0 ? -v : v);
}

std::string settings_scoring_err(AppState& app, const client::Message* m) { return m ? m->render(app.language()) : std::string(); }

void settings_scoring_preview_box(AppState& app, Ui& ui, client::ScoringAdmin& s, float width) {
    const std::string id = "settings.scoring.preview";
    const auto& p = s.preview_result();
    if (!p) {
        if (s.previewing()) text(ui, id + ".loading", app.tr("app.loading"), ui.fonts.small, color::text_secondary);
        return;
    }
    std::string head = app.tr("settings.scoring.preview_matched", {{"matched", std::to_string(p->matched)}, {"total", std::to_string(p->total)}});
    paragraph(ui, id + ".matched", head, ui.fonts.strong, s.preview_outdated() ? color::text_muted : color::text, width);
    std::string shifts;
    for (const auto& [delta, leads] : p->shifts)
        shifts += (shifts.empty() ? "" : "; ") +
                  app.tr("settings.scoring.preview_shift", {{"delta", signed_int(delta)}, {"count", std::to_string(leads)}});
    if (shifts.empty()) shifts = app.tr("settings.scoring.preview_no_shift");
    paragraph(ui, id + ".shifts", shifts, ui.fonts.small, color::text_secondary, width);
    if (s.preview_outdated())
        paragraph(ui, id + ".outdated", app.tr("settings.scoring.preview_outdated"), ui.fonts.small, color::danger_text, width);
}

void settings_scoring_editor(AppState& app, Ui& ui, float width) {
    auto& s = app.settings().scoring();
    auto& d = s.draft;
    const std::string id = "settings.scoring.form";
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float pad = ui.px(18), inner = width - 2 * pad;
    const float h = ui.remembered(id + ".h", ui.px(420));
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), color::surface_muted, ui.px(10));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    ImGui::BeginGroup();
    text(ui, id + ".title", app.tr(d.id ? "settings.scoring.edit_title" : "settings.scoring.new_title"), ui.fonts.strong, color::text);
    gap(ui, 12);
    FieldOptions o;
    const float gap_x = ui.px(12);
    const float points_w = ui.px(110), team_w = std::min(ui.px(240), inner * 0.3f);
    const float name_w = std::max(ui.px(120), inner - points_w - team_w - 2 * gap_x);
    const std::string e_name = settings_scoring_err(app, s.error("name")), e_points = settings_scoring_err(app, s.error("points")),
                      e_filter = settings_scoring_err(app, s.error("filter")), e_team = settings_scoring_err(app, s.error("team_id"));
    bool changed = false;
    const ImVec2 row = ImGui::GetCursorScreenPos();  // name, points and team side by side on one row
    o.width = name_w;
    o.error = e_name;
    if (form_field(ui, id + ".name", app.tr("settings.scoring.name"), d.name, o)) s.clear_error("name");
    float row_bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row.x + name_w + gap_x, row.y));
    o.width = points_w;
    o.error = e_points;
    o.hint = "+10 / -5";
    changed |= form_field(ui, id + ".points", app.tr("settings.scoring.points"), d.points, o);
    row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos(ImVec2(row.x + name_w + points_w + 2 * gap_x, row.y));
    {
        std::vector<PickItem> teams;
        for (const auto& t : app.settings().teams()) teams.push_back({t.id, t.name});
        const std::string any_team = app.tr("settings.scoring.any_team");
        FieldOptions to;
        to.width = team_w;
        to.error = e_team;
        to.hint = any_team;
        changed |= form_picker(ui, id + ".team", app.tr("settings.scoring.team"), teams, d.team_id, any_team, to);
        row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y);
    }
    ImGui::SetCursorScreenPos(ImVec2(row.x, row_bottom));
    gap(ui, 12);
    o = {};
    o.width = inner;
    o.error = e_filter;
    o.hint = "country = \"MN\" and email ends_with \"@gmail.com\"";
    o.multiline_height = ui.px(64);
    changed |= form_field(ui, id + ".filter", app.tr("settings.scoring.filter"), d.filter, o);
    // shared/'s checks as the rule is typed (name is worded only on save).
    if (changed) {
        s.check();
        s.clear_error("name");
        ui.wake_in(0);  // the messages above were drawn before this check: one more frame shows its outcome
    }
    if (e_filter.empty()) {
        gap(ui, 2);
        paragraph(ui, id + ".filter_help", app.tr("settings.scoring.filter_help"), ui.fonts.small, color::text_muted, inner);
    }
    gap(ui, 8);
    checkbox(ui, id + ".active", app.tr("settings.col.active"), d.active);
    gap(ui, 12);
    if (button(ui, id + ".preview", app.tr("settings.scoring.preview"), ButtonKind::secondary, ImVec2(0, ui.px(36)),
               !s.previewing()))
        s.preview();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, id + ".save", app.tr("settings.save"), ButtonKind::primary, ImVec2(0, ui.px(36)), !s.busy())) s.save();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, id + ".cancel", app.tr("settings.cancel"), ButtonKind::ghost, ImVec2(0, ui.px(36)))) s.cancel();
    gap(ui, 10);
    settings_scoring_preview_box(app, ui, s, inner);
    ImGui::EndGroup();
    ui.remember(id + ".h", ImGui::GetItemRectMax().y + pad - p.y);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    gap(ui, 20);
}

void rules_list(AppState& app, Ui& ui, float width) {
    auto& s = app.settings().scoring();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = s.rules();  // a copy: a click may replace rows
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const std::string rid = "settings.scoring.rule." + std::to_string(r.id);
        // Points first, in a fixed column, green or red.
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(12)));
        const bool neg = r.points < 0;
        pill(ui, rid + ".points", signed_int(r.points), neg ? color::danger_soft : lead_color::success_soft,
             neg ? color::danger_text : color::success_text);
        const float tx = top.x + pad + ui.px(70);
        ImGui::SetCursorScreenPos(ImVec2(tx, y + ui.px(10)));
        text(ui, rid + ".name", r.name, ui.fonts.strong, r.active ? color::text : color::text_muted);
        if (r.team_id) {
            ImGui::SameLine(0, ui.px(8));
            pill(ui, rid + ".team", app.settings().team_name(*r.team_id), color::primary_soft, color::primary_active);
        }
        if (!r.active) {
            ImGui::SameLine(0, ui.px(8));
            pill(ui, rid + ".inactive", app.tr("settings.scoring.inactive"), color::surface_muted, color::text_secondary);
        }
        const std::string edit = app.tr("settings.edit"), del = app.tr("settings.delete");
        const float buttons_w = row_button_width(ui, edit) + row_button_width(ui, del) + ui.px(8);
        ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetItemRectMax().y + ui.px(4)));
        paragraph(ui, rid + ".filter", r.filter.empty() ? app.tr("settings.scoring.every_lead") : r.filter, ui.fonts.small,
                  color::text_secondary, width - (tx - top.x) - pad - buttons_w - ui.px(12));
        const float bottom = ImGui::GetItemRectMax().y;
        float bx = top.x + width - pad - buttons_w;
        ImGui::SetCursorScreenPos(ImVec2(bx, y + ui.px(10)));
        if (row_button(ui, rid + ".edit", edit, false, !s.editing())) s.edit(r.id);
        bx += row_button_width(ui, edit) + ui.px(8);
        ImGui::SetCursorScreenPos(ImVec2(bx, y + ui.px(10)));
        if (row_button(ui, rid + ".delete", del, true)) s.confirm_delete = r.id;
        y = std::max(bottom, y + ui.px(40)) + ui.px(12);
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, "settings.scoring.empty", app.tr(s.loading() ? "app.loading" : "settings.scoring.empty"), ui.fonts.body,
             color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(8)));
    ImGui::Dummy(ImVec2(width, ui.px(1)));
}

std::string fixed(std::optional<double> v, int digits) {
    if (!v) return "\u2013";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", digits, *v);
    return buf;
}

// Both models' overall figures from the last rebuild: one row each, the one in use marked.
void quality_table(AppState& app, Ui& ui, client::PredictiveAdmin& pr, float width) {
    const std::string id = "settings.predictive.quality";
    text(ui, id + ".title", app.tr("settings.predictive.quality"), ui.fonts.small, color::text_secondary, width);
    gap(ui, 4);
    if (!pr.quality_of("nb") && !pr.quality_of("lr")) {
        text(ui, id + ".none", app.tr("settings.predictive.quality_none"), ui.fonts.small, color::text_secondary, width);
        return;
    }
    if (pr.quality_too_few()) {
        text(ui, id + ".few", app.tr("settings.predictive.quality_few"), ui.fonts.small, color::text_secondary, width);
        return;
    }
    const float w = std::min(width, ui.px(640));
    const float cols[] = {0.f, 0.44f, 0.62f, 0.80f};
    const char* heads[] = {"settings.predictive.quality_model", "settings.predictive.quality_auc",
                           "settings.predictive.quality_brier", "settings.predictive.quality_cases"};
    const float row_h = ui.px(26);
    ImVec2 at = ImGui::GetCursorScreenPos();
    for (int c = 0; c < 4; ++c) {
        ImGui::SetCursorScreenPos(ImVec2(at.x + w * cols[c], at.y));
        text(ui, id + ".head." + std::to_string(c), app.tr(heads[c]), ui.fonts.small, color::text_secondary);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddLine(ImVec2(at.x, at.y + row_h - ui.px(3)), ImVec2(at.x + w, at.y + row_h - ui.px(3)), color::border, ui.px(1));
    int r = 1;
    for (const char* model : {"nb", "lr"}) {
        const auto* q = pr.quality_of(model);
        const float y = at.y + row_h * static_cast<float>(r++);
        std::string name = app.tr(std::string("settings.predictive.model.") + model);
        if (pr.saved_model() == model) name += " \u00b7 " + app.tr("settings.predictive.in_use");
        const std::string cells[] = {name, fixed(q ? q->auc : std::nullopt, 3), fixed(q ? q->brier : std::nullopt, 3),
                                     q ? std::to_string(static_cast<long long>(q->cases)) : "\u2013"};
        for (int c = 0; c < 4; ++c) {
            ImGui::SetCursorScreenPos(ImVec2(at.x + w * cols[c], y));
            text(ui, id + "." + model + "." + std::to_string(c), cells[c], ui.fonts.body,
                 c == 0 && pr.saved_model() == model ? color::text : color::text_secondary);
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + row_h * static_cast<float>(r) + ui.px(2)));
    text(ui, id + ".hint", app.tr("settings.predictive.quality_hint"), ui.fonts.small, color::text_secondary, width);
}

void predictive(AppState& app, Ui& ui, float width) {
    auto& pr = app.settings().predictive();
    pr.poll(ImGui::GetTime() * 1000.0);
    const std::string id = "settings.predictive";
    gap(ui, 24);
    if (section_header(ui, id, app.tr("settings.predictive.title"), app.tr("settings.predictive.about"),
                       app.tr("settings.predictive.rebuild"), width, pr.loaded() && !pr.rebuilding()))
        pr.rebuild();
    section_messages(app, ui, id, pr.banner(), pr.notice(), width);
    if (!pr.loaded()) {
        text(ui, id + ".loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
        return;
    }
    text(ui, id + ".model_label", app.tr("settings.predictive.model"), ui.fonts.small, color::text_secondary);
    gap(ui, 4);
    {
        const std::string nb = app.tr("settings.predictive.model.nb"), lr = app.tr("settings.predictive.model.lr");
        const std::vector<Choice> models = {{"nb", nb}, {"lr", lr}};
        int selected = pr.model == "lr" ? 1 : 0;
        if (segmented(ui, id + ".model", models, selected)) pr.model = selected == 1 ? "lr" : "nb";
    }
    gap(ui, 12);
    text(ui, id + ".fields_label", app.tr("settings.predictive.fields"), ui.fonts.small, color::text_secondary);
    gap(ui, 4);
    // Checkboxes in columns of equal width.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const int cols = width > ui.px(600) ? 3 : 2;
    const float col_w = width / static_cast<float>(cols);
    float row_h = ui.px(30);
    const auto& avail = pr.available_fields();
    for (size_t i = 0; i < avail.size(); ++i) {
        const auto& f = avail[i];
        ImGui::SetCursorScreenPos(ImVec2(at.x + col_w * static_cast<float>(i % cols), at.y + row_h * static_cast<float>(i / cols)));
        bool on = pr.field_on(f);
        const std::string key = "settings.predictive.field." + f;
        if (checkbox(ui, id + ".field." + f, i18n::has(app.language(), key) ? app.tr(key) : f, on)) pr.set_field(f, on);
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + row_h * static_cast<float>((avail.size() + cols - 1) / cols) + ui.px(6)));
    const std::string e_fields = settings_scoring_err(app, pr.error("fields"));
    if (!e_fields.empty()) text(ui, id + ".fields_error", e_fields, ui.fonts.small, color::danger_text);
    FieldOptions o;
    o.width = std::min(width, ui.px(220));
    const std::string start_hint = app.tr("settings.predictive.start_hint");
    o.hint = start_hint;
    const std::string e_start = settings_scoring_err(app, pr.error("start_date"));
    o.error = e_start;
    form_field(ui, id + ".start_date", app.tr("settings.predictive.start_date"), pr.start_date, o);
    gap(ui, 12);
    if (button(ui, id + ".save", app.tr("settings.save"), ButtonKind::primary, ImVec2(0, ui.px(36)), pr.dirty() && !pr.busy()))
        pr.save();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, id + ".discard", app.tr("settings.cancel"), ButtonKind::ghost, ImVec2(0, ui.px(36)), pr.dirty())) pr.discard();
    gap(ui, 16);
    // The rebuild: its state and a progress bar (recorded with its fraction so tests can read it).
    std::string facts = app.tr("settings.predictive.rows", {{"count", std::to_string(pr.rows())}});
    const auto& job = pr.job();
    if (job) facts += " · " + app.tr("settings.predictive.job", {{"state", app.tr("settings.jobs.state." + job->state)}});
    else if (pr.phase() != "idle") facts += " · " + app.tr("settings.predictive.phase." + pr.phase());
    text(ui, id + ".facts", facts, ui.fonts.small, color::text_secondary);
    if (job && (job->busy() || job->total > 0)) {
        gap(ui, 6);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 b0 = ImGui::GetCursorScreenPos();
        const float bar_w = std::min(width, ui.px(420));
        const ImVec2 b1(b0.x + bar_w, b0.y + ui.px(8));
        dl->AddRectFilled(b0, b1, color::surface_muted, ui.px(4));
        if (job->total > 0) dl->AddRectFilled(b0, ImVec2(b0.x + bar_w * job->fraction(), b1.y), color::primary, ui.px(4));
        const std::string pct = job->total > 0 ? std::to_string(static_cast<int>(std::lround(job->fraction() * 100))) + "%" : "";
        ui.record(id + ".progress", std::to_string(job->done) + "/" + std::to_string(job->total), "progressbar", b0, b1, pct);
        ImGui::Dummy(ImVec2(bar_w, ui.px(8)));
        if (!pct.empty()) {
            ImGui::SameLine(0, ui.px(10));
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, b0.y - ui.px(4)));
            text(ui, id + ".percent", pct, ui.fonts.small, color::text_secondary);
        }
    }
    gap(ui, 16);
    quality_table(app, ui, pr, width);
}

}  // namespace

void settings_scoring(AppState& app, Ui& ui, float width) {
    auto& s = app.settings().scoring();
    if (section_header(ui, "settings.scoring", app.tr("settings.scoring.title"), app.tr("settings.scoring.about"),
                       app.tr("settings.scoring.new"), width, !s.editing()))
        s.create();
    section_messages(app, ui, "settings.scoring", s.banner(), s.notice(), width);
    if (s.editing()) settings_scoring_editor(app, ui, width);
    rules_list(app, ui, width);
    predictive(app, ui, width);
    if (s.confirm_delete) {
        std::string name;
        for (const auto& r : s.rules())
            if (r.id == s.confirm_delete) name = r.name;
        const int answer = confirm_overlay(app, ui, "settings.scoring.confirm", app.tr("settings.scoring.delete_title"),
                                           app.tr("settings.scoring.delete_body", {{"name", name}}), app.tr("settings.delete"));
        if (answer == 1) s.remove(s.confirm_delete);
        if (answer != 0) s.confirm_delete = 0;
    }
}

}  // namespace tumen::app
