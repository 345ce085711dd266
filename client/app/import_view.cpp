// #/import: the CSV import wizard (client/state/import_wizard.hpp) in one card: the steps on top, then the file
// choice, the column mapping with options and the preview table with its problems, the job's progress bar, the
// result with the failed rows; my recent imports under the card.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "attachments_view.hpp"
#include "lead_widgets.hpp"
#include "state/money_text.hpp"
#include "settings_view.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;
using client::ImportWizard;

namespace {

std::string field_label(AppState& app, const ImportWizard& w, const std::string& name) {
    for (const auto& f : w.fields())
        if (f.name == name) return app.language() == i18n::Lang::mn ? f.label_mn : f.label_en;
    return name;
}

std::string problem_text(AppState& app, const ImportWizard& w, const client::ImportRowError& e) {
    std::string message = client::row_error_message(e, app.language());
    if (e.field.empty()) return app.tr("import.problem", {{"line", std::to_string(e.line)}, {"message", message}});
    // The server's message starts with the field's wire name ("email: is not ..."); the label replaces it.
    if (message.rfind(e.field + ": ", 0) == 0) message.erase(0, e.field.size() + 2);
    return app.tr("import.problem_field",
                  {{"line", std::to_string(e.line)}, {"field", field_label(app, w, e.field)}, {"message", message}});
}

std::string value_text(const nlohmann::json& v, i18n::Lang lang) {
    if (v.is_null()) return {};
    // An amount: {"amount": <minor units>, "currency": "MNT"} as the board writes money.
    if (v.is_object() && v.contains("amount") && v["amount"].is_number_integer())
        return client::money_text(Money{v["amount"].get<std::int64_t>(), v.value("currency", std::string("MNT"))}, lang);
    if (v.is_string()) return v.get<std::string>();
    if (v.is_array()) {
        std::string s;
        for (const auto& x : v) s += (s.empty() ? "" : ", ") + value_text(x, lang);
        return s;
    }
    return v.dump();
}

void steps(AppState& app, Ui& ui, const ImportWizard& w, float width) {
    static const char* keys[] = {"import.step.choose", "import.step.mapping", "import.step.run", "import.step.done"};
    const int current = static_cast<int>(w.step());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float step_w = width / 4.f;
    for (int i = 0; i < 4; ++i) {
        const float x = at.x + step_w * static_cast<float>(i);
        const ImU32 bar = i <= current ? color::primary : color::border;
        dl->AddRectFilled(ImVec2(x, at.y), ImVec2(x + step_w - ui.px(8), at.y + ui.px(4)), bar, ui.px(2));
        ImGui::SetCursorScreenPos(ImVec2(x, at.y + ui.px(10)));
        text(ui, std::string("import.step.") + std::to_string(i), app.tr(keys[i]), i == current ? ui.fonts.strong : ui.fonts.small,
             i <= current ? color::text : color::text_muted);
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + ui.px(36)));
}

void entity_choice(AppState& app, Ui& ui, ImportWizard& w) {
    text(ui, "import.entity_label", app.tr("import.entity_label"), ui.fonts.small, color::text_secondary);
    gap(ui, 4);
    const std::string l = app.tr("import.entity.lead"), c = app.tr("import.entity.contact");
    std::vector<Choice> choices{{"lead", l}, {"contact", c}};
    int sel = w.entity() == "contact" ? 1 : 0;
    if (segmented(ui, "import.entity", choices, sel)) w.set_entity(sel == 1 ? "contact" : "lead");
}

void choose_step(AppState& app, Ui& ui, ImportWizard& w, float width) {
    entity_choice(app, ui, w);
    gap(ui, 20);
    if (button(ui, "import.choose_file", app.tr("import.choose_file"), ButtonKind::primary, ImVec2(0, ui.px(44)),
               !w.previewing()))
        w.pick_file();
    gap(ui, 8);
    if (w.previewing()) {
        text(ui, "import.previewing", app.tr("import.previewing") + " " + w.file_name(), ui.fonts.small, color::text_secondary);
        ui.wake_in(100);
    } else {
        paragraph(ui, "import.file_hint", app.tr("import.file_hint", {{"max", std::to_string(ImportWizard::max_bytes >> 20)}}),
                  ui.fonts.small, color::text_secondary, std::min(width, ui.px(640)));
    }
}

void options_part(AppState& app, Ui& ui, ImportWizard& w, float width) {
    section_title(ui, "import.options", app.tr("import.options.title"), width);
    gap(ui, 8);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // Delimiter.
    text(ui, "import.options.delimiter", app.tr("import.options.delimiter"), ui.fonts.small, color::text_secondary);
    gap(ui, 4);
    const std::string auto_l = app.tr("import.delimiter.auto") +
                               (w.detected_delimiter().empty() || !w.delimiter().empty()
                                    ? std::string()
                                    : " (" + (w.detected_delimiter() == "\t" ? app.tr("import.delimiter.tab") : w.detected_delimiter()) + ")");
    const std::string tab_l = app.tr("import.delimiter.tab");
    static const char* values[] = {"", ",", ";", "tab", "|"};
    std::vector<Choice> choices{{"auto", auto_l}, {"comma", ","}, {"semicolon", ";"}, {"tab", tab_l}, {"pipe", "|"}};
    int sel = 0;
    for (int i = 0; i < 5; ++i)
        if (w.delimiter() == values[i]) sel = i;
    if (segmented(ui, "import.delimiter", choices, sel)) w.set_delimiter(values[sel]);
    // Currency.
    const float x2 = at.x + std::min(width * 0.45f, ui.px(430));
    ImGui::SetCursorScreenPos(ImVec2(x2, at.y));
    ImGui::BeginGroup();
    FieldOptions o;
    o.width = ui.px(120);
    form_field(ui, "import.currency", app.tr("import.options.currency"), w.currency, o);
    if (ImGui::IsItemDeactivatedAfterEdit()) w.commit_currency();
    ImGui::EndGroup();
    // Duplicates.
    const float x3 = x2 + ui.px(170);
    ImGui::SetCursorScreenPos(ImVec2(x3, at.y));
    ImGui::BeginGroup();
    checkbox(ui, "import.dedupe_email", app.tr("import.options.dedupe_email"), w.dedupe_email);
    gap(ui, 6);
    if (w.dedupe_email) {
        const std::string s = app.tr("import.on_duplicate.skip"), u = app.tr("import.on_duplicate.update");
        std::vector<Choice> d{{"skip", s}, {"update", u}};
        int dsel = w.update_duplicates ? 1 : 0;
        if (segmented(ui, "import.on_duplicate", d, dsel)) w.update_duplicates = dsel == 1;
    }
    ImGui::EndGroup();
    const float bottom = std::max(ImGui::GetItemRectMax().y, at.y + ui.px(64));
    ImGui::SetCursorScreenPos(ImVec2(at.x, bottom + ui.px(12)));
}

void columns_part(AppState& app, Ui& ui, ImportWizard& w, float width) {
    section_title(ui, "import.mapping", app.tr("import.mapping.title"), width);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float c1 = width * 0.28f, c2 = width * 0.40f;
    const float pick_w = std::min(width - c1 - c2 - ui.px(8), ui.px(300));
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + ui.px(8)));
    float y = at.y + ui.px(8);
    auto head = [&](const char* key, float x) {
        ImGui::SetCursorScreenPos(ImVec2(at.x + x, y));
        text(ui, key, app.tr(key), ui.fonts.small, color::text_secondary);
    };
    head("import.mapping.column", 0);
    head("import.mapping.samples", c1);
    head("import.mapping.field", c1 + c2);
    y += ui.px(24);
    std::vector<PickItem> items;
    for (size_t i = 0; i < w.fields().size(); ++i)
        items.push_back({static_cast<std::int64_t>(i + 1), field_label(app, w, w.fields()[i].name)});
    const std::string skip = app.tr("import.mapping.skip");
    for (size_t c = 0; c < w.columns().size(); ++c) {
        const auto& col = w.columns()[c];
        dl->AddLine(ImVec2(at.x, y), ImVec2(at.x + width, y), color::border, ui.px(1));
        const float row_y = y + ui.px(6);
        const std::string rid = "import.col." + std::to_string(c);
        ImGui::SetCursorScreenPos(ImVec2(at.x, row_y + ui.px(8)));
        text(ui, rid + ".header", fit_text(ui.fonts.strong, col.header, c1 - ui.px(12)), ui.fonts.strong,
             col.field.empty() ? color::text_muted : color::text);
        std::string samples;
        for (const auto& s : col.samples) samples += (samples.empty() ? "" : " · ") + s;
        ImGui::SetCursorScreenPos(ImVec2(at.x + c1, row_y + ui.px(9)));
        text(ui, rid + ".samples", fit_text(ui.fonts.small, samples, c2 - ui.px(12)), ui.fonts.small, color::text_secondary);
        ImGui::SetCursorScreenPos(ImVec2(at.x + c1 + c2, row_y));
        std::optional<std::int64_t> sel;
        for (size_t i = 0; i < w.fields().size(); ++i)
            if (w.fields()[i].name == col.field) sel = static_cast<std::int64_t>(i + 1);
        FieldOptions o;
        o.width = pick_w;
        o.hint = skip;
        if (form_picker(ui, rid + ".field", "", items, sel, skip, o))
            w.set_field(c, sel ? w.fields()[static_cast<size_t>(*sel - 1)].name : std::string());
        y = std::max(ImGui::GetItemRectMax().y, row_y + ui.px(36)) + ui.px(6);
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x, y + ui.px(12)));
}

void preview_part(AppState& app, Ui& ui, ImportWizard& w, float width) {
    section_title(ui, "import.preview",
                  app.tr("import.preview.title",
                         {{"count", std::to_string(w.rows().size())}, {"total", std::to_string(w.total_rows())}}),
                  width);
    // Columns of the table: the mapped fields in column order.
    std::vector<std::string> shown;
    for (const auto& c : w.columns())
        if (!c.field.empty()) shown.push_back(c.field);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float line_w = ui.px(56);
    const float cell_w = shown.empty() ? 0 : (width - line_w) / static_cast<float>(shown.size());
    const float row_h = ui.px(28);
    float y = at.y + ui.px(8);
    dl->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + width, y + row_h), color::surface_muted, ui.px(4));
    ImGui::SetCursorScreenPos(ImVec2(at.x + ui.px(8), y + ui.px(6)));
    text(ui, "import.preview.line", app.tr("import.preview.line"), ui.fonts.small, color::text_secondary);
    for (size_t i = 0; i < shown.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(at.x + line_w + cell_w * static_cast<float>(i), y + ui.px(6)));
        text(ui, "import.preview.head." + shown[i], fit_text(ui.fonts.small, field_label(app, w, shown[i]), cell_w - ui.px(8)),
             ui.fonts.small, color::text_secondary);
    }
    y += row_h;
    for (size_t r = 0; r < w.rows().size(); ++r) {
        const auto& row = w.rows()[r];
        const bool bad = !row.errors.empty();
        const std::string rid = "import.preview.row." + std::to_string(row.line);
        if (bad) dl->AddRectFilled(ImVec2(at.x, y), ImVec2(at.x + width, y + row_h), color::danger_soft);
        ImGui::SetCursorScreenPos(ImVec2(at.x + ui.px(8), y + ui.px(6)));
        text(ui, rid + ".line", std::to_string(row.line), ui.fonts.small, bad ? color::danger_text : color::text_muted);
        for (size_t i = 0; i < shown.size(); ++i) {
            const auto& f = shown[i];
            const bool bad_cell = std::any_of(row.errors.begin(), row.errors.end(), [&](const auto& e) { return e.field == f; });
            const std::string v = row.values.is_object() && row.values.contains(f) ? value_text(row.values[f], app.language()) : std::string();
            const float x = at.x + line_w + cell_w * static_cast<float>(i);
            if (bad_cell) dl->AddRect(ImVec2(x, y + ui.px(2)), ImVec2(x + cell_w - ui.px(4), y + row_h - ui.px(2)), color::danger, ui.px(3));
            ImGui::SetCursorScreenPos(ImVec2(x + ui.px(4), y + ui.px(6)));
            text(ui, rid + "." + f, fit_text(ui.fonts.small, v, cell_w - ui.px(12)), ui.fonts.small,
                 bad_cell ? color::danger_text : color::text);
        }
        y += row_h;
        dl->AddLine(ImVec2(at.x, y), ImVec2(at.x + width, y), color::border, ui.px(1));
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x, y + ui.px(16)));
    // The problems: the file's (headers, unmapped columns) and the rows'.
    std::vector<client::ImportRowError> all = w.problems();
    for (const auto& row : w.rows())
        for (const auto& e : row.errors)
            if (!e.field.empty()) all.push_back(e);
    text(ui, "import.problems.title", app.tr("import.preview.problems"), ui.fonts.strong, color::text);
    gap(ui, 4);
    if (all.empty()) text(ui, "import.problems.none", app.tr("import.preview.no_problems"), ui.fonts.small, color::text_secondary);
    for (size_t i = 0; i < all.size() && i < 20; ++i)
        paragraph(ui, "import.problem." + std::to_string(i), problem_text(app, w, all[i]), ui.fonts.small,
                  all[i].line > 1 ? color::danger_text : color::text_secondary, width);
}

// The actions sit on the file's line, top right: on a small screen they stay in view above the long table.
void actions(AppState& app, Ui& ui, ImportWizard& w, float width) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const std::string start = app.tr("import.start", {{"count", std::to_string(w.total_rows())}});
    const std::string dry = app.tr("import.dry_run");
    const float bw = text_size(ui.fonts.strong, start).x + text_size(ui.fonts.strong, dry).x + ui.px(2 * 36 + 12);
    ImGui::SetCursorScreenPos(ImVec2(at.x + width - bw, at.y));
    const bool can = !w.previewing() && !w.busy();
    if (button(ui, "import.dry_run", dry, ButtonKind::secondary, ImVec2(0, ui.px(40)), can)) w.run(true);
    ImGui::SameLine(0, ui.px(12));
    if (button(ui, "import.start", start, ButtonKind::primary, ImVec2(0, ui.px(40)), can)) w.run(false);
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + ui.px(10)));
}

void mapping_step(AppState& app, Ui& ui, ImportWizard& w, float width) {
    actions(app, ui, w, width);
    text(ui, "import.file_info",
         app.tr("import.file_info",
                {{"name", w.file_name()}, {"size", file_size_text(app, w.file_size())}, {"rows", std::to_string(w.total_rows())}}),
         ui.fonts.strong, color::text);
    ImGui::SameLine(0, ui.px(16));
    if (link(ui, "import.change_file", app.tr("import.change_file"), ui.fonts.body)) w.pick_file();
    if (w.previewing()) {
        ImGui::SameLine(0, ui.px(16));
        text(ui, "import.previewing", app.tr("import.previewing"), ui.fonts.small, color::text_muted);
        ui.wake_in(100);
    }
    gap(ui, 12);
    entity_choice(app, ui, w);
    gap(ui, 16);
    options_part(app, ui, w, width);
    columns_part(app, ui, w, width);
    preview_part(app, ui, w, width);
}

void progress_bar(Ui& ui, const std::string& id, const client::ImportJob& job, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b0 = ImGui::GetCursorScreenPos();
    const ImVec2 b1(b0.x + width, b0.y + ui.px(10));
    dl->AddRectFilled(b0, b1, color::surface_muted, ui.px(5));
    const float f = job.fraction();
    if (f > 0) dl->AddRectFilled(b0, ImVec2(b0.x + width * f, b1.y), color::primary, ui.px(5));
    const std::string pct = std::to_string(static_cast<int>(std::lround(f * 100))) + "%";
    ui.record(id, std::to_string(job.done_rows) + "/" + std::to_string(job.total_rows), "progressbar", b0, b1, pct);
    ImGui::Dummy(ImVec2(width, ui.px(10)));
}

void running_step(AppState& app, Ui& ui, ImportWizard& w, float width) {
    const auto& job = *w.job();
    ui.wake_in(500);  // the next poll
    text(ui, "import.running",
         job.state == "queued" ? app.tr("import.queued")
                               : app.tr("import.running", {{"done", std::to_string(job.done_rows)}, {"total", std::to_string(job.total_rows)}}),
         ui.fonts.strong, color::text);
    gap(ui, 10);
    progress_bar(ui, "import.progress", job, std::min(width, ui.px(640)));
    gap(ui, 16);
    if (button(ui, "import.cancel", app.tr(w.cancelling() ? "import.cancelling" : "import.cancel"), ButtonKind::secondary,
               ImVec2(0, ui.px(40)), !w.cancelling()))
        w.cancel();
}

void counts(AppState& app, Ui& ui, const client::ImportJob& job) {
    const std::pair<const char*, std::int64_t> items[] = {{"created", job.created}, {"updated", job.updated},
                                                          {"skipped", job.skipped}, {"failed", job.failed}};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float box_w = ui.px(150), box_h = ui.px(72);
    for (int i = 0; i < 4; ++i) {
        const auto& [key, n] = items[i];
        const float x = at.x + (box_w + ui.px(12)) * static_cast<float>(i);
        const bool bad = std::string(key) == "failed" && n > 0;
        dl->AddRectFilled(ImVec2(x, at.y), ImVec2(x + box_w, at.y + box_h), bad ? color::danger_soft : color::surface_muted, ui.px(8));
        ImGui::SetCursorScreenPos(ImVec2(x + ui.px(14), at.y + ui.px(10)));
        text(ui, std::string("import.count.") + key, std::to_string(n), ui.fonts.title, bad ? color::danger_text : color::text);
        ImGui::SetCursorScreenPos(ImVec2(x + ui.px(14), at.y + ui.px(46)));
        text(ui, std::string("import.count.") + key + ".label", app.tr(std::string("import.count.") + key), ui.fonts.small,
             color::text_secondary);
    }
    ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + box_h + ui.px(16)));
}

void finished_step(AppState& app, Ui& ui, ImportWizard& w, float width) {
    const auto& job = *w.job();
    const char* title = job.state == "cancelled" ? "import.done.cancelled"
                        : job.state == "failed"  ? "import.done.failed"
                        : job.dry_run            ? "import.done.dry_title"
                                                 : "import.done.title";
    text(ui, "import.done.title", app.tr(title), ui.fonts.strong, job.state == "failed" ? color::danger_text : color::text);
    gap(ui, 10);
    progress_bar(ui, "import.progress", job, std::min(width, ui.px(640)));
    gap(ui, 16);
    if (!job.error.empty()) {
        alert(ui, "import.job_error", job.error, width);
        gap(ui, 12);
    }
    counts(app, ui, job);
    if (!job.errors.empty()) {
        text(ui, "import.done.errors", app.tr("import.done.errors"), ui.fonts.strong, color::text);
        gap(ui, 4);
        for (size_t i = 0; i < job.errors.size() && i < 20; ++i)
            paragraph(ui, "import.error." + std::to_string(i), problem_text(app, w, job.errors[i]), ui.fonts.small,
                      color::danger_text, width);
        gap(ui, 12);
    }
    const bool leads = job.entity != "contact";
    if (job.dry_run) {
        if (button(ui, "import.import_now", app.tr("import.import_now"), ButtonKind::primary, ImVec2(0, ui.px(40)), !w.busy()))
            w.run(false);
        ImGui::SameLine(0, ui.px(12));
        if (button(ui, "import.back_to_mapping", app.tr("import.back_to_mapping"), ButtonKind::secondary, ImVec2(0, ui.px(40))))
            w.back_to_mapping();
    } else {
        if (job.failed > 0) {
            if (button(ui, "import.download_errors", app.tr("import.download_errors"), ButtonKind::secondary, ImVec2(0, ui.px(40))))
                w.download_errors();
            ImGui::SameLine(0, ui.px(12));
        }
        if (job.created + job.updated > 0) {
            if (button(ui, "import.see", app.tr(leads ? "import.see_leads" : "import.see_contacts"), ButtonKind::primary,
                       ImVec2(0, ui.px(40))))
                app.navigate(leads ? Route::leads() : Route::contacts());
            ImGui::SameLine(0, ui.px(12));
        }
        if (button(ui, "import.import_another", app.tr("import.import_another"), ButtonKind::ghost, ImVec2(0, ui.px(40))))
            w.start_over();
    }
}

void recent_part(AppState& app, Ui& ui, ImportWizard& w, float width) {
    section_title(ui, "import.recent", app.tr("import.recent.title"), width);
    gap(ui, 6);
    if (w.recent().empty()) {
        text(ui, "import.recent.empty", app.tr(w.recent_loading() ? "app.loading" : "import.recent.empty"), ui.fonts.small,
             color::text_muted);
        return;
    }
    for (size_t i = 0; i < w.recent().size() && i < 10; ++i) {
        const auto& j = w.recent()[i];
        const std::string rid = "import.recent." + std::to_string(j.id);
        std::string head = short_time(j.create_date) + " · " + (j.file_name.empty() ? "—" : j.file_name) + " · " +
                           app.tr(j.entity == "contact" ? "import.entity.contact" : "import.entity.lead") + " · " +
                           app.tr("import.state." + j.state);
        if (j.dry_run) head += " · " + app.tr("import.recent.dry_run");
        text(ui, rid, head, ui.fonts.body, color::text);
        text(ui, rid + ".counts",
             app.tr("import.recent.counts", {{"created", std::to_string(j.created)}, {"updated", std::to_string(j.updated)},
                                             {"skipped", std::to_string(j.skipped)}, {"failed", std::to_string(j.failed)}}),
             ui.fonts.small, j.failed > 0 ? color::danger_text : color::text_secondary);
        gap(ui, 8);
    }
}

}  // namespace

void draw_import(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& w = app.import_wizard();
    w.ensure_loaded();
    w.poll(ImGui::GetTime() * 1000.0);
    const std::string title = app.tr("view.import.title");
    ui.title = app.tr("app.name") + " — " + title;
    const Column col = page_column(ui);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(col.x, start.y + ui.px(32)));
    ImGui::BeginGroup();
    text(ui, "section.title", title, ui.fonts.title, color::text);
    gap(ui, 6);
    paragraph(ui, "import.intro", app.tr("import.intro"), ui.fonts.body, color::text_secondary, std::min(col.width, ui.px(760)));
    gap(ui, 16);
    for (const client::Message* m : {&app.banner(), &w.banner()})
        if (const std::string b = m->render(app.language()); !b.empty()) {
            alert(ui, m == &w.banner() ? "import.error" : "app.error", b, col.width);
            gap(ui, 12);
        }
    const ImVec2 card = ImGui::GetCursorScreenPos();
    const float pad = ui.px(28);
    const float inner = col.width - 2 * pad;
    const float card_h = ui.remembered("import.card", ui.px(240));
    card_background(ui, ImGui::GetWindowDrawList(), card, ImVec2(card.x + col.width, card.y + card_h), ui.px(14));
    ImGui::SetCursorScreenPos(ImVec2(card.x + pad, card.y + pad));
    ImGui::BeginGroup();
    steps(app, ui, w, inner);
    gap(ui, 8);
    switch (w.step()) {
        case ImportWizard::Step::choose: choose_step(app, ui, w, inner); break;
        case ImportWizard::Step::mapping: mapping_step(app, ui, w, inner); break;
        case ImportWizard::Step::running: running_step(app, ui, w, inner); break;
        case ImportWizard::Step::finished: finished_step(app, ui, w, inner); break;
    }
    ImGui::EndGroup();
    ui.remember("import.card", ImGui::GetItemRectMax().y + pad - card.y);
    ImGui::SetCursorScreenPos(ImVec2(card.x, card.y + card_h + ui.px(24)));
    recent_part(app, ui, w, col.width);
    gap(ui, 32);
    ImGui::EndGroup();
}

}  // namespace tumen::app
