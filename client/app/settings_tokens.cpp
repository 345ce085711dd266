// Settings › API keys and Kiosk tokens: a small create form on top (the new secret replaces it, shown once with a
// Copy button), then the list with Revoke (confirmed).
#include <algorithm>
#include <cmath>

#include "settings_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::string settings_tokens_err(AppState& app, const client::TokensAdmin& t, const std::string& f) {
    const client::Message* m = t.error(f);
    return m ? m->render(app.language()) : std::string();
}

// A list of rows: a bold name, a muted detail line and a Revoke button on the right.
void token_rows(AppState& app, Ui& ui, const std::string& kind, float width,
                const std::vector<std::tuple<std::int64_t, std::string, std::string>>& rows) {
    auto& t = app.settings().tokens();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    const float pad = ui.px(16), row_h = ui.px(60);
    const std::string revoke = app.tr("settings.revoke");
    float y = top.y;
    const std::string base = kind == "kiosk" ? "settings.kiosk" : "settings.api_keys";
    for (size_t i = 0; i < rows.size(); ++i) {
        const auto& [id, name, detail] = rows[i];
        const std::string rid = base + ".row." + std::to_string(id);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(11)));
        text(ui, rid + ".name", name, ui.fonts.strong, color::text);
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(33)));
        text(ui, rid + ".detail", detail, ui.fonts.small, color::text_secondary);
        ImGui::SetCursorScreenPos(ImVec2(top.x + width - pad - row_button_width(ui, revoke), y + std::floor((row_h - ui.px(30)) * 0.5f)));
        if (row_button(ui, rid + ".revoke", revoke, true, !t.busy())) t.ask_revoke(kind, id);
        y += row_h;
        if (i + 1 < rows.size()) dl->AddLine(ImVec2(top.x, y), ImVec2(top.x + width, y), color::border, ui.px(1));
    }
    if (rows.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(top.x + pad, y + ui.px(18)));
        text(ui, base + ".empty", app.tr(t.loading() ? "app.loading" : "settings." + std::string(kind == "kiosk" ? "kiosk" : "api_keys") + ".none"),
             ui.fonts.body, color::text_muted);
        y += ui.px(58);
    }
    dl->AddRect(top, ImVec2(top.x + width, y), color::border, ui.px(8), 0, ui.px(1));
    ImGui::SetCursorScreenPos(ImVec2(top.x, y));
    ImGui::Dummy(ImVec2(width, ui.px(1)));
    if (const auto& p = t.pending(); p && p->kind == kind) {
        std::string name;
        for (const auto& r : rows)
            if (std::get<0>(r) == p->id) name = std::get<1>(r);
        const int answer = confirm_overlay(app, ui, base + ".confirm_revoke", app.tr("settings.revoke_title", {{"name", name}}),
                                           app.tr(base + ".revoke_body"), revoke);
        if (answer > 0) t.confirm_revoke();
        else if (answer < 0) t.cancel_revoke();
    }
}

// A panel in the muted surface colour with `draw` inside; remembers its height under `id`.
template <class F>
void panel(Ui& ui, const std::string& id, float width, F draw) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float h = ui.remembered(id + ".h", ui.px(120));
    ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + width, p.y + h), color::surface_muted, ui.px(10));
    const float pad = ui.px(18);
    ImGui::SetCursorScreenPos(ImVec2(p.x + pad, p.y + pad));
    ImGui::BeginGroup();
    draw(width - 2 * pad);
    ImGui::EndGroup();
    ui.remember(id + ".h", ImGui::GetItemRectMax().y + pad - p.y);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    gap(ui, 20);
}

}  // namespace

void settings_api_keys(AppState& app, Ui& ui, float width) {
    auto& t = app.settings().tokens();
    section_header(ui, "settings.api_keys", app.tr("settings.api_keys.title"), app.tr("settings.api_keys.about"), "", width);
    section_messages(app, ui, "settings.api_keys", t.banner(), {}, width);
    if (!t.secret().empty() && t.secret_of().kind == "api_key") {
        if (secret_box(app, ui, "settings.api_keys.secret", app.tr("settings.api_keys.secret_title"),
                       app.tr("settings.api_keys.secret_hint"), t.secret(), width))
            t.dismiss_secret();
        gap(ui, 20);
    } else {
        panel(ui, "settings.api_keys.form", width, [&](float inner) {
            const ImVec2 r = ImGui::GetCursorScreenPos();
            const std::string create = app.tr("settings.api_keys.create");
            const float bw = text_size(ui.fonts.strong, create).x + ui.px(32);
            FieldOptions f;
            const float life_w = ui.px(170);
            f.width = inner - bw - ui.px(200) - life_w - ui.px(16);
            const std::string e = settings_tokens_err(app, t, "name");
            f.error = e;
            const std::string hint = app.tr("settings.api_keys.name_hint");
            f.hint = hint;
            form_field(ui, "settings.api_keys.name", app.tr("settings.api_keys.name"), t.key_name, f);
            const float label_h = ui.fonts.small->FontSize + ui.px(5);
            // Lifetime: Never / 30 days / 90 days / 1 year (an expired key answers 401 and stays listed).
            ImGui::SetCursorScreenPos(ImVec2(r.x + f.width + ui.px(16), r.y));
            {
                std::vector<PickItem> lives;
                std::optional<std::int64_t> sel;
                for (int d : client::api_key_lifetimes()) {
                    lives.push_back({d + 1, d == 0 ? app.tr("settings.api_keys.never")
                                                   : app.tr("settings.api_keys.days", {{"n", std::to_string(d)}})});
                    if (d == t.key_expires_days) sel = d + 1;
                }
                FieldOptions lf;
                lf.width = life_w;
                if (form_picker(ui, "settings.api_keys.lifetime", app.tr("settings.api_keys.lifetime"), lives, sel, "", lf) && sel)
                    t.key_expires_days = static_cast<int>(*sel - 1);
            }
            ImGui::SetCursorScreenPos(ImVec2(r.x + f.width + life_w + ui.px(32), r.y + label_h + ui.px(9)));
            checkbox(ui, "settings.api_keys.read_only", app.tr("settings.api_keys.read_only"), t.key_read_only);
            ImGui::SetCursorScreenPos(ImVec2(r.x + inner - bw, r.y + label_h));
            if (button(ui, "settings.api_keys.create", create, ButtonKind::primary, ImVec2(bw, ui.px(36)), !t.busy()))
                t.create_key();
        });
    }
    std::vector<std::tuple<std::int64_t, std::string, std::string>> rows;
    const bool admin = app.settings().is_admin();
    for (const auto& k : t.keys()) {
        std::string detail = k.prefix + "…  ·  " + app.tr(k.read_only ? "settings.api_keys.read_only_short" : "settings.api_keys.full");
        if (admin && !k.user_login.empty()) detail += "  ·  " + k.user_login;
        detail += "  ·  " + app.tr("settings.created", {{"at", short_time(k.created_at)}});
        detail += "  ·  " + app.tr("settings.last_used", {{"at", short_time(k.last_used_at)}});
        if (k.expired) detail += "  ·  " + app.tr("settings.api_keys.expired");
        else if (!k.expires_at.empty()) detail += "  ·  " + app.tr("settings.api_keys.expires", {{"at", short_time(k.expires_at)}});
        rows.emplace_back(k.id, k.name, detail);
    }
    token_rows(app, ui, "api_key", width, rows);
}

void settings_kiosk_tokens(AppState& app, Ui& ui, float width) {
    auto& st = app.settings();
    auto& t = st.tokens();
    section_header(ui, "settings.kiosk", app.tr("settings.kiosk.title"), app.tr("settings.kiosk.about"), "", width);
    section_messages(app, ui, "settings.kiosk", t.banner(), {}, width);
    if (!t.secret().empty() && t.secret_of().kind == "kiosk") {
        // The token and, ready to open on the wall screen, the full kiosk address that carries it (shown once too).
        const std::string secret = t.secret();
        bool done = secret_box(app, ui, "settings.kiosk.secret", app.tr("settings.kiosk.secret_title"),
                               app.tr("settings.kiosk.secret_hint"), secret, width);
        gap(ui, 12);
        done = secret_box(app, ui, "settings.kiosk.url", app.tr("settings.kiosk.url_title"), app.tr("settings.kiosk.url_hint"),
                          client::kiosk_url(app.host().origin(), secret), width) || done;
        if (done) t.dismiss_secret();
        gap(ui, 20);
    } else {
        panel(ui, "settings.kiosk.form", width, [&](float inner) {
            FieldOptions f;
            f.width = std::min(inner, ui.px(420));
            const std::string e = settings_tokens_err(app, t, "name");
            f.error = e;
            const std::string hint = app.tr("settings.kiosk.name_hint");
            f.hint = hint;
            form_field(ui, "settings.kiosk.name", app.tr("settings.kiosk.name"), t.kiosk_name, f);
            gap(ui, 12);
            text(ui, "settings.kiosk.teams", app.tr("settings.kiosk.teams"), ui.fonts.small, color::text_secondary);
            gap(ui, 6);
            const float x0 = ImGui::GetCursorScreenPos().x;
            float x = x0;
            for (const auto& team : st.teams()) {
                bool on = std::find(t.kiosk_teams.begin(), t.kiosk_teams.end(), team.id) != t.kiosk_teams.end();
                const float w = text_size(ui.fonts.body, team.name).x + ui.px(48);
                if (x > x0 && x + w > x0 + inner) {
                    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetItemRectMax().y + ui.px(8)));
                    x = x0;
                }
                const ImVec2 at = ImGui::GetCursorScreenPos();
                ImGui::SetCursorScreenPos(ImVec2(x, at.y));
                if (checkbox(ui, "settings.kiosk.team." + std::to_string(team.id), team.name, on)) t.toggle_kiosk_team(team.id);
                x = ImGui::GetItemRectMax().x + ui.px(24);
                ImGui::SetCursorScreenPos(ImVec2(x, at.y));
            }
            ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetItemRectMax().y + ui.px(4)));
            if (const std::string te = settings_tokens_err(app, t, "team_ids"); !te.empty()) {
                gap(ui, 4);
                paragraph(ui, "settings.kiosk.teams.error", te, ui.fonts.small, color::danger_text, inner);
            }
            gap(ui, 10);
            checkbox(ui, "settings.kiosk.leaderboard", app.tr("settings.kiosk.leaderboard"), t.kiosk_leaderboard);
            gap(ui, 14);
            if (button(ui, "settings.kiosk.create", app.tr("settings.kiosk.create"), ButtonKind::primary, ImVec2(0, ui.px(36)), !t.busy()))
                t.create_kiosk();
        });
    }
    std::vector<std::tuple<std::int64_t, std::string, std::string>> rows;
    for (const auto& k : t.kiosks()) {
        std::string teams;
        for (auto id : k.team_ids) teams += (teams.empty() ? "" : ", ") + st.team_name(id);
        std::string detail = k.prefix + "…  ·  " + teams;
        if (k.leaderboard) detail += "  ·  " + app.tr("settings.kiosk.leaderboard_short");
        detail += "  ·  " + app.tr("settings.last_used", {{"at", short_time(k.last_used_at)}});
        rows.emplace_back(k.id, k.name, detail);
    }
    token_rows(app, ui, "kiosk", width, rows);
}

}  // namespace tumen::app
