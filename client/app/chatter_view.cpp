// The chatter's drawing, shared by the lead and contact forms (chatter_view.hpp).
#include "chatter_view.hpp"

#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "lead_widgets.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

// One or two capital letters of a name for the avatar ("Өлзий Бат" -> "ӨБ").
std::string initials(const std::string& name) {
    std::string out;
    bool at_word = true;
    int taken = 0;
    for (size_t i = 0; i < name.size() && taken < 2;) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        if (c == ' ') at_word = true;
        else if (at_word) {
            out += name.substr(i, len);
            ++taken;
            at_word = false;
        }
        i += len;
    }
    return out;
}

ImU32 avatar_color(std::int64_t key) {
    static const ImU32 colors[] = {IM_COL32(0x25, 0x63, 0xEB, 0xFF), IM_COL32(0x7C, 0x3A, 0xED, 0xFF),
                                   IM_COL32(0x05, 0x96, 0x69, 0xFF), IM_COL32(0xD9, 0x77, 0x06, 0xFF),
                                   IM_COL32(0xDB, 0x27, 0x77, 0xFF), IM_COL32(0x08, 0x91, 0xB2, 0xFF)};
    return colors[static_cast<size_t>((key < 0 ? -key : key) % 6)];
}

void message_item(AppState& app, Ui& ui, const ChatterLook& look, const ChatterMessage& m, float width) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float av = ui.px(34), gapx = ui.px(12);
    const std::string author = look.author(m);
    const ImVec2 c(p.x + av * 0.5f, p.y + av * 0.5f);
    dl->AddCircleFilled(c, av * 0.5f, m.author_id ? avatar_color(*m.author_id) : color::border_hover, 32);
    const std::string ini = initials(author);
    const ImVec2 is = text_size(ui.fonts.strong, ini);
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(std::floor(c.x - is.x * 0.5f), std::floor(c.y - is.y * 0.5f)),
                color::on_primary, ini.c_str());

    const float tx = p.x + av + gapx, tw = width - av - gapx;
    const std::string id = look.id + ".message." + std::to_string(m.id);
    ImGui::SetCursorScreenPos(ImVec2(tx, p.y));
    ImGui::BeginGroup();
    text(ui, id + ".author", author, ui.fonts.strong, color::text);
    ImGui::SameLine(0, ui.px(8));
    const std::string when = local_time_text(m.date);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::floor((ui.fonts.strong->FontSize - ui.fonts.small->FontSize) * 0.6f));
    text(ui, id + ".date", when, ui.fonts.small, color::text_muted);
    const client::MailStatus* mail = m.kind == MessageKind::email && look.mail ? look.mail(m.id) : nullptr;
    if (mail) {
        ImGui::SameLine(0, ui.px(8));
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(3));
        mail_badge(app, ui, id, *mail);
    }
    const client::SmsStatus* sms = m.kind == MessageKind::sms && look.sms ? look.sms(m.id) : nullptr;
    if (sms) {
        ImGui::SameLine(0, ui.px(8));
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ui.px(3));
        sms_badge(app, ui, id, *sms);
    }
    ImGui::Dummy(ImVec2(0, ui.px(4)));
    if (mail) {
        mail_details(app, ui, id, *mail, tw);
        gap(ui, 4);
    }
    if (sms) {
        sms_details(app, ui, id, *sms, tw);
        gap(ui, 4);
    }
    if (!m.body.empty() || !m.subject.empty()) {
        const std::string body = m.subject.empty() ? m.body : m.subject + "\n" + m.body;
        paragraph(ui, id + ".body", body, ui.fonts.body, color::text, tw);
    }
    for (size_t i = 0; i < m.tracking_values.size(); ++i) {
        const auto& t = m.tracking_values[i];
        const std::string key = look.field_key + t.field;
        const std::string label = i18n::has(app.language(), key) ? app.tr(key) : t.field;
        const std::string line = look.value_text(t.field, t.old_value) + "  →  " +
                                 look.value_text(t.field, t.new_value);
        const ImVec2 lp = ImGui::GetCursorScreenPos();
        // a small bullet, the field name, then old → new
        dl->AddCircleFilled(ImVec2(lp.x + ui.px(3), lp.y + ui.fonts.body->FontSize * 0.7f), ui.px(2.5f), color::border_hover, 8);
        ImGui::SetCursorScreenPos(ImVec2(lp.x + ui.px(12), lp.y));
        text(ui, id + ".field." + std::to_string(i), label + ":", ui.fonts.small, color::text_secondary);
        ImGui::SameLine(0, ui.px(6));
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - std::floor((ui.fonts.body->FontSize - ui.fonts.small->FontSize) * 0.5f));
        text(ui, id + ".change." + std::to_string(i), line, ui.fonts.body, color::text);
        ImGui::Dummy(ImVec2(0, ui.px(2)));
    }
    ImGui::EndGroup();
    const float bottom = std::max(ImGui::GetItemRectMax().y, p.y + av);
    ImGui::SetCursorScreenPos(ImVec2(p.x, bottom));
    ImGui::Dummy(ImVec2(width, 0));
}
}  // namespace

bool chatter_composer(AppState& app, Ui& ui, const ChatterLook& look, std::string& note, const client::Message& error,
                      bool posting, float width) {
    FieldOptions o;
    o.width = width;
    o.multiline_height = ui.px(84);
    const std::string err = error.render(app.language());
    o.error = err;
    form_field(ui, look.id + ".note", "", note, o);
    if (note.empty()) {
        // InputTextMultiline has no hint in 1.86: draw it in the empty field.
        const ImVec2 fmin = ImGui::GetItemRectMin();
        ImGui::GetWindowDrawList()->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(fmin.x + ui.px(11), fmin.y + ui.px(9)),
                                            color::text_muted, app.tr("lead.chatter.note_hint").c_str());
    }
    gap(ui, 10);
    const std::string post = app.tr(posting ? "lead.chatter.posting" : "lead.chatter.post");
    return button(ui, look.id + ".note.post", post, ButtonKind::primary, ImVec2(0, ui.px(34)), !posting);
}

bool chatter_timeline(AppState& app, Ui& ui, const ChatterLook& look, const std::vector<ChatterMessage>& messages,
                      bool more, bool loading, float width) {
    if (messages.empty())
        text(ui, look.id + ".chatter.empty", app.tr(loading ? "app.loading" : "lead.chatter.empty"), ui.fonts.body,
             color::text_muted);
    for (size_t i = 0; i < messages.size(); ++i) {
        if (i > 0) {
            const ImVec2 lp = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddLine(ImVec2(lp.x, lp.y + ui.px(12)), ImVec2(lp.x + width, lp.y + ui.px(12)),
                                                color::border, ui.px(1));
            gap(ui, 25);
        }
        message_item(app, ui, look, messages[i], width);
    }
    if (!more) return false;
    gap(ui, 16);
    return link(ui, look.id + ".chatter.more", app.tr(loading ? "app.loading" : "lead.chatter.more"), ui.fonts.body);
}

}  // namespace tumen::app
