// Settings › Security: sign-in failures and locks (lift a lock) and the security event log, newest first.
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

void settings_security(AppState& app, Ui& ui, float width) {
    auto& s = app.settings().security();
    if (section_header(ui, "settings.security.locks", app.tr("settings.security.locks"),
                       app.tr("settings.security.locks_about"), app.tr("settings.refresh"), width, !s.loading()))
        s.reload();
    section_messages(app, ui, "settings.security", s.banner(), s.notice(), width);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    {
        const ImVec2 top = ImGui::GetCursorScreenPos();
        float y = top.y;
        const float row_h = ui.px(54);
        const auto locks = s.locks();  // a copy: unlocking reloads the list
        for (size_t i = 0; i < locks.size(); ++i) {
            const auto& l = locks[i];
            const std::string rid = "settings.security.lock." + l.kind + "." + l.key;
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(9)));
            text(ui, rid + ".key", app.tr("settings.security.kind_" + l.kind) + ": " + l.key, ui.fonts.strong, color::text);
            if (l.locked) {
                ImGui::SameLine(0, ui.px(8));
                pill(ui, rid + ".locked", app.tr("settings.security.locked_until", {{"at", short_time(l.locked_until)}}),
                     color::danger_soft, color::danger_text);
            }
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(31)));
            text(ui, rid + ".detail",
                 app.tr("settings.security.failures", {{"count", std::to_string(l.failures)}, {"at", short_time(l.last_failure_at)}}),
                 ui.fonts.small, color::text_secondary);
            const std::string lift = app.tr("settings.security.unlock");
            ImGui::SetCursorScreenPos(ImVec2(top.x + width - pad - row_button_width(ui, lift), y + ui.px(12)));
            if (row_button(ui, rid + ".unlock", lift)) s.unlock(l);
            y += row_h;
            if (i + 1 < locks.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
        }
        if (locks.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
            text(ui, "settings.security.no_locks", app.tr(s.loading() ? "app.loading" : "settings.security.no_locks"), ui.fonts.body,
                 color::text_muted);
            y += ui.px(54);
        }
        dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
        ImGui::SetCursorScreenPos(ImVec2(top.x, y));
        gap(ui, 32);
    }
    section_header(ui, "settings.security.events", app.tr("settings.security.events"), app.tr("settings.security.events_about"),
                   "", width);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float head_h = ui.px(36), row_h = ui.px(40);
    const float c_at = top.x + pad, c_kind = c_at + ui.px(150), c_login = c_kind + ui.px(200), c_addr = c_login + ui.px(150),
                c_detail = c_addr + ui.px(130);
    dl->AddRectFilled(top, ImVec2(top.x + width, top.y + head_h), color::surface_muted, ui.px(8), ImDrawFlags_RoundCornersTop);
    auto head = [&](const char* id, const char* key, float x) {
        ImGui::SetCursorScreenPos(ImVec2(x, std::floor(top.y + (head_h - ui.fonts.small->FontSize) * 0.5f)));
        text(ui, id, app.tr(key), ui.fonts.small, color::text_secondary);
    };
    head("settings.security.col.at", "settings.security.at", c_at);
    head("settings.security.col.kind", "settings.security.kind", c_kind);
    head("settings.security.col.login", "settings.security.login", c_login);
    head("settings.security.col.addr", "settings.security.addr", c_addr);
    head("settings.security.col.detail", "settings.security.detail", c_detail);
    float y = top.y + head_h;
    for (const auto& e : s.events()) {
        const std::string rid = "settings.security.event." + std::to_string(e.id);
        const float ty = std::floor(y + (row_h - ui.fonts.small->FontSize) * 0.5f);
        const std::string kind_key = "settings.event." + e.kind;
        const std::string kind = i18n::has(app.language(), kind_key) ? app.tr(kind_key) : e.kind;
        auto cell = [&](const std::string& id, const std::string& v, float x, float w, ImU32 col) {
            dl->PushClipRect(ImVec2(x, y), ImVec2(x + w - ui.px(8), y + row_h), true);
            ImGui::SetCursorScreenPos(ImVec2(x, ty));
            text(ui, rid + "." + id, v, ui.fonts.small, col);
            dl->PopClipRect();
        };
        cell("at", short_time(e.at), c_at, c_kind - c_at, color::text_secondary);
        const bool bad = e.kind.find("fail") != std::string::npos || e.kind.find("lock") != std::string::npos;
        cell("kind", kind, c_kind, c_login - c_kind, bad ? color::danger_text : color::text);
        cell("login", e.login, c_login, c_addr - c_login, color::text);
        cell("addr", e.client_addr, c_addr, c_detail - c_addr, color::text_secondary);
        cell("detail", e.detail, c_detail, top.x + width - c_detail, color::text_secondary);
        y += row_h;
        dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (s.events().empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, "settings.security.no_events", app.tr(s.loading() ? "app.loading" : "settings.empty"), ui.fonts.body, color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(14)));
    if (s.has_more() && link(ui, "settings.security.more", app.tr("settings.load_more"), ui.fonts.strong)) s.load_more();
    ImGui::Dummy(ImVec2(width, ui.px(1)));
}

}  // namespace tumen::app
