// Settings › Products (issue 10): the catalogue (name, code, price, tax, unit; archived ones marked) with Edit and
// Delete for managers and administrators, and the editor (name, code, unit, price + currency, tax %, tax
// included, description, active). Everyone else sees the list read-only.
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "state/quotes_state.hpp"
#include "state/settings_products.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::string settings_products_err(AppState& app, const client::ProductsAdmin& w, const std::string& f) {
    const client::Message* e = w.error(f);
    return e ? e->render(app.language()) : std::string();
}

// "15 % incl." / "15 %" / "—"
std::string tax_label(AppState& app, const Product& p) {
    if (p.tax_bp == 0) return app.tr("settings.products.no_tax");
    return client::bp_percent_text(p.tax_bp) + " %" + (p.tax_included ? " " + app.tr("settings.products.incl") : "");
}

void settings_products_editor(AppState& app, Ui& ui, float width) {
    auto& w = app.settings().products();
    auto& d = w.draft;
    const std::string id = "settings.products.form";
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float pad = ui.px(18), inner = width - 2 * pad, gapx = ui.px(12);
    const float h = ui.remembered(id + ".h", ui.px(460));
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), color::surface_muted, ui.px(10));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    ImGui::BeginGroup();
    text(ui, id + ".title", app.tr(d.id ? "settings.products.edit_title" : "settings.products.new_title"), ui.fonts.strong,
         color::text);
    gap(ui, 12);
    // Each field's error string lives until the frame's end (FieldOptions holds a view of it).
    const std::string e_name = settings_products_err(app, w, "name"), e_code = settings_products_err(app, w, "code"), e_uom = settings_products_err(app, w, "uom");
    const std::string e_price = !settings_products_err(app, w, "price.amount").empty() ? settings_products_err(app, w, "price.amount") : settings_products_err(app, w, "price");
    const std::string e_cur = settings_products_err(app, w, "price.currency"), e_tax = settings_products_err(app, w, "tax_bp"),
                      e_desc = settings_products_err(app, w, "description");
    FieldOptions o;
    // Fields side by side, each row placed by hand: an error under one field must not shift its neighbours.
    float bottom = 0;
    auto at = [&](ImVec2 pos) { ImGui::SetCursorScreenPos(pos); };
    auto done = [&] { bottom = std::max(bottom, ImGui::GetItemRectMax().y); };
    // Name (wide) and code on one line; price, currency, tax and unit on the next.
    const ImVec2 row1 = ImGui::GetCursorScreenPos();
    const float name_w = std::floor(inner * 0.62f);
    o.width = name_w;
    o.error = e_name;
    if (form_field(ui, id + ".name", app.tr("settings.col.name"), d.name, o)) w.clear_error("name");
    done();
    at(ImVec2(row1.x + name_w + gapx, row1.y));
    o.width = inner - name_w - gapx;
    o.error = e_code;
    if (form_field(ui, id + ".code", app.tr("settings.products.code"), d.code, o)) w.clear_error("code");
    done();
    at(ImVec2(row1.x, bottom));
    gap(ui, 12);
    const ImVec2 row2 = ImGui::GetCursorScreenPos();
    const float q = std::floor((inner - 3 * gapx) / 4);
    o.width = q;
    o.error = e_price;
    if (form_field(ui, id + ".price", app.tr("settings.products.price"), d.price, o)) w.clear_error("price.amount");
    done();
    at(ImVec2(row2.x + (q + gapx), row2.y));
    o.error = e_cur;
    if (form_field(ui, id + ".currency", app.tr("settings.products.currency"), d.currency, o)) w.clear_error("price.currency");
    done();
    at(ImVec2(row2.x + 2 * (q + gapx), row2.y));
    o.error = e_tax;
    o.hint = "15";
    if (form_field(ui, id + ".tax", app.tr("settings.products.tax"), d.tax, o)) w.clear_error("tax_bp");
    o.hint = {};
    done();
    at(ImVec2(row2.x + 3 * (q + gapx), row2.y));
    o.error = e_uom;
    if (form_field(ui, id + ".uom", app.tr("settings.products.uom"), d.uom, o)) w.clear_error("uom");
    done();
    at(ImVec2(row2.x, bottom));
    gap(ui, 8);
    checkbox(ui, id + ".tax_included", app.tr("settings.products.tax_included"), d.tax_included);
    gap(ui, 10);
    o.width = inner;
    o.multiline_height = ui.px(64);
    o.error = e_desc;
    if (form_field(ui, id + ".description", app.tr("settings.products.description"), d.description, o))
        w.clear_error("description");
    gap(ui, 10);
    checkbox(ui, id + ".active", app.tr("settings.col.active"), d.active);
    gap(ui, 16);
    if (button(ui, id + ".save", app.tr("settings.save"), ButtonKind::primary, ImVec2(0, ui.px(36)), !w.busy())) w.save();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, id + ".cancel", app.tr("settings.cancel"), ButtonKind::secondary, ImVec2(0, ui.px(36)))) w.cancel();
    ImGui::EndGroup();
    ui.remember(id + ".h", ImGui::GetItemRectMax().y + pad - p.y);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    gap(ui, 20);
}

}  // namespace

void settings_products(AppState& app, Ui& ui, float width) {
    auto& w = app.settings().products();
    const bool can_edit = app.settings().can_edit_lists();
    if (section_header(ui, "settings.products", app.tr("settings.products.title"), app.tr("settings.products.about"),
                       can_edit ? app.tr("settings.products.new") : std::string(), width, !w.editing()))
        w.create();
    section_messages(app, ui, "settings.products", w.banner(), w.notice(), width);
    if (w.editing()) settings_products_editor(app, ui, width);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = w.items();  // a copy: a click may replace rows
    const std::string edit_l = app.tr("settings.edit"), del_l = app.tr("settings.delete");
    const float actions_w = can_edit ? row_button_width(ui, edit_l) + row_button_width(ui, del_l) + ui.px(8) : 0;
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const std::string rid = "settings.products.row." + std::to_string(r.id);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(10)));
        text(ui, rid + ".name", r.name, ui.fonts.strong, r.active ? color::text : color::text_muted);
        if (!r.code.empty()) {
            ImGui::SameLine(0, ui.px(8));
            text(ui, rid + ".code", "[" + r.code + "]", ui.fonts.small, color::text_secondary);
        }
        if (!r.active) {
            ImGui::SameLine(0, ui.px(8));
            pill(ui, rid + ".archived", app.tr("settings.archived"), color::surface_muted, color::text_secondary);
        }
        const float line1 = ImGui::GetItemRectMax().y;
        const std::string facts = client::amount_label(r.price.amount, r.price.currency, app.language()) + " / " + r.uom +
                                  "  ·  " + app.tr("settings.products.tax_short") + " " + tax_label(app, r);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, line1 + ui.px(4)));
        text(ui, rid + ".facts", facts, ui.fonts.small, color::text_secondary);
        float bottom = ImGui::GetItemRectMax().y;
        if (can_edit) {
            float bx = top.x + width - pad - actions_w;
            ImGui::SetCursorScreenPos(ImVec2(bx, y + ui.px(10)));
            if (row_button(ui, rid + ".edit", edit_l, false, !w.editing())) w.edit(r.id);
            bx += row_button_width(ui, edit_l) + ui.px(8);
            ImGui::SetCursorScreenPos(ImVec2(bx, y + ui.px(10)));
            if (row_button(ui, rid + ".delete", del_l, true)) w.confirm_delete = r.id;
            bottom = std::max(bottom, ImGui::GetItemRectMax().y);
        }
        y = bottom + ui.px(12);
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, "settings.products.empty", app.tr(w.loading() ? "app.loading" : "settings.products.empty"), ui.fonts.body,
             color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(8)));
    ImGui::Dummy(ImVec2(width, ui.px(1)));

    if (w.confirm_delete) {
        std::string name;
        for (const auto& r : rows)
            if (r.id == w.confirm_delete) name = r.name;
        const int answer = confirm_overlay(app, ui, "settings.products.confirm", app.tr("settings.products.delete_title"),
                                           app.tr("settings.products.delete_body", {{"name", name}}), app.tr("settings.delete"));
        if (answer == 1) w.remove(w.confirm_delete);
        if (answer != 0) w.confirm_delete = 0;
    }
}

}  // namespace tumen::app
