// The calendar (#/calendar): day / week / month of the user's meetings and open activities. Times come from the
// server already in the user's zone; the hour grid places them, overlapping ones side by side (shared layout_day).
// Drag a meeting to move it (15-minute steps, across days in the week view), drag its bottom edge to resize; the
// drop PATCHes the new local times and the item snaps back with a message when the server refuses. A click opens
// the details popup (link to the lead, cancel).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "lead_view.hpp"
#include "lead_widgets.hpp"
#include "settings_view.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;
using client::CalendarItem;
using client::CalendarMode;

namespace {

constexpr int snap_step_s = 15 * 60;
constexpr const char* details_popup = "##calendar.details";

struct Drag {
    std::int64_t id = 0;
    bool resize = false;
    bool moved = false;
    float press_y = 0, press_x = 0;
    int from_s = 0, to_s = 0;  // the item's times at the press
    DayNumber day = 0;
};

struct ViewMemory {
    float scroll = -1;  // device px of the hour grid scrolled away (-1 = not set yet: start at 08:00)
    Drag drag;
};

ViewMemory& memory() {
    static ViewMemory m;
    return m;
}

std::string hhmm(int s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", s / 3600 % 24, s / 60 % 60);
    return buf;
}

std::string weekday_key(DayNumber d) {
    static const char* keys[] = {"calendar.mon", "calendar.tue", "calendar.wed", "calendar.thu",
                                 "calendar.fri", "calendar.sat", "calendar.sun"};
    return keys[iso_weekday(d) - 1];
}

std::string range_title(AppState& app, const client::CalendarState& cal) {
    if (cal.mode() == CalendarMode::month) {
        const CivilDate m = civil_from_days(cal.anchor());
        return app.tr("calendar.month_" + std::to_string(m.month)) + " " + std::to_string(m.year);
    }
    if (cal.mode() == CalendarMode::day) return app.tr(weekday_key(cal.anchor())) + ", " + format_date(cal.anchor());
    return format_date(cal.first_day()) + " – " + format_date(cal.last_day());
}

ImU32 item_fill(const CalendarItem& it) { return it.kind == "activity" ? color::amber_soft : color::primary_soft; }
ImU32 item_edge(const CalendarItem& it) { return it.kind == "activity" ? lead_color::warning : color::primary; }

std::string item_id(const CalendarItem& it) { return "calendar.item." + it.kind + "." + std::to_string(it.id); }

// A filled block with a coloured left edge and clipped text.
void draw_block(Ui& ui, ImDrawList* dl, ImVec2 a, ImVec2 b, const CalendarItem& it, const std::string& line2, bool ghost) {
    const float r = ui.px(5);
    dl->AddRectFilled(a, b, ghost ? with_alpha(item_fill(it), 0xB0) : item_fill(it), r);
    dl->AddRectFilled(a, ImVec2(a.x + ui.px(3), b.y), item_edge(it), r, ImDrawFlags_RoundCornersLeft);
    if (ghost) dl->AddRect(a, b, color::primary, r, 0, ui.px(1.5f));
    dl->PushClipRect(a, b, true);
    const ImVec2 t(a.x + ui.px(7), a.y + ui.px(3));
    dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, t, color::text, it.title.c_str());
    if (!line2.empty() && b.y - a.y > ui.px(30))
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(t.x, t.y + ui.fonts.small->FontSize + ui.px(1)),
                    color::text_secondary, line2.c_str());
    dl->PopClipRect();
}

void calendar_toolbar(AppState& app, Ui& ui, float x, float y, float width) {
    auto& cal = app.calendar();
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    text(ui, "calendar.title", range_title(app, cal), ui.fonts.title, color::text);
    const float h = ui.px(34);
    float bx = x;
    const float row_y = y + ui.px(40);
    auto btn = [&](const char* id, const std::string& label, ButtonKind kind) {
        ImGui::SetCursorScreenPos(ImVec2(bx, row_y));
        const bool clicked = button(ui, id, label, kind, ImVec2(0, h));
        bx = ImGui::GetItemRectMax().x + ui.px(8);
        return clicked;
    };
    if (btn("calendar.prev", "<", ButtonKind::secondary)) cal.previous();
    if (btn("calendar.today", app.tr("calendar.today"), ButtonKind::secondary)) cal.go_today();
    if (btn("calendar.next", ">", ButtonKind::secondary)) cal.next();
    std::vector<Choice> modes = {{"day", ""}, {"week", ""}, {"month", ""}};
    const std::string l_day = app.tr("calendar.day"), l_week = app.tr("calendar.week"), l_month = app.tr("calendar.month");
    modes[0].label = l_day;
    modes[1].label = l_week;
    modes[2].label = l_month;
    int selected = static_cast<int>(cal.mode());
    const float sw = segmented_width(ui, modes);
    ImGui::SetCursorScreenPos(ImVec2(std::max(bx + ui.px(16), x + width - sw - ui.px(150)), row_y));
    if (segmented(ui, "calendar.mode", modes, selected)) cal.set_mode(static_cast<CalendarMode>(selected));
    const std::string add = app.tr("calendar.new_meeting");
    const float aw = text_size(ui.fonts.strong, add).x + ui.px(32);
    ImGui::SetCursorScreenPos(ImVec2(x + width - aw, row_y));
    if (button(ui, "calendar.new", add, ButtonKind::primary, ImVec2(aw, h))) cal.open_dialog(0, "", "", "");
}

void details(AppState& app, Ui& ui) {
    auto& cal = app.calendar();
    const CalendarItem* it = cal.selected();
    if (!it) {
        if (ImGui::IsPopupOpen(details_popup) && ImGui::BeginPopup(details_popup)) {
            ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        return;
    }
    if (!ImGui::IsPopupOpen(details_popup)) ImGui::OpenPopup(details_popup);
    ImGui::SetNextWindowSize(ImVec2(ui.px(360), 0));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ui.px(18), ui.px(14)));
    const bool open = ImGui::BeginPopup(details_popup);
    ImGui::PopStyleVar();
    if (!open) {
        cal.clear_selection();  // closed by a click outside
        return;
    }
    const float w = ui.px(324);
    text(ui, "calendar.details.title", it->title, ui.fonts.strong, color::text, w);
    gap(ui, 4);
    std::string when = it->all_day ? format_date(it->start_date) + (it->end_date != it->start_date ? " – " + format_date(it->end_date) : "")
                                   : format_date(it->start.day) + " " + hhmm(it->start.seconds) + " – " + hhmm(it->end.seconds);
    text(ui, "calendar.details.when", when, ui.fonts.body, color::text_secondary);
    if (!it->location.empty()) text(ui, "calendar.details.location", it->location, ui.fonts.body, color::text_secondary, w);
    if (!it->attendee_names.empty()) {
        std::string names;
        for (const auto& n : it->attendee_names) names += (names.empty() ? "" : ", ") + n;
        paragraph(ui, "calendar.details.attendees", app.tr("calendar.attendees_line", {{"names", names}}), ui.fonts.small,
                  color::text_secondary, w);
    }
    if (!it->description.empty()) paragraph(ui, "calendar.details.description", it->description, ui.fonts.small, color::text, w);
    gap(ui, 10);
    if (it->lead_id && link(ui, "calendar.details.lead", it->lead_name.empty() ? app.tr("calendar.open_lead") : it->lead_name, ui.fonts.body)) {
        const auto lead = *it->lead_id;
        cal.clear_selection();
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        app.navigate(Route::lead(lead));
        return;
    }
    if (it->kind == "meeting") {
        gap(ui, 8);
        if (button(ui, "calendar.details.cancel", app.tr("calendar.cancel_meeting"), ButtonKind::secondary, ImVec2(0, ui.px(32)))) {
            cal.cancel_selected();
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine(0, ui.px(8));
    }
    if (button(ui, "calendar.details.close", app.tr("calendar.close"), ButtonKind::ghost, ImVec2(0, ui.px(32)))) {
        cal.clear_selection();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// Day and week: all-day strip on top, then the scrolling hour grid.
void time_grid(AppState& app, Ui& ui, float x, float y, float width, float bottom) {
    auto& cal = app.calendar();
    auto& mem = memory();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int days = cal.mode() == CalendarMode::day ? 1 : 7;
    const DayNumber first = cal.first_day();
    const float gutter = ui.px(56);
    const float col_w = std::floor((width - gutter) / days);
    const float hour_h = ui.px(44);
    card_background(ui, dl, ImVec2(x, y), ImVec2(x + width, bottom), ui.px(10));

    // Day headers.
    const float head_h = ui.px(34);
    for (int i = 0; i < days; ++i) {
        const DayNumber d = first + i;
        const float cx = x + gutter + i * col_w;
        const bool today = cal.is_today(d, std::time(nullptr));
        const std::string label = app.tr(weekday_key(d)) + " " + std::to_string(civil_from_days(d).day);
        const ImVec2 ts = text_size(ui.fonts.strong, label);
        const ImVec2 tp(cx + (col_w - ts.x) * 0.5f, y + (head_h - ts.y) * 0.5f);
        if (today) dl->AddRectFilled(ImVec2(tp.x - ui.px(8), tp.y - ui.px(3)), ImVec2(tp.x + ts.x + ui.px(8), tp.y + ts.y + ui.px(3)),
                                     color::primary_soft, ui.px(12));
        dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, tp, today ? color::primary : color::text, label.c_str());
        ui.record("calendar.day." + format_date(d), label, "text", ImVec2(cx, y), ImVec2(cx + col_w, y + head_h), format_date(d));
    }
    float top = y + head_h;

    // All-day strip: one row per item of the busiest day.
    size_t rows = 0;
    for (int i = 0; i < days; ++i) rows = std::max(rows, cal.all_day_on(first + i).size());
    const float row_h = ui.px(22);
    const float strip_h = rows ? rows * (row_h + ui.px(2)) + ui.px(6) : 0;
    for (int i = 0; i < days; ++i) {
        const auto list = cal.all_day_on(first + i);
        for (size_t r = 0; r < list.size(); ++r) {
            const CalendarItem& it = *list[r];
            const ImVec2 a(x + gutter + i * col_w + ui.px(2), top + ui.px(3) + r * (row_h + ui.px(2)));
            const ImVec2 b(a.x + col_w - ui.px(4), a.y + row_h);
            draw_block(ui, dl, a, b, it, "", false);
            ImGui::SetCursorScreenPos(a);
            const std::string id = item_id(it) + "." + format_date(first + i);
            ImGui::InvisibleButton(id.c_str(), ImVec2(b.x - a.x, b.y - a.y));
            ui.record(item_id(it), it.title, "event", a, b);
            if (ImGui::IsItemClicked()) cal.select(it.id, it.kind);
        }
    }
    top += strip_h;
    dl->AddLine(ImVec2(x, top), ImVec2(x + width, top), color::border, ui.px(1));

    // The hour grid, scrolled with the wheel.
    const float view_h = std::max(ui.px(120), bottom - top - ui.px(2));
    const float content_h = 24 * hour_h;
    const float max_scroll = std::max(0.0f, content_h - view_h);
    if (mem.scroll < 0) mem.scroll = std::min(max_scroll, 8 * hour_h);
    const ImVec2 grid_a(x, top), grid_b(x + width, top + view_h);
    if (ImGui::IsMouseHoveringRect(grid_a, grid_b) && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId))
        mem.scroll -= ImGui::GetIO().MouseWheel * hour_h;
    mem.scroll = std::clamp(mem.scroll, 0.0f, max_scroll);
    const float origin = top - mem.scroll;  // y of 00:00
    auto y_of = [&](int s) { return origin + s / 3600.0f * hour_h; };

    dl->PushClipRect(grid_a, grid_b, true);
    for (int h = 0; h <= 24; ++h) {
        const float ly = y_of(h * 3600);
        dl->AddLine(ImVec2(x + gutter, ly), ImVec2(x + width, ly), color::border, ui.px(1));
        if (h < 24 && ly >= top - hour_h && ly <= top + view_h) {
            const std::string label = hhmm(h * 3600);
            dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(x + ui.px(10), ly + ui.px(2)), color::text_muted, label.c_str());
            if (ly >= top && ly < top + view_h)
                ui.record("calendar.hour." + std::to_string(h), label, "text", ImVec2(x, ly), ImVec2(x + gutter, ly + hour_h));
        }
    }
    for (int i = 0; i <= days; ++i) {
        const float lx = x + gutter + i * col_w;
        dl->AddLine(ImVec2(lx, top), ImVec2(lx, top + view_h), color::border, ui.px(1));
    }
    dl->PopClipRect();

    // Items.
    auto& drag = mem.drag;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    auto day_at = [&](float px) {
        const int i = std::clamp(static_cast<int>(std::floor((px - x - gutter) / col_w)), 0, days - 1);
        return first + i;
    };
    for (int i = 0; i < days; ++i) {
        const DayNumber d = first + i;
        const float cx = x + gutter + i * col_w;
        for (const auto& p : cal.timed_on(d)) {
            const CalendarItem& it = *p.item;
            const float slot_w = (col_w - ui.px(6)) / p.slot.columns;
            ImVec2 a(cx + ui.px(3) + p.slot.column * slot_w, y_of(p.from_s) + ui.px(1));
            ImVec2 b(a.x + slot_w - ui.px(2), std::max(y_of(p.to_s) - ui.px(1), a.y + ui.px(16)));
            const bool dragging = drag.id == it.id && it.kind == "meeting" && drag.moved;
            // Clip to the visible grid.
            const ImVec2 ca(a.x, std::max(a.y, top)), cb(b.x, std::min(b.y, top + view_h));
            if (cb.y <= ca.y) continue;
            dl->PushClipRect(grid_a, grid_b, true);
            draw_block(ui, dl, a, b, it, hhmm(p.from_s) + " – " + hhmm(p.to_s), false);
            if (dragging) dl->AddRectFilled(a, b, with_alpha(color::surface, 0x90), ui.px(5));
            dl->PopClipRect();
            ImGui::SetCursorScreenPos(ca);
            const std::string wid = item_id(it) + "." + format_date(d);
            ImGui::InvisibleButton(wid.c_str(), ImVec2(cb.x - ca.x, cb.y - ca.y));
            ui.record(item_id(it), it.title, "event", ca, cb, format_local_datetime(it.start.day, it.start.seconds));
            const bool edge = it.kind == "meeting" && mouse.y >= b.y - ui.px(7) && b.y <= top + view_h;
            if (ImGui::IsItemHovered() && it.kind == "meeting")
                ImGui::SetMouseCursor(edge ? ImGuiMouseCursor_ResizeNS : ImGuiMouseCursor_Hand);
            if (ImGui::IsItemActivated() && it.kind == "meeting" && !cal.moving()) {
                drag = {};
                drag.id = it.id;
                drag.resize = edge;
                drag.press_x = mouse.x;
                drag.press_y = mouse.y;
                drag.from_s = it.start.day == d ? it.start.seconds : 0;
                drag.to_s = drag.from_s + static_cast<int>((it.end.day - it.start.day) * 86400LL + it.end.seconds - it.start.seconds);
                drag.day = it.start.day;
            }
            if (ImGui::IsItemClicked() && it.kind != "meeting") cal.select(it.id, it.kind);
        }
    }

    // The dragged meeting: a ghost at the snapped new place; the drop PATCHes.
    if (drag.id) {
        const float dy = mouse.y - drag.press_y, dx = mouse.x - drag.press_x;
        if (std::fabs(dy) > ui.px(4) || std::fabs(dx) > ui.px(4)) drag.moved = true;
        const int delta = static_cast<int>(dy / hour_h * 3600.0f);
        int from = drag.from_s, to = drag.to_s;
        DayNumber day = drag.day;
        if (drag.resize) {
            to = std::max(from + snap_step_s, snap_seconds(drag.to_s + delta, snap_step_s));
        } else {
            const int len = drag.to_s - drag.from_s;
            from = std::clamp(snap_seconds(drag.from_s + delta, snap_step_s), 0, 86400 - snap_step_s);
            to = from + len;
            day = day_at(mouse.x);
            if (days == 1) day = drag.day;
        }
        to = std::min(to, 86400 + 86400 - 1);
        const CalendarItem* it = nullptr;
        for (const auto& x2 : cal.items())
            if (x2.kind == "meeting" && x2.id == drag.id) it = &x2;
        if (drag.moved && it) {
            const int i = static_cast<int>(day - first);
            const float cx = x + gutter + i * col_w;
            dl->PushClipRect(grid_a, grid_b, true);
            draw_block(ui, dl, ImVec2(cx + ui.px(3), y_of(from)), ImVec2(cx + col_w - ui.px(3), y_of(std::min(to, 86400))), *it,
                       hhmm(from) + " – " + hhmm(to), true);
            dl->PopClipRect();
            ImGui::SetMouseCursor(drag.resize ? ImGuiMouseCursor_ResizeNS : ImGuiMouseCursor_ResizeAll);
        }
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            const Drag done = drag;
            drag = {};
            if (!done.moved) cal.select(done.id, "meeting");
            else cal.move(done.id, day, from, to);
        }
    }

    // Now: a red line across today, by the clock of the calendar's zone (UTC + the server's offset), so a browser
    // running in another zone draws it where the user's meetings are.
    const auto now = cal.local_now(std::time(nullptr));
    if (now && now->day >= first && now->day < first + days) {
        const float ly = y_of(now->seconds - now->seconds % 60);
        if (ly >= top && ly <= top + view_h) {
            const float cx = x + gutter + static_cast<float>(now->day - first) * col_w;
            dl->AddLine(ImVec2(cx, ly), ImVec2(cx + col_w, ly), color::danger, ui.px(2));
            dl->AddCircleFilled(ImVec2(cx, ly), ui.px(4), color::danger);
            char hhmm[8];
            std::snprintf(hhmm, sizeof hhmm, "%02d:%02d", now->seconds / 3600, now->seconds / 60 % 60);
            ui.record("calendar.now", hhmm, "line", ImVec2(cx, ly - ui.px(1)), ImVec2(cx + col_w, ly + ui.px(1)), format_date(now->day));
        }
    }
    ui.record("calendar.grid", "", "grid", grid_a, grid_b, std::to_string(hour_h / ui.dpr));
}

void month_grid(AppState& app, Ui& ui, float x, float y, float width, float bottom) {
    auto& cal = app.calendar();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    card_background(ui, dl, ImVec2(x, y), ImVec2(x + width, bottom), ui.px(10));
    const DayNumber first = cal.first_day();
    const int weeks = static_cast<int>((cal.last_day() - first + 1) / 7);
    const float head_h = ui.px(28);
    const float col_w = width / 7, row_h = (bottom - y - head_h) / std::max(weeks, 1);
    for (int i = 0; i < 7; ++i) {
        const std::string label = app.tr(weekday_key(first + i));
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(x + i * col_w + ui.px(8), y + ui.px(7)), color::text_muted, label.c_str());
    }
    const int month = civil_from_days(cal.anchor()).month;
    for (int w = 0; w < weeks; ++w)
        for (int i = 0; i < 7; ++i) {
            const DayNumber d = first + w * 7 + i;
            const ImVec2 a(x + i * col_w, y + head_h + w * row_h), b(a.x + col_w, a.y + row_h);
            dl->AddRect(a, b, color::border, 0, 0, ui.px(1));
            const CivilDate c = civil_from_days(d);
            const bool today = cal.is_today(d, std::time(nullptr));
            const std::string num = std::to_string(c.day);
            dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(a.x + ui.px(8), a.y + ui.px(5)),
                        today ? color::primary : c.month == month ? color::text : color::text_muted, num.c_str());
            ui.record("calendar.day." + format_date(d), num, "text", a, b, format_date(d));
            float iy = a.y + ui.px(26);
            std::vector<const CalendarItem*> list = cal.all_day_on(d);
            for (const auto& p : cal.timed_on(d)) list.push_back(p.item);
            int shown = 0;
            for (const CalendarItem* it : list) {
                if (iy + ui.px(20) > b.y) {
                    const std::string more = app.tr("calendar.more", {{"count", std::to_string(list.size() - shown)}});
                    dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(a.x + ui.px(8), iy), color::text_muted, more.c_str());
                    break;
                }
                const ImVec2 ia(a.x + ui.px(4), iy), ib(b.x - ui.px(4), iy + ui.px(19));
                const std::string line = it->all_day ? it->title : hhmm(it->start.seconds) + " " + it->title;
                CalendarItem shown_item = *it;
                shown_item.title = line;
                draw_block(ui, dl, ia, ib, shown_item, "", false);
                ImGui::SetCursorScreenPos(ia);
                ImGui::InvisibleButton((item_id(*it) + "." + format_date(d)).c_str(), ImVec2(ib.x - ia.x, ib.y - ia.y));
                ui.record(item_id(*it), it->title, "event", ia, ib);
                if (ImGui::IsItemClicked()) cal.select(it->id, it->kind);
                iy += ui.px(21);
                ++shown;
            }
        }
}

}  // namespace

void draw_calendar(AppState& app, Ui& ui) {
    auto& cal = app.calendar();
    // Coming back from another view (a meeting scheduled on a lead, ...): read the range again.
    static int last_frame = -10;
    const bool entering = ImGui::GetFrameCount() > last_frame + 1;
    last_frame = ImGui::GetFrameCount();
    if (entering && cal.has_today()) cal.reload();
    cal.show();
    const float bar_h = top_bar(app, ui);
    ui.title = app.tr("app.name") + " — " + app.tr("calendar.title");
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float pad = display.x < ui.px(900) ? ui.px(16) : ui.px(32);
    const float width = display.x - 2 * pad;
    float y = bar_h + ui.px(12);
    calendar_toolbar(app, ui, pad, y, width);
    y += ui.px(86);
    if (!cal.banner().empty()) {
        ImGui::SetCursorScreenPos(ImVec2(pad, y));
        alert(ui, "calendar.error", cal.banner().render(app.language()), width);
        y = ImGui::GetItemRectMax().y + ui.px(10);
    }
    const float bottom = display.y - ui.px(16);
    if (cal.mode() == CalendarMode::month) month_grid(app, ui, pad, y, width, bottom);
    else time_grid(app, ui, pad, y, width, bottom);
    details(app, ui);
    meeting_dialog(app, ui);
}

}  // namespace tumen::app
