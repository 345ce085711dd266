#include "search_extras.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "board_view.hpp"
#include "lead_widgets.hpp"
#include "list_view.hpp"
#include "theme.hpp"
#include "tumen/datetime.hpp"
#include "views.hpp"

namespace tumen::app::search {

using client::AppState;
using client::SearchChips;

namespace {

// What the Date popup and the save form hold between frames, per search bar.
struct Pending {
    std::string date_field = "create_date";
    std::string from, to;
    bool bad_date = false;
    bool saving = false;  // the save form is open in the Favourites menu
    std::string name;
    bool shared = false;
    bool is_default = false;
};

Pending& pending(const std::string& prefix) {
    static std::map<std::string, Pending> m;
    return m[prefix];
}

// One row of a popup menu; `on` marks the current choice. Returns true when clicked.
bool menu_row(Ui& ui, const std::string& id, const std::string& label, bool on, float w, int tag_color = -1) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 sz(w, ui.px(34));
    const bool clicked = ImGui::InvisibleButton(("##" + id).c_str(), sz);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (ImGui::IsItemHovered() || on) {
        dl->AddRectFilled(p, ImVec2(p.x + sz.x, p.y + sz.y), on ? color::primary_soft : color::surface_muted, ui.px(6));
        if (ImGui::IsItemHovered()) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    }
    float tx = p.x + ui.px(12);
    if (tag_color >= 0) {
        dl->AddCircleFilled(ImVec2(tx + ui.px(5), p.y + sz.y * 0.5f), ui.px(5),
                            tag_color == 0 ? color::border_strong : board::tag_foreground(tag_color));
        tx += ui.px(18);
    }
    const std::string shown = fit_text(ui.fonts.body, label, p.x + sz.x - tx - ui.px(8));
    dl->AddText(ui.fonts.body, ui.fonts.body->FontSize, ImVec2(tx, std::floor(p.y + (sz.y - ui.fonts.body->FontSize) * 0.5f)),
                on ? color::primary : color::text, shown.c_str());
    ui.record(id, label, "button", p, ImVec2(p.x + sz.x, p.y + sz.y), on ? "on" : "");
    return clicked;
}

void menu_heading(Ui& ui, const std::string& label) {
    ImGui::Dummy(ImVec2(0, ui.px(2)));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(p.x + ui.px(12), p.y),
                                        color::text_muted, label.c_str());
    ImGui::Dummy(ImVec2(0, ui.fonts.small->FontSize + ui.px(6)));
}

bool escape() { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)); }

std::string date_label(AppState& app, const SearchChips& c) {
    if (c.date_field.empty()) return app.tr("search.date");
    const std::string field = app.tr("search.date.field." + c.date_field);
    if (c.date_preset != "custom") return field + ": " + app.tr("search.date.preset." + c.date_preset);
    return field + ": " + (c.date_from.empty() ? "…" : c.date_from) + " – " + (c.date_to.empty() ? "…" : c.date_to);
}

}  // namespace

bool menu_item(Ui& ui, const std::string& id, const std::string& label, bool on, float w) { return menu_row(ui, id, label, on, w); }

void menu_note(Ui& ui, const std::string& text, float w) {
    ImFont* f = ui.fonts.small;
    const float wrap = w - ui.px(24);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 sz = f->CalcTextSizeA(f->FontSize, FLT_MAX, wrap, text.c_str());
    ImGui::GetWindowDrawList()->AddText(f, f->FontSize, ImVec2(p.x + ui.px(12), p.y + ui.px(4)), color::text_muted, text.c_str(),
                                        nullptr, wrap);
    ImGui::Dummy(ImVec2(w, sz.y + ui.px(10)));
}

ImVec2 Flow::place(float w) {
    if (x + w > right && x > line_start) {
        x = line_start;
        y += row;
    }
    const ImVec2 at(x, y);
    x += w;
    return at;
}

std::optional<SearchChips> draw_picks(AppState& app, Ui& ui, const std::string& prefix, const SearchChips& chips,
                                      const PickData& data, Flow& flow) {
    std::optional<SearchChips> out;
    const float gap = ui.px(8);

    // Tag: the tag's name, a colour dot per tag in the picker.
    {
        std::string label = app.tr("search.tag");
        if (chips.tag_id > 0) {
            std::string name = "#" + std::to_string(chips.tag_id);
            for (const auto& t : *data.tags)
                if (t.id == chips.tag_id) name = t.name;
            label += ": " + name;
        }
        const std::string id = prefix + ".filter.tag";
        const ImVec2 at = flow.place(list::chip_width(ui, label, true) + gap);
        ImGui::SetCursorScreenPos(at);
        if (list::chip(ui, id, label, chips.tag_id > 0, true)) ImGui::OpenPopup((id + ".menu").c_str());
        ImGui::SetNextWindowPos(ImVec2(at.x, at.y + ui.px(36)));
        list::push_popup_style(ui);
        if (ImGui::BeginPopup((id + ".menu").c_str())) {
            const float w = ui.px(260);
            if (menu_row(ui, id + ".0", app.tr("list.pick.any"), chips.tag_id == 0, w)) {
                out = chips;
                out->tag_id = 0;
            }
            ImGui::BeginChild((id + ".items").c_str(),
                              ImVec2(w, std::min(ui.px(300), ui.px(34) * static_cast<float>(data.tags->size()) + ui.px(4))), false);
            for (const auto& t : *data.tags)
                if (menu_row(ui, id + "." + std::to_string(t.id), t.name, t.id == chips.tag_id, w - ui.px(8), std::max(0, t.color))) {
                    out = chips;
                    out->tag_id = t.id;
                }
            ImGui::EndChild();
            if (out || escape()) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        list::pop_popup_style();
    }

    // Country: the codes leads have, asked for when the picker first opens.
    {
        std::string label = app.tr("search.country");
        if (!chips.country.empty()) label += ": " + chips.country;
        const std::string id = prefix + ".filter.country";
        const ImVec2 at = flow.place(list::chip_width(ui, label, true) + gap);
        ImGui::SetCursorScreenPos(at);
        if (list::chip(ui, id, label, !chips.country.empty(), true)) {
            if (data.load_countries) data.load_countries();
            ImGui::OpenPopup((id + ".menu").c_str());
        }
        ImGui::SetNextWindowPos(ImVec2(at.x, at.y + ui.px(36)));
        list::push_popup_style(ui);
        if (ImGui::BeginPopup((id + ".menu").c_str())) {
            const float w = ui.px(220);
            if (menu_row(ui, id + ".any", app.tr("list.pick.any"), chips.country.empty(), w)) {
                out = chips;
                out->country.clear();
            }
            if (data.countries->empty()) menu_heading(ui, app.tr("search.none_present"));
            ImGui::BeginChild((id + ".items").c_str(),
                              ImVec2(w, std::min(ui.px(300), ui.px(34) * static_cast<float>(data.countries->size()) + ui.px(4))), false);
            for (const auto& c : *data.countries)
                if (menu_row(ui, id + "." + c, c, c == chips.country, w - ui.px(8))) {
                    out = chips;
                    out->country = c;
                }
            ImGui::EndChild();
            if (out || escape()) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        list::pop_popup_style();
    }

    // Date range: which date, then a preset or a custom from-to.
    {
        Pending& pend = pending(prefix);
        const std::string label = date_label(app, chips);
        const std::string id = prefix + ".filter.date";
        const ImVec2 at = flow.place(list::chip_width(ui, label, true) + gap);
        ImGui::SetCursorScreenPos(at);
        if (list::chip(ui, id, label, !chips.date_field.empty(), true)) {
            pend.date_field = chips.date_field.empty() ? "create_date" : chips.date_field;
            pend.from = chips.date_from;
            pend.to = chips.date_to;
            pend.bad_date = false;
            ImGui::OpenPopup((id + ".menu").c_str());
        }
        ImGui::SetNextWindowPos(ImVec2(at.x, at.y + ui.px(36)));
        list::push_popup_style(ui);
        if (ImGui::BeginPopup((id + ".menu").c_str())) {
            const float w = ui.px(280);
            for (auto f : client::date_range_fields) {
                const std::string fs(f);
                if (menu_row(ui, id + ".field." + fs, app.tr("search.date.field." + fs), pend.date_field == fs, w))
                    pend.date_field = fs;
            }
            ImGui::Dummy(ImVec2(0, ui.px(2)));
            ImGui::GetWindowDrawList()->AddLine(ImGui::GetCursorScreenPos(),
                                                ImVec2(ImGui::GetCursorScreenPos().x + w, ImGui::GetCursorScreenPos().y),
                                                color::border, ui.px(1));
            ImGui::Dummy(ImVec2(0, ui.px(4)));
            for (auto p : client::date_range_presets) {
                if (p == "custom") continue;
                const std::string ps(p);
                const bool on = chips.date_field == pend.date_field && chips.date_preset == ps;
                if (menu_row(ui, id + ".preset." + ps, app.tr("search.date.preset." + ps), on, w)) {
                    out = chips;
                    out->set_date(pend.date_field, ps);
                }
            }
            menu_heading(ui, app.tr("search.date.preset.custom"));
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(6), ImGui::GetCursorScreenPos().y));
            const bool enter_from = board::field(ui, id + ".from", app.tr("search.date.from"), pend.from, w - ui.px(12), false);
            ImGui::Dummy(ImVec2(0, ui.px(4)));
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(6), ImGui::GetCursorScreenPos().y));
            const bool enter_to = board::field(ui, id + ".to", app.tr("search.date.to"), pend.to, w - ui.px(12), false);
            ImGui::Dummy(ImVec2(0, ui.px(6)));
            if (pend.bad_date) {
                ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(8), ImGui::GetCursorScreenPos().y));
                text(ui, id + ".bad", app.tr("search.date.bad"), ui.fonts.small, color::danger_text);
                ImGui::Dummy(ImVec2(0, ui.px(4)));
            }
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(6), ImGui::GetCursorScreenPos().y));
            const bool apply = button(ui, id + ".apply", app.tr("search.date.apply"), ButtonKind::primary, ImVec2(ui.px(110), ui.px(34)));
            ImGui::SameLine(0, ui.px(8));
            const bool any = button(ui, id + ".any", app.tr("search.date.any"), ButtonKind::ghost, ImVec2(0, ui.px(34)));
            if (apply || enter_from || enter_to) {
                SearchChips next = chips;
                next.set_date(pend.date_field, "custom", pend.from, pend.to);
                pend.bad_date = next.date_field.empty();
                if (!pend.bad_date) out = next;
            }
            if (any) {
                out = chips;
                out->clear_date();
            }
            if (out || escape()) ImGui::CloseCurrentPopup();
            ImGui::EndPopup();
        }
        list::pop_popup_style();
    }
    return out;
}

float favourites_width(AppState& app, Ui& ui) { return list::chip_width(ui, "★ " + app.tr("fav.menu"), true); }

std::optional<std::string> draw_favourites(AppState& app, Ui& ui, const std::string& prefix, client::SavedSearches& favs,
                                           const std::string& current_query, ImVec2 pos) {
    std::optional<std::string> applied;
    Pending& pend = pending(prefix);
    const std::string id = prefix + ".fav";
    const std::string label = "★ " + app.tr("fav.menu");
    ImGui::SetCursorScreenPos(pos);
    if (list::chip(ui, id, label, false, true)) {
        favs.load();
        pend.saving = false;
        ImGui::OpenPopup((id + ".menu").c_str());
    }
    ImGui::SetNextWindowPos(ImVec2(pos.x + list::chip_width(ui, label, true), pos.y + ui.px(36)), ImGuiCond_Always, ImVec2(1, 0));
    list::push_popup_style(ui);
    if (ImGui::BeginPopup((id + ".menu").c_str())) {
        const float w = ui.px(320);
        if (favs.loaded() && favs.items().empty()) menu_heading(ui, app.tr("fav.empty"));
        for (const auto& s : favs.items()) {
            std::string name = s.name;
            if (s.is_default) name += " · " + app.tr("fav.default_badge");
            if (s.shared) name += " · " + app.tr("fav.shared_badge");
            const std::string row = id + ".item." + std::to_string(s.id);
            const ImVec2 rp = ImGui::GetCursorScreenPos();
            if (menu_row(ui, row, name, s.query == current_query, w - ui.px(36))) applied = s.query;
            if (s.own) {
                // Delete: a small × at the row's end (the server lets only the owner or an administrator).
                ImGui::SetCursorScreenPos(ImVec2(rp.x + w - ui.px(32), rp.y + ui.px(3)));
                const std::string del = id + ".delete." + std::to_string(s.id);
                if (ImGui::InvisibleButton(("##" + del).c_str(), ImVec2(ui.px(28), ui.px(28)))) favs.remove(s.id);
                const bool hv = ImGui::IsItemHovered();
                const ImVec2 c(rp.x + w - ui.px(18), rp.y + ui.px(17));
                const float k = ui.px(4);
                const ImU32 col = hv ? color::danger : color::text_muted;
                ImDrawList* dl = ImGui::GetWindowDrawList();
                dl->AddLine(ImVec2(c.x - k, c.y - k), ImVec2(c.x + k, c.y + k), col, ui.px(1.5f));
                dl->AddLine(ImVec2(c.x - k, c.y + k), ImVec2(c.x + k, c.y - k), col, ui.px(1.5f));
                ui.record(del, app.tr("fav.delete", {{"name", s.name}}), "button", ImVec2(c.x - ui.px(14), rp.y + ui.px(3)),
                          ImVec2(c.x + ui.px(14), rp.y + ui.px(31)));
                ImGui::SetCursorScreenPos(ImVec2(rp.x, rp.y + ui.px(34)));
                ImGui::Dummy(ImVec2(w, 0));
            }
        }
        ImGui::Dummy(ImVec2(0, ui.px(2)));
        ImGui::GetWindowDrawList()->AddLine(ImGui::GetCursorScreenPos(),
                                            ImVec2(ImGui::GetCursorScreenPos().x + w, ImGui::GetCursorScreenPos().y),
                                            color::border, ui.px(1));
        ImGui::Dummy(ImVec2(0, ui.px(4)));
        if (!pend.saving) {
            if (menu_row(ui, id + ".save", app.tr("fav.save"), false, w)) {
                pend.saving = true;
                pend.name.clear();
                pend.shared = pend.is_default = false;
            }
        } else {
            menu_heading(ui, app.tr("fav.save_title"));
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(6), ImGui::GetCursorScreenPos().y));
            const bool enter = board::field(ui, id + ".name", app.tr("fav.name"), pend.name, w - ui.px(12), ImGui::IsWindowAppearing());
            ImGui::Dummy(ImVec2(0, ui.px(6)));
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(6), ImGui::GetCursorScreenPos().y));
            checkbox(ui, id + ".shared", app.tr("fav.shared"), pend.shared);
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(6), ImGui::GetCursorScreenPos().y));
            checkbox(ui, id + ".default", app.tr("fav.default"), pend.is_default);
            const std::string err = favs.error().render(app.language());
            if (!err.empty()) {
                ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(8), ImGui::GetCursorScreenPos().y));
                paragraph(ui, id + ".error", err, ui.fonts.small, color::danger_text, w - ui.px(16));
            }
            ImGui::Dummy(ImVec2(0, ui.px(6)));
            ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + ui.px(6), ImGui::GetCursorScreenPos().y));
            const bool save = button(ui, id + ".save_button", app.tr("fav.save_button"), ButtonKind::primary,
                                     ImVec2(ui.px(110), ui.px(34)), !favs.busy());
            ImGui::SameLine(0, ui.px(8));
            if (button(ui, id + ".cancel", app.tr("fav.cancel"), ButtonKind::ghost, ImVec2(0, ui.px(34)))) pend.saving = false;
            if ((save || enter) && !favs.busy())
                favs.save(pend.name, current_query, pend.shared, pend.is_default, [&pend] { pend.saving = false; });
        }
        if (applied || escape()) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    list::pop_popup_style();
    return applied;
}

}  // namespace tumen::app::search
