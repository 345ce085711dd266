// Settings › My account › Calendar feed (issue 6): the secret iCalendar address of the user's meetings and
// activities: state (prefix, created, last read), create / rotate (the URL shown once with Copy), revoke.
#include "lead_view.hpp"
#include "settings_view.hpp"
#include "theme.hpp"

namespace tumen::app {

using client::AppState;

void settings_calendar_feed(AppState& app, Ui& ui, float width) {
    auto& f = app.settings().calendar_feed();
    section_title(ui, "settings.feed", app.tr("settings.feed.title"), width);
    gap(ui, 8);
    paragraph(ui, "settings.feed.about", app.tr("settings.feed.about"), ui.fonts.body, color::text_secondary,
              std::min(width, ui.px(640)));
    gap(ui, 10);
    section_messages(app, ui, "settings.feed", f.banner(), f.notice(), width);
    if (!f.url().empty()) {
        if (secret_box(app, ui, "settings.feed.url", app.tr("settings.feed.url_title"), app.tr("settings.feed.url_hint"),
                       f.url(), width))
            f.dismiss_url();
        gap(ui, 12);
    }
    if (!f.loaded()) {
        text(ui, "settings.feed.loading", app.tr("app.loading"), ui.fonts.body, color::text_muted);
        return;
    }
    if (f.active()) {
        const std::string used = f.last_used_at().empty() ? app.tr("settings.feed.never")
                                                         : local_time_text(parse_timestamp(f.last_used_at()).value_or(0));
        const std::string created = local_time_text(parse_timestamp(f.created_at()).value_or(0));
        text(ui, "settings.feed.state",
             app.tr("settings.feed.active", {{"prefix", f.prefix()}, {"created", created}, {"used", used}}),
             ui.fonts.body, color::text, width);
    } else {
        text(ui, "settings.feed.state", app.tr("settings.feed.none"), ui.fonts.body, color::text_muted);
    }
    gap(ui, 12);
    const std::string create = app.tr(f.active() ? "settings.feed.rotate" : "settings.feed.create");
    if (button(ui, "settings.feed.create", create, ButtonKind::primary, ImVec2(0, ui.px(36)), !f.busy()))
        f.rotate(app.host().origin());
    if (f.active()) {
        ImGui::SameLine(0, ui.px(10));
        if (button(ui, "settings.feed.revoke", app.tr("settings.feed.revoke"), ButtonKind::secondary, ImVec2(0, ui.px(36)),
                   !f.busy()))
            f.revoke();
    }
}

}  // namespace tumen::app
