// #/activities, "My activities": the signed-in user's open activities in three groups (Overdue, Today, Planned),
// each with its lead (click opens it) and Mark done / Snooze / Edit / Cancel in place; managers pick another user.
#include <algorithm>

#include "activity_view.hpp"
#include "lead_view.hpp"
#include "lead_widgets.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

void draw_activities(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& st = app.activities();
    ui.title = app.tr("app.name") + " — " + app.tr("activity.mine_title");
    const Column col = page_column(ui);
    const float w = std::min(col.width, ui.px(860));
    ImGui::SetCursorScreenPos(ImVec2(col.x, ImGui::GetCursorScreenPos().y + ui.px(18)));
    ImGui::BeginGroup();
    text(ui, "activities.title", app.tr("activity.mine_title"), ui.fonts.title, color::text);
    gap(ui, 10);
    const auto& session = app.session();
    if (session && session->user.can_manage()) {
        std::vector<PickItem> users;
        for (const auto& u : st.users()) users.push_back({u.id, u.name});
        std::optional<std::int64_t> picked = st.mine_user().value_or(session->user.id);
        FieldOptions o;
        o.width = ui.px(280);
        if (form_picker(ui, "activities.user", app.tr("activity.mine_user"), users, picked, "", o) && picked)
            app.navigate(client::activities_route(*picked == session->user.id ? std::nullopt : picked));
        gap(ui, 10);
    }
    activity_messages(app, ui, "activities", w);
    if (!st.mine_loaded()) {
        text(ui, "activities.loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
    } else {
        static constexpr std::pair<ActivityState, const char*> groups[] = {
            {ActivityState::overdue, "overdue"}, {ActivityState::today, "today"}, {ActivityState::planned, "planned"}};
        for (const auto& [group, name] : groups) {
            const auto& items = st.mine(group);
            const std::string title =
                app.tr(std::string("activity.group.") + name) + " (" + std::to_string(items.size()) + ")";
            section_title(ui, std::string("activities.group.") + name, title, w);
            gap(ui, 8);
            if (items.empty()) {
                text(ui, std::string("activities.empty.") + name, app.tr("activity.mine_empty"), ui.fonts.body,
                     color::text_muted);
                gap(ui, 8);
            }
            for (const auto& it : items)
                activity_row(app, ui, it, st.mine_today(), "activities.item." + std::to_string(it.activity.id), w, true);
            gap(ui, 12);
        }
    }
    ImGui::EndGroup();
    activity_dialog(app, ui);
}

}  // namespace tumen::app
