#include "pdf/quotation_pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>

namespace tumen::server::pdf {

namespace {

constexpr double page_w = 595.28, page_h = 841.89;  // A4 in points
constexpr double margin = 42;
constexpr double bottom = page_h - margin;

struct Column {
    const char* key;
    double width;
    bool right;
};
// Description takes what is left of the text width.
constexpr Column columns[] = {{"quote.pdf.col_description", 0, false}, {"quote.pdf.col_quantity", 52, true},
                              {"quote.pdf.col_price", 82, true},       {"quote.pdf.col_discount", 44, true},
                              {"quote.pdf.col_tax", 40, true},         {"quote.pdf.col_amount", 90, true}};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

class Writer {
public:
    Writer(std::string& out) {
        surface_ = cairo_pdf_surface_create_for_stream(append, &out, page_w, page_h);
        cr_ = cairo_create(surface_);
        layout_ = pango_cairo_create_layout(cr_);
    }
    ~Writer() {
        g_object_unref(layout_);
        cairo_destroy(cr_);
        cairo_surface_finish(surface_);
        cairo_surface_destroy(surface_);
    }
    void set_metadata(const std::string& title) {
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
        cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "Tumen CRM");
    }

    // Lays out `text` in a box of `width` at (x, y); returns its height. measure_only: nothing is drawn.
    double text(const std::string& text, double x, double y, double width, double size, bool bold = false,
                bool right = false, bool measure_only = false) {
        PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
        pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
        if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
        pango_layout_set_font_description(layout_, font);
        pango_font_description_free(font);
        pango_layout_set_width(layout_, static_cast<int>(width * PANGO_SCALE));
        pango_layout_set_wrap(layout_, PANGO_WRAP_WORD_CHAR);
        pango_layout_set_alignment(layout_, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        pango_layout_set_text(layout_, text.c_str(), static_cast<int>(text.size()));
        int w = 0, h = 0;
        pango_layout_get_size(layout_, &w, &h);
        if (!measure_only) {
            cairo_move_to(cr_, x, y);
            pango_cairo_show_layout(cr_, layout_);
        }
        return static_cast<double>(h) / PANGO_SCALE;
    }
    void line(double x1, double y1, double x2, double y2, double gray = 0.6) {
        cairo_set_source_rgb(cr_, gray, gray, gray);
        cairo_set_line_width(cr_, 0.6);
        cairo_move_to(cr_, x1, y1);
        cairo_line_to(cr_, x2, y2);
        cairo_stroke(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
    }
    void fill(double x, double y, double w, double h, double gray) {
        cairo_set_source_rgb(cr_, gray, gray, gray);
        cairo_rectangle(cr_, x, y, w, h);
        cairo_fill(cr_);
        cairo_set_source_rgb(cr_, 0, 0, 0);
    }
    void new_page() { cairo_show_page(cr_); }

private:
    cairo_surface_t* surface_;
    cairo_t* cr_;
    PangoLayout* layout_;
};

std::string money_text(int64_t amount, const std::string& currency, i18n::Lang lang) {
    const int digits = currency_minor_digits(currency).value_or(2);
    return format_amount(amount, digits, amount_format(lang)) + "\u00A0" + std::string(currency_symbol(currency));
}

std::string percent_text(int32_t bp) {
    std::string s = format_amount(bp, 2, {.group = ""});
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
        const bool dot = s.back() == '.';
        s.pop_back();
        if (dot) break;
    }
    return s + "%";
}

}  // namespace

std::string quotation_pdf_name(const Quotation& q) { return quotation_display_number(q) + ".pdf"; }

std::string render_quotation_pdf(const QuotationDocument& doc) {
    const auto L = doc.lang;
    const Quotation& q = doc.quotation;
    const double text_w = page_w - 2 * margin;
    double widths[std::size(columns)];
    double fixed = 0;
    for (std::size_t i = 1; i < std::size(columns); ++i) fixed += (widths[i] = columns[i].width);
    widths[0] = text_w - fixed;
    constexpr double pad = 3, body_size = 8.5;

    std::string out;
    {
        Writer w(out);
        const std::string number = quotation_display_number(q);
        w.set_metadata(number);
        double y = margin;
        // Header: company, document title and number, dates.
        y += w.text(doc.company_name.empty() ? "Tumen CRM" : doc.company_name, margin, y, text_w, 15, true) + 4;
        w.line(margin, y, page_w - margin, y, 0.3);
        y += 8;
        const char* title = q.state == QuotationState::sale ? "quote.pdf.title_order" : "quote.pdf.title_quotation";
        const double title_h = w.text(std::string(i18n::tr(L, title)) + " " + number, margin, y, text_w / 2, 13, true);
        double ry = y;
        ry += w.text(i18n::tr(L, "quote.pdf.date", {{"date", format_date(day_of(q.create_date))}}), margin + text_w / 2,
                     ry, text_w / 2, 9, false, true);
        if (q.validity_date)
            ry += w.text(i18n::tr(L, "quote.pdf.valid_until", {{"date", format_date(*q.validity_date)}}),
                         margin + text_w / 2, ry, text_w / 2, 9, false, true);
        if (!doc.salesperson.empty())
            ry += w.text(i18n::tr(L, "quote.pdf.salesperson", {{"name", doc.salesperson}}), margin + text_w / 2, ry,
                         text_w / 2, 9, false, true);
        y = std::max(y + title_h, ry) + 12;
        // Customer block.
        y += w.text(std::string(i18n::tr(L, "quote.pdf.customer")), margin, y, text_w, 8, false) + 1;
        y += w.text(doc.customer_name, margin, y, text_w, 11, true) + 1;
        for (const auto& l : doc.customer_lines)
            if (!l.empty()) y += w.text(l, margin, y, text_w, 9) + 1;
        y += 14;

        auto header_row = [&](double at) {
            double h = 0;
            for (std::size_t i = 0; i < std::size(columns); ++i)
                h = std::max(h, w.text(std::string(i18n::tr(L, columns[i].key)), 0, 0, widths[i] - 2 * pad, body_size,
                                       true, columns[i].right, true));
            w.fill(margin, at, text_w, h + 2 * pad, 0.9);
            double x = margin;
            for (std::size_t i = 0; i < std::size(columns); ++i) {
                w.text(std::string(i18n::tr(L, columns[i].key)), x + pad, at + pad, widths[i] - 2 * pad, body_size, true,
                       columns[i].right);
                x += widths[i];
            }
            return h + 2 * pad;
        };
        y += header_row(y);
        for (const auto& l : q.lines) {
            auto a = line_amounts(l);
            const std::string cells[] = {
                l.description,
                format_quantity(l.quantity),
                money_text(l.price_unit, q.currency, L),
                l.discount_bp ? percent_text(l.discount_bp) : "",
                l.tax_bp ? percent_text(l.tax_bp) + (l.tax_included ? " " + std::string(i18n::tr(L, "quote.pdf.tax_incl")) : "") : "",
                a ? money_text(a->untaxed, q.currency, L) : "-",
            };
            double h = 0;
            for (std::size_t i = 0; i < std::size(columns); ++i)
                h = std::max(h, w.text(cells[i], 0, 0, widths[i] - 2 * pad, body_size, false, columns[i].right, true));
            h += 2 * pad;
            if (y + h > bottom) {  // a row is never split: next page, header again
                w.new_page();
                y = margin;
                y += w.text(i18n::tr(L, "quote.pdf.continued", {{"number", number}}), margin, y, text_w, 8) + 4;
                y += header_row(y);
            }
            double x = margin;
            for (std::size_t i = 0; i < std::size(columns); ++i) {
                w.text(cells[i], x + pad, y + pad, widths[i] - 2 * pad, body_size, false, columns[i].right);
                x += widths[i];
            }
            y += h;
            w.line(margin, y, page_w - margin, y, 0.8);
        }
        // Totals, right-aligned under the amount column; kept together.
        const double totals_h = 3 * 16 + 10;
        if (y + totals_h > bottom) {
            w.new_page();
            y = margin;
        }
        y += 8;
        const double label_x = page_w - margin - 240;
        const std::pair<const char*, int64_t> totals[] = {{"quote.pdf.untaxed", q.amounts.untaxed},
                                                          {"quote.pdf.tax", q.amounts.tax},
                                                          {"quote.pdf.total", q.amounts.total}};
        for (const auto& [key, amount] : totals) {
            const bool strong = std::string_view(key) == "quote.pdf.total";
            w.text(std::string(i18n::tr(L, key)), label_x, y, 140, strong ? 10.5 : 9, strong);
            y += w.text(money_text(amount, q.currency, L), label_x + 100, y, 140, strong ? 10.5 : 9, strong, true) + 4;
        }
        y += 14;
        // Terms and notes flow on, one paragraph at a time.
        auto paragraph = [&](const char* key, const std::string& body) {
            if (body.empty()) return;
            const double h = w.text(body, margin, 0, text_w, 9, false, false, true) + 14;
            if (y + h > bottom) {
                w.new_page();
                y = margin;
            }
            y += w.text(std::string(i18n::tr(L, key)), margin, y, text_w, 9, true) + 2;
            y += w.text(body, margin, y, text_w, 9) + 10;
        };
        paragraph("quote.pdf.payment_terms", q.payment_terms);
        paragraph("quote.pdf.notes", q.notes);
    }
    return out;
}

}  // namespace tumen::server::pdf
