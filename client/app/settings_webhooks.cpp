// Settings › Webhooks (administrators): the hooks (name, URL, events, state of the last delivery) with Edit, Log,
// Test, New secret and Delete; the editor (name, URL, event checkboxes, allow private networks with a warning);
// the signing secret shown once; and the open hook's delivery log (event, state, status, error, time, Redeliver).
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "state/settings_webhooks.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

const ImU32& settings_webhooks_ok_fg = color::success_text;

std::string settings_webhooks_err(AppState& app, const client::WebhooksAdmin& w, const std::string& f) {
    const client::Message* e = w.error(f);
    return e ? e->render(app.language()) : std::string();
}

std::string event_label(AppState& app, const std::string& event) {
    return app.tr("settings.webhooks.event." + event);
}

void state_pill(AppState& app, Ui& ui, const std::string& id, const std::string& state) {
    const bool bad = state == "failed", good = state == "delivered";
    pill(ui, id, app.tr("settings.webhooks.state." + (state.empty() ? std::string("none") : state)),
         bad ? color::danger : good ? lead_color::success_soft : color::surface_muted,
         bad ? color::on_primary : good ? settings_webhooks_ok_fg : color::text_secondary);
}

void settings_webhooks_editor(AppState& app, Ui& ui, float width) {
    auto& w = app.settings().webhooks();
    auto& d = w.draft;
    const std::string id = "settings.webhooks.form";
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float pad = ui.px(18), inner = width - 2 * pad;
    const float h = ui.remembered(id + ".h", ui.px(420));
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), color::surface_muted, ui.px(10));
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    ImGui::BeginGroup();
    text(ui, id + ".title", app.tr(d.id ? "settings.webhooks.edit_title" : "settings.webhooks.new_title"), ui.fonts.strong,
         color::text);
    gap(ui, 12);
    FieldOptions o;
    o.width = inner;
    const std::string e_name = settings_webhooks_err(app, w, "name"), e_url = settings_webhooks_err(app, w, "url"), e_events = settings_webhooks_err(app, w, "events");
    o.error = e_name;
    if (form_field(ui, id + ".name", app.tr("settings.webhooks.name"), d.name, o)) w.clear_error("name");
    gap(ui, 12);
    o.error = e_url;
    o.hint = "https://";
    if (form_field(ui, id + ".url", app.tr("settings.webhooks.url"), d.url, o)) w.clear_error("url");
    gap(ui, 12);
    text(ui, id + ".events_label", app.tr("settings.webhooks.events"), ui.fonts.small, color::text_secondary);
    gap(ui, 4);
    std::vector<std::string> names = w.event_names();
    if (names.empty()) names = {"lead.created", "lead.stage_changed", "lead.won", "lead.lost", "lead.assigned"};
    for (const auto& e : names) {
        bool on = w.subscribed(e);
        if (checkbox(ui, id + ".event." + e, event_label(app, e), on)) w.set_subscribed(e, on);
    }
    if (!e_events.empty()) text(ui, id + ".events_error", e_events, ui.fonts.small, color::danger_text);
    gap(ui, 10);
    checkbox(ui, id + ".active", app.tr("settings.col.active"), d.active);
    checkbox(ui, id + ".allow_private", app.tr("settings.webhooks.allow_private"), d.allow_private);
    if (d.allow_private) {
        gap(ui, 4);
        paragraph(ui, id + ".private_warning", app.tr("settings.webhooks.private_warning"), ui.fonts.small,
                  color::danger_text, inner);
    }
    gap(ui, 16);
    if (button(ui, id + ".save", app.tr("settings.save"), ButtonKind::primary, ImVec2(0, ui.px(36)), !w.busy())) w.save();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, id + ".cancel", app.tr("settings.cancel"), ButtonKind::secondary, ImVec2(0, ui.px(36)))) w.cancel();
    ImGui::EndGroup();
    ui.remember(id + ".h", ImGui::GetItemRectMax().y + pad - p.y);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    gap(ui, 20);
}

void delivery_log(AppState& app, Ui& ui, float width) {
    auto& w = app.settings().webhooks();
    const std::string id = "settings.webhooks.log";
    std::string name;
    for (const auto& h : w.items())
        if (h.id == w.log_hook()) name = h.name;
    gap(ui, 16);
    section_title(ui, id, app.tr("settings.webhooks.log_title", {{"name", name}}), width);
    if (row_button(ui, id + ".close", app.tr("settings.webhooks.close_log"))) {
        w.close_log();
        return;
    }
    gap(ui, 8);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = w.log();  // a copy: Redeliver reloads it
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& d = rows[i];
        const std::string rid = id + ".row." + std::to_string(d.id);
        const std::string again = app.tr("settings.webhooks.redeliver");
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(10)));
        text(ui, rid + ".event", d.event == "ping" ? app.tr("settings.webhooks.event.ping") : event_label(app, d.event),
             ui.fonts.strong, color::text);
        ImGui::SameLine(0, ui.px(8));
        state_pill(app, ui, rid + ".state", d.state);
        ImGui::SameLine(0, ui.px(8));
        std::string facts = short_time(d.created_at);
        if (d.response_status) facts += " · HTTP " + std::to_string(*d.response_status);
        facts += " · " + app.tr("settings.webhooks.attempts", {{"count", std::to_string(d.attempts)}});
        text(ui, rid + ".facts", facts, ui.fonts.small, color::text_secondary);
        float bottom = ImGui::GetItemRectMax().y + ui.px(4);
        if (!d.last_error.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, bottom));
            paragraph(ui, rid + ".error", d.last_error, ui.fonts.small,
                      d.state == "failed" ? color::danger_text : color::text_secondary,
                      width - 2 * pad - row_button_width(ui, again) - ui.px(12));
            bottom = ImGui::GetItemRectMax().y + ui.px(4);
        }
        ImGui::SetCursorScreenPos(ImVec2(top.x + width - pad - row_button_width(ui, again), y + ui.px(8)));
        if (row_button(ui, rid + ".redeliver", again)) w.redeliver(d.id);
        y = std::max(bottom + ui.px(6), y + ui.px(48));
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, id + ".empty", app.tr(w.log_loading() ? "app.loading" : "settings.webhooks.log_empty"), ui.fonts.body,
             color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(8)));
    ImGui::Dummy(ImVec2(width, ui.px(1)));
}

}  // namespace

void settings_webhooks(AppState& app, Ui& ui, float width) {
    auto& w = app.settings().webhooks();
    if (section_header(ui, "settings.webhooks", app.tr("settings.webhooks.title"), app.tr("settings.webhooks.about"),
                       app.tr("settings.webhooks.new"), width, !w.editing()))
        w.create();
    section_messages(app, ui, "settings.webhooks", w.banner(), w.notice(), width);
    if (w.channel_state() == "error" && !w.channel_error().empty()) {
        alert(ui, "settings.webhooks.channel_error", app.tr("settings.webhooks.channel_error", {{"error", w.channel_error()}}),
              width);
        gap(ui, 12);
    }
    if (!w.secret().empty()) {
        if (secret_box(app, ui, "settings.webhooks.secret", app.tr("settings.webhooks.secret_title", {{"name", w.secret_hook_name()}}),
                       app.tr("settings.webhooks.secret_hint"), w.secret(), width))
            w.dismiss_secret();
        gap(ui, 20);
    }
    if (w.editing()) settings_webhooks_editor(app, ui, width);

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float pad = ui.px(14);
    const ImVec2 top = ImGui::GetCursorScreenPos();
    float y = top.y;
    const auto rows = w.items();  // a copy: a click may replace rows
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const std::string rid = "settings.webhooks.row." + std::to_string(r.id);
        const std::vector<std::pair<std::string, std::string>> actions = {
            {"edit", app.tr("settings.edit")},           {"log", app.tr("settings.webhooks.log")},
            {"test", app.tr("settings.webhooks.test")},  {"rotate", app.tr("settings.webhooks.rotate")},
            {"delete", app.tr("settings.delete")}};
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(10)));
        text(ui, rid + ".name", r.name, ui.fonts.strong, color::text);
        ImGui::SameLine(0, ui.px(8));
        if (!r.active) pill(ui, rid + ".inactive", app.tr("settings.webhooks.inactive"), color::surface_muted, color::text_secondary);
        else state_pill(app, ui, rid + ".last", r.last_delivery ? r.last_delivery->state : "");
        if (r.allow_private) {
            ImGui::SameLine(0, ui.px(6));
            pill(ui, rid + ".private", app.tr("settings.webhooks.private"), color::danger_soft, color::danger_text);
        }
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, ImGui::GetItemRectMax().y + ui.px(4)));
        paragraph(ui, rid + ".url", r.url, ui.fonts.small, color::text_secondary, width - 2 * pad);
        std::string events;
        for (const auto& e : r.events) events += (events.empty() ? "" : ", ") + event_label(app, e);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, ImGui::GetItemRectMax().y + ui.px(2)));
        paragraph(ui, rid + ".events", events, ui.fonts.small, color::text_muted, width - 2 * pad);
        if (r.last_delivery && r.last_delivery->state == "failed" && !r.last_delivery->last_error.empty()) {
            ImGui::SetCursorScreenPos(ImVec2(top.x + pad, ImGui::GetItemRectMax().y + ui.px(2)));
            paragraph(ui, rid + ".error", r.last_delivery->last_error, ui.fonts.small, color::danger_text, width - 2 * pad);
        }
        // The actions on a line of their own: URLs are long.
        float bx = top.x + pad;
        const float by = ImGui::GetItemRectMax().y + ui.px(8);
        for (const auto& [k, label] : actions) {
            ImGui::SetCursorScreenPos(ImVec2(bx, by));
            const bool enabled = k == "edit" ? !w.editing() : (k == "test" || k == "rotate") ? !w.busy() : true;
            if (row_button(ui, rid + "." + k, label, k == "delete", enabled)) {
                if (k == "edit") w.edit(r.id);
                else if (k == "log") w.show_log(r.id);
                else if (k == "test") w.test(r.id);
                else if (k == "rotate") w.rotate_secret(r.id);
                else w.confirm_delete = r.id;
            }
            bx += row_button_width(ui, label) + ui.px(8);
        }
        y = ImGui::GetItemRectMax().y + ui.px(12);
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, "settings.webhooks.empty", app.tr(w.loading() ? "app.loading" : "settings.webhooks.empty"), ui.fonts.body,
             color::text_muted);
        y += ui.px(54);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y + ui.px(8)));
    ImGui::Dummy(ImVec2(width, ui.px(1)));

    if (w.log_hook()) delivery_log(app, ui, width);

    if (w.confirm_delete) {
        std::string name;
        for (const auto& r : rows)
            if (r.id == w.confirm_delete) name = r.name;
        const int answer = confirm_overlay(app, ui, "settings.webhooks.confirm", app.tr("settings.webhooks.delete_title"),
                                           app.tr("settings.webhooks.delete_body", {{"name", name}}), app.tr("settings.delete"));
        if (answer == 1) w.remove(w.confirm_delete);
        if (answer != 0) w.confirm_delete = 0;
    }
}

}  // namespace tumen::app
