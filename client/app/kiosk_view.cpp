// #/kiosk: the wall display. Full screen, dark (kinder to a TV panel left on all day), no top bar, no dialogs, no
// hover anything; type about 2.5x the desk sizes so a 1080p TV reads from 3 m. Pages: a team board (columns with
// count and sum, cards with title, company, revenue and the salesperson's initials) or the month's leaderboard;
// a small page indicator, the clock, a "reconnecting" mark, and a won deal's highlight over everything.
// Frames are drawn only when something happens: the view asks for a wake-up at the next page turn, highlight end,
// retry, pixel shift or minute of the clock, and never animates in between.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <iterator>
#include <map>

#include "report_parts.hpp"
#include "state/money_text.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;
using client::KioskState;

namespace {

namespace kc {
constexpr ImU32 bg_top = IM_COL32(0x0B, 0x12, 0x20, 0xFF);
constexpr ImU32 bg_bottom = IM_COL32(0x11, 0x1B, 0x2E, 0xFF);
constexpr ImU32 column = IM_COL32(0x16, 0x21, 0x36, 0xFF);
constexpr ImU32 card = IM_COL32(0x1F, 0x2C, 0x44, 0xFF);
constexpr ImU32 card_new = IM_COL32(0x1E, 0x3A, 0x5F, 0xFF);
constexpr ImU32 text = IM_COL32(0xF1, 0xF5, 0xF9, 0xFF);
constexpr ImU32 muted = IM_COL32(0x94, 0xA3, 0xB8, 0xFF);
constexpr ImU32 accent = IM_COL32(0x38, 0xBD, 0xF8, 0xFF);
constexpr ImU32 won = IM_COL32(0x4A, 0xDE, 0x80, 0xFF);
constexpr ImU32 gold = IM_COL32(0xFA, 0xCC, 0x15, 0xFF);
constexpr ImU32 silver = IM_COL32(0xCB, 0xD5, 0xE1, 0xFF);
constexpr ImU32 bronze = IM_COL32(0xD9, 0x77, 0x06, 0xFF);
constexpr ImU32 warn = IM_COL32(0xF5, 0x9E, 0x0B, 0xFF);
constexpr ImU32 avatars[] = {IM_COL32(0x63, 0x66, 0xF1, 0xFF), IM_COL32(0x0E, 0xA5, 0xE9, 0xFF),
                             IM_COL32(0x10, 0xB9, 0x81, 0xFF), IM_COL32(0xF5, 0x9E, 0x0B, 0xFF),
                             IM_COL32(0xEC, 0x48, 0x99, 0xFF), IM_COL32(0x8B, 0x5C, 0xF6, 0xFF)};
}  // namespace kc

std::int64_t steady_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Text at `pos` in `font`, recorded for the test interface under `id`.
ImVec2 put(Ui& ui, ImDrawList* dl, const std::string& id, ImFont* font, ImVec2 pos, ImU32 col, const std::string& s) {
    const ImVec2 size = text_size(font, s);
    dl->AddText(font, font->FontSize, ImVec2(std::floor(pos.x), std::floor(pos.y)), col, s.c_str());
    ui.record(id, s, "text", pos, ImVec2(pos.x + size.x, pos.y + size.y));
    return size;
}

void kiosk_avatar(Ui& ui, ImDrawList* dl, ImVec2 centre, float radius, std::int64_t id, const std::string& name) {
    dl->AddCircleFilled(centre, radius, kc::avatars[static_cast<std::size_t>(id) % std::size(kc::avatars)], 40);
    const std::string ini = initials(name);
    ImFont* f = ui.fonts.kiosk_small;
    const ImVec2 ts = text_size(f, ini);
    dl->AddText(f, f->FontSize, ImVec2(std::floor(centre.x - ts.x * 0.5f), std::floor(centre.y - ts.y * 0.5f)), kc::text,
                ini.c_str());
}

// `s` on at most two lines of `width`: whole words on the first, the rest (shortened with "…") on the second.
std::pair<std::string, std::string> two_lines(ImFont* font, const std::string& s, float width) {
    if (text_size(font, s).x <= width) return {s, {}};
    std::size_t cut = std::string::npos;
    for (std::size_t i = s.find(' '); i != std::string::npos; i = s.find(' ', i + 1)) {
        if (text_size(font, s.substr(0, i)).x > width) break;
        cut = i;
    }
    if (cut == std::string::npos) return {fit_text(font, s, width), {}};
    return {s.substr(0, cut), fit_text(font, s.substr(cut + 1), width)};
}

std::string sum_text(const std::map<std::string, std::int64_t>& sums, i18n::Lang lang) {
    std::string out;
    for (const auto& [cur, amount] : sums) {
        if (!out.empty()) out += " · ";
        out += client::money_compact(Money{amount, cur}, lang);
    }
    return out;
}

// A whole-screen message (bad link, no server, loading).
void full_message(Ui& ui, ImDrawList* dl, ImVec2 o, ImVec2 size, const std::string& title, const std::string& hint,
                  ImU32 mark) {
    const float w = std::min(size.x - ui.px(160), ui.px(1300));
    const ImVec2 ts = paragraph_layout(nullptr, ui.fonts.kiosk_title, {}, 0, title, w, true);
    const ImVec2 hs = hint.empty() ? ImVec2(0, 0) : paragraph_layout(nullptr, ui.fonts.kiosk_small, {}, 0, hint, w, true);
    const float r = ui.px(36);
    float y = o.y + std::floor((size.y - (2 * r + ui.px(40) + ts.y + ui.px(28) + hs.y)) * 0.5f);
    const float x = o.x + std::floor((size.x - w) * 0.5f);
    dl->AddCircle(ImVec2(o.x + size.x * 0.5f, y + r), r, mark, 48, ui.px(6));
    dl->AddLine(ImVec2(o.x + size.x * 0.5f, y + r * 0.45f), ImVec2(o.x + size.x * 0.5f, y + r * 1.15f), mark, ui.px(6));
    dl->AddCircleFilled(ImVec2(o.x + size.x * 0.5f, y + r * 1.5f), ui.px(4), mark);
    y += 2 * r + ui.px(40);
    paragraph_layout(dl, ui.fonts.kiosk_title, ImVec2(x, y), kc::text, title, w, true);
    ui.record("kiosk.message", title, "text", ImVec2(x, y), ImVec2(x + w, y + ts.y));
    y += ts.y + ui.px(28);
    if (!hint.empty()) paragraph_layout(dl, ui.fonts.kiosk_small, ImVec2(x, y), kc::muted, hint, w, true);
}

void draw_board(AppState& app, Ui& ui, ImDrawList* dl, const client::KioskBoard& b, ImVec2 o, ImVec2 size) {
    const auto lang = app.language();
    const std::size_t n = std::max<std::size_t>(1, b.columns.size());
    const float gap = ui.px(20);
    const float col_w = std::floor((size.x - gap * static_cast<float>(n - 1)) / static_cast<float>(n));
    ImFont* fb = ui.fonts.kiosk_body;
    ImFont* fs = ui.fonts.kiosk_small;
    const float pad = ui.px(18);
    const float line_gap = ui.px(4);
    const float card_h = fb->FontSize * 2 + line_gap + fs->FontSize * 2 + ui.px(8) * 2 + pad * 2;
    for (std::size_t i = 0; i < b.columns.size(); ++i) {
        const auto& col = b.columns[i];
        const float x = o.x + static_cast<float>(i) * (col_w + gap);
        dl->AddRectFilled(ImVec2(x, o.y), ImVec2(x + col_w, o.y + size.y), kc::column, ui.px(14));
        const std::string cid = "kiosk.column." + std::to_string(col.stage_id);
        // Header: name and count on one line, the sum under it.
        const std::string count = std::to_string(col.count);
        const float count_w = text_size(fb, count).x + ui.px(28);
        const std::string name = fit_text(fb, col.name, col_w - 2 * pad - count_w - ui.px(12));
        put(ui, dl, cid, fb, ImVec2(x + pad, o.y + pad), col.is_won ? kc::won : kc::text, name);
        const ImVec2 c0(x + col_w - pad - count_w, o.y + pad - ui.px(2));
        dl->AddRectFilled(c0, ImVec2(c0.x + count_w, c0.y + fb->FontSize + ui.px(4)), kc::card, ui.px(20));
        put(ui, dl, cid + ".count", fb, ImVec2(c0.x + ui.px(14), c0.y + ui.px(2)), kc::accent, count);
        float y = o.y + pad + fb->FontSize + ui.px(10);
        const std::string sums = col.sums.empty() ? std::string("—") : sum_text(col.sums, lang);
        put(ui, dl, cid + ".sum", fs, ImVec2(x + pad, y), kc::muted, fit_text(fs, sums, col_w - 2 * pad));
        y += fs->FontSize + ui.px(18);
        const float bottom = o.y + size.y - pad;
        std::size_t shown = 0;
        for (const auto& card : col.cards) {
            const float more_h = fs->FontSize + ui.px(12);
            const bool last_fits = y + card_h <= bottom;
            const bool room_for_more = y + card_h + ui.px(12) + more_h <= bottom || shown + 1 == col.cards.size();
            if (!last_fits || (!room_for_more && col.count > static_cast<std::int64_t>(shown + 1))) break;
            const float cx = x + ui.px(12), cw = col_w - ui.px(24);
            const bool fresh = app.kiosk().highlight() && app.kiosk().highlight()->lead_id == card.id;
            dl->AddRectFilled(ImVec2(cx, y), ImVec2(cx + cw, y + card_h), fresh ? kc::card_new : kc::card, ui.px(10));
            if (col.is_won) dl->AddRectFilled(ImVec2(cx, y), ImVec2(cx + ui.px(6), y + card_h), kc::won, ui.px(10),
                                              ImDrawFlags_RoundCornersLeft);
            const std::string card_id = "kiosk.card." + std::to_string(card.id);
            const float r = ui.px(22);
            const bool has_user = card.user_id.has_value();
            const float text_w = cw - 2 * pad - (has_user ? 2 * r + ui.px(10) : 0);
            const auto [first, second] = two_lines(fb, card.title, text_w);
            put(ui, dl, card_id, fb, ImVec2(cx + pad, y + pad), kc::text, first);
            if (!second.empty())
                put(ui, dl, card_id + ".title2", fb, ImVec2(cx + pad, y + pad + fb->FontSize + line_gap), kc::text, second);
            float ty = y + pad + fb->FontSize * 2 + line_gap + ui.px(8);
            if (!card.company.empty())
                put(ui, dl, card_id + ".company", fs, ImVec2(cx + pad, ty), kc::muted, fit_text(fs, card.company, text_w));
            ty += fs->FontSize + ui.px(8);
            if (card.revenue.amount != 0)
                put(ui, dl, card_id + ".revenue", fs, ImVec2(cx + pad, ty), col.is_won ? kc::won : kc::accent,
                    fit_text(fs, client::money_text(card.revenue, lang), text_w));
            if (has_user) {
                auto u = b.users.find(*card.user_id);
                kiosk_avatar(ui, dl, ImVec2(cx + cw - pad - r, y + card_h - pad - r), r, *card.user_id,
                             u == b.users.end() ? std::string("?") : u->second);
            }
            y += card_h + ui.px(12);
            ++shown;
        }
        if (col.count > static_cast<std::int64_t>(shown)) {
            const std::string more = app.tr("kiosk.more_cards", {{"count", std::to_string(col.count - static_cast<std::int64_t>(shown))}});
            put(ui, dl, cid + ".more", fs, ImVec2(x + pad, y), kc::muted, more);
        } else if (col.count == 0) {
            put(ui, dl, cid + ".empty", fs, ImVec2(x + pad, y), kc::muted, app.tr("kiosk.no_cards"));
        }
    }
}

void draw_leaderboard(AppState& app, Ui& ui, ImDrawList* dl, ImVec2 o, ImVec2 size) {
    const auto& leaders = app.kiosk().leaders();
    ImFont* fb = ui.fonts.kiosk_body;
    ImFont* fs = ui.fonts.kiosk_small;
    ImFont* ft = ui.fonts.kiosk_title;
    const float w = std::min(size.x, ui.px(1500));
    const float x = o.x + std::floor((size.x - w) * 0.5f);
    if (leaders.empty()) {
        const std::string s = app.tr("kiosk.no_wins");
        const ImVec2 ts = text_size(fb, s);
        put(ui, dl, "kiosk.leaders.empty", fb, ImVec2(o.x + (size.x - ts.x) * 0.5f, o.y + size.y * 0.4f), kc::muted, s);
        return;
    }
    const float row_h = ui.px(96), rank_w = ui.px(110), deals_w = ui.px(200), won_w = ui.px(420);
    float y = o.y;
    put(ui, dl, "kiosk.leaders.h_name", fs, ImVec2(x + rank_w + ui.px(90), y), kc::muted, app.tr("kiosk.col_salesperson"));
    const std::string hw = app.tr("kiosk.col_won"), hd = app.tr("kiosk.col_deals");
    put(ui, dl, "kiosk.leaders.h_won", fs, ImVec2(x + w - deals_w - text_size(fs, hw).x - ui.px(40), y), kc::muted, hw);
    put(ui, dl, "kiosk.leaders.h_deals", fs, ImVec2(x + w - text_size(fs, hd).x - ui.px(24), y), kc::muted, hd);
    y += fs->FontSize + ui.px(16);
    const std::size_t fits = static_cast<std::size_t>(std::max(1.0f, (o.y + size.y - y) / (row_h + ui.px(10))));
    for (std::size_t i = 0; i < leaders.size() && i < fits; ++i) {
        const auto& l = leaders[i];
        const std::string rid = "kiosk.leader." + std::to_string(l.user_id);
        dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + row_h), i == 0 ? kc::card_new : kc::column, ui.px(14));
        const ImU32 medal = i == 0 ? kc::gold : i == 1 ? kc::silver : i == 2 ? kc::bronze : kc::muted;
        const std::string rank = std::to_string(i + 1);
        const ImVec2 rs = text_size(ft, rank);
        put(ui, dl, rid + ".rank", ft, ImVec2(x + (rank_w - rs.x) * 0.5f + ui.px(10), y + (row_h - rs.y) * 0.5f), medal, rank);
        const float r = ui.px(30);
        kiosk_avatar(ui, dl, ImVec2(x + rank_w + ui.px(20) + r, y + row_h * 0.5f), r, l.user_id, l.name);
        const float name_x = x + rank_w + ui.px(90);
        put(ui, dl, rid, fb, ImVec2(name_x, y + (row_h - fb->FontSize) * 0.5f), kc::text,
            fit_text(fb, l.name, w - (name_x - x) - won_w - deals_w));
        std::string won;  // exact amounts here: the ranking is about who is ahead by how much
        for (const auto& [cur, amount] : l.won) won += (won.empty() ? "" : " · ") + client::money_text(Money{amount, cur}, app.language());
        const ImVec2 ws = text_size(fb, won);
        put(ui, dl, rid + ".won", fb, ImVec2(x + w - deals_w - ws.x - ui.px(40), y + (row_h - ws.y) * 0.5f), kc::won, won);
        const std::string deals = std::to_string(l.count);
        const ImVec2 ds = text_size(fb, deals);
        put(ui, dl, rid + ".count", fb, ImVec2(x + w - ds.x - ui.px(24), y + (row_h - ds.y) * 0.5f), kc::text, deals);
        y += row_h + ui.px(10);
    }
}

void draw_highlight(AppState& app, Ui& ui, ImDrawList* dl, ImVec2 display) {
    const auto& h = *app.kiosk().highlight();
    dl->AddRectFilled(ImVec2(0, 0), display, IM_COL32(0x02, 0x06, 0x17, 0xD8));
    const float w = std::min(display.x - ui.px(160), ui.px(1200));
    std::vector<std::pair<ImFont*, std::string>> lines = {{ui.fonts.kiosk_title, app.tr("kiosk.won_title")},
                                                          {ui.fonts.kiosk_title, h.title}};
    if (!h.company.empty()) lines.push_back({ui.fonts.kiosk_body, h.company});
    if (h.amount.amount != 0) lines.push_back({ui.fonts.kiosk_huge, client::money_text(h.amount, app.language())});
    if (!h.salesperson.empty()) lines.push_back({ui.fonts.kiosk_body, h.salesperson});
    float total = 0;
    for (const auto& [f, s] : lines) total += f->FontSize + ui.px(24);
    const float pad = ui.px(56);
    const ImVec2 p0(std::floor((display.x - w) * 0.5f), std::floor((display.y - total - 2 * pad) * 0.5f));
    const ImVec2 p1(p0.x + w, p0.y + total + 2 * pad);
    dl->AddRectFilled(p0, p1, kc::column, ui.px(24));
    dl->AddRect(p0, p1, kc::gold, ui.px(24), 0, ui.px(4));
    float y = p0.y + pad;
    const char* ids[] = {"kiosk.highlight.title", "kiosk.highlight.lead", "kiosk.highlight.line3", "kiosk.highlight.line4",
                         "kiosk.highlight.line5"};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto [f, s] = lines[i];
        s = fit_text(f, s, w - 2 * pad);
        const ImVec2 ts = text_size(f, s);
        const ImU32 col = i == 0 ? kc::gold : f == ui.fonts.kiosk_huge ? kc::won : i == 1 ? kc::text : kc::muted;
        put(ui, dl, f == ui.fonts.kiosk_huge ? std::string("kiosk.highlight.amount") : std::string(ids[i]), f,
            ImVec2(p0.x + (w - ts.x) * 0.5f, y), col, s);
        y += f->FontSize + ui.px(24);
    }
}

}  // namespace

void draw_kiosk(AppState& app, Ui& ui) {
    KioskState& k = app.kiosk();
    const std::int64_t now = steady_ms();
    k.tick(now);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilledMultiColor(ImVec2(0, 0), display, kc::bg_top, kc::bg_top, kc::bg_bottom, kc::bg_bottom);
    if (!ui.fonts.kiosk_body) {  // the atlas is rebuilt with the large sizes before the next frame
        ui.wake_in(0);
        return;
    }
    ui.title = k.name().empty() ? std::string("Tumen CRM") : "Tumen CRM — " + k.name();
    // Burn-in: everything moves by a few px now and then.
    const float margin = ui.px(36);
    const ImVec2 o(margin + ui.px(k.shift_x()), margin + ui.px(k.shift_y()));
    const ImVec2 size(display.x - 2 * margin - ui.px(4), display.y - 2 * margin - ui.px(4));

    // The clock on the right of the header; a wake-up at the next minute keeps it right.
    const std::time_t t = std::time(nullptr);
    const std::tm* lt = std::localtime(&t);
    char clock[8] = "";
    if (lt) std::snprintf(clock, sizeof clock, "%02d:%02d", lt->tm_hour, lt->tm_min);
    ui.wake_in(static_cast<double>((60 - (lt ? lt->tm_sec : 0)) * 1000));
    if (const std::int64_t ms = k.next_wake_ms(now); ms >= 0) ui.wake_in(static_cast<double>(ms) + 5);

    using client::KioskStatus;
    if (k.status() != KioskStatus::ready) {
        if (k.status() == KioskStatus::invalid_token)
            full_message(ui, dl, o, size, app.tr("kiosk.invalid_title"), app.tr("kiosk.invalid_hint"), kc::warn);
        else if (k.status() == KioskStatus::unreachable)
            full_message(ui, dl, o, size, app.tr("kiosk.unreachable"), "", kc::warn);
        else
            full_message(ui, dl, o, size, app.tr("kiosk.starting"), "", kc::accent);
        return;
    }

    // Header: page title left; page dots, "reconnecting" and the clock right.
    ImFont* ft = ui.fonts.kiosk_title;
    ImFont* fs = ui.fonts.kiosk_small;
    const client::KioskPage* page = k.page();
    const client::KioskBoard* board = page && page->kind == client::KioskPage::Kind::board ? k.board(page->team_id) : nullptr;
    std::string title;
    if (page && page->kind == client::KioskPage::Kind::leaderboard) title = app.tr("kiosk.leaderboard_title", {{"month", k.month()}});
    else if (board) title = board->team_name;
    const ImVec2 cs = text_size(ft, clock);
    float right = o.x + size.x - cs.x;
    put(ui, dl, "kiosk.clock", ft, ImVec2(right, o.y), kc::text, clock);
    right -= ui.px(36);
    const std::size_t pages = k.pages().size();
    if (pages > 1) {
        const float dot = ui.px(7), step = ui.px(26);
        const float dots_w = step * static_cast<float>(pages - 1) + 2 * dot;
        const float cy = o.y + ft->FontSize * 0.5f;
        for (std::size_t i = 0; i < pages; ++i) {
            const ImVec2 c(right - dots_w + dot + step * static_cast<float>(i), cy);
            if (i == k.page_index()) dl->AddCircleFilled(c, dot, kc::accent, 24);
            else dl->AddCircle(c, dot - ui.px(1), kc::muted, 24, ui.px(2));
        }
        ui.record("kiosk.pages", std::to_string(k.page_index() + 1) + "/" + std::to_string(pages), "text",
                  ImVec2(right - dots_w, cy - dot), ImVec2(right, cy + dot));
        right -= dots_w + ui.px(36);
    }
    if (k.reconnecting() || k.stale()) {
        const std::string s = k.reconnecting() ? app.tr("live.reconnecting") : app.tr("kiosk.stale");
        const ImVec2 ss = text_size(fs, s);
        const ImVec2 p0(right - ss.x - ui.px(44), o.y + (ft->FontSize - fs->FontSize) * 0.5f - ui.px(8));
        dl->AddRectFilled(p0, ImVec2(right, p0.y + fs->FontSize + ui.px(16)), IM_COL32(0x45, 0x2A, 0x06, 0xFF), ui.px(20));
        dl->AddCircleFilled(ImVec2(p0.x + ui.px(20), p0.y + fs->FontSize * 0.5f + ui.px(8)), ui.px(7), kc::warn, 20);
        put(ui, dl, "kiosk.reconnecting", fs, ImVec2(p0.x + ui.px(34), p0.y + ui.px(8)), kc::warn, s);
        right = p0.x - ui.px(24);
    }
    put(ui, dl, "kiosk.title", ft, o, kc::text, fit_text(ft, title, right - o.x - ui.px(24)));

    const float top = ft->FontSize + ui.px(32);
    const ImVec2 body_o(o.x, o.y + top);
    const ImVec2 body_size(size.x, size.y - top);
    if (page && page->kind == client::KioskPage::Kind::leaderboard) draw_leaderboard(app, ui, dl, body_o, body_size);
    else if (board) draw_board(app, ui, dl, *board, body_o, body_size);
    else put(ui, dl, "kiosk.loading", fs, body_o, kc::muted, app.tr("kiosk.starting"));

    if (k.highlight()) draw_highlight(app, ui, ImGui::GetForegroundDrawList(), display);
}

}  // namespace tumen::app
