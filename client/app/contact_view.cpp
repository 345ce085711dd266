// The contact form (#/contact/<id>): breadcrumb and actions (save / discard, new opportunity, archive or restore,
// delete for managers), the conflict banner, the card with every field of the contact (the company picker searches
// as you type), a company's people, the contact's leads and opportunities, and the chatter (chatter_view.cpp).
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "board_view.hpp"
#include "attachments_view.hpp"
#include "chatter_view.hpp"
#include "contact_view.hpp"
#include "lead_view.hpp"
#include "list_view.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

std::optional<client::ContactHit> contact_search_field(AppState& app, Ui& ui, std::string_view id,
                                                       client::ContactSearch& search, float width) {
    std::optional<client::ContactHit> picked;
    const std::string sid(id);
    board::field(ui, sid + ".search", app.tr("contact.search_company"), search.text, width, false);
    if (search.text.empty()) return picked;
    search.update(app);
    for (const auto& h : search.hits()) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 sz(width, ui.px(32));
        const std::string wid = sid + ".hit." + std::to_string(h.id);
        if (ImGui::InvisibleButton(("##" + wid).c_str(), sz)) picked = h;
        ImDrawList* dl = ImGui::GetWindowDrawList();
        if (ImGui::IsItemHovered()) {
            dl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), color::surface_muted, ui.px(6));
            ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        }
        const std::string shown = list::clip_text(ui.fonts.body, ui.fonts.body->FontSize, h.name, width - ui.px(24));
        dl->AddText(ui.fonts.body, ui.fonts.body->FontSize,
                    ImVec2(p.x + ui.px(12), std::floor(p.y + (sz.y - ui.fonts.body->FontSize) * 0.5f)), color::text, shown.c_str());
        ui.record(wid, h.name, "button", p, ImVec2(p.x + sz.x, p.y + sz.y));
    }
    if (search.hits().empty() && !search.searching())
        text(ui, sid + ".none", app.tr("contact.no_match"), ui.fonts.small, color::text_muted);
    if (picked) search.text.clear();
    return picked;
}

namespace {

void contact_header(AppState& app, Ui& ui, float width) {
    auto& form = app.contact_form();
    const auto& c = form.contact();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    if (link(ui, "contact.breadcrumb", app.tr("contacts.title"), ui.fonts.body)) app.navigate(Route::contacts());
    ImGui::SameLine(0, ui.px(8));
    text(ui, "contact.breadcrumb.sep", "/", ui.fonts.body, color::text_muted);
    ImGui::SameLine(0, ui.px(8));
    text(ui, "contact.breadcrumb.name", c ? c->name : "#" + std::to_string(form.id()), ui.fonts.body, color::text);
    if (!c) return;
    // Right: the actions, right to left.
    const float bh = ui.px(36);
    float x = origin.x + width;
    auto place = [&](const char* id, const std::string& label, ButtonKind kind, bool enabled = true) {
        const float w = text_size(ui.fonts.strong, label).x + ui.px(28);
        x -= w;
        ImGui::SetCursorScreenPos(ImVec2(x, origin.y - ui.px(8)));
        x -= ui.px(8);
        return button(ui, id, label, kind, ImVec2(w, bh), enabled);
    };
    const bool manager = app.session() && app.session()->user.can_manage();
    if (manager && place("contact.delete", app.tr("contact.delete"), ButtonKind::ghost, !form.busy()))
        ImGui::OpenPopup("contact.delete_confirm");
    if (c->active) {
        if (place("contact.archive", app.tr("contact.archive"), ButtonKind::secondary, !form.busy())) form.archive();
    } else if (place("contact.unarchive", app.tr("contact.unarchive"), ButtonKind::secondary, !form.busy())) {
        form.unarchive();
    }
    if (place("contact.new_opportunity", app.tr("contact.new_opportunity"), ButtonKind::secondary, !form.busy()))
        form.new_opportunity();
    if (form.dirty()) {
        if (place("contact.discard", app.tr("contact.discard"), ButtonKind::ghost)) form.discard();
        if (place("contact.save", app.tr(form.saving() ? "contact.saving" : "contact.save"), ButtonKind::primary, !form.busy()))
            form.save();
    }
    // Delete: confirmed first.
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ui.px(24, 20));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ui.px(14));
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(d.x * 0.5f, d.y * 0.4f), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(ui.px(460), d.x - ui.px(32)), 0));
    if (ImGui::BeginPopupModal("contact.delete_confirm", nullptr,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
        const float w = ImGui::GetContentRegionAvail().x;
        paragraph(ui, "contact.delete_confirm.body", app.tr("contact.delete_confirm", {{"name", c->name}}), ui.fonts.body,
                  color::text, w);
        gap(ui, 18);
        if (button(ui, "contact.delete.cancel", app.tr("list.cancel"), ButtonKind::secondary, ImVec2(0, ui.px(38))) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
            ImGui::CloseCurrentPopup();
        ImGui::SameLine(0, ui.px(8));
        const bool enter = !ImGui::IsWindowAppearing() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
        if (button(ui, "contact.delete.submit", app.tr("contact.delete"), ButtonKind::primary, ImVec2(0, ui.px(38))) ||
            enter) {
            form.remove();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    ImGui::PopStyleVar(2);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + ui.px(30)));
    ImGui::Dummy(ImVec2(width, 0));
}

void card(AppState& app, Ui& ui, float width) {
    auto& form = app.contact_form();
    const Contact& c = *form.contact();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = ui.remembered("contact.card", ui.px(600));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    card_background(ui, dl, origin, ImVec2(origin.x + width, origin.y + height), ui.px(12));
    const float pad = width < ui.px(520) ? ui.px(18) : ui.px(32);
    const float inner = width - 2 * pad, gx = ui.px(16);
    const int cols = inner > ui.px(560) ? 2 : 1;
    const float col_w = std::floor((inner - gx * static_cast<float>(cols - 1)) / static_cast<float>(cols));
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, origin.y + ui.px(24)));
    ImGui::BeginGroup();

    auto field = [&](const std::string& f, const char* label_key, float w, float multiline = 0, ImFont* font = nullptr) {
        const client::Message* m = form.field_error(f);
        const std::string err = m ? m->render(app.language()) : std::string();
        FieldOptions o;
        o.width = w;
        o.error = err;
        o.multiline_height = multiline;
        o.font = font;
        if (form_field(ui, "contact." + f, label_key ? app.tr(label_key) : std::string(), form.field(f), o))
            form.clear_field_error(f);
    };
    // Fields two by two.
    auto pair = [&](const std::string& a, const char* ka, const std::string& b, const char* kb) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        field(a, ka, col_w);
        float bottom = ImGui::GetItemRectMax().y;
        if (cols == 2) ImGui::SetCursorScreenPos(ImVec2(p.x + col_w + gx, p.y));
        else gap(ui, 12);
        field(b, kb, col_w);
        bottom = std::max(bottom, ImGui::GetItemRectMax().y);
        ImGui::SetCursorScreenPos(ImVec2(p.x, bottom + ui.px(14)));
    };

    // Kind badge and the "is a company" switch.
    {
        const bool company = !form.value("is_company").empty();
        const std::string badge = app.tr(company ? "contact.kind.company" : "contact.kind.person");
        const ImVec2 row = ImGui::GetCursorScreenPos();
        const ImVec2 ts = text_size(ui.fonts.small, badge);
        const ImVec2 bmax(row.x + ts.x + ui.px(20), row.y + ui.px(24));
        dl->AddRectFilled(row, bmax, company ? color::primary_soft : color::surface_muted, ui.px(12));
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(row.x + ui.px(10), std::floor(row.y + (ui.px(24) - ts.y) * 0.5f)),
                    company ? color::primary_active : color::text_secondary, badge.c_str());
        ui.record("contact.kind", badge, "text", row, bmax);
        if (!c.active) {
            const std::string arch = app.tr("contact.archived");
            const ImVec2 as = text_size(ui.fonts.small, arch);
            const ImVec2 a0(bmax.x + ui.px(8), row.y), a1(a0.x + as.x + ui.px(20), row.y + ui.px(24));
            dl->AddRectFilled(a0, a1, color::danger_soft, ui.px(12));
            dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(a0.x + ui.px(10), std::floor(row.y + (ui.px(24) - as.y) * 0.5f)),
                        color::danger_text, arch.c_str());
            ui.record("contact.archived", arch, "text", a0, a1);
        }
        ImGui::SetCursorScreenPos(ImVec2(row.x + (cols == 2 ? col_w + gx : ui.px(200)), row.y));
        bool is_company = company;
        if (checkbox(ui, "contact.is_company", app.tr("contact.field.is_company"), is_company))
            form.field("is_company") = is_company ? "1" : "";
        ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + ui.px(36)));
    }
    field("name", nullptr, inner, 0, ui.fonts.title);
    gap(ui, 16);

    // The company (a person's employer, or a parent company).
    {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const bool company = !form.value("is_company").empty();
        text(ui, "contact.parent.label", app.tr(company ? "contact.field.parent_company" : "contact.field.parent_id"),
             ui.fonts.small, color::text_secondary);
        gap(ui, 6);
        const std::string current = form.parent_name();
        if (!current.empty()) {
            const std::string pid = form.value("parent_id");
            if (link(ui, "contact.parent.open", current, ui.fonts.strong))
                app.navigate(Route::contact(std::strtoll(pid.c_str(), nullptr, 10)));
            ImGui::SameLine(0, ui.px(12));
            if (link(ui, "contact.parent.clear", app.tr("contact.parent_clear"), ui.fonts.small)) form.set_parent(std::nullopt, "");
            gap(ui, 6);
        }
        if (auto hit = contact_search_field(app, ui, "contact.parent", form.parent_search(), col_w)) form.set_parent(hit->id, hit->name);
        if (const client::Message* m = form.field_error("parent_id"))
            text(ui, "contact.parent_id.error", m->render(app.language()), ui.fonts.small, color::danger_text);
        const float left_bottom = ImGui::GetItemRectMax().y;
        if (company) {  // a company has no job position
        } else if (cols == 2) {
            ImGui::SetCursorScreenPos(ImVec2(p.x + col_w + gx, p.y));
            field("function", "contact.field.function", col_w);
        } else {
            gap(ui, 12);
            field("function", "contact.field.function", col_w);
        }
        ImGui::SetCursorScreenPos(ImVec2(p.x, (company ? left_bottom : std::max(left_bottom, ImGui::GetItemRectMax().y)) + ui.px(14)));
    }
    section_title(ui, "contact.section.contact", app.tr("contact.section.contact"), inner);
    gap(ui, 10);
    pair("email", "contact.field.email", "website", "contact.field.website");
    pair("phone", "contact.field.phone", "mobile", "contact.field.mobile");
    section_title(ui, "contact.section.address", app.tr("contact.section.address"), inner);
    gap(ui, 10);
    pair("street", "contact.field.street", "city", "contact.field.city");
    pair("state", "contact.field.state", "zip", "contact.field.zip");
    pair("country", "contact.field.country", "lang", "contact.field.lang");
    section_title(ui, "contact.section.sales", app.tr("contact.section.sales"), inner);
    gap(ui, 10);
    {
        std::vector<PickItem> users;
        for (const auto& u : form.users()) users.push_back({u.id, u.name});
        const std::string v = form.value("user_id");
        std::optional<std::int64_t> sel;
        if (!v.empty()) sel = std::strtoll(v.c_str(), nullptr, 10);
        FieldOptions o;
        o.width = col_w;
        const std::string none = app.tr("list.unassigned");
        const client::Message* m = form.field_error("user_id");
        const std::string err = m ? m->render(app.language()) : std::string();
        o.error = err;
        if (form_picker(ui, "contact.user_id", app.tr("contact.field.user_id"), users, sel, none, o)) {
            form.field("user_id") = sel ? std::to_string(*sel) : std::string();
            form.clear_field_error("user_id");
        }
    }
    gap(ui, 12);
    text(ui, "contact.categories.label", app.tr("contact.field.category_ids"), ui.fonts.small, color::text_secondary);
    gap(ui, 6);
    {
        const auto ids = form.category_ids();
        const float x0 = ImGui::GetCursorScreenPos().x;
        float x = x0, y = ImGui::GetCursorScreenPos().y;
        if (form.categories().empty()) text(ui, "contact.categories.none", "—", ui.fonts.body, color::text_muted);
        for (const auto& cat : form.categories()) {
            const bool on = std::find(ids.begin(), ids.end(), cat.id) != ids.end();
            const float w = list::chip_width(ui, cat.name);
            if (x + w > x0 + inner) {
                x = x0;
                y += ui.px(40);
            }
            ImGui::SetCursorScreenPos(ImVec2(x, y));
            if (list::chip(ui, "contact.category." + std::to_string(cat.id), cat.name, on)) form.toggle_category(cat.id);
            x += w + ui.px(8);
        }
        gap(ui, 14);
    }
    {
        bool opt_out = !form.value("opt_out").empty(), blacklisted = !form.value("blacklisted").empty();
        if (checkbox(ui, "contact.opt_out", app.tr("contact.field.opt_out"), opt_out)) form.field("opt_out") = opt_out ? "1" : "";
        ImGui::SameLine(0, ui.px(24));
        if (checkbox(ui, "contact.blacklisted", app.tr("contact.field.blacklisted"), blacklisted))
            form.field("blacklisted") = blacklisted ? "1" : "";
    }
    gap(ui, 16);
    section_title(ui, "contact.section.notes", app.tr("contact.section.notes"), inner);
    gap(ui, 10);
    field("comment", nullptr, inner, ui.px(96));
    ImGui::EndGroup();
    ui.remember("contact.card", ImGui::GetItemRectMax().y + ui.px(26) - origin.y);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
    ImGui::Dummy(ImVec2(width, 0));
}

// A block card with a title, drawn by `body` inside.
template <class F>
void block(Ui& ui, const std::string& id, const std::string& title, float width, F body) {
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = ui.remembered(id, ui.px(120));
    card_background(ui, ImGui::GetWindowDrawList(), origin, ImVec2(origin.x + width, origin.y + height), ui.px(12));
    const float pad = ui.px(22);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, origin.y + ui.px(20)));
    ImGui::BeginGroup();
    text(ui, id + ".title", title, ui.fonts.strong, color::text);
    gap(ui, 12);
    body(width - 2 * pad);
    ImGui::EndGroup();
    ui.remember(id, ImGui::GetItemRectMax().y + ui.px(20) - origin.y);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
    ImGui::Dummy(ImVec2(width, 0));
}

// One clickable line of a block: main text left, a note right.
bool block_row(Ui& ui, const std::string& id, const std::string& main, const std::string& note, float width) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 sz(width, ui.px(36));
    const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), sz);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (ImGui::IsItemHovered()) {
        dl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), color::surface_muted, ui.px(6));
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    const float fy = std::floor(p.y + (sz.y - ui.fonts.body->FontSize) * 0.5f);
    const float note_w = note.empty() ? 0 : text_size(ui.fonts.small, note).x;
    const std::string shown = list::clip_text(ui.fonts.strong, ui.fonts.strong->FontSize, main, width - note_w - ui.px(36));
    dl->AddText(ui.fonts.strong, ui.fonts.strong->FontSize, ImVec2(p.x + ui.px(8), fy), color::primary, shown.c_str());
    if (!note.empty())
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(p.x + width - note_w - ui.px(8), fy + ui.px(1)),
                    color::text_secondary, note.c_str());
    ui.record(id, main, "row", p, ImVec2(p.x + sz.x, p.y + sz.y));
    return clicked;
}

void related(AppState& app, Ui& ui, float width) {
    auto& form = app.contact_form();
    const Contact& c = *form.contact();
    if (c.is_company) {
        block(ui, "contact.people", app.tr("contact.people", {{"count", std::to_string(form.people().size())}}), width,
              [&](float w) {
                  for (const auto& p : form.people())
                      if (block_row(ui, "contact.person." + std::to_string(p.id), p.name, p.function.empty() ? p.email : p.function, w))
                          app.navigate(Route::contact(p.id));
                  if (form.people().empty()) text(ui, "contact.people.none", app.tr("contact.people_none"), ui.fonts.body, color::text_muted);
                  gap(ui, 8);
                  if (button(ui, "contact.new_person", app.tr("contacts.new_person"), ButtonKind::secondary, ImVec2(0, ui.px(34))))
                      form.new_person();
              });
        gap(ui, 20);
    }
    block(ui, "contact.leads", app.tr("contact.leads", {{"count", std::to_string(form.leads().size())}}), width, [&](float w) {
        for (const auto& l : form.leads()) {
            std::string note = app.tr(l.opportunity ? "lead.type.opportunity" : "lead.type.lead");
            if (const std::string stage = form.stage_name(l.stage_id); !stage.empty() && l.opportunity) note += " · " + stage;
            if (l.expected_revenue.amount) note += " · " + client::money_text(l.expected_revenue, app.language());
            if (block_row(ui, "contact.lead." + std::to_string(l.id), l.name, note, w)) app.navigate(Route::lead(l.id));
        }
        if (form.leads().empty())
            text(ui, "contact.leads.none", app.tr(form.leads_loaded() ? "contact.leads_none" : "app.loading"), ui.fonts.body,
                 color::text_muted);
        gap(ui, 8);
        if (button(ui, "contact.leads.new_opportunity", app.tr("contact.new_opportunity"), ButtonKind::secondary,
                   ImVec2(0, ui.px(34)), !form.busy()))
            form.new_opportunity();
    });
}

void chatter(AppState& app, Ui& ui, float width) {
    auto& form = app.contact_form();
    auto& feed = form.chatter();
    const ChatterLook look{"contact", "contact.field.", [&form](const ChatterMessage& m) { return form.author_of(m); },
                           [&form](const std::string& f, const nlohmann::json& v) { return form.tracked_value_text(f, v); },
                           nullptr, nullptr};
    block(ui, "contact.chatter", app.tr("lead.chatter.title"), width, [&](float w) {
        if (chatter_composer(app, ui, look, feed.note, feed.note_error(), feed.posting(), w)) feed.post_note();
        gap(ui, 20);
        attachments_block(app, ui, "contact", form.attachments(), w);
        if (chatter_timeline(app, ui, look, feed.messages(), feed.more(), feed.loading(), w)) feed.load_more();
    });
}

void contact_conflict_banner(AppState& app, Ui& ui, float width) {
    auto& form = app.contact_form();
    const std::string label = app.tr("lead.conflict_reload");
    const float bw = text_size(ui.fonts.strong, label).x + ui.px(32);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    alert(ui, "contact.error", form.banner().render(app.language()), width);
    const ImVec2 end = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(p.x + width - bw - ui.px(10), p.y + std::floor((end.y - p.y - ui.px(34)) * 0.5f)));
    if (button(ui, "contact.conflict_reload", label, ButtonKind::secondary, ImVec2(bw, ui.px(34)))) form.reload_current();
    ImGui::SetCursorScreenPos(end);
}

}  // namespace

void draw_contact_form(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& form = app.contact_form();
    form.show(app.route().id);
    const auto& c = form.contact();
    ui.title = app.tr("app.name") + " — " + (c ? c->name : app.tr("view.contact.title", {{"id", std::to_string(app.route().id)}}));
    const float display_w = ImGui::GetIO().DisplaySize.x;
    const float margin = display_w < ui.px(700) ? ui.px(12) : ui.px(28);
    const float total = std::min(ui.px(1480), display_w - 2 * margin);
    const float x0 = std::floor((display_w - total) * 0.5f);
    const bool wide = total >= ui.px(1040);
    const float gutter = ui.px(24);
    const float side_w = wide ? std::clamp(std::floor(total * 0.36f), ui.px(340), ui.px(500)) : total;
    const float form_w = wide ? total - side_w - gutter : total;
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + ui.px(26)));
    ImGui::BeginGroup();
    contact_header(app, ui, total);
    gap(ui, 14);
    if (!form.banner().empty()) {
        if (form.conflict()) contact_conflict_banner(app, ui, total);
        else alert(ui, "contact.error", form.banner().render(app.language()), total);
        gap(ui, 14);
    } else if (const std::string err = app.banner().render(app.language()); !err.empty()) {
        alert(ui, "app.error", err, total);
        gap(ui, 14);
    }
    ImGui::EndGroup();
    const float body_y = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(x0, body_y));
    if (!c) {
        if (form.loading()) text(ui, "contact.loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
        else if (button(ui, "contact.back", app.tr("contacts.title"), ButtonKind::secondary, ImVec2(0, ui.px(38))))
            app.navigate(Route::contacts());
        return;
    }
    const bool dirty_in_header = form.dirty();
    ImGui::BeginGroup();
    card(app, ui, form_w);
    // The header (Save / Discard) was drawn before this frame's typing reached the draft: one more frame shows it.
    if (form.dirty() != dirty_in_header) ui.wake_in(0);
    ImGui::EndGroup();
    const float left_bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(wide ? ImVec2(x0 + form_w + gutter, body_y) : ImVec2(x0, left_bottom + gutter));
    ImGui::BeginGroup();
    related(app, ui, side_w);
    gap(ui, 20);
    chatter(app, ui, side_w);
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(x0, std::max(left_bottom, ImGui::GetItemRectMax().y)));
    ImGui::Dummy(ImVec2(total, ui.px(32)));
    new_contact_dialog(app, ui);
}

}  // namespace tumen::app
