// Settings › Jobs: one row per background job — name, state, schedule, progress bar, last run and last error —
// with Run now; administrators also pick the interval and pause or resume a job. The list polls while a job runs.
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "state/settings_jobs.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

struct Preset {
    const char* id;
    std::int64_t seconds;
};
constexpr Preset presets[] = {{"0", 0}, {"900", 900}, {"3600", 3600}, {"86400", 86400}, {"604800", 604800}};

ImU32 state_bg(const std::string& s) {
    if (s == "failed") return color::danger_soft;
    if (s == "running" || s == "queued" || s == "retrying") return color::primary_soft;
    return color::surface_muted;
}
ImU32 state_fg(const std::string& s) {
    if (s == "failed") return color::danger_text;
    if (s == "running" || s == "queued" || s == "retrying") return color::primary_active;
    return color::text_secondary;
}

}  // namespace

void settings_jobs(AppState& app, Ui& ui, float width) {
    auto& jobs = app.settings().jobs();
    jobs.poll(ImGui::GetTime() * 1000.0);
    if (section_header(ui, "settings.jobs", app.tr("settings.jobs.title"), app.tr("settings.jobs.about"),
                       app.tr("settings.refresh"), width, !jobs.loading()))
        jobs.reload();
    section_messages(app, ui, "settings.jobs", jobs.banner(), jobs.notice(), width);
    const bool admin = app.settings().is_admin();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = jobs.jobs();  // a copy: a click replaces rows
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& j = rows[i];
        const std::string rid = "settings.jobs.job." + std::to_string(j.id);
        const std::string kind_key = "settings.jobs.kind." + j.kind;
        std::string name = i18n::has(app.language(), kind_key) ? app.tr(kind_key) : j.kind;
        if (!j.recurring) name += " · " + app.tr("settings.jobs.one_off");
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(10)));
        text(ui, rid + ".name", name, ui.fonts.strong, color::text);
        ImGui::SameLine(0, ui.px(8));
        pill(ui, rid + ".state", app.tr("settings.jobs.state." + j.state), state_bg(j.state), state_fg(j.state));
        if (!j.active) {
            ImGui::SameLine(0, ui.px(6));
            pill(ui, rid + ".paused", app.tr("settings.jobs.paused"), color::surface_muted, color::text_secondary);
        }
        // Schedule and last run on one line.
        std::string when = j.recurring ? client::interval_message(j.interval_s).render(app.language()) : std::string();
        if (!j.next_run.empty()) when += (when.empty() ? "" : " · ") + app.tr("settings.jobs.next", {{"at", short_time(j.next_run)}});
        if (!j.last_finish.empty()) when += (when.empty() ? "" : " · ") + app.tr("settings.jobs.last", {{"at", short_time(j.last_finish)}});
        if (j.attempts > 0 && j.state == "retrying")
            when += " · " + app.tr("settings.jobs.attempt", {{"n", std::to_string(j.attempts)}, {"max", std::to_string(j.max_attempts)}});
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(34)));
        text(ui, rid + ".when", when, ui.fonts.small, color::text_secondary);
        // Progress bar (recorded with its fraction so tests can read it).
        float by = y + ui.px(56);
        const float bar_w = std::min(width - 2 * pad, ui.px(420));
        const ImVec2 b0(top.x + pad, by), b1(top.x + pad + bar_w, by + ui.px(8));
        dl->AddRectFilled(b0, b1, color::surface_muted, ui.px(4));
        if (j.total > 0) dl->AddRectFilled(b0, ImVec2(b0.x + bar_w * j.fraction(), b1.y), color::primary, ui.px(4));
        const std::string pct = j.total > 0 ? std::to_string(static_cast<int>(std::lround(j.fraction() * 100))) + "%" : "";
        ui.record(rid + ".progress", std::to_string(j.done) + "/" + std::to_string(j.total), "progressbar", b0, b1, pct);
        if (j.total > 0) {
            ImGui::SetCursorScreenPos(ImVec2(b1.x + ui.px(10), by - ui.px(4)));
            text(ui, rid + ".count", app.tr("settings.jobs.progress", {{"done", std::to_string(j.done)}, {"total", std::to_string(j.total)}}),
                 ui.fonts.small, color::text_secondary);
        }
        float row_bottom = by + ui.px(18);
        if (!j.last_error.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, row_bottom));
            text(ui, rid + ".error", app.tr("settings.jobs.last_error", {{"error", j.last_error}}), ui.fonts.small,
                 j.state == "failed" || j.state == "retrying" ? color::danger_text : color::text_secondary, width - 2 * pad);
            row_bottom = ImGui::GetItemRectMax().y + ui.px(6);
        }
        if (admin && j.recurring) {
            std::vector<Choice> choices;
            std::vector<std::string> labels;
            labels.reserve(std::size(presets));
            int selected = -1;
            for (size_t p = 0; p < std::size(presets); ++p) {
                labels.push_back(client::interval_message(presets[p].seconds).render(app.language()));
                if (presets[p].seconds == j.interval_s) selected = static_cast<int>(p);
            }
            for (size_t p = 0; p < std::size(presets); ++p) choices.push_back({presets[p].id, labels[p]});
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, row_bottom));
            if (segmented(ui, rid + ".interval", choices, selected) && selected >= 0)
                jobs.set_interval(j.id, presets[selected].seconds);
            row_bottom = ImGui::GetItemRectMax().y + ui.px(8);
        }
        // Buttons on the right: Run now, and Pause/Resume for administrators.
        const std::string run = app.tr("settings.jobs.run_now");
        float bx = top.x + width - pad - row_button_width(ui, run);
        ImGui::SetCursorScreenPos(ImVec2(bx, y + ui.px(10)));
        if (row_button(ui, rid + ".run", run, false, j.active && j.state != "running")) jobs.run_now(j.id);
        if (admin) {
            const std::string toggle = app.tr(j.active ? "settings.jobs.pause" : "settings.jobs.resume");
            bx -= row_button_width(ui, toggle) + ui.px(8);
            ImGui::SetCursorScreenPos(ImVec2(bx, y + ui.px(10)));
            if (row_button(ui, rid + ".toggle", toggle)) jobs.set_active(j.id, !j.active);
        }
        y = row_bottom + ui.px(6);
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, "settings.jobs.empty", app.tr(jobs.loading() ? "app.loading" : "settings.empty"), ui.fonts.body, color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(8)));
    ImGui::Dummy(ImVec2(width, ui.px(1)));
}

}  // namespace tumen::app
