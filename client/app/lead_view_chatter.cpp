// The lead's chatter column: the note composer (chatter_view.cpp) with e-mail, SMS and meeting buttons, the
// activities, meetings and quotations blocks, then the timeline (chatter_view.cpp).
#include <algorithm>
#include <cmath>

#include "activity_view.hpp"
#include "attachments_view.hpp"
#include "chatter_view.hpp"
#include "lead_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

void lead_chatter(AppState& app, Ui& ui, float width) {
    auto& form = app.lead_form();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = ui.remembered("lead.chatter", ui.px(400));
    card_background(ui, ImGui::GetWindowDrawList(), origin, ImVec2(origin.x + width, origin.y + height), ui.px(12));
    const float pad = ui.px(22), inner = width - 2 * pad;
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, origin.y + ui.px(22)));
    ImGui::BeginGroup();
    text(ui, "lead.chatter.title", app.tr("lead.chatter.title"), ui.fonts.strong, color::text);
    gap(ui, 14);

    const ChatterLook look{
        "lead", "lead.field.", [&form](const ChatterMessage& m) { return form.author_of(m); },
        [&form](const std::string& f, const nlohmann::json& v) { return form.tracked_value_text(f, v); },
        [&form](std::int64_t id) { return form.mail_of(id); }, [&form](std::int64_t id) { return form.sms_of(id); }};
    if (chatter_composer(app, ui, look, form.note, form.note_error(), form.posting_note(), inner)) form.post_note();
    // The buttons follow Post on its line while they fit (Mongolian labels are long), else on the next line.
    const float right_edge = origin.x + pad + inner;
    auto next_to_last = [&](const std::string& label) {
        const float w = text_size(ui.fonts.strong, label).x + ui.px(32);
        if (ImGui::GetItemRectMax().x + ui.px(10) + w <= right_edge) ImGui::SameLine(0, ui.px(10));
        else ImGui::Dummy(ImVec2(0, ui.px(4)));
        return label;
    };
    if (button(ui, "lead.mail.open", next_to_last(app.tr("mail.compose.open")), ButtonKind::secondary, ImVec2(0, ui.px(34)),
               form.lead().has_value()))
        form.open_compose();
    if (button(ui, "lead.sms.open", next_to_last(app.tr("sms.compose.open")), ButtonKind::secondary, ImVec2(0, ui.px(34)),
               form.lead().has_value()))
        form.open_sms();
    if (button(ui, "lead.meeting.open", next_to_last(app.tr("meeting.open")), ButtonKind::secondary, ImVec2(0, ui.px(34)),
               form.lead().has_value())) {
        const auto& l = *form.lead();
        app.calendar().open_dialog(l.id, "", l.contact_name.empty() ? l.partner_name : l.contact_name, l.email);
    }
    // An e-mail still in the outbox: look again in a few seconds (live updates usually come first).
    form.poll_mail(ImGui::GetTime() * 1000.0);
    if (form.mail_pending()) ui.wake_in(3000);
    gap(ui, 20);
    lead_activities_block(app, ui, inner);
    lead_meetings_block(app, ui, inner);
    lead_quotations_block(app, ui, inner);
    attachments_block(app, ui, "lead", form.attachments(), inner);

    if (chatter_timeline(app, ui, look, form.messages(), form.more_messages(), form.loading_messages(), inner))
        form.load_more_messages();
    ImGui::EndGroup();
    ui.remember("lead.chatter", ImGui::GetItemRectMax().y + ui.px(22) - origin.y);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
    ImGui::Dummy(ImVec2(width, 0));
}

}  // namespace tumen::app
