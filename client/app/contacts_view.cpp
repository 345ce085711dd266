// The contacts list (#/contacts): title with the count, "New company" / "New contact" and the export menu; the
// search bar (full text, chips People / Companies / Archived); the table (list_table.cpp's pieces): virtual rows
// paged from the server, sortable columns, a click opens the contact; and the "New contact" dialog.
#include <algorithm>
#include <cmath>

#include "board_view.hpp"
#include "contact_view.hpp"
#include "lead_widgets.hpp"
#include "list_view.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;
using client::ContactListQuery;
using client::ListStatus;

namespace {

struct ContactsViewState {
    float scroll_y = 0;
    std::string scroll_for_query;
    std::string search;
    std::string search_for_query;
    bool search_initialised = false;
};

ContactsViewState& vs() {
    static ContactsViewState s;
    return s;
}

struct ContactColumn {
    const char* id;
    const char* label;  // i18n key
    const char* sort;   // server sort field or nullptr
    float width;        // CSS px (the name column takes the room left)
    bool right;
};
constexpr ContactColumn columns[] = {
    {"name", "contacts.col.name", "name", 280, false},
    {"email", "contacts.col.email", "email", 280, false},
    {"phone", "contacts.col.phone", nullptr, 150, false},
    {"city", "contacts.col.city", "city", 190, false},
    {"opportunities", "contacts.col.opportunities", nullptr, 170, true},
};
constexpr std::size_t column_count = sizeof columns / sizeof columns[0];

void contacts_header(AppState& app, Ui& ui, ImVec2 origin, float width) {
    auto& list = app.contacts();
    const float h = ui.px(list::header_h);
    const std::string title = app.tr("contacts.title");
    const ImVec2 ts = text_size(ui.fonts.title, title);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, std::floor(origin.y + (h - ts.y) * 0.5f)));
    text(ui, "contacts.title", title, ui.fonts.title, color::text);
    if (list.status() == ListStatus::ready) {
        const std::string n = list.total() == 1 ? app.tr("contacts.count_one")
                                                : app.tr("contacts.count", {{"count", std::to_string(list.total())}});
        const ImVec2 ns = text_size(ui.fonts.small, n);
        const ImVec2 p(origin.x + ts.x + ui.px(14), std::floor(origin.y + (h - ns.y - ui.px(8)) * 0.5f));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 q(p.x + ns.x + ui.px(20), p.y + ns.y + ui.px(8));
        dl->AddRectFilled(p, q, color::surface_muted, ui.px(99));
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(p.x + ui.px(10), p.y + ui.px(4)), color::text_secondary,
                    n.c_str());
        ui.record("contacts.count", n, "text", p, q);
    }
    // Right: Import, Export ▾, New company, New contact.
    const float bh = ui.px(38), by = std::floor(origin.y + (h - bh) * 0.5f);
    const std::string add = app.tr("contacts.new_person"), add_co = app.tr("contacts.new_company");
    const std::string exp = app.tr(list.exporting() ? "list.working" : "list.export");
    const float w_add = text_size(ui.fonts.strong, add).x + ui.px(32);
    const float w_co = text_size(ui.fonts.strong, add_co).x + ui.px(32);
    const float w_exp = text_size(ui.fonts.strong, exp).x + ui.px(32);
    float x = origin.x + width - w_add;
    ImGui::SetCursorScreenPos(ImVec2(x, by));
    if (button(ui, "contacts.new_person", add, ButtonKind::primary, ImVec2(w_add, bh))) list.open_new(false);
    x -= w_co + ui.px(8);
    ImGui::SetCursorScreenPos(ImVec2(x, by));
    if (button(ui, "contacts.new_company", add_co, ButtonKind::secondary, ImVec2(w_co, bh))) list.open_new(true);
    x -= w_exp + ui.px(8);
    ImGui::SetCursorScreenPos(ImVec2(x, by));
    if (button(ui, "contacts.export", exp, ButtonKind::secondary, ImVec2(w_exp, bh), !list.exporting()))
        ImGui::OpenPopup("contacts.export_menu");
    const std::string imp = app.tr("list.import");
    const float w_imp = text_size(ui.fonts.strong, imp).x + ui.px(32);
    ImGui::SetCursorScreenPos(ImVec2(x - w_imp - ui.px(8), by));
    if (button(ui, "contacts.import", imp, ButtonKind::secondary, ImVec2(w_imp, bh))) client::open_import_wizard(app, "contact");
    ImGui::SetNextWindowPos(ImVec2(x, by + bh + ui.px(4)));
    list::push_popup_style(ui);
    if (ImGui::BeginPopup("contacts.export_menu")) {
        for (const char* fmt : {"csv", "xlsx"}) {
            const std::string item = app.tr(std::string("list.export_") + fmt);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const ImVec2 sz(std::max(ui.px(220), text_size(ui.fonts.body, item).x + ui.px(32)), ui.px(36));
            const std::string id = std::string("contacts.export.") + fmt;
            if (ImGui::InvisibleButton(("##" + id).c_str(), sz)) {
                list.export_file(fmt);
                ImGui::CloseCurrentPopup();
            }
            ImDrawList* pdl = ImGui::GetWindowDrawList();
            if (ImGui::IsItemHovered()) pdl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), color::surface_muted, ui.px(6));
            pdl->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                         ImVec2(p.x + ui.px(12), std::floor(p.y + (sz.y - ui.fonts.body->FontSize) * 0.5f)), color::text,
                         item.c_str());
            ui.record(id, item, "button", p, ImVec2(p.x + sz.x, p.y + sz.y));
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    list::pop_popup_style();
}

void contacts_search_bar(AppState& app, Ui& ui, ImVec2 origin, float width) {
    auto& list = app.contacts();
    auto& v = vs();
    const ContactListQuery& q = list.query();
    const float h = ui.px(list::toolbar_h);
    if (!v.search_initialised || v.search_for_query != app.route().query) {
        v.search = q.text;
        v.search_for_query = app.route().query;
        v.search_initialised = true;
    }
    const float search_w = std::clamp(width * 0.3f, ui.px(240), ui.px(400));
    const ImVec2 sp(origin.x, std::floor(origin.y + (h - ui.px(38)) * 0.5f));
    ImGui::SetCursorScreenPos(sp);
    if (board::field(ui, "contacts.search", app.tr("contacts.search_hint"), v.search, search_w, false, 36)) {
        ContactListQuery nq = q;
        nq.text = v.search;
        list.apply(nq);
    }
    // A magnifier in the field.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c(sp.x + ui.px(18), sp.y + ui.px(19));
    const float r = ui.px(7);
    dl->AddCircle(ImVec2(c.x - r * 0.2f, c.y - r * 0.2f), r * 0.7f, color::text_muted, 20, ui.px(1.6f));
    dl->AddLine(ImVec2(c.x + r * 0.3f, c.y + r * 0.3f), ImVec2(c.x + r, c.y + r), color::text_muted, ui.px(1.6f));

    struct ChipDef {
        const char* id;
        bool on;
        bool ContactListQuery::*member;
    };
    const ChipDef chips[] = {{"contacts.chip.people", q.people, &ContactListQuery::people},
                             {"contacts.chip.companies", q.companies, &ContactListQuery::companies},
                             {"contacts.chip.archived", q.archived, &ContactListQuery::archived}};
    float x = sp.x + search_w + ui.px(16);
    const float cy = std::floor(origin.y + (h - ui.px(32)) * 0.5f);
    for (const auto& ch : chips) {
        const std::string label = app.tr(ch.id);
        ImGui::SetCursorScreenPos(ImVec2(x, cy));
        if (list::chip(ui, ch.id, label, ch.on)) {
            ContactListQuery nq = q;
            nq.*ch.member = !ch.on;
            // People and Companies exclude each other.
            if (nq.people && ch.member == &ContactListQuery::people) nq.companies = false;
            if (nq.companies && ch.member == &ContactListQuery::companies) nq.people = false;
            list.apply(nq);
        }
        x += list::chip_width(ui, label) + ui.px(8);
    }
    if (q.any_filter()) {
        ContactListQuery cleared;
        cleared.sort_field = q.sort_field;
        cleared.sort_desc = q.sort_desc;
        const std::string label = app.tr("list.clear_filters");
        const float bw = text_size(ui.fonts.strong, label).x + ui.px(24);
        ImGui::SetCursorScreenPos(ImVec2(x, cy));
        if (button(ui, "contacts.clear_filters", label, ButtonKind::ghost, ImVec2(bw, ui.px(32)))) {
            v.search.clear();
            list.apply(cleared);
        }
    }
}

// The company mark before a company's name: a small building.
void building_icon(ImDrawList* dl, Ui& ui, ImVec2 c, ImU32 col) {
    const float w = ui.px(5), h = ui.px(7);
    dl->AddRect(ImVec2(c.x - w, c.y - h), ImVec2(c.x + w, c.y + h), col, ui.px(1.5f), 0, ui.px(1.4f));
    for (int i = 0; i < 2; ++i)
        for (int k = 0; k < 2; ++k)
            dl->AddRectFilled(ImVec2(c.x - ui.px(3) + k * ui.px(4), c.y - ui.px(4) + i * ui.px(4)),
                              ImVec2(c.x - ui.px(1) + k * ui.px(4), c.y - ui.px(2) + i * ui.px(4)), col);
}

void table(AppState& app, Ui& ui, float x0, float x1, float top, float bottom) {
    auto& list = app.contacts();
    auto& v = vs();
    ImGuiIO& io = ImGui::GetIO();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float rh = ui.px(list::row_h);
    const auto n = static_cast<std::size_t>(std::max<std::int64_t>(0, list.total()));
    bottom = std::min(bottom, top + ui.px(list::table_head_h) + static_cast<float>(n) * rh + ui.px(8));
    card_background(ui, dl, ImVec2(x0, top), ImVec2(x1, bottom), ui.px(12));
    const float head_top = top, rows_top = top + ui.px(list::table_head_h), rows_bottom = bottom - ui.px(4);
    const float scroll_room = ui.px(12);
    float widths[column_count];
    float total_w = 0;
    for (std::size_t i = 0; i < column_count; ++i) total_w += widths[i] = ui.px(columns[i].width);
    const float avail = x1 - x0 - scroll_room;
    if (total_w < avail) widths[0] += avail - total_w;
    else {
        // Narrow windows: every column gives up its share.
        for (auto& w : widths) w = std::floor(w * avail / total_w);
    }
    const float view_h = rows_bottom - rows_top;
    const float content_h = static_cast<float>(n) * rh;
    if (io.MousePos.x >= x0 && io.MousePos.x < x1 && io.MousePos.y >= top && io.MousePos.y < bottom &&
        ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
        v.scroll_y -= io.MouseWheel * rh * 3;
    // The keyboard's row (Up/Down, j/k; Enter opens it): scrolled into view when it moves.
    if (list.take_keys(app.keyboard())) {
        const float fy = static_cast<float>(std::max(0, list.focused())) * rh;
        if (fy < v.scroll_y) v.scroll_y = fy;
        else if (fy + rh > v.scroll_y + view_h) v.scroll_y = fy + rh - view_h;
    }
    v.scroll_y = std::clamp(v.scroll_y, 0.0f, std::max(0.0f, content_h - view_h));

    const std::size_t first = static_cast<std::size_t>(v.scroll_y / rh);
    const std::size_t last = n == 0 ? 0 : std::min(n - 1, static_cast<std::size_t>((v.scroll_y + view_h) / rh));
    if (n > 0) list.want_rows(last + 1);
    const ImVec2 c0(x0, rows_top), c1(x1 - scroll_room, rows_bottom);
    ImGui::PushClipRect(c0, c1, true);
    const auto& rows = list.rows();
    for (std::size_t i = first; n > 0 && i <= last; ++i) {
        const float y = rows_top + static_cast<float>(i) * rh - v.scroll_y;
        if (i >= rows.size()) {
            float x = x0;
            for (std::size_t k = 0; k < column_count; ++k) {
                const float bw = std::min(widths[k] - ui.px(24), ui.px(k == 0 ? 160 : 80));
                dl->AddRectFilled(ImVec2(x + ui.px(12), y + rh * 0.5f - ui.px(5)), ImVec2(x + ui.px(12) + bw, y + rh * 0.5f + ui.px(5)),
                                  color::skeleton, ui.px(5));
                x += widths[k];
            }
            continue;
        }
        const auto& r = rows[i];
        const std::string rid = "contacts.row." + std::to_string(r.id);
        ImVec2 a(x0, std::max(y, rows_top)), b(x1 - scroll_room, std::min(y + rh, rows_bottom));
        bool hv = false;
        if (b.y - a.y >= 1) {
            ImGui::SetCursorScreenPos(a);
            if (ImGui::InvisibleButton(("##" + rid).c_str(), ImVec2(b.x - a.x, b.y - a.y))) app.navigate(Route::contact(r.id));
            hv = ImGui::IsItemHovered();
            if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        }
        if (hv) dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + rh), color::row_hover);
        else if (i % 2) dl->AddRectFilled(ImVec2(x0, y), ImVec2(x1, y + rh), color::zebra);
        dl->AddLine(ImVec2(x0, y + rh - ui.px(1)), ImVec2(x1, y + rh - ui.px(1)), color::border, ui.px(1));
        const std::string name = list.display_name(r);
        float x = x0;
        for (std::size_t k = 0; k < column_count; ++k) {
            const float w = widths[k];
            const ImVec2 min(x, y);
            const std::string_view id = columns[k].id;
            if (id == "name") {
                const float icon_w = ui.px(26);
                if (r.is_company) building_icon(dl, ui, ImVec2(x + ui.px(20), y + rh * 0.5f), color::text_secondary);
                else avatar(ui, dl, ImVec2(x + ui.px(20), y + rh * 0.5f), ui.px(10), r.id, r.name);
                list::table_cell_text(ui, dl, ui.fonts.strong, ImVec2(x + icon_w, y), w - icon_w, rh, name,
                                      r.active ? color::text : color::text_muted);
            } else if (id == "email") {
                list::table_cell_text(ui, dl, ui.fonts.body, min, w, rh, r.email, color::primary);
            } else if (id == "phone") {
                list::table_cell_text(ui, dl, ui.fonts.body, min, w, rh, r.phone, color::text_secondary);
            } else if (id == "city") {
                const std::string place = r.city.empty() ? r.country : r.country.empty() ? r.city : r.city + ", " + r.country;
                list::table_cell_text(ui, dl, ui.fonts.body, min, w, rh, place, color::text_secondary);
            } else if (id == "opportunities" && r.opportunities > 0) {
                list::table_cell_text(ui, dl, ui.fonts.strong, min, w, rh, std::to_string(r.opportunities), color::text, true);
            }
            x += w;
        }
        if (static_cast<int>(i) == list.focused()) {
            dl->AddRect(ImVec2(x0 + ui.px(1), y + ui.px(1)), ImVec2(x1 - ui.px(1), y + rh - ui.px(1)), color::primary,
                        ui.px(4), 0, ui.px(2));
            if (b.y - a.y >= 1) ui.record("contacts.focused", name, "focus", a, b, std::to_string(r.id));
        }
        if (b.y - a.y >= 1) ui.record(rid, name, "row", a, b);
    }
    ImGui::PopClipRect();

    // Header: sortable labels.
    dl->AddRectFilled(ImVec2(x0, head_top), ImVec2(x1, rows_top), color::table_head, ui.px(12),
                      ImDrawFlags_RoundCornersTop);
    dl->AddLine(ImVec2(x0, rows_top - ui.px(1)), ImVec2(x1, rows_top - ui.px(1)), color::border, ui.px(1));
    const auto& q = list.query();
    float x = x0;
    for (std::size_t k = 0; k < column_count; ++k) {
        const ContactColumn& c = columns[k];
        const float w = widths[k];
        const std::string label = app.tr(c.label);
        const std::string id = std::string("contacts.head.") + c.id;
        const bool sorted = c.sort && q.sort_field == c.sort;
        ImGui::SetCursorScreenPos(ImVec2(x, head_top));
        bool hv = false;
        if (c.sort) {
            if (ImGui::InvisibleButton(("##" + id).c_str(), ImVec2(w, rows_top - head_top))) list.sort_by(c.sort);
            hv = ImGui::IsItemHovered();
            if (hv) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        }
        const float fs = ui.px(13);
        const std::string shown = list::clip_text(ui.fonts.strong, fs, label, w - ui.px(40));
        const ImVec2 ts = ui.fonts.strong->CalcTextSizeA(fs, FLT_MAX, 0, shown.c_str());
        const float tx = c.right ? x + w - ui.px(12) - ts.x - (c.sort ? ui.px(16) : 0) : x + ui.px(12);
        const float ty = std::floor(head_top + (rows_top - head_top - ts.y) * 0.5f);
        dl->AddText(ui.fonts.strong, fs, ImVec2(std::floor(tx), ty), sorted ? color::primary : hv ? color::text : color::text_secondary,
                    shown.c_str());
        if (sorted || hv) {
            const ImVec2 ac(tx + ts.x + ui.px(9), head_top + (rows_top - head_top) * 0.5f);
            const float s = ui.px(4);
            const ImU32 col = sorted ? color::primary : color::text_muted;
            if (sorted && q.sort_desc)
                dl->AddTriangleFilled(ImVec2(ac.x - s, ac.y - s * 0.5f), ImVec2(ac.x + s, ac.y - s * 0.5f), ImVec2(ac.x, ac.y + s * 0.7f), col);
            else
                dl->AddTriangleFilled(ImVec2(ac.x - s, ac.y + s * 0.5f), ImVec2(ac.x + s, ac.y + s * 0.5f), ImVec2(ac.x, ac.y - s * 0.7f), col);
        }
        ui.record(id, label, c.sort ? "button" : "text", ImVec2(x, head_top), ImVec2(x + w, rows_top),
                  sorted ? (q.sort_desc ? "desc" : "asc") : "");
        x += w;
    }
    list::table_scrollbar(ui, dl, "##contacts.vscroll", true, rows_top + ui.px(4), rows_bottom - ui.px(4), x1 - ui.px(11),
                          view_h, content_h, v.scroll_y);
}

}  // namespace

void new_contact_dialog(AppState& app, Ui& ui) {
    auto& list = app.contacts();
    auto& d = list.new_dialog();
    if (d.open && !ImGui::IsPopupOpen("contacts.new")) ImGui::OpenPopup("contacts.new");
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui.px(24, 20));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui.px(14));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, ds.y * 0.35f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(480), ds.x - ui.px(32)), 0));
    if (ImGui::BeginPopupModal("contacts.new", nullptr,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        const float w = ImGui::GetContentRegionAvail().x;
        text(ui, "contacts.new.title", app.tr(d.is_company ? "contacts.new_company" : "contacts.new_person"), ui.fonts.strong,
             color::text);
        gap(ui, 14);
        FieldOptions o;
        o.width = w;
        const std::string err = d.error.render(app.language());
        o.error = err;
        o.focus = ImGui::IsWindowAppearing();
        const std::string hint = app.tr(d.is_company ? "contacts.new.company_hint" : "contacts.new.person_hint");
        o.hint = hint;  // a view: the text must outlive the call
        if (form_field(ui, "contacts.new.name", app.tr("contact.field.name"), d.name, o)) d.error = {};
        if (!d.is_company) {
            gap(ui, 12);
            text(ui, "contacts.new.parent_label", app.tr("contact.field.parent_id"), ui.fonts.small, color::text_secondary);
            gap(ui, 6);
            if (d.parent_id) {
                text(ui, "contacts.new.parent", d.parent_name, ui.fonts.strong, color::text);
                ImGui::SameLine(0, ui.px(12));
                if (link(ui, "contacts.new.parent_clear", app.tr("contact.parent_clear"), ui.fonts.small)) d.parent_id.reset();
            } else if (auto hit = contact_search_field(app, ui, "contacts.new.parent", d.company, w)) {
                d.parent_id = hit->id;
                d.parent_name = hit->name;
            }
        }
        gap(ui, 18);
        const std::string submit = app.tr(d.busy ? "list.working" : "contacts.new.create"), cancel = app.tr("list.cancel");
        const float sw = text_size(ui.fonts.strong, submit).x + ui.px(32), cw = text_size(ui.fonts.strong, cancel).x + ui.px(32);
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + w - sw - cw - ui.px(8));
        if (button(ui, "contacts.new.cancel", cancel, ButtonKind::secondary, ImVec2(cw, ui.px(38))) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            list.close_new();
            ImGui::CloseCurrentPopup();
        }
        ImGui::SameLine(0, ui.px(8));
        if (button(ui, "contacts.new.create", submit, ButtonKind::primary, ImVec2(sw, ui.px(38)), !d.busy) ||
            (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && !d.busy))
            list.submit_new();
        if (!list.new_dialog().open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar(3);
}

void draw_contacts(AppState& app, Ui& ui) {
    auto& list = app.contacts();
    auto& v = vs();
    static int last_frame = -10;
    const bool entering = ImGui::GetFrameCount() > last_frame + 1;
    last_frame = ImGui::GetFrameCount();
    list.sync(app.route());
    if (entering && list.status() == ListStatus::ready) list.reload();  // a contact may have changed meanwhile
    if (v.scroll_for_query != app.route().query) {
        v.scroll_for_query = app.route().query;
        v.scroll_y = 0;
    }
    const float bar_h = top_bar(app, ui);
    ui.title = app.tr("app.name") + " — " + app.tr("contacts.title");
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float pad = display.x < ui.px(900) ? ui.px(16) : ui.px(32);
    const float width = display.x - 2 * pad;
    float y = bar_h + ui.px(4);
    contacts_header(app, ui, ImVec2(pad, y), width);
    y += ui.px(list::header_h);
    contacts_search_bar(app, ui, ImVec2(pad, y), width);
    y += ui.px(list::toolbar_h) + ui.px(8);
    const std::string err = app.banner().render(app.language());
    const std::string note = list.notice().render(app.language());
    if (!err.empty() || !note.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(pad, y));
        if (!err.empty()) alert(ui, "app.error", err, width);
        else text(ui, "contacts.notice", note, ui.fonts.body, color::text_secondary);
        y = ImGui::GetItemRectMax().y + ui.px(12);
    }
    ImGui::SetCursorScreenPos(ImVec2(pad, y + ui.px(24)));
    if (list.status() == ListStatus::loading && list.rows().empty()) {
        text(ui, "contacts.loading", app.tr("list.loading"), ui.fonts.body, color::text_secondary);
    } else if (list.status() == ListStatus::failed) {
        if (button(ui, "contacts.retry", app.tr("list.retry"), ButtonKind::secondary, ImVec2(0, ui.px(38)))) list.reload();
    } else if (list.status() == ListStatus::ready && list.rows().empty()) {
        text(ui, "contacts.empty", app.tr("contacts.empty"), ui.fonts.body, color::text_secondary);
    } else {
        table(app, ui, pad, pad + width, y, display.y - ui.px(16));
    }
    new_contact_dialog(app, ui);
}

}  // namespace tumen::app
