// The quotation PDF: cairo's PDF surface with pango text layout (DejaVu Sans, embedded as a subset, covers
// Cyrillic). A4 portrait: company header, customer block, the lines table (rows never split; the table breaks
// across pages with its header row repeated), totals, payment terms and notes. All text arrives formatted.
#pragma once
#include <string>
#include <vector>

#include "tumen/i18n.hpp"
#include "tumen/quotation.hpp"

namespace tumen::server::pdf {

struct QuotationDocument {
    i18n::Lang lang = i18n::Lang::mn;
    std::string company_name;
    Quotation quotation;
    std::string customer_name;
    std::vector<std::string> customer_lines;  // address, e-mail, phone
    std::string salesperson;
};

// The PDF bytes.
std::string render_quotation_pdf(const QuotationDocument& doc);
// "S2026-0042.pdf" (revision suffix included).
std::string quotation_pdf_name(const Quotation& q);

}  // namespace tumen::server::pdf
