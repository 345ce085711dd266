#include "attachments_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "lead_view.hpp"
#include "lead_widgets.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

std::string file_size_text(AppState& app, std::size_t bytes) {
    if (bytes < (std::size_t{1} << 20))
        return app.tr("import.size.kb", {{"n", std::to_string(std::max<std::size_t>(1, (bytes + 1023) / 1024))}});
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(bytes) / (1 << 20));
    return app.tr("import.size.mb", {{"n", buf}});
}

void attachments_block(AppState& app, Ui& ui, const std::string& id, client::AttachmentShelf& shelf, float width) {
    // The file whose Remove was clicked, per block: the row asks before anything is deleted.
    static std::map<std::string, std::int64_t> confirming;
    std::int64_t& asking = confirming[id];

    const std::string count = shelf.items().empty() ? "" : " (" + std::to_string(shelf.items().size()) + ")";
    const ImVec2 top = ImGui::GetCursorScreenPos();
    // "Attach file" sits at the title's right end; the title's underline stops short of it.
    const std::string attach = app.tr("attachments.attach");
    const float bw = text_size(ui.fonts.strong, attach).x + ui.px(28);
    section_title(ui, id + ".attachments.title", app.tr("attachments.title") + count, std::max(ui.px(40), width - bw - ui.px(12)));
    const ImVec2 after_title = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(top.x + width - bw, top.y - ui.px(6)));
    if (button(ui, id + ".attachments.attach", attach, ButtonKind::secondary, ImVec2(bw, ui.px(30)), shelf.uploading().empty()))
        shelf.attach();
    ImGui::SetCursorScreenPos(after_title);

    if (!shelf.error().empty()) {
        alert(ui, id + ".attachments.error", shelf.error().render(app.language()), width);
        gap(ui, 8);
    }
    if (!shelf.uploading().empty()) {
        text(ui, id + ".attachments.uploading", app.tr("attachments.uploading", {{"name", shelf.uploading()}}), ui.fonts.body,
             color::text_secondary);
        gap(ui, 6);
    }
    if (shelf.items().empty() && shelf.uploading().empty() && shelf.loaded())
        text(ui, id + ".attachments.none", app.tr("attachments.none"), ui.fonts.body, color::text_muted);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const auto& a : shelf.items()) {
        const std::string rid = id + ".attachment." + std::to_string(a.id);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const float rh = ui.px(34);
        if (asking == a.id) {
            // The row turns into the question: "Remove report.pdf?" [Remove] [Cancel].
            const std::string q = app.tr("attachments.confirm_delete", {{"name", a.name}});
            const std::string yes = app.tr("attachments.delete"), no = app.tr("fav.cancel");
            const float yw = text_size(ui.fonts.strong, yes).x + ui.px(24), nw = text_size(ui.fonts.strong, no).x + ui.px(24);
            dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(p.x, std::floor(p.y + (rh - ui.fonts.body->FontSize) * 0.5f)),
                        color::danger, fit_text(ui.fonts.body, q, width - yw - nw - ui.px(20)).c_str());
            ImGui::SetCursorScreenPos(ImVec2(p.x + width - yw - nw - ui.px(8), p.y + ui.px(2)));
            if (button(ui, rid + ".confirm", yes, ButtonKind::primary, ImVec2(yw, ui.px(30)))) {
                shelf.remove(a.id);
                asking = 0;
            }
            ImGui::SameLine(0, ui.px(8));
            if (button(ui, rid + ".cancel", no, ButtonKind::ghost, ImVec2(nw, ui.px(30)))) asking = 0;
            ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + rh));
            ImGui::Dummy(ImVec2(width, 0));
            continue;
        }
        const std::string note = file_size_text(app, static_cast<std::size_t>(std::max<std::int64_t>(0, a.size))) +
                                 (a.create_date ? " · " + local_time_text(a.create_date) : "");
        const float note_w = text_size(ui.fonts.small, note).x;
        const float del_w = ui.px(28);
        const float name_room = std::max(ui.px(60), width - note_w - del_w - ui.px(24));
        ImGui::SetCursorScreenPos(ImVec2(p.x, std::floor(p.y + (rh - ui.fonts.body->FontSize) * 0.5f)));
        if (link(ui, rid, fit_text(ui.fonts.body, a.name, name_room), ui.fonts.body)) shelf.download(a.id);
        // The whole name, which the row may have cut short.
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("attachments.download", {{"name", a.name}}).c_str());
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize,
                    ImVec2(p.x + width - del_w - ui.px(8) - note_w, std::floor(p.y + (rh - ui.fonts.small->FontSize) * 0.5f)),
                    color::text_muted, note.c_str());
        ImGui::SetCursorScreenPos(ImVec2(p.x + width - del_w, p.y + ui.px(3)));
        if (button(ui, rid + ".delete", "×", ButtonKind::ghost, ImVec2(del_w, ui.px(28)))) asking = a.id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", app.tr("attachments.delete").c_str());
        dl->AddLine(ImVec2(p.x, p.y + rh), ImVec2(p.x + width, p.y + rh), color::border, ui.px(1));
        ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + rh + ui.px(1)));
        ImGui::Dummy(ImVec2(width, 0));
    }
    gap(ui, 14);
}

}  // namespace tumen::app
