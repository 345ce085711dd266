// The lead form view: page layout (form and chatter side by side, stacked on narrow windows), the banners, and the
// loading / not-found states.
#include "lead_view.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>

#include "activity_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

std::string local_time_text(std::int64_t utc_seconds) {
    // Emscripten's localtime_r asks the browser (JS Date) for the zone, so this is the user's local time.
    std::time_t t = static_cast<std::time_t>(utc_seconds);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
    return buf;
}

namespace {

void lead_conflict_banner(AppState& app, Ui& ui, float width) {
    auto& form = app.lead_form();
    const std::string msg = form.banner().render(app.language());
    const float button_w = text_size(ui.fonts.strong, app.tr("lead.conflict_reload")).x + ui.px(32);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    alert(ui, "lead.error", msg, width);
    const ImVec2 end = ImGui::GetCursorScreenPos();
    const float h = end.y - p.y;
    // The reload button sits inside the alert, on its right.
    ImGui::SetCursorScreenPos(ImVec2(p.x + width - button_w - ui.px(10), p.y + std::floor((h - ui.px(34)) * 0.5f)));
    if (button(ui, "lead.conflict_reload", app.tr("lead.conflict_reload"), ButtonKind::secondary, ImVec2(button_w, ui.px(34))))
        form.reload_current();
    ImGui::SetCursorScreenPos(end);
}

}  // namespace

void draw_lead_form(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& form = app.lead_form();
    form.show(app.route().id);
    const auto& lead = form.lead();
    ui.title = app.tr("app.name") + " — " +
               (lead ? lead->name : app.tr("lead.title", {{"id", std::to_string(app.route().id)}}));

    const float display_w = ImGui::GetIO().DisplaySize.x;
    const float margin = display_w < ui.px(700) ? ui.px(12) : ui.px(28);
    const float total = std::min(ui.px(1480), display_w - 2 * margin);
    const float x0 = std::floor((display_w - total) * 0.5f);
    const bool wide = total >= ui.px(1040);
    const float gutter = ui.px(24);
    const float chatter_w = wide ? std::clamp(std::floor(total * 0.34f), ui.px(340), ui.px(460)) : total;
    const float form_w = wide ? total - chatter_w - gutter : total;

    const float top = ImGui::GetCursorScreenPos().y + ui.px(18);
    ImGui::SetCursorScreenPos(ImVec2(x0, top));
    ImGui::BeginGroup();
    lead_header(app, ui, total);
    gap(ui, 14);
    if (!form.banner().empty()) {
        if (form.conflict()) lead_conflict_banner(app, ui, total);
        else alert(ui, "lead.error", form.banner().render(app.language()), total);
        gap(ui, 14);
    }
    ImGui::EndGroup();

    const float body_y = ImGui::GetItemRectMax().y;
    if (!lead) {
        ImGui::SetCursorScreenPos(ImVec2(x0, body_y));
        if (form.loading()) {
            text(ui, "lead.loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
        } else if (button(ui, "nav.back_to_pipeline", app.tr("nav.back_to_pipeline"), ButtonKind::secondary,
                          ImVec2(0, ui.px(38)))) {
            app.navigate(Route::pipeline());
        }
        return;
    }

    ImGui::SetCursorScreenPos(ImVec2(x0, body_y));
    ImGui::BeginGroup();
    lead_card(app, ui, form_w);
    ImGui::EndGroup();
    const float card_bottom = ImGui::GetItemRectMax().y;

    ImGui::SetCursorScreenPos(wide ? ImVec2(x0 + form_w + gutter, body_y) : ImVec2(x0, card_bottom + gutter));
    ImGui::BeginGroup();
    lead_chatter(app, ui, chatter_w);
    ImGui::EndGroup();
    const float bottom = std::max(card_bottom, ImGui::GetItemRectMax().y);
    ImGui::SetCursorScreenPos(ImVec2(x0, bottom));
    ImGui::Dummy(ImVec2(total, ui.px(32)));  // bottom margin when the page scrolls

    lead_dialogs(app, ui);
    lead_compose_dialog(app, ui);
    lead_sms_dialog(app, ui);
    meeting_dialog(app, ui);
    activity_dialog(app, ui);
}

}  // namespace tumen::app
