// The generic table editor of the settings lists (client::SettingsTable): a header row, one row per record with
// Edit / Delete (and ↑ ↓ for stages, Members for teams), the row being edited turned into fields with the
// server's errors under them, an "add" row on top, and a confirmation before deleting. Stages, teams with their
// members, lost reasons, tags, contact types and the three UTM lists are all drawn by it.
#include <algorithm>
#include <cmath>
#include <functional>

#include "settings_view.hpp"
#include "state/command_palette.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;
using client::ColumnKind;
using client::SettingsTable;
using client::TableColumn;
using client::TableRow;

namespace {

struct RowAction {
    std::string id;     // "members"
    std::string label;
    std::function<void(std::int64_t)> run;
};

struct TableOptions {
    bool editable = true;
    std::vector<RowAction> actions;  // extra buttons before Edit / Delete
    std::int64_t highlighted = 0;    // a row drawn as selected (the team whose members are shown)
    std::string none_team;           // label of "no team" (stages: "All teams")
};

float settings_lists_column_width(Ui& ui, const TableColumn& c, bool first) {
    if (first) return 0;  // the flexible one
    switch (c.kind) {
        case ColumnKind::text: return ui.px(150);
        case ColumnKind::team: return ui.px(170);
        case ColumnKind::user: return ui.px(180);
        case ColumnKind::percent: return ui.px(104);
        case ColumnKind::count: return ui.px(104);
        case ColumnKind::flag: return ui.px(88);
        case ColumnKind::color: return ui.px(84);
        case ColumnKind::choice: return ui.px(c.detail.empty() ? 128 : 210);
        case ColumnKind::row: return ui.px(128);
        case ColumnKind::rows: return ui.px(210);
    }
    return ui.px(100);
}

std::vector<PickItem> settings_lists_picks(const std::vector<client::PickOption>& list) {
    std::vector<PickItem> out;
    for (const auto& p : list) out.push_back({p.id, p.name});
    return out;
}

void check_mark(Ui& ui, ImVec2 c) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(c, ui.px(9), lead_color::success_soft, 20);
    const float s = ui.px(2.2f);
    const ImVec2 tick[3] = {ImVec2(c.x - s * 1.6f, c.y), ImVec2(c.x - s * 0.3f, c.y + s * 1.3f), ImVec2(c.x + s * 1.8f, c.y - s * 1.4f)};
    dl->AddPolyline(tick, 3, lead_color::success, 0, ui.px(1.8f));
}

// The names of other rows ("2,3" -> "E-mail, Meeting"); activity types are the only table with row links.
std::string row_names(AppState& app, const std::string& ids) {
    std::string out;
    for (const auto id : client::picked_ids(ids)) {
        const TableRow* r = app.settings().table("activity_types").row(id);
        out += (out.empty() ? "" : ", ") + (r ? r->text("name") : "#" + std::to_string(id));
    }
    return out;
}

// The value of a cell as the user reads it.
std::string shown_value(AppState& app, const TableRow& row, const TableColumn& c, const TableOptions& opt) {
    auto& st = app.settings();
    const std::string v = row.text(c.field);
    if (c.kind == ColumnKind::choice && !v.empty())
        for (const auto& [value, field] : c.detail)
            if (value == v) {
                const std::string more = row_names(app, row.text(field));
                if (!more.empty()) return app.tr(c.label_key + "." + v) + ": " + more;
            }
    switch (c.kind) {
        case ColumnKind::team: return v.empty() ? opt.none_team : st.team_name(std::atoll(v.c_str()));
        case ColumnKind::user: return v.empty() ? "—" : st.person_name(std::atoll(v.c_str()));
        case ColumnKind::percent: return v.empty() ? "—" : v + " %";
        case ColumnKind::count: return v.empty() || v == "0" ? "—" : v;
        case ColumnKind::choice: return v.empty() ? "—" : app.tr(c.label_key + "." + v);
        case ColumnKind::row:
        case ColumnKind::rows: return v.empty() ? "—" : row_names(app, v);
        default: return v;
    }
}

// One cell of a row that is not being edited, vertically centred in `h`.
void display_cell(AppState& app, Ui& ui, const std::string& id, const TableRow& row, const TableColumn& c, ImVec2 p,
                  float w, float h, const TableOptions& opt, bool first) {
    const bool archived = row.record.is_object() && row.record.contains("active") && row.record["active"] == false;
    const std::string v = row.text(c.field);
    if (c.kind == ColumnKind::flag) {
        const ImVec2 centre(p.x + ui.px(10), std::floor(p.y + h * 0.5f));
        if (v == "true") check_mark(ui, centre);
        else ImGui::GetWindowDrawList()->AddLine(ImVec2(centre.x - ui.px(5), centre.y), ImVec2(centre.x + ui.px(5), centre.y),
                                                 color::text_muted, ui.px(1.5f));
        ui.record(id, v == "true" ? "✓" : "—", "text", ImVec2(p.x, p.y), ImVec2(p.x + ui.px(20), p.y + h), v);
        return;
    }
    if (c.kind == ColumnKind::color) {
        color_dot(ui, ImVec2(p.x + ui.px(11), std::floor(p.y + h * 0.5f)), ui.px(9), std::atoi(v.c_str()));
        ui.record(id, v, "text", p, ImVec2(p.x + ui.px(22), p.y + h), v);
        return;
    }
    ImFont* f = first ? ui.fonts.strong : ui.fonts.body;
    const std::string s = fit_text(f, shown_value(app, row, c, opt), w - ui.px(10));
    const ImU32 col = archived ? color::text_muted : first ? color::text : (s == "—" ? color::text_muted : color::text_secondary);
    const ImVec2 ts = text_size(f, s);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 tp(p.x, std::floor(p.y + (h - ts.y) * 0.5f));
    dl->PushClipRect(p, ImVec2(p.x + w - ui.px(8), p.y + h), true);
    dl->AddText(f, f->FontSize, tp, col, s.c_str());
    dl->PopClipRect();
    ui.record(id, s, "text", tp, ImVec2(tp.x + std::min(ts.x, w), tp.y + ts.y), v);
    if (first && archived) {
        ImGui::SetCursorScreenPos(ImVec2(std::min(tp.x + ts.x + ui.px(10), p.x + w - ui.px(90)), std::floor(p.y + (h - ui.px(22)) * 0.5f)));
        pill(ui, id + ".archived", app.tr("settings.archived"), color::surface_muted, color::text_secondary);
    }
}

// One cell of the row being edited (or added); returns its bottom.
float edit_cell(AppState& app, Ui& ui, SettingsTable& t, client::Draft& d, const std::string& id, const TableColumn& c,
                ImVec2 p, float w, bool focus, const TableOptions& opt) {
    auto& st = app.settings();
    ImGui::SetCursorScreenPos(p);
    ImGui::BeginGroup();
    const client::Message* err = t.error(c.field);
    const std::string err_text = err ? err->render(app.language()) : std::string();
    FieldOptions fo;
    fo.width = w - ui.px(12);
    fo.error = err_text;
    fo.label_above = false;
    fo.focus = focus;
    std::string& v = d[c.field];
    switch (c.kind) {
        case ColumnKind::text:
        case ColumnKind::percent:
        case ColumnKind::count: {
            const std::string hint = c.kind == ColumnKind::text ? app.tr(c.label_key) : std::string();
            fo.hint = hint;
            form_field(ui, id, "", v, fo);
            break;
        }
        case ColumnKind::team:
        case ColumnKind::user: {
            std::optional<std::int64_t> sel;
            if (!v.empty()) sel = std::atoll(v.c_str());
            const auto items = settings_lists_picks(c.kind == ColumnKind::team ? st.teams() : st.people());
            const std::string none = c.kind == ColumnKind::team ? opt.none_team : c.editable ? std::string("—") : std::string();
            const std::string hint = app.tr("settings.choose");
            fo.hint = hint;
            if (form_picker(ui, id, "", items, sel, none, fo)) v = sel ? std::to_string(*sel) : std::string();
            break;
        }
        case ColumnKind::flag: {
            bool on = v == "true";
            ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + ui.px(9)));
            if (checkbox(ui, id, "", on)) v = on ? "true" : "false";
            break;
        }
        case ColumnKind::color: color_picker(ui, id, v); break;
        case ColumnKind::choice: {
            std::vector<PickItem> items;
            std::optional<std::int64_t> sel;
            for (std::size_t i = 0; i < c.choices.size(); ++i) {
                items.push_back({static_cast<std::int64_t>(i) + 1, app.tr(c.label_key + "." + c.choices[i])});
                if (c.choices[i] == v) sel = static_cast<std::int64_t>(i) + 1;
            }
            if (form_picker(ui, id, "", items, sel, "", fo) && sel) v = c.choices[static_cast<std::size_t>(*sel - 1)];
            break;
        }
        case ColumnKind::row: {
            std::optional<std::int64_t> sel;
            if (!v.empty()) sel = std::atoll(v.c_str());
            std::vector<PickItem> items;
            for (const auto& r : t.rows())
                if (r.id() != t.editing() && (r.record.value("active", true) || sel == r.id()))  // not itself
                    items.push_back({r.id(), r.text("name")});
            if (form_picker(ui, id, "", items, sel, "—", fo)) v = sel ? std::to_string(*sel) : std::string();
            break;
        }
        case ColumnKind::rows: {
            // One checkbox per other row, wrapped at the width given.
            const float right = p.x + w;
            float x = p.x, y = p.y + ui.px(6);
            for (const auto& r : t.rows()) {
                const bool on_before = client::is_picked(v, r.id());
                if (r.id() == t.editing() || (!r.record.value("active", true) && !on_before)) continue;
                const std::string name = r.text("name");
                const float cw = ui.px(18) + ui.px(10) + text_size(ui.fonts.body, name).x;
                if (x > p.x && x + cw > right) {
                    x = p.x;
                    y += ui.px(30);
                }
                ImGui::SetCursorScreenPos(ImVec2(x, y));
                bool on = on_before;
                if (checkbox(ui, id + "." + std::to_string(r.id()), name, on)) v = client::toggle_picked(v, r.id());
                x += cw + ui.px(18);
            }
            ImGui::SetCursorScreenPos(ImVec2(p.x, y));
            ImGui::Dummy(ImVec2(ui.px(1), ui.px(28)));  // the group's height even with nothing to pick
            if (!err_text.empty()) text(ui, id + ".error", err_text, ui.fonts.small, color::danger_text);
            break;
        }
    }
    ImGui::EndGroup();
    return ImGui::GetItemRectMax().y;
}

void draw_table(AppState& app, Ui& ui, SettingsTable& t, float width, const TableOptions& opt) {
    const auto& spec = t.spec();
    // The list's columns, and those edited on a second line under the row.
    std::vector<TableColumn> cols, under;
    for (const auto& c : spec.columns) (c.below ? under : cols).push_back(c);
    const std::string tid = spec.id;
    // Column geometry: fixed widths, the first column takes what is left.
    std::vector<std::string> act_labels;
    if (opt.editable) {
        for (const auto& a : opt.actions) act_labels.push_back(a.label);
        act_labels.push_back(app.tr("settings.edit"));
        if (spec.deletable) act_labels.push_back(app.tr("settings.delete"));
    }
    float actions_w = 0;
    for (const auto& l : act_labels) actions_w += row_button_width(ui, l) + ui.px(6);
    if (spec.reorder && opt.editable) actions_w += 2 * (row_button_width(ui, "↑") + ui.px(6));
    const std::string save = app.tr("settings.save"), cancel = app.tr("settings.cancel");
    actions_w = std::max(actions_w, row_button_width(ui, save) + row_button_width(ui, cancel) + ui.px(12));
    const float pad_x = ui.px(14);
    float fixed = 0;
    for (size_t i = 1; i < cols.size(); ++i) fixed += settings_lists_column_width(ui, cols[i], false);
    // Narrow cards (stages have seven columns) shrink the fixed columns so the row never spills out.
    const float room = width - actions_w - 2 * pad_x - ui.px(170);
    const float scale = fixed > room && fixed > 0 ? std::max(0.6f, room / fixed) : 1.0f;
    const float first_w = std::max(ui.px(120), width - actions_w - 2 * pad_x - fixed * scale);
    std::vector<float> xs, ws;
    float x = pad_x;
    for (size_t i = 0; i < cols.size(); ++i) {
        const float w = i == 0 ? first_w : std::floor(settings_lists_column_width(ui, cols[i], false) * scale);
        xs.push_back(x);
        ws.push_back(w);
        x += w;
    }
    const float actions_x = x;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    // header
    const float head_h = ui.px(36);
    dl->AddRectFilled(top, ImVec2(top.x + width, top.y + head_h), color::surface_muted, ui.px(8), ImDrawFlags_RoundCornersTop);
    for (size_t i = 0; i < cols.size(); ++i) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + xs[i], std::floor(top.y + (head_h - ui.fonts.small->FontSize) * 0.5f)));
        text(ui, tid + ".col." + cols[i].field, fit_text(ui.fonts.small, app.tr(cols[i].label_key), ws[i] - ui.px(8)), ui.fonts.small,
             color::text_secondary);
    }
    float y = top.y + head_h;

    auto row_line = [&](float at) { dl->AddLine(ImVec2(top.x, at), ImVec2(top.x + width, at), color::border, ui.px(1)); };

    // An editor row (adding or editing): fields, then Save / Cancel; returns the new y.
    auto editor_row = [&](const std::string& rid, client::Draft& d, bool is_new) {
        const float y0 = y + ui.px(8);
        float bottom = y0 + ui.px(36);
        bool first_focus = ui.remembered(rid + ".shown", 0) == 0;
        for (size_t i = 0; i < cols.size(); ++i) {
            const auto& c = cols[i];
            const std::string cid = rid + "." + c.field;
            if ((is_new && !c.on_create) || (!is_new && !c.editable)) {
                if (!is_new) {
                    const TableRow* r = t.row(*t.editing());
                    if (r) display_cell(app, ui, cid, *r, c, ImVec2(top.x + xs[i], y0), ws[i], ui.px(36), opt, i == 0);
                }
                continue;
            }
            bottom = std::max(bottom, edit_cell(app, ui, t, d, cid, c, ImVec2(top.x + xs[i], y0), ws[i],
                                                first_focus && i == 0, opt));
        }
        // The second line: each field under its label, left to right.
        float ux = top.x + xs[0];
        const float u_top = bottom + ui.px(12);
        for (const auto& c : under) {
            if ((is_new && !c.on_create) || (!is_new && !c.editable) || !client::column_applies(c, d)) continue;
            const float uw = c.kind == ColumnKind::rows ? std::max(ui.px(260), top.x + actions_x - ux) : ui.px(280);
            ImGui::SetCursorScreenPos(ImVec2(ux, u_top));
            text(ui, rid + "." + c.field + ".label", app.tr(c.label_key), ui.fonts.small, color::text_secondary);
            const float field_top = u_top + ui.fonts.small->FontSize + ui.px(6);
            bottom = std::max(bottom, edit_cell(app, ui, t, d, rid + "." + c.field, c, ImVec2(ux, field_top), uw, false, opt));
            ux += uw + ui.px(16);
        }
        ui.remember(rid + ".shown", 1);
        ImGui::SetCursorScreenPos(ImVec2(top.x + actions_x, y0 + ui.px(3)));
        const bool saving = row_button(ui, rid + ".save", save, false, !t.busy());
        ImGui::SameLine(0, ui.px(6));
        const bool cancelled = row_button(ui, rid + ".cancel", cancel);
        // Enter in a field saves, Esc cancels (only this row has fields on the page while it is open), unless a
        // dialog (the discard question among them), the palette or the key help is over the page: its keys.
        const bool typing = ImGui::GetIO().WantTextInput;
        const client::KeyContext keys =
            client::key_context(app, typing, ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId), false);
        const bool keys_ours = !keys.dialog_open && !keys.palette_open && !keys.help_open;
        const bool enter = keys_ours && typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
        const bool esc = keys_ours && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
        if (saving || enter) {
            if (is_new) t.submit_new();
            else t.save_edit();
        } else if (cancelled || esc) {
            ui.remember(rid + ".shown", 0);
            if (is_new) t.cancel_add();
            else t.cancel_edit();
        }
        dl->AddRectFilled(ImVec2(top.x, y), ImVec2(top.x + ui.px(3), bottom + ui.px(8)), color::primary);
        y = bottom + ui.px(8);
        row_line(y);
    };

    if (t.adding()) editor_row(tid + ".new", t.new_draft(), true);
    else ui.remember(tid + ".new.shown", 0);

    const auto& rows = t.rows();
    const float row_h = ui.px(48);
    for (size_t ri = 0; ri < rows.size(); ++ri) {
        const TableRow& row = rows[ri];
        const std::int64_t id = row.id();
        const std::string rid = tid + ".row." + std::to_string(id);
        if (t.editing() == id) {
            editor_row(rid, t.edit_draft(), false);
            continue;
        }
        ui.remember(rid + ".shown", 0);
        if (opt.highlighted == id) dl->AddRectFilled(ImVec2(top.x, y), ImVec2(top.x + width, y + row_h), with_alpha(color::primary_soft, 0x90));
        for (size_t i = 0; i < cols.size(); ++i)
            display_cell(app, ui, rid + "." + cols[i].field, row, cols[i], ImVec2(top.x + xs[i], y), ws[i], row_h, opt, i == 0);
        if (opt.editable) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + actions_x, y + std::floor((row_h - ui.px(30)) * 0.5f)));
            const bool idle = !t.busy() && !t.editing() && !t.adding();
            if (spec.reorder) {
                if (row_button(ui, rid + ".up", "↑", false, idle && ri > 0)) t.move(id, -1);
                ImGui::SameLine(0, ui.px(6));
                if (row_button(ui, rid + ".down", "↓", false, idle && ri + 1 < rows.size())) t.move(id, +1);
                ImGui::SameLine(0, ui.px(6));
            }
            for (const auto& a : opt.actions) {
                if (row_button(ui, rid + "." + a.id, a.label)) a.run(id);
                ImGui::SameLine(0, ui.px(6));
            }
            if (row_button(ui, rid + ".edit", app.tr("settings.edit"), false, idle)) t.begin_edit(id);
            if (spec.deletable) {
                ImGui::SameLine(0, ui.px(6));
                if (row_button(ui, rid + ".delete", app.tr("settings.delete"), true, idle)) t.ask_delete(id);
            }
        } else if (!opt.actions.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + actions_x, y + std::floor((row_h - ui.px(30)) * 0.5f)));
            for (const auto& a : opt.actions)
                if (row_button(ui, rid + "." + a.id, a.label)) a.run(id);
        }
        y += row_h;
        if (ri + 1 < rows.size()) row_line(y);
    }
    if (rows.empty() && !t.adding()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad_x, y + ui.px(16)));
        text(ui, tid + ".empty", app.tr(t.loading() ? "app.loading" : "settings.empty"), ui.fonts.body, color::text_muted);
        y += ui.px(56);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y));
    ImGui::Dummy(ImVec2(width, ui.px(1)));

    // Delete confirmation.
    if (auto del = t.confirming_delete()) {
        const TableRow* r = t.row(*del);
        const std::string name = r ? shown_value(app, *r, cols.front(), opt) : std::string();
        const int answer = confirm_overlay(app, ui, tid + ".confirm_delete", app.tr("settings.delete_title", {{"name", name}}),
                                           app.tr("settings.delete_body"), app.tr("settings.delete"));
        if (answer > 0) t.confirm_delete();
        else if (answer < 0) t.cancel_delete();
    }
}

// Title, description, Add, messages and the table.
void table_section(AppState& app, Ui& ui, SettingsTable& t, const std::string& title_key, const std::string& about_key,
                   float width, const TableOptions& opt) {
    const std::string add = opt.editable ? app.tr("settings.add") : std::string();
    if (section_header(ui, t.spec().id, app.tr(title_key), app.tr(about_key), add, width, !t.busy() && !t.adding()))
        t.begin_add();
    section_messages(app, ui, t.spec().id, t.banner(), {}, width);
    draw_table(app, ui, t, width, opt);
}

}  // namespace

void settings_list(AppState& app, Ui& ui, const std::string& table, float width) {
    auto& st = app.settings();
    TableOptions opt;
    opt.editable = st.can_edit_lists();
    table_section(app, ui, st.table(table), "settings." + table + ".title", "settings." + table + ".about", width, opt);
}

void settings_stages(AppState& app, Ui& ui, float width) {
    auto& st = app.settings();
    TableOptions opt;
    opt.editable = st.can_edit_lists();
    opt.none_team = app.tr("settings.all_teams");
    table_section(app, ui, st.table("stages"), "settings.stages.title", "settings.stages.about", width, opt);
}

void settings_teams(AppState& app, Ui& ui, float width) {
    auto& st = app.settings();
    TableOptions opt;
    opt.editable = st.can_edit_lists();
    opt.highlighted = st.members_team();
    opt.actions.push_back({"members", app.tr("settings.members"), [&st](std::int64_t id) {
                               st.show_members(st.members_team() == id ? 0 : id);
                           }});
    table_section(app, ui, st.table("teams"), "settings.teams.title", "settings.teams.about", width, opt);
    if (!st.members_team()) return;
    gap(ui, 28);
    TableOptions mopt;
    mopt.editable = st.can_edit_lists();
    auto& members = st.table("members");
    const TableRow* team = st.table("teams").row(st.members_team());
    const std::string team_name = team ? team->text("name") : st.team_name(st.members_team());
    const std::string add = mopt.editable ? app.tr("settings.members.add") : std::string();
    if (section_header(ui, "settings.members", app.tr("settings.members.title", {{"team", team_name}}),
                       app.tr("settings.members.about"), add, width, !members.busy() && !members.adding()))
        members.begin_add();
    section_messages(app, ui, "settings.members", members.banner(), {}, width);
    draw_table(app, ui, members, width, mopt);
}

void settings_utm(AppState& app, Ui& ui, float width) {
    auto& st = app.settings();
    TableOptions opt;
    opt.editable = st.can_edit_lists();
    bool first = true;
    for (const char* t : {"utm_sources", "utm_mediums", "utm_campaigns"}) {
        if (!first) gap(ui, 32);
        first = false;
        table_section(app, ui, st.table(t), std::string("settings.") + t + ".title", std::string("settings.") + t + ".about",
                      width, opt);
    }
}

// The company currency (the rates are in it), then the rates: one unit of each currency in the company currency.
void settings_currencies(AppState& app, Ui& ui, float width) {
    auto& st = app.settings();
    auto& company = st.company_currency();
    const std::string id = "settings.company_currency";
    section_header(ui, id, app.tr("settings.company_currency.title"), app.tr("settings.company_currency.about"), "", width);
    if (company.loaded()) {
        const auto err = company.errors().find("currency");
        const std::string error = err != company.errors().end() ? err->second.render(app.language()) : std::string();
        FieldOptions o;
        o.width = ui.px(140);
        o.hint = "MNT";
        o.error = error;
        const ImVec2 row = ImGui::GetCursorScreenPos();
        if (st.can_edit_lists()) {
            form_field(ui, id + ".code", app.tr("settings.company_currency.code"), company.draft(), o);
            const float bottom = ImGui::GetItemRectMax().y;
            // The button sits level with the field (under its label).
            ImGui::SetCursorScreenPos(ImVec2(row.x + o.width + ui.px(12), row.y + ui.fonts.small->FontSize + ui.px(5)));
            if (button(ui, id + ".save", app.tr("settings.save"), ButtonKind::primary, ImVec2(0, ui.px(36)),
                       company.dirty() && !company.busy()))
                company.save();
            ImGui::SetCursorScreenPos(ImVec2(row.x, std::max(bottom, ImGui::GetItemRectMax().y)));
        } else {
            text(ui, id + ".code", company.currency(), ui.fonts.strong, color::text);
        }
    }
    gap(ui, 28);
    TableOptions opt;
    opt.editable = st.can_edit_lists();
    table_section(app, ui, st.table("currencies"), "settings.currencies.title", "settings.currencies.about", width, opt);
}

}  // namespace tumen::app
