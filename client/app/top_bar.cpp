// The app shell's top bar: brand, the main navigation, the language switch and the user menu (sign out).
#include <algorithm>
#include <cmath>

#include "state/top_bar_plan.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

namespace {

struct NavItem {
    const char* id;
    const char* key;
    View view;
};

constexpr NavItem nav_items[] = {
    {"nav.pipeline", "nav.pipeline", View::pipeline},
    {"nav.leads", "nav.leads", View::leads},
    {"nav.contacts", "nav.contacts", View::contacts},
    {"nav.calendar", "nav.calendar", View::calendar},
    {"nav.activities", "nav.activities", View::activities},
    {"nav.quotations", "nav.quotations", View::quotations},
    {"nav.reporting", "nav.reporting", View::dashboard},
    {"nav.settings", "nav.settings", View::settings},
};

bool nav_active(const NavItem& item, View current) {
    if (item.view == View::pipeline) return current == View::pipeline || current == View::lead;
    if (item.view == View::contacts) return current == View::contacts || current == View::contact;
    if (item.view == View::quotations) return current == View::quotations || current == View::quotation;
    if (item.view == View::dashboard) return current == View::dashboard || current == View::analysis;
    return item.view == current;
}

Route nav_route(View v) {
    switch (v) {
        case View::leads: return Route::leads();
        case View::contacts: return Route::contacts();
        case View::settings: return Route::settings();
        case View::calendar: return Route::calendar();
        case View::activities: return Route::activities();
        case View::quotations: return Route::quotations();
        case View::dashboard: return Route::dashboard();
        default: return Route::pipeline();
    }
}

}  // namespace

std::string initials(std::string_view name) {
    // First letter of the first two words (UTF-8 aware: a letter is its lead byte and continuation bytes).
    std::string out;
    bool word_start = true;
    for (size_t i = 0; i < name.size() && out.size() < 8;) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        if (i + len > name.size()) break;
        const bool space = c == ' ' || c == '-' || c == '.';
        if (space) word_start = true;
        else if (word_start) {
            out.append(name.substr(i, len));
            word_start = false;
            if (out.size() >= 2 && std::count_if(out.begin(), out.end(), [](char ch) {
                                        return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
                                    }) == 2)
                break;
        }
        i += len;
    }
    // Upper-case ASCII letters; Cyrillic names are written with capitals already.
    for (char& ch : out)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    return out;
}

ImU32 avatar_color(std::int64_t id) {
    static constexpr ImU32 palette[] = {
        IM_COL32(0x63, 0x66, 0xF1, 0xFF), IM_COL32(0x0E, 0xA5, 0xE9, 0xFF), IM_COL32(0x10, 0xB9, 0x81, 0xFF),
        IM_COL32(0xF5, 0x9E, 0x0B, 0xFF), IM_COL32(0xEC, 0x48, 0x99, 0xFF), IM_COL32(0x8B, 0x5C, 0xF6, 0xFF),
        IM_COL32(0x14, 0xB8, 0xA6, 0xFF), IM_COL32(0xEF, 0x44, 0x44, 0xFF),
    };
    return palette[static_cast<size_t>(id < 0 ? -id : id) % std::size(palette)];
}

void avatar(Ui& ui, ImDrawList* dl, ImVec2 centre, float radius, std::int64_t id, std::string_view name) {
    dl->AddCircleFilled(centre, radius, avatar_color(id), 32);
    const std::string ini = initials(name);
    ImFont* f = ui.fonts.strong;
    const float fs = std::round(radius * 0.95f);
    const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, ini.c_str());
    dl->AddText(f, fs, ImVec2(std::floor(centre.x - ts.x * 0.5f), std::floor(centre.y - ts.y * 0.5f)), color::on_primary,
                ini.c_str());
}

void chevron_down(ImDrawList* dl, ImVec2 centre, float size, ImU32 col) {
    const float h = size * 0.5f;
    dl->AddTriangleFilled(ImVec2(centre.x - h, centre.y - h * 0.5f), ImVec2(centre.x + h, centre.y - h * 0.5f),
                          ImVec2(centre.x, centre.y + h * 0.5f), col);
}

// One view tab (in the bar): the soft pill of the open view, hover, the label. Returns whether it was clicked.
bool nav_tab(Ui& ui, ImDrawList* dl, const char* id, const std::string& label, bool active, ImVec2 pos, ImVec2 size) {
    ImGui::SetCursorScreenPos(pos);
    const bool clicked = ImGui::InvisibleButton((std::string("##") + id).c_str(), size);
    const bool hovered = ImGui::IsItemHovered();
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    const ImVec2 max(pos.x + size.x, pos.y + size.y);
    if (active) dl->AddRectFilled(pos, max, color::primary_soft, ui.px(8));
    else if (hovered) dl->AddRectFilled(pos, max, color::surface_muted, ui.px(8));
    const ImVec2 ts = text_size(ui.fonts.strong, label);
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize,
                ImVec2(std::floor(pos.x + ui.px(12)), std::floor(pos.y + (size.y - ts.y) * 0.5f)),
                active ? color::primary : hovered ? color::text : color::text_secondary, label.c_str());
    ui.record(id, label, "button", pos, max, active ? "active" : "");
    return clicked;
}

float top_bar(AppState& app, Ui& ui) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetIO().DisplaySize.x;
    const float h = ui.px(56);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + w, origin.y + h), color::surface);
    dl->AddLine(ImVec2(origin.x, origin.y + h - ui.px(1) * 0.5f), ImVec2(origin.x + w, origin.y + h - ui.px(1) * 0.5f),
                color::border, ui.px(1));
    const float pad = w < ui.px(640) ? ui.px(12) : ui.px(24);
    auto centre_y = [&](float item_h) { return std::floor(origin.y + (h - item_h) * 0.5f); };
    const View current = app.route().view;
    const auto& s = app.session();
    const bool busy = app.logging_out();

    // Measure every item (with the gap after it), then let client/state/top_bar_plan decide what fits.
    const float mark = ui.px(28);
    const std::string brand = app.tr("app.name");
    std::vector<std::string> labels;
    client::TopBarWidths m;
    m.bar = w - 2 * pad;
    m.mark = mark + ui.px(18);
    m.brand_name = text_size(ui.fonts.strong, brand).x + ui.px(16);
    for (const auto& item : nav_items) {
        labels.push_back(app.tr(item.key));
        m.tabs.push_back(text_size(ui.fonts.strong, labels.back()).x + ui.px(24) + ui.px(4));
        if (nav_active(item, current)) m.active = static_cast<int>(m.tabs.size()) - 1;
    }
    const std::string more_label = app.tr("nav.more");
    const float more_w = text_size(ui.fonts.strong, more_label).x + ui.px(24) + ui.px(16);
    m.more = more_w + ui.px(4);
    const float av = ui.px(32);
    m.user = s ? av + ui.px(26) + ui.px(16) : 0;
    m.user_name = s ? text_size(ui.fonts.body, s->user.name).x + ui.px(10) : 0;
    const bool reconnecting = app.live().status() == client::LiveStatus::reconnecting;
    const std::string live_label = app.tr("live.reconnecting");
    const float live_w = text_size(ui.fonts.small, live_label).x + ui.px(30);
    m.live = reconnecting ? live_w + ui.px(12) : 0;
    std::vector<Choice> langs;
    for (auto lang : i18n::all_languages) langs.push_back({i18n::code(lang), i18n::native_name(lang)});
    const float lang_w = segmented_width(ui, langs);
    m.lang = lang_w + ui.px(8);
    const client::TopBarPlan plan = client::plan_top_bar(m);

    // brand
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, centre_y(mark)));
    logo(ui, mark);
    float x = origin.x + pad + m.mark;
    if (plan.brand_name) {
        ImGui::SetCursorScreenPos(ImVec2(x - ui.px(8), centre_y(ui.fonts.strong->FontSize)));
        text(ui, "app.name", brand, ui.fonts.strong, color::text);
        x += m.brand_name;
    }

    // navigation tabs: the ones planned in the bar, then "More ▾" with the rest
    auto go = [&](View v) {
        Route r = nav_route(v);
        // The pipeline tab keeps the board's team and search.
        if (v == View::pipeline && current != View::pipeline) r = app.board().route_for(app.board().query());
        app.navigate(r);
    };
    bool active_in_more = false;
    for (std::size_t i = 0; i < std::size(nav_items); ++i) {
        const auto& item = nav_items[i];
        if (!plan.tab_shown[i]) {
            active_in_more = active_in_more || static_cast<int>(i) == m.active;
            continue;
        }
        const ImVec2 size(m.tabs[i] - ui.px(4), ui.px(36));
        if (nav_tab(ui, dl, item.id, labels[i], nav_active(item, current), ImVec2(x, centre_y(size.y)), size))
            go(item.view);
        x += m.tabs[i];
    }
    if (plan.more) {
        const ImVec2 size(more_w, ui.px(36));
        const ImVec2 pos(x, centre_y(size.y));
        const bool open = ImGui::IsPopupOpen("nav_more_menu");
        if (nav_tab(ui, dl, "nav.more", more_label, active_in_more || open, pos, size)) ImGui::OpenPopup("nav_more_menu");
        chevron_down(dl, ImVec2(pos.x + size.x - ui.px(16), pos.y + size.y * 0.5f), ui.px(8),
                     active_in_more || open ? color::primary : color::text_secondary);
        ImGui::SetNextWindowPos(ImVec2(pos.x, pos.y + size.y + ui.px(6)));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui.px(8, 8));
        ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, ui.px(10));
        ImGui::PushStyleVar(ImGuiStyleVar_PopupBorderSize, ui.px(1));
        ImGui::PushStyleColor(ImGuiCol_Border, color::border);
        if (ImGui::BeginPopup("nav_more_menu")) {
            float menu_w = ui.px(180);
            for (std::size_t i = 0; i < std::size(nav_items); ++i)
                if (!plan.tab_shown[i]) menu_w = std::max(menu_w, m.tabs[i] + ui.px(8));
            for (std::size_t i = 0; i < std::size(nav_items); ++i) {
                if (plan.tab_shown[i]) continue;
                const auto& item = nav_items[i];
                if (nav_tab(ui, ImGui::GetWindowDrawList(), item.id, labels[i], nav_active(item, current),
                            ImGui::GetCursorScreenPos(), ImVec2(menu_w, ui.px(36)))) {
                    go(item.view);
                    ImGui::CloseCurrentPopup();
                }
            }
            if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        ImGui::PopStyleColor();
        ImGui::PopStyleVar(3);
    }

    // right side: user menu, then the language switch
    float right = origin.x + w - pad;
    if (s) {
        const bool show_name = plan.user_name;
        const float name_w = show_name ? text_size(ui.fonts.body, s->user.name).x + ui.px(10) : 0;
        const ImVec2 size(av + name_w + ui.px(26), ui.px(40));
        const ImVec2 pos(right - size.x, centre_y(size.y));
        ImGui::SetCursorScreenPos(pos);
        if (ImGui::InvisibleButton("##nav.user", size)) ImGui::OpenPopup("user_menu");
        const bool hovered = ImGui::IsItemHovered();
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const ImVec2 max(pos.x + size.x, pos.y + size.y);
        if (hovered || ImGui::IsPopupOpen("user_menu")) dl->AddRectFilled(pos, max, color::surface_muted, ui.px(20));
        avatar(ui, dl, ImVec2(pos.x + ui.px(4) + av * 0.5f, pos.y + size.y * 0.5f), av * 0.5f, s->user.id, s->user.name);
        if (show_name)
            dl->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                        ImVec2(pos.x + ui.px(4) + av + ui.px(10), centre_y(ui.fonts.body->FontSize)), color::text,
                        s->user.name.c_str());
        chevron_down(dl, ImVec2(max.x - ui.px(13), pos.y + size.y * 0.5f), ui.px(8), color::text_secondary);
        ui.record("nav.user", s->user.name, "button", pos, max);
        right = pos.x - ui.px(16);

        ImGui::SetNextWindowPos(ImVec2(max.x, max.y + ui.px(6)), ImGuiCond_Always, ImVec2(1, 0));
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui.px(8, 8));
        ImGui::PushStyleVar(ImGuiStyleVar_PopupRounding, ui.px(10));
        ImGui::PushStyleVar(ImGuiStyleVar_PopupBorderSize, ui.px(1));
        ImGui::PushStyleColor(ImGuiCol_Border, color::border);
        if (ImGui::BeginPopup("user_menu")) {
            const float menu_w = ui.px(240);
            ImGui::Dummy(ImVec2(menu_w, ui.px(4)));
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui.px(8));
            text(ui, "nav.user.name", s->user.name, ui.fonts.strong, color::text);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ui.px(8));
            text(ui, "nav.user.login", app.tr("nav.signed_in_as", {{"login", s->user.login}}), ui.fonts.small,
                 color::text_secondary);
            ImGui::Dummy(ImVec2(0, ui.px(10)));
            // The quick switch picks the other theme outright (Settings > My account also offers "System").
            const bool dark = app.dark_theme();
            if (button(ui, "nav.user.theme", app.tr(dark ? "top.theme_light" : "top.theme_dark"), ButtonKind::ghost,
                       ImVec2(menu_w, ui.px(36)))) {
                app.set_theme(dark ? client::ThemeChoice::light : client::ThemeChoice::dark);
                ImGui::CloseCurrentPopup();
            }
            ImGui::Dummy(ImVec2(0, ui.px(6)));
            const std::string out_label = app.tr(busy ? "session.signing_out" : "session.logout");
            if (button(ui, "session.logout", out_label, ButtonKind::secondary, ImVec2(menu_w, ui.px(36)), !busy)) {
                app.logout();
                ImGui::CloseCurrentPopup();
            }
            ImGui::EndPopup();
        }
        ImGui::PopStyleColor();
        ImGui::PopStyleVar(3);
    }

    // The live-update stream broke and is being reopened: what the user sees may be behind (client/state/live_updates).
    if (plan.live) {
        const ImVec2 ts = text_size(ui.fonts.small, live_label);
        const ImVec2 size(live_w, ui.px(26));
        const ImVec2 pos(right - size.x, centre_y(size.y));
        const ImVec2 max(pos.x + size.x, pos.y + size.y);
        dl->AddRectFilled(pos, max, color::amber_soft, size.y * 0.5f);
        dl->AddCircleFilled(ImVec2(pos.x + ui.px(12), pos.y + size.y * 0.5f), ui.px(4), color::amber);
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize,
                    ImVec2(pos.x + ui.px(22), std::floor(pos.y + (size.y - ts.y) * 0.5f)), color::amber_text,
                    live_label.c_str());
        ui.record("live.reconnecting", live_label, "text", pos, max);
        right = pos.x - ui.px(12);
    }

    if (plan.lang) {
        ImGui::SetCursorScreenPos(ImVec2(right - lang_w, centre_y(ui.px(30))));
        language_switch(app, ui);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + h));
    return h;
}

}  // namespace tumen::app
