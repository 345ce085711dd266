// Settings › Users: the people who can sign in, with role, e-mail, two-factor and active state; a form to add one;
// per row: the role picker, Teams and Set password (dialogs), Reset 2FA and Deactivate (both confirmed) or Activate.
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::vector<PickItem> role_items(AppState& app) {
    std::vector<PickItem> out;
    std::int64_t i = 1;
    for (const auto& r : client::user_roles()) out.push_back({i++, role_label(app, r)});
    return out;
}

std::int64_t role_index(const std::string& role) {
    const auto& roles = client::user_roles();
    auto it = std::find(roles.begin(), roles.end(), role);
    return it == roles.end() ? 0 : (it - roles.begin()) + 1;
}

std::string settings_users_err(AppState& app, const client::UsersAdmin& u, const std::string& f) {
    const client::Message* m = u.error(f);
    return m ? m->render(app.language()) : std::string();
}

// One checkbox per team; `ids` is what is ticked.
void team_checkboxes(AppState& app, Ui& ui, const std::string& id, std::vector<std::int64_t>& ids, float width) {
    const auto& teams = app.settings().teams();
    if (teams.empty()) {
        text(ui, id + ".none", app.tr("settings.users.no_teams"), ui.fonts.body, color::text_muted);
        return;
    }
    const float x0 = ImGui::GetCursorScreenPos().x;
    float x = x0;
    for (const auto& t : teams) {
        bool on = std::find(ids.begin(), ids.end(), t.id) != ids.end();
        const float w = text_size(ui.fonts.body, t.name).x + ui.px(44);
        if (x > x0 && x + w > x0 + width) x = x0;  // wrap
        else if (x > x0) ImGui::SameLine(0, 0);
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        if (checkbox(ui, id + "." + std::to_string(t.id), t.name, on)) client::toggle_id(ids, t.id);
        x += w;
    }
}

std::string team_names(AppState& app, const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids) out += (out.empty() ? "" : ", ") + app.settings().team_name(id);
    return out;
}

void create_form(AppState& app, Ui& ui, float width) {
    auto& u = app.settings().users();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ui.remembered("settings.users.form.h", ui.px(240));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + h), color::surface_muted, ui.px(10));
    const float pad = ui.px(20), inner = width - 2 * pad, gutter = ui.px(16);
    const float half = std::floor((inner - gutter) * 0.5f);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    ImGui::BeginGroup();
    text(ui, "settings.users.form.title", app.tr("settings.users.new"), ui.fonts.strong, color::text);
    gap(ui, 12);
    auto pair = [&](auto left, auto right) {
        const ImVec2 r = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        left();
        ImGui::EndGroup();
        const float b1 = ImGui::GetItemRectMax().y;
        ImGui::SetCursorScreenPos(ImVec2(r.x + half + gutter, r.y));
        ImGui::BeginGroup();
        right();
        ImGui::EndGroup();
        const float b2 = ImGui::GetItemRectMax().y;
        ImGui::SetCursorScreenPos(ImVec2(r.x, std::max(b1, b2)));
        gap(ui, 12);
    };
    FieldOptions o;
    o.width = half;
    pair(
        [&] {
            auto f = o;
            const std::string e = settings_users_err(app, u, "login");
            f.error = e;
            f.focus = ui.remembered("settings.users.form.shown", 0) == 0;
            form_field(ui, "settings.users.new.login", app.tr("settings.users.login"), u.draft.login, f);
        },
        [&] {
            auto f = o;
            const std::string e = settings_users_err(app, u, "name");
            f.error = e;
            form_field(ui, "settings.users.new.name", app.tr("settings.users.name"), u.draft.name, f);
        });
    ui.remember("settings.users.form.shown", 1);
    pair(
        [&] {
            auto f = o;
            const std::string e = settings_users_err(app, u, "email");
            f.error = e;
            form_field(ui, "settings.users.new.email", app.tr("settings.users.email"), u.draft.email, f);
        },
        [&] {
            auto f = o;
            const std::string e = settings_users_err(app, u, "role");
            f.error = e;
            std::optional<std::int64_t> sel = role_index(u.draft.role);
            if (form_picker(ui, "settings.users.new.role", app.tr("settings.users.role"), role_items(app), sel, "", f) && sel)
                u.draft.role = client::user_roles()[static_cast<size_t>(*sel - 1)];
        });
    pair(
        [&] {
            auto f = o;
            const std::string e = settings_users_err(app, u, "password");
            f.error = e;
            const std::string hint = app.tr("settings.password_hint");
            f.hint = hint;
            ImGui::PushID("pw");
            // Typed in clear on purpose: the administrator passes it on to the new user.
            form_field(ui, "settings.users.new.password", app.tr("settings.users.password"), u.draft.password, f);
            ImGui::PopID();
        },
        [&] {
            auto f = o;
            const std::string e = settings_users_err(app, u, "lang");
            f.error = e;
            if (u.draft.lang.empty()) u.draft.lang = std::string(i18n::code(app.language()));  // the admin's, to start
            language_picker(ui, "settings.users.new.lang", app.tr("settings.users.lang"), u.draft.lang, f);
        });
    {
        auto f = o;
        const std::string e = settings_users_err(app, u, "tz");
        f.error = e;
        time_zone_picker(ui, "settings.users.new.tz", app.tr("settings.users.tz"), u.draft.tz, f);
    }
    gap(ui, 12);
    text(ui, "settings.users.new.teams_label", app.tr("settings.users.teams"), ui.fonts.small, color::text_secondary);
    gap(ui, 6);
    team_checkboxes(app, ui, "settings.users.new.team", u.draft.team_ids, inner);
    if (const std::string e = settings_users_err(app, u, "team_ids"); !e.empty()) {
        gap(ui, 4);
        text(ui, "settings.users.new.teams_error", e, ui.fonts.small, color::danger_text);
    }
    gap(ui, 16);
    if (button(ui, "settings.users.create", app.tr("settings.users.create"), ButtonKind::primary, ImVec2(0, ui.px(38)), !u.busy()))
        u.submit_create();
    ImGui::SameLine(0, ui.px(10));
    if (button(ui, "settings.users.create_cancel", app.tr("settings.cancel"), ButtonKind::secondary, ImVec2(0, ui.px(38)))) {
        ui.remember("settings.users.form.shown", 0);
        u.cancel_create();
    }
    ImGui::EndGroup();
    ui.remember("settings.users.form.h", ImGui::GetItemRectMax().y + pad - p.y);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    gap(ui, 20);
}

void teams_dialog(AppState& app, Ui& ui) {
    auto& u = app.settings().users();
    const client::UserRow* row = u.row(*u.teams_for());
    bool dismissed = false;
    const float width = ui.px(520), inner = width - ui.px(56);
    const std::string id = "settings.users.teams_dialog";
    begin_dialog(app, ui, id, app.tr("settings.users.teams_title", {{"name", row ? row->name : std::string()}}), width,
                 dismissed);
    const float top = ui.remembered("overlay.current", 0);
    paragraph(ui, id + ".body", app.tr("settings.users.teams_body"), ui.fonts.body, color::text_secondary, inner);
    gap(ui, 14);
    team_checkboxes(app, ui, id + ".team", u.teams_draft, inner);
    const client::Message* e = u.error("team_ids");
    if (e || !u.banner().empty()) {
        gap(ui, 14);
        alert(ui, id + ".error", e ? e->render(app.language()) : u.banner().render(app.language()), inner);
    }
    gap(ui, 22);
    const int answer = overlay_buttons(app, ui, id, app.tr("settings.users.save_teams"), inner, !u.busy());
    if (answer < 0) dismissed = true;
    else if (answer > 0) u.submit_teams();
    ui.remember("overlay." + id + ".h", ImGui::GetCursorScreenPos().y + ui.px(24) - top);
    end_overlay();
    if (dismissed) u.cancel_teams();
}

void password_dialog(AppState& app, Ui& ui) {
    auto& u = app.settings().users();
    const client::UserRow* row = u.row(*u.password_for());
    bool dismissed = false;
    const float width = ui.px(460), inner = width - ui.px(56);
    const std::string id = "settings.users.password_dialog";
    begin_dialog(app, ui, id, app.tr("settings.users.set_password_title", {{"name", row ? row->name : std::string()}}),
                 width, dismissed);
    const float top = ui.remembered("overlay.current", 0);
    paragraph(ui, id + ".body", app.tr("settings.users.set_password_body"), ui.fonts.body, color::text_secondary, inner);
    gap(ui, 14);
    FieldOptions f;
    f.width = inner;
    const std::string e = settings_users_err(app, u, "password");
    f.error = e;
    const std::string hint = app.tr("settings.password_hint");
    f.hint = hint;
    f.focus = ui.remembered(id + ".shown", 0) == 0;
    ui.remember(id + ".shown", 1);
    form_field(ui, "settings.users.new_password", app.tr("settings.users.password"), u.new_password, f);
    if (!u.banner().empty()) {
        gap(ui, 14);
        alert(ui, id + ".error", u.banner().render(app.language()), inner);
    }
    gap(ui, 22);
    const int answer = overlay_buttons(app, ui, id, app.tr("settings.users.set_password"), inner, !u.busy(), true);
    if (answer < 0) dismissed = true;
    else if (answer > 0) u.submit_password();
    ui.remember("overlay." + id + ".h", ImGui::GetCursorScreenPos().y + ui.px(24) - top);
    end_overlay();
    if (dismissed) {
        ui.remember(id + ".shown", 0);
        u.cancel_password();
    }
}

}  // namespace

void settings_users(AppState& app, Ui& ui, float width) {
    auto& u = app.settings().users();
    const std::string add = u.creating() ? std::string() : app.tr("settings.users.add");
    if (section_header(ui, "settings.users", app.tr("settings.users.title"), app.tr("settings.users.about"), add, width, !u.busy()))
        u.begin_create();
    section_messages(app, ui, "settings.users",
                     u.creating() || u.password_for() || u.teams_for() ? client::Message{} : u.banner(), u.notice(), width);
    if (u.creating()) {
        if (!u.banner().empty()) {
            alert(ui, "settings.users.error", u.banner().render(app.language()), width);
            gap(ui, 12);
        }
        create_form(app, ui, width);
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float pad = ui.px(14), head_h = ui.px(36), row_h = ui.px(58);
    const float role_w = ui.px(236);  // "Борлуулагч – бүх баримт" fits
    const std::string teams = app.tr("settings.users.teams");
    const std::string set_pw = app.tr("settings.users.set_password"), reset = app.tr("settings.users.reset_totp"),
                      deact = app.tr("settings.users.deactivate"), act = app.tr("settings.users.activate");
    const float actions_w = row_button_width(ui, teams) + row_button_width(ui, set_pw) + row_button_width(ui, reset) +
                            std::max(row_button_width(ui, deact), row_button_width(ui, act)) + ui.px(12);
    const float name_w = std::max(ui.px(200), width - 2 * pad - role_w - actions_w - ui.px(16));
    const float role_x = top.x + pad + name_w, act_x = role_x + role_w + ui.px(16);
    dl->AddRectFilled(top, ImVec2(top.x + width, top.y + head_h), color::surface_muted, ui.px(8), ImDrawFlags_RoundCornersTop);
    auto head = [&](const char* id, const std::string& label, float x) {
        ImGui::SetCursorScreenPos(ImVec2(x, std::floor(top.y + (head_h - ui.fonts.small->FontSize) * 0.5f)));
        text(ui, id, label, ui.fonts.small, color::text_secondary);
    };
    head("settings.users.col.user", app.tr("settings.users.user"), top.x + pad);
    head("settings.users.col.role", app.tr("settings.users.role"), role_x);
    float y = top.y + head_h;
    const auto roles = role_items(app);
    const auto& session = app.session();
    for (size_t i = 0; i < u.rows().size(); ++i) {
        const client::UserRow r = u.rows()[i];  // a copy: a click below may change the list
        const std::string rid = "settings.users.row." + r.login;
        const bool me = session && session->user.id == r.id;
        // avatar, name, login · e-mail, pills
        avatar(ui, dl, ImVec2(top.x + pad + ui.px(18), y + row_h * 0.5f), ui.px(17), r.id, r.name);
        const float tx = top.x + pad + ui.px(46);
        ImGui::SetCursorScreenPos(ImVec2(tx, y + ui.px(10)));
        text(ui, rid + ".name", r.name, ui.fonts.strong, r.active ? color::text : color::text_muted);
        float px = ImGui::GetItemRectMax().x + ui.px(8);
        auto tag = [&](const std::string& id, const std::string& label, ImU32 bg, ImU32 fg) {
            ImGui::SetCursorScreenPos(ImVec2(px, y + ui.px(8)));
            pill(ui, id, label, bg, fg);
            px = ImGui::GetItemRectMax().x + ui.px(6);
        };
        if (me) tag(rid + ".you", app.tr("settings.users.you"), color::primary_soft, color::primary_active);
        if (r.totp_enabled) tag(rid + ".totp", app.tr("settings.users.totp_on"), lead_color::success_soft, lead_color::success);
        if (!r.active) tag(rid + ".inactive", app.tr("settings.users.inactive"), color::surface_muted, color::text_secondary);
        ImGui::SetCursorScreenPos(ImVec2(tx, y + ui.px(32)));
        const std::string team_line = r.team_ids.empty() ? std::string() : "  ·  " + team_names(app, r.team_ids);
        text(ui, rid + ".login",
             fit_text(ui.fonts.small, r.login + (r.email.empty() ? "" : "  ·  " + r.email) + team_line, name_w - ui.px(56)),
             ui.fonts.small, color::text_secondary);
        // role
        ImGui::SetCursorScreenPos(ImVec2(role_x, y + std::floor((row_h - ui.px(36)) * 0.5f)));
        std::optional<std::int64_t> sel = role_index(r.role);
        FieldOptions fo;
        fo.width = role_w;
        fo.label_above = false;
        ImGui::BeginDisabled(me || u.busy());  // changing one's own role locks oneself out
        if (form_picker(ui, rid + ".role", "", roles, sel, "", fo) && sel && *sel != role_index(r.role))
            u.set_role(r.id, client::user_roles()[static_cast<size_t>(*sel - 1)]);
        ImGui::EndDisabled();
        // actions
        ImGui::SetCursorScreenPos(ImVec2(act_x, y + std::floor((row_h - ui.px(30)) * 0.5f)));
        if (row_button(ui, rid + ".teams", teams, false, !u.busy())) u.begin_teams(r.id);
        ImGui::SameLine(0, ui.px(6));
        if (row_button(ui, rid + ".set_password", set_pw, false, !u.busy())) u.begin_password(r.id);
        ImGui::SameLine(0, ui.px(6));
        if (row_button(ui, rid + ".reset_totp", reset, false, r.totp_enabled && !u.busy())) u.ask("totp_reset", r.id);
        ImGui::SameLine(0, ui.px(6));
        if (r.active) {
            if (row_button(ui, rid + ".deactivate", deact, true, !me && !u.busy())) u.ask("deactivate", r.id);
        } else if (row_button(ui, rid + ".activate", act, false, !u.busy())) {
            u.activate(r.id);
        }
        y += row_h;
        if (i + 1 < u.rows().size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (u.rows().empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(16)));
        text(ui, "settings.users.empty", app.tr(u.loading() ? "app.loading" : "settings.empty"), ui.fonts.body, color::text_muted);
        y += ui.px(56);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y));
    ImGui::Dummy(ImVec2(width, ui.px(1)));

    if (u.password_for()) password_dialog(app, ui);
    if (u.teams_for()) teams_dialog(app, ui);
    if (const auto& p = u.pending()) {
        const client::UserRow* r = u.row(p->id);
        const std::string name = r ? r->name : std::string();
        const bool deactivate = p->action == "deactivate";
        const int answer = confirm_overlay(
            app, ui, deactivate ? "settings.users.confirm_deactivate" : "settings.users.confirm_totp",
            app.tr(deactivate ? "settings.users.deactivate_title" : "settings.users.reset_totp_title", {{"name", name}}),
            app.tr(deactivate ? "settings.users.deactivate_body" : "settings.users.reset_totp_body"),
            deactivate ? deact : reset);
        if (answer > 0) u.confirm();
        else if (answer < 0) u.cancel_confirm();
    }
}

}  // namespace tumen::app
