// The quotation PDF read back with poppler's pdftotext: Cyrillic customer name and totals come out as text (the
// font is embedded with a Unicode map), and a long quotation breaks across pages with the table header repeated.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "pdf/quotation_pdf.hpp"
#include "test_server.hpp"

using namespace tumen;

namespace {

std::string run(const std::string& cmd) {
    std::string out;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

struct Extracted {
    std::string text;
    int pages = 0;
};

Extracted extract(const std::string& pdf) {
    const auto dir = testing::make_temp_dir("tumen-pdf");
    const auto file = dir / "q.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    Extracted e;
    e.text = run("pdftotext -layout '" + file.string() + "' -");
    const std::string info = run("pdfinfo '" + file.string() + "'");
    const auto at = info.find("Pages:");
    if (at != std::string::npos) e.pages = std::stoi(info.substr(at + 6));
    std::filesystem::remove_all(dir);
    return e;
}

server::pdf::QuotationDocument document(int lines) {
    server::pdf::QuotationDocument d;
    d.lang = i18n::Lang::mn;
    d.company_name = "Түмэн Технологи ХХК";
    d.customer_name = "Батбаяр Ганболд";
    d.customer_lines = {"Энхтайваны өргөн чөлөө 15", "Улаанбаатар", "bat@gobi.mn"};
    d.salesperson = "Сараа";
    Quotation& q = d.quotation;
    q.number = "S2026-0042";
    q.create_date = 1795000000;
    q.validity_date = days_from_civil(2026, 12, 31);
    q.payment_terms = "30 хоногийн дотор шилжүүлгээр";
    for (int i = 0; i < lines; ++i) {
        QuotationLine l;
        l.description = "Бараа №" + std::to_string(i + 1) + " — компьютерийн дагалдах хэрэгсэл";
        l.quantity = 1500;
        l.price_unit = 1234567;
        l.discount_bp = i % 3 == 0 ? 1000 : 0;
        l.tax_bp = 1000;
        q.lines.push_back(l);
    }
    q.amounts = quotation_totals(q.lines).value();
    return d;
}

}  // namespace

TEST_CASE("quotation PDF: Cyrillic customer, numbers and totals are real text") {
    auto d = document(3);
    const std::string pdf = server::pdf::render_quotation_pdf(d);
    REQUIRE(pdf.rfind("%PDF-", 0) == 0);
    const auto e = extract(pdf);
    CHECK(e.pages == 1);
    CHECK(e.text.find("Батбаяр Ганболд") != std::string::npos);
    CHECK(e.text.find("Түмэн Технологи ХХК") != std::string::npos);
    CHECK(e.text.find("Үнийн санал S2026-0042") != std::string::npos);
    CHECK(e.text.find("Бараа №2") != std::string::npos);
    // 3 lines: 1.5 × 12,345.67 = 18,518.505 -> 18,518.51 (−10 % on line 1 -> 16,666.65); totals in mn format.
    CHECK(d.quotation.amounts.untaxed == 1666665 + 1851851 + 1851851);
    CHECK(e.text.find("53") != std::string::npos);
    CHECK_MESSAGE(e.text.find("53,703.67") != std::string::npos, e.text);  // as the client writes mn amounts
    const auto total = d.quotation.amounts.total;  // 5,907,404 -> "59,074.04"
    CHECK(total == 5907404);
    CHECK_MESSAGE(e.text.find("59,074.04") != std::string::npos, e.text);
    CHECK(e.text.find("Нийт дүн") != std::string::npos);
    CHECK(e.text.find("30 хоногийн дотор шилжүүлгээр") != std::string::npos);
    CHECK(server::pdf::quotation_pdf_name(d.quotation) == "S2026-0042.pdf");
}

TEST_CASE("quotation PDF: 200 lines span pages and every page repeats the table header") {
    const auto e = extract(server::pdf::render_quotation_pdf(document(200)));
    CHECK(e.pages >= 4);
    // pdftotext separates pages with a form feed.
    size_t pages_with_header = 0, start = 0;
    while (start < e.text.size()) {
        const size_t end = std::min(e.text.find('\f', start), e.text.size());
        if (e.text.substr(start, end - start).find("Тайлбар") != std::string::npos) ++pages_with_header;
        start = end + 1;
    }
    CHECK(pages_with_header == static_cast<size_t>(e.pages));
    CHECK(e.text.find("Бараа №200") != std::string::npos);
    CHECK(e.text.find("S2026-0042 (үргэлжлэл)") != std::string::npos);
}
