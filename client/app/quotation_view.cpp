// Quotations: the opportunity form's block (counts, totals, list, New quotation), the quotations list
// (#/quotations) and the editor (#/quotation/<id>) with its line table, live totals and state actions.
#include <algorithm>
#include <cmath>

#include "lead_view.hpp"
#include "lead_widgets.hpp"
#include "theme.hpp"
#include "views.hpp"

namespace tumen::app {

using client::AppState;

namespace {

std::string state_label(AppState& app, QuotationState s) { return app.tr("quote.state." + std::string(to_string(s))); }

std::string invoice_label(AppState& app, InvoiceStatus s) {
    return app.tr("quote.invoice." + std::string(to_string(s)));
}

std::string money_list(AppState& app, const std::vector<Money>& v) {
    std::string out;
    for (const auto& m : v) out += (out.empty() ? "" : " + ") + client::amount_label(m.amount, m.currency, app.language());
    return out.empty() ? client::amount_label(0, std::string(default_currency), app.language()) : out;
}

std::string error_of(const client::QuotesState& st, const std::string& field, AppState& app) {
    auto it = st.errors().find(field);
    return it == st.errors().end() ? std::string() : it->second.render(app.language());
}

// Text padded to its column's width, so the next cell on the line starts under its heading.
void text_in_column(Ui& ui, const std::string& id, std::string_view s, float width, ImFont* font, ImU32 col) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    text(ui, id, s, font, col);
    ImGui::SetCursorScreenPos(p);
    ImGui::Dummy(ImVec2(width, font->FontSize));
}

void quotation_row(AppState& app, Ui& ui, const Quotation& q, const std::string& id_prefix) {
    const std::string label = quotation_display_number(q) + "  ·  " + state_label(app, q.state) + "  ·  " +
                              client::amount_label(q.amounts.total, q.currency, app.language());
    if (link(ui, id_prefix + std::to_string(q.id), label, ui.fonts.body)) app.navigate(Route::quotation(q.id));
}

// The quotation's chatter, newest first: sent, confirmed, cancelled, revised (the server writes them).
void quotation_chatter(AppState& app, Ui& ui, float width) {
    auto& st = app.quotations();
    st.ensure_chatter();
    section_title(ui, "quote.chatter.title", app.tr("quote.chatter_title"), width);
    gap(ui, 10);
    const auto& messages = st.chatter();
    if (messages.empty())
        text(ui, "quote.chatter.empty", app.tr(st.chatter_loading() ? "app.loading" : "quote.chatter_empty"), ui.fonts.body,
             color::text_muted);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float av = ui.px(30), gapx = ui.px(12);
    for (const auto& m : messages) {
        const std::string id = "quote.message." + std::to_string(m.id);
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const std::string author = st.author_of(m);
        avatar(ui, dl, ImVec2(p.x + av * 0.5f, p.y + av * 0.5f), av * 0.5f, m.author_id.value_or(0), author);
        ImGui::SetCursorScreenPos(ImVec2(p.x + av + gapx, p.y));
        ImGui::BeginGroup();
        text(ui, id + ".author", author, ui.fonts.strong, color::text);
        ImGui::SameLine(0, ui.px(8));
        text(ui, id + ".date", local_time_text(m.date), ui.fonts.small, color::text_muted);
        const std::string body = m.subject.empty() ? m.body : m.subject + "\n" + m.body;
        if (!body.empty()) paragraph(ui, id + ".body", body, ui.fonts.body, color::text, width - av - gapx);
        ImGui::EndGroup();
        ImGui::SetCursorScreenPos(ImVec2(p.x, std::max(ImGui::GetItemRectMax().y, p.y + av) + ui.px(12)));
        ImGui::Dummy(ImVec2(width, 0));
    }
    if (st.chatter_has_more() &&
        link(ui, "quote.chatter.more", app.tr(st.chatter_loading() ? "app.loading" : "lead.chatter.more"), ui.fonts.body))
        st.load_more_chatter();
}

}  // namespace

void lead_quotations_block(AppState& app, Ui& ui, float width) {
    auto& st = app.quotations();
    const auto& form = app.lead_form();
    if (!form.lead() || form.lead()->type != LeadType::opportunity) return;
    const std::int64_t lead_id = form.lead()->id;
    if (st.for_lead().lead_id != lead_id) st.load_for_lead(lead_id);
    const auto& b = st.for_lead();
    section_title(ui, "lead.quotations.title", app.tr("quote.block_title"), width);
    gap(ui, 6);
    if (b.loaded) {
        text(ui, "lead.quotations.summary",
             app.tr("quote.block_summary", {{"quotations", std::to_string(b.quotation_count)},
                                            {"quoted", money_list(app, b.quotation_amounts)},
                                            {"orders", std::to_string(b.order_count)},
                                            {"ordered", money_list(app, b.order_amounts)}}),
             ui.fonts.body, color::text_secondary, width);
        gap(ui, 4);
        for (const auto& q : b.items) quotation_row(app, ui, q, "lead.quotation.");
        if (!b.items.empty()) {
            gap(ui, 2);
            client::QuoteFilter f;
            f.lead_id = lead_id;
            if (link(ui, "lead.quotations.all", app.tr("quote.block_open_list"), ui.fonts.body))
                app.navigate(client::quotations_route(f));
        }
        gap(ui, 6);
    }
    if (button(ui, "lead.quotation.new", app.tr(st.busy() ? "app.loading" : "quote.new"), ButtonKind::secondary,
               ImVec2(0, ui.px(34)), !st.busy()))
        st.create_for_lead(lead_id);
    gap(ui, 16);
}

void draw_quotations(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& st = app.quotations();
    ui.title = app.tr("app.name") + " — " + app.tr("quote.list_title");
    const Column col = page_column(ui);
    ImGui::SetCursorScreenPos(ImVec2(col.x, ImGui::GetCursorScreenPos().y + ui.px(18)));
    ImGui::BeginGroup();
    text(ui, "quotations.title", app.tr("quote.list_title"), ui.fonts.title, color::text);
    gap(ui, 10);
    const client::QuoteFilter filter = st.list_filter();
    // One segmented control per filter; a click navigates, so the address holds the filter.
    auto filter_row = [&](const char* id, const std::vector<const char*>& values, const std::string& key_prefix,
                          const std::string& current, auto set) {
        std::vector<std::string> labels;
        for (const char* v : values) labels.push_back(app.tr(key_prefix + (*v ? v : "all")));
        std::vector<Choice> choices;
        int selected = 0;
        for (std::size_t i = 0; i < values.size(); ++i) {
            choices.push_back({values[i][0] ? values[i] : "all", labels[i]});
            if (current == values[i]) selected = static_cast<int>(i);
        }
        if (segmented(ui, id, choices, selected)) {
            client::QuoteFilter f = filter;
            set(f, std::string(values[static_cast<std::size_t>(selected)]));
            app.navigate(client::quotations_route(f));
        }
    };
    filter_row("quotations.filter", {"", "draft", "sent", "sale", "cancel"}, "quote.state.", filter.state,
               [](client::QuoteFilter& f, const std::string& v) { f.state = v; });
    ImGui::SameLine(0, ui.px(16));
    filter_row("quotations.invoicing", {"", "nothing", "to_invoice", "invoiced"}, "quote.invoice.", filter.invoice_status,
               [](client::QuoteFilter& f, const std::string& v) { f.invoice_status = v; });
    if (filter.lead_id) {
        gap(ui, 8);
        text(ui, "quotations.lead_filter", app.tr("quote.filter_lead", {{"id", std::to_string(filter.lead_id)}}), ui.fonts.body,
             color::text_secondary);
        ImGui::SameLine(0, ui.px(10));
        if (link(ui, "quotations.lead_filter.open", app.tr("quote.filter_lead_open"), ui.fonts.body))
            app.navigate(Route::lead(filter.lead_id));
        ImGui::SameLine(0, ui.px(10));
        if (link(ui, "quotations.lead_filter.clear", app.tr("quote.filter_clear"), ui.fonts.body)) {
            client::QuoteFilter f = filter;
            f.lead_id = 0;
            app.navigate(client::quotations_route(f));
        }
    }
    gap(ui, 14);
    if (st.list().empty()) {
        text(ui, "quotations.empty", app.tr("quote.list_empty"), ui.fonts.body, color::text_muted);
    } else {
        // number | state | invoicing | total
        const float w = col.width;
        const float num_w = ui.px(180), state_w = ui.px(230), inv_w = ui.px(190);
        const float total_w = std::max(ui.px(120), std::min(ui.px(200), w - num_w - state_w - inv_w - ui.px(24)));
        const char* heads[] = {"quote.col.number", "quote.col.state", "quote.col.invoicing", "quote.col.total"};
        const float widths[] = {num_w, state_w, inv_w, total_w};
        for (std::size_t i = 0; i < std::size(heads); ++i) {
            if (i) ImGui::SameLine(0, ui.px(8));
            text_in_column(ui, std::string("quotations.head.") + std::to_string(i), app.tr(heads[i]), widths[i],
                           ui.fonts.strong, color::text_secondary);
        }
        gap(ui, 4);
        for (const auto& q : st.list()) {
            const std::string id = "quotations.row." + std::to_string(q.id);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            if (link(ui, id, quotation_display_number(q), ui.fonts.body)) app.navigate(Route::quotation(q.id));
            ImGui::SetCursorScreenPos(ImVec2(p.x + num_w + ui.px(8), p.y));
            text_in_column(ui, id + ".state", state_label(app, q.state), state_w, ui.fonts.body,
                           q.state == QuotationState::sale ? lead_color::success : color::text);
            ImGui::SameLine(0, ui.px(8));
            text_in_column(ui, id + ".invoicing", q.state == QuotationState::sale ? invoice_label(app, q.invoice_status) : "—",
                           inv_w, ui.fonts.body,
                           q.invoice_status == InvoiceStatus::to_invoice ? color::text : color::text_secondary);
            ImGui::SameLine(0, ui.px(8));
            text(ui, id + ".total", client::amount_label(q.amounts.total, q.currency, app.language()), ui.fonts.body,
                 color::text);
            gap(ui, 4);
        }
    }
    ImGui::EndGroup();
}

void draw_quotation(AppState& app, Ui& ui) {
    top_bar(app, ui);
    auto& st = app.quotations();
    const Column col = page_column(ui);
    ImGui::SetCursorScreenPos(ImVec2(col.x, ImGui::GetCursorScreenPos().y + ui.px(18)));
    ImGui::BeginGroup();
    const float w = col.width;
    if (!st.loaded()) {
        if (!st.banner().empty()) alert(ui, "quote.error", st.banner().render(app.language()), w);
        else text(ui, "quote.loading", app.tr("app.loading"), ui.fonts.body, color::text_secondary);
        ImGui::EndGroup();
        return;
    }
    const Quotation& q = st.current();
    ui.title = app.tr("app.name") + " — " + quotation_display_number(q);
    if (q.lead_id && link(ui, "quote.back_to_lead", app.tr("quote.back_to_lead"), ui.fonts.body))
        app.navigate(Route::lead(*q.lead_id));
    gap(ui, 4);
    text(ui, "quote.number", app.tr(q.state == QuotationState::sale ? "quote.order_title" : "quote.title",
                                    {{"number", quotation_display_number(q)}}),
         ui.fonts.title, color::text);
    ImGui::SameLine(0, ui.px(14));
    text(ui, "quote.state", state_label(app, q.state), ui.fonts.strong,
         q.state == QuotationState::sale ? lead_color::success : color::text_secondary);
    gap(ui, 10);

    // Actions.
    const bool edit = st.editable() && !st.busy();
    const ImVec2 bs(0, ui.px(34));
    if (button(ui, "quote.save", app.tr("quote.save"), ButtonKind::secondary, bs, edit && st.dirty())) st.save();
    ImGui::SameLine(0, ui.px(8));
    if (button(ui, "quote.send", app.tr("quote.send"), ButtonKind::secondary, bs, edit)) st.send();
    ImGui::SameLine(0, ui.px(8));
    if (button(ui, "quote.confirm", app.tr("quote.confirm"), ButtonKind::primary, bs, edit)) st.confirm();
    ImGui::SameLine(0, ui.px(8));
    if (button(ui, "quote.preview", app.tr("quote.preview"), ButtonKind::ghost, bs, !st.busy())) st.preview();
    ImGui::SameLine(0, ui.px(8));
    if (button(ui, "quote.cancel", app.tr("quote.cancel"), ButtonKind::ghost, bs,
               !st.busy() && q.state != QuotationState::cancel))
        st.cancel();
    if (q.state == QuotationState::sent || q.state == QuotationState::cancel) {
        ImGui::SameLine(0, ui.px(8));
        if (button(ui, "quote.revise", app.tr("quote.revise"), ButtonKind::ghost, bs, !st.busy())) st.revise();
    }
    gap(ui, 10);
    if (!st.banner().empty()) {
        alert(ui, "quote.error", st.banner().render(app.language()), w);
        gap(ui, 8);
    } else if (!st.notice().empty()) {
        text(ui, "quote.notice", st.notice().render(app.language()), ui.fonts.body, lead_color::success);
        gap(ui, 8);
    }

    // A sales order's invoicing status: managers set it, everyone sees it.
    if (q.state == QuotationState::sale) {
        // The label centred on the row of toggles (which are taller than a line of text).
        const ImVec2 row = ImGui::GetCursorScreenPos();
        const std::string label = app.tr("quote.col.invoicing") + ":";
        ImGui::SetCursorScreenPos(ImVec2(row.x, row.y + ui.px(6)));
        text(ui, "quote.invoicing.label", label, ui.fonts.strong, color::text_secondary);
        ImGui::SetCursorScreenPos(ImVec2(row.x + text_size(ui.fonts.strong, label).x + ui.px(10), row.y));
        const auto& session = app.session();
        if (session && session->user.can_manage()) {
            static const char* values[] = {"nothing", "to_invoice", "invoiced"};
            std::vector<std::string> labels;
            std::vector<Choice> choices;
            int selected = 0;
            for (const char* v : values) labels.push_back(app.tr("quote.invoice." + std::string(v)));
            for (std::size_t i = 0; i < std::size(values); ++i) {
                choices.push_back({values[i], labels[i]});
                if (to_string(q.invoice_status) == values[i]) selected = static_cast<int>(i);
            }
            ImGui::BeginDisabled(st.busy());
            if (segmented(ui, "quote.invoicing", choices, selected))
                st.set_invoicing(values[static_cast<std::size_t>(selected)]);
            ImGui::EndDisabled();
        } else {
            const ImVec2 at = ImGui::GetCursorScreenPos();
            ImGui::SetCursorScreenPos(ImVec2(at.x, at.y + ui.px(6)));
            text(ui, "quote.invoicing", invoice_label(app, q.invoice_status), ui.fonts.body, color::text);
        }
        gap(ui, 10);
    }

    // Header fields.
    FieldOptions half;
    half.width = std::floor((w - ui.px(16)) / 2);
    if (edit) {
        half.error = error_of(st, "validity_date", app);
        form_field(ui, "quote.validity", app.tr("quote.validity"), st.validity(), half);
    } else {
        text(ui, "quote.validity", app.tr("quote.validity") + ": " + st.validity(), ui.fonts.body, color::text_secondary);
    }
    gap(ui, 12);

    // Lines: description | qty | unit price | disc % | tax % | incl. | amount | ×
    section_title(ui, "quote.lines.title", app.tr("quote.lines"), w);
    gap(ui, 4);
    const float amount_w = ui.px(120), small = ui.px(70), price_w = ui.px(110), x_w = ui.px(30), incl_w = ui.px(60);
    const float desc_w = std::max(ui.px(160), w - amount_w - 3 * small - price_w - x_w - incl_w - ui.px(7 * 8));
    const char* heads[] = {"quote.col.description", "quote.col.quantity", "quote.col.price", "quote.col.discount",
                           "quote.col.tax", "quote.col.included", "quote.col.amount"};
    const float widths[] = {desc_w, small, price_w, small, small, incl_w, amount_w};
    for (std::size_t i = 0; i < std::size(heads); ++i) {
        if (i) ImGui::SameLine(0, ui.px(8));
        text_in_column(ui, std::string("quote.head.") + std::to_string(i), app.tr(heads[i]), widths[i], ui.fonts.strong,
                       color::text_secondary);
    }
    auto parsed = st.parsed_lines();
    std::optional<std::size_t> remove;
    auto& lines = st.lines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto& l = lines[i];
        const std::string id = "quote.line." + std::to_string(i) + ".";
        const std::string field = "lines[" + std::to_string(i) + "].";
        auto cell = [&](const char* name, std::string& value, float width, const char* err_field) {
            FieldOptions o;
            o.width = width;
            o.label_above = false;
            const std::string err = error_of(st, field + err_field, app);
            o.error = err;
            if (edit) form_field(ui, id + name, "", value, o);
            else text_in_column(ui, id + name, value, width, ui.fonts.body, color::text);
        };
        cell("description", l.description, desc_w, "description");
        ImGui::SameLine(0, ui.px(8));
        cell("quantity", l.quantity, small, "quantity");
        ImGui::SameLine(0, ui.px(8));
        cell("price", l.price, price_w, "price_unit");
        ImGui::SameLine(0, ui.px(8));
        cell("discount", l.discount, small, "discount_bp");
        ImGui::SameLine(0, ui.px(8));
        cell("tax", l.tax, small, "tax_bp");
        ImGui::SameLine(0, ui.px(8));
        bool incl = l.tax_included;
        const ImVec2 incl_at = ImGui::GetCursorScreenPos();
        ImGui::BeginDisabled(!edit);  // a locked line still shows whether its price includes tax
        if (checkbox(ui, id + "included", "", incl) && edit) l.tax_included = incl;
        ImGui::EndDisabled();
        ImGui::SetCursorScreenPos(incl_at);
        ImGui::Dummy(ImVec2(incl_w, 1));
        ImGui::SameLine(0, ui.px(8));
        std::string amount = "—";
        if (parsed && i < parsed->size())
            if (auto a = line_amounts(parsed.value()[i])) amount = client::amount_label(a->untaxed, q.currency, app.language());
        text(ui, id + "amount", amount, ui.fonts.body, color::text);
        if (edit) {
            ImGui::SameLine(0, ui.px(8));
            if (button(ui, id + "remove", "×", ButtonKind::ghost, ImVec2(x_w, ui.px(30)))) remove = i;
        }
    }
    if (remove) st.remove_line(*remove);
    gap(ui, 8);
    if (edit) {
        if (button(ui, "quote.add_line", app.tr("quote.add_line"), ButtonKind::secondary, ImVec2(0, ui.px(32))))
            st.add_line();
        ImGui::SameLine(0, ui.px(16));
        FieldOptions o;
        o.width = ui.px(220);
        o.label_above = false;
        o.hint = app.tr("quote.product_search");
        const std::string hint = app.tr("quote.product_search");
        o.hint = hint;
        if (form_field(ui, "quote.product_search", "", st.product_query(), o)) st.search_products();
        for (const auto& p : st.products()) {
            ImGui::SameLine(0, ui.px(8));
            if (button(ui, "quote.product." + std::to_string(p.id), p.name, ButtonKind::ghost, ImVec2(0, ui.px(30))))
                st.add_product(p);
        }
        gap(ui, 8);
    }

    // Totals, live from shared/ (the same function the server stores).
    gap(ui, 6);
    const auto totals = st.totals();
    const std::pair<const char*, std::int64_t> rows[] = {{"quote.untaxed", totals ? totals->untaxed : 0},
                                                          {"quote.tax", totals ? totals->tax : 0},
                                                          {"quote.total", totals ? totals->total : 0}};
    for (const auto& [key, v] : rows) {
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(p.x + w - ui.px(320), p.y));
        text(ui, std::string(key) + ".label", app.tr(key), ui.fonts.strong, color::text_secondary);
        ImGui::SameLine(0, 0);
        ImGui::SetCursorScreenPos(ImVec2(p.x + w - ui.px(160), p.y));
        text(ui, key, totals ? client::amount_label(v, q.currency, app.language()) : "—", ui.fonts.strong, color::text);
    }
    gap(ui, 14);
    FieldOptions big;
    big.width = w;
    big.multiline_height = ui.px(60);
    if (edit) {
        form_field(ui, "quote.payment_terms", app.tr("quote.payment_terms"), st.payment_terms(), big);
        gap(ui, 8);
        form_field(ui, "quote.notes", app.tr("quote.notes"), st.notes(), big);
    } else {
        if (!q.payment_terms.empty()) paragraph(ui, "quote.payment_terms", q.payment_terms, ui.fonts.body, color::text_secondary, w);
        if (!q.notes.empty()) paragraph(ui, "quote.notes", q.notes, ui.fonts.body, color::text_secondary, w);
    }
    gap(ui, 24);
    quotation_chatter(app, ui, w);
    gap(ui, 24);
    ImGui::EndGroup();
}

}  // namespace tumen::app
