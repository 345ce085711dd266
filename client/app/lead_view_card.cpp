// The lead form card: type and priority, the title, and every field in sections (contact, deal, address,
// marketing, description), each with its error under it; the won/lost ribbon on the corner.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "lead_view.hpp"
#include "theme.hpp"
#include "tumen/scoring_rules.hpp"

namespace tumen::app {

using client::AppState;
using client::RefItem;

namespace {

std::vector<PickItem> lead_view_card_picks(const std::vector<RefItem>& list) {
    std::vector<PickItem> out;
    for (const auto& r : list) out.push_back({r.id, r.name});
    return out;
}

std::optional<std::int64_t> id_of(const std::string& s) {
    if (s.empty()) return std::nullopt;
    return std::atoll(s.c_str());
}

// Draws fields in a grid of `cols` equal columns inside `width`, row by row.
struct Grid {
    Ui& ui;
    float x, width;
    int cols;
    float gap_x, gap_y;
    int index = 0;
    float row_y = 0, row_bottom = 0;

    float col_w() const { return std::floor((width - gap_x * static_cast<float>(cols - 1)) / static_cast<float>(cols)); }
    // Moves the cursor to the next cell (spanning `span` columns) and returns its width.
    float cell(int span = 1) {
        span = std::min(span, cols);
        if (index % cols + span > cols) index += cols - index % cols;
        if (index % cols == 0) {
            row_y = index == 0 ? ImGui::GetCursorScreenPos().y : row_bottom + gap_y;
        }
        const float cx = x + static_cast<float>(index % cols) * (col_w() + gap_x);
        ImGui::SetCursorScreenPos(ImVec2(cx, row_y));
        index += span;
        return col_w() * static_cast<float>(span) + gap_x * static_cast<float>(span - 1);
    }
    // Call after each cell's content.
    void done() { row_bottom = std::max(row_bottom, ImGui::GetItemRectMax().y); }
    void end() {
        ImGui::SetCursorScreenPos(ImVec2(x, row_bottom));
        ImGui::Dummy(ImVec2(width, 0));
    }
};

}  // namespace

void lead_card(AppState& app, Ui& ui, float width) {
    auto& form = app.lead_form();
    const Lead& lead = *form.lead();
    const auto& refs = form.refs();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float height = ui.remembered("lead.card", ui.px(600));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    card_background(ui, dl, origin, ImVec2(origin.x + width, origin.y + height), ui.px(12));

    const float pad = width < ui.px(520) ? ui.px(18) : ui.px(32);
    const float inner = width - 2 * pad;
    const float field_gap = ui.px(16);
    ImGui::SetCursorScreenPos(ImVec2(origin.x + pad, origin.y + ui.px(26)));
    ImGui::BeginGroup();

    auto error_of = [&](const std::string& f) {
        const client::Message* m = form.field_error(f);
        return m ? m->render(app.language()) : std::string();
    };
    auto field = [&](const std::string& f, const char* label_key, float w, const std::string& hint = {},
                     float multiline = 0, ImFont* font = nullptr) {
        const std::string err = error_of(f);
        FieldOptions o;
        o.width = w;
        o.hint = hint;
        o.error = err;
        o.multiline_height = multiline;
        o.font = font;
        if (form_field(ui, "lead." + f, label_key ? app.tr(label_key) : std::string(), form.field(f), o))
            form.clear_field_error(f);
    };
    auto picker = [&](const std::string& f, const char* label_key, const std::vector<RefItem>& list, float w,
                      const char* none_key) {
        std::optional<std::int64_t> sel = id_of(form.value(f));
        FieldOptions o;
        o.width = w;
        const std::string err = error_of(f), none = app.tr(none_key);
        o.error = err;
        o.hint = none;
        if (form_picker(ui, "lead." + f, app.tr(label_key), lead_view_card_picks(list), sel, none, o)) {
            form.field(f) = sel ? std::to_string(*sel) : std::string();
            form.clear_field_error(f);
        }
    };

    // --- type badge, priority ---
    {
        const ImVec2 row = ImGui::GetCursorScreenPos();
        const bool opp = lead.type == LeadType::opportunity;
        const std::string badge = app.tr(opp ? "lead.type.opportunity" : "lead.type.lead");
        const ImVec2 ts = text_size(ui.fonts.small, badge);
        const ImVec2 bmax(row.x + ts.x + ui.px(20), row.y + ui.px(24));
        dl->AddRectFilled(row, bmax, opp ? color::primary_soft : color::surface_muted, ui.px(12));
        dl->AddText(ui.fonts.small, ui.fonts.small->FontSize, ImVec2(row.x + ui.px(10), std::floor(row.y + (ui.px(24) - ts.y) * 0.5f)),
                    opp ? color::primary_active : color::text_secondary, badge.c_str());
        ui.record("lead.type", badge, "text", row, bmax);
        ImGui::SetCursorScreenPos(ImVec2(bmax.x + ui.px(14), row.y));
        const int stars = std::atoi(form.value("priority").c_str());
        if (const int clicked = priority_stars(ui, "lead.priority", stars, ui.px(24))) form.set_priority(clicked);
        ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + ui.px(24)));
        ImGui::Dummy(ImVec2(0, 0));
    }
    gap(ui, 10);
    // Leave room for the ribbon on the right of the title.
    const bool ribbon_shown = !form.status().empty();
    field("name", nullptr, inner - (ribbon_shown ? ui.px(60) : 0), app.tr("lead.hint.name"), 0, ui.fonts.title);
    gap(ui, 8);
    if (form.status() == "lost") {
        std::string why = lead.lost_reason_id ? client::LeadReferences::name_in(refs.lost_reasons, *lead.lost_reason_id)
                                              : app.tr("lead.lost.no_reason");
        if (!lead.lost_note.empty()) why += " — " + lead.lost_note;
        paragraph(ui, "lead.lost_reason", app.tr("lead.lost_reason_shown", {{"reason", why}}), ui.fonts.body,
                  color::danger_text, inner);
        gap(ui, 4);
    }
    gap(ui, 18);

    const bool two = inner >= ui.px(560);
    const float col_w = two ? std::floor((inner - ui.px(40)) * 0.5f) : inner;
    const ImVec2 cols = ImGui::GetCursorScreenPos();
    float left_bottom, right_bottom;

    // --- left column: contact ---
    {
        ImGui::SetCursorScreenPos(cols);
        ImGui::BeginGroup();
        section_title(ui, "lead.section.contact", app.tr("lead.section.contact"), col_w);
        Grid g{ui, cols.x, col_w, 1, field_gap, field_gap};
        for (const char* f : {"contact_name", "partner_name", "email", "phone", "mobile", "website"}) {
            const std::string key = std::string("lead.field.") + f;
            const float w = g.cell();
            field(f, key.c_str(), w, f == std::string("email") ? "name@example.mn" : std::string());
            g.done();
        }
        g.end();
        ImGui::EndGroup();
        left_bottom = ImGui::GetItemRectMax().y;
    }
    // --- right column (or below): the deal ---
    {
        const ImVec2 at = two ? ImVec2(cols.x + col_w + ui.px(40), cols.y) : ImVec2(cols.x, left_bottom + ui.px(28));
        ImGui::SetCursorScreenPos(at);
        ImGui::BeginGroup();
        section_title(ui, "lead.section.deal", app.tr("lead.section.deal"), col_w);
        Grid g{ui, at.x, col_w, 2, ui.px(12), field_gap};
        float w = g.cell();
        field("expected_revenue", "lead.field.expected_revenue", w, "0");
        g.done();
        w = g.cell();
        field("currency", "lead.field.currency", w, "MNT");
        g.done();
        w = g.cell();
        field("probability", "lead.field.probability", w, "0–100");
        g.done();
        w = g.cell();
        field("date_deadline", "lead.field.date_deadline", w, app.tr("lead.hint.date"));
        g.done();
        w = g.cell(2);
        picker("user_id", "lead.field.user_id", refs.users, w, "lead.unassigned");
        g.done();
        w = g.cell(2);
        picker("team_id", "lead.field.team_id", refs.teams, w, "lead.none");
        g.done();
        w = g.cell(2);
        // tags: chips with × and a picker that adds one
        {
            ImGui::BeginGroup();
            text(ui, "lead.tag_ids.label", app.tr("lead.field.tag_ids"), ui.fonts.small, color::text_secondary);
            ImGui::Dummy(ImVec2(0, ui.px(5)));
            const ImVec2 tags_at = ImGui::GetCursorScreenPos();
            float tx = tags_at.x, ty = tags_at.y;
            std::vector<PickItem> addable;
            const auto chosen = form.tag_ids();
            for (const auto& t : refs.tags)
                if (std::find(chosen.begin(), chosen.end(), t.id) == chosen.end()) addable.push_back({t.id, t.name});
            std::int64_t remove = 0;
            for (auto id : chosen) {
                std::string name = client::LeadReferences::name_in(refs.tags, id);
                int colour = 0;
                for (const auto& t : refs.tags)
                    if (t.id == id) colour = t.color;
                const float cw = tag_chip_width(ui, name, true);
                if (tx + cw > tags_at.x + w && tx > tags_at.x) {
                    tx = tags_at.x;
                    ty += ui.px(32);
                }
                ImGui::SetCursorScreenPos(ImVec2(tx, ty));
                if (tag_chip(ui, "lead.tag." + std::to_string(id), name, colour, true)) remove = id;
                tx += cw + ui.px(6);
            }
            if (remove) form.remove_tag(remove);
            if (!chosen.empty()) ty += ui.px(32);
            ImGui::SetCursorScreenPos(ImVec2(tags_at.x, ty));
            std::optional<std::int64_t> add;
            FieldOptions o;
            o.width = w;
            const std::string hint = app.tr("lead.tags.add");
            o.hint = hint;
            if (form_picker(ui, "lead.tag_add", "", addable, add, "", o) && add) form.add_tag(*add);
            ImGui::EndGroup();
        }
        g.done();
        if (lead.id != 0) {
            // The rule-based score and what makes it up ("+20 country = MN; −10 free-mail address"), read-only.
            w = g.cell(2);
            ImGui::BeginGroup();
            text(ui, "lead.score.label", app.tr("lead.field.score"), ui.fonts.small, color::text_secondary);
            ImGui::Dummy(ImVec2(0, ui.px(5)));
            text(ui, "lead.score", std::to_string(lead.score), ui.fonts.strong, lead.score < 0 ? color::danger_text : color::text);
            const std::string why = lead.score_explanation.empty() ? app.tr("lead.score.none")
                                                                   : scoring::explanation_text(lead.score_explanation);
            paragraph(ui, "lead.score_explanation", why, ui.fonts.small, color::text_secondary, w);
            ImGui::EndGroup();
            g.done();
            w = g.cell(2);
            lead_probability_block(app, ui, w);
            g.done();
        }
        g.end();
        ImGui::EndGroup();
        right_bottom = ImGui::GetItemRectMax().y;
    }

    // --- address, marketing, description: full width ---
    ImGui::SetCursorScreenPos(ImVec2(cols.x, std::max(left_bottom, right_bottom) + ui.px(28)));
    section_title(ui, "lead.section.address", app.tr("lead.section.address"), inner);
    {
        Grid g{ui, cols.x, inner, two ? 4 : 2, ui.px(12), field_gap};
        float w = g.cell(two ? 4 : 2);
        field("street", "lead.field.street", w);
        g.done();
        for (const char* f : {"city", "state", "zip", "country"}) {
            w = g.cell();
            const std::string key = std::string("lead.field.") + f;
            field(f, key.c_str(), w, f == std::string("country") ? "MN" : std::string());
            g.done();
        }
        g.end();
    }
    gap(ui, 28);
    section_title(ui, "lead.section.marketing", app.tr("lead.section.marketing"), inner);
    {
        Grid g{ui, cols.x, inner, two ? 3 : 1, ui.px(12), field_gap};
        float w = g.cell();
        picker("source_id", "lead.field.source_id", refs.sources, w, "lead.none");
        g.done();
        w = g.cell();
        picker("medium_id", "lead.field.medium_id", refs.mediums, w, "lead.none");
        g.done();
        w = g.cell();
        picker("campaign_id", "lead.field.campaign_id", refs.campaigns, w, "lead.none");
        g.done();
        g.end();
    }
    gap(ui, 28);
    section_title(ui, "lead.section.description", app.tr("lead.section.description"), inner);
    field("description", nullptr, inner, {}, ui.px(120));
    ImGui::EndGroup();
    const float bottom = ImGui::GetItemRectMax().y + ui.px(30);
    ui.remember("lead.card", bottom - origin.y);

    // Ribbon last, over the card's corner.
    if (ribbon_shown) {
        const std::string st = form.status();
        const ImU32 col = st == "won" ? lead_color::success : st == "lost" ? color::danger : lead_color::archived;
        ribbon(ui, "lead.ribbon", ImVec2(origin.x + width, origin.y), app.tr("lead.status." + st), col);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
    ImGui::Dummy(ImVec2(width, 0));
}

}  // namespace tumen::app
