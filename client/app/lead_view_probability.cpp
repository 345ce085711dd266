// The lead form's probability block: the probability with an "automatic" / "set by hand" mark, "Reset to
// automatic (34%)" when set by hand, and the model's explanation — base rate, then one line per factor in
// percentage points ("+12 pts Stage: Proposition").
#include <string>

#include "lead_view.hpp"
#include "state/lead_draft.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

void lead_probability_block(AppState& app, Ui& ui, float width) {
    auto& form = app.lead_form();
    form.ensure_probability();
    const auto& p = form.probability();
    const auto& lead = *form.lead();
    const i18n::Lang lang = app.language();
    ImGui::BeginGroup();
    text(ui, "lead.probability.label", app.tr("lead.probability.title"), ui.fonts.small, color::text_secondary);
    ImGui::Dummy(ImVec2(0, ui.px(5)));
    text(ui, "lead.probability.value", client::percent_text(lead.probability) + "%", ui.fonts.strong, color::text);
    ImGui::SameLine(0, ui.px(10));
    // The mark: a soft pill, amber when a user set the value by hand.
    {
        const std::string mark = app.tr(lead.probability_manual ? "lead.probability.manual" : "lead.probability.automatic");
        const ImVec2 ts = text_size(ui.fonts.small, mark);
        const ImVec2 a = ImGui::GetCursorScreenPos();
        const ImVec2 b(a.x + ts.x + ui.px(16), a.y + ts.y + ui.px(6));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(a, b, lead.probability_manual ? color::amber_soft : color::surface_muted, ui.px(10));
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(a.x + ui.px(8), a.y + ui.px(3)),
                    lead.probability_manual ? color::amber_text : color::text_secondary, mark.c_str());
        ui.record("lead.probability.mark", mark, "text", a, b, lead.probability_manual ? "manual" : "automatic");
        ImGui::Dummy(ImVec2(b.x - a.x, b.y - a.y));
    }
    if (lead.probability_manual) {
        ImGui::Dummy(ImVec2(0, ui.px(4)));
        const std::string auto_value = p.loaded ? client::percent_text(p.automated) + "%" : std::string("…");
        if (button(ui, "lead.probability.reset", app.tr("lead.probability.reset", {{"value", auto_value}}),
                   ButtonKind::secondary, ImVec2(0, ui.px(30)), !form.busy()))
            form.reset_probability();
    }
    ImGui::Dummy(ImVec2(0, ui.px(4)));
    if (!p.error.empty()) {
        paragraph(ui, "lead.probability.error", p.error.render(lang), ui.fonts.small, color::danger_text, width);
    } else if (!p.loaded) {
        text(ui, "lead.probability.loading", app.tr("app.loading"), ui.fonts.small, color::text_muted);
    } else if (!p.base) {
        paragraph(ui, "lead.probability.no_model", app.tr("lead.probability.no_model"), ui.fonts.small, color::text_secondary, width);
    } else {
        std::string lines = client::base_text(lang, p);
        for (const auto& f : p.factors) lines += "\n" + client::factor_text(lang, form.refs(), f);
        paragraph(ui, "lead.probability.explanation", lines, ui.fonts.small, color::text_secondary, width);
    }
    ImGui::EndGroup();
}

}  // namespace tumen::app
