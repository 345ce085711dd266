#include <doctest/doctest.h>

#include <limits>

#include "tumen/quotation.hpp"

using namespace tumen;

namespace {

QuotationLine line(std::int64_t qty_milli, std::int64_t price, std::int32_t discount_bp = 0, std::int32_t tax_bp = 0,
                   bool included = false) {
    QuotationLine l;
    l.description = "x";
    l.quantity = qty_milli;
    l.price_unit = price;
    l.discount_bp = discount_bp;
    l.tax_bp = tax_bp;
    l.tax_included = included;
    return l;
}

}  // namespace

TEST_CASE("quotation line: tax excluded, rounding half away from zero per line") {
    // 1 × 100.00 + 10 % VAT
    CHECK(line_amounts(line(1000, 10000, 0, 1000)).value() == Amounts{10000, 1000, 11000});
    // 0.5 × 0.01 = 0.005 -> rounds up to 0.01
    CHECK(line_amounts(line(500, 1)).value() == Amounts{1, 0, 1});
    // 1.5 × 0.01 = 0.015 -> 0.02
    CHECK(line_amounts(line(1500, 1)).value() == Amounts{2, 0, 2});
    // tax 0.5: 0.05 × 10 % = 0.005 -> 0.01
    CHECK(line_amounts(line(1000, 5, 0, 1000)).value() == Amounts{5, 1, 6});
    // a negative (rebate) line rounds away from zero too: -0.005 -> -0.01
    CHECK(line_amounts(line(500, -1)).value() == Amounts{-1, 0, -1});
    // 0.4 × 0.01 = 0.004 -> 0
    CHECK(line_amounts(line(400, 1)).value() == Amounts{0, 0, 0});
}

TEST_CASE("quotation line: discounts in basis points") {
    // 3 × 33.33 − 12.5 % = 87.49125 -> 87.49
    CHECK(line_amounts(line(3000, 3333, 1250)).value() == Amounts{8749, 0, 8749});
    // 100 % discount
    CHECK(line_amounts(line(2000, 99999, 10000, 1500)).value() == Amounts{0, 0, 0});
    // 1 × 0.01 − 50 % = 0.005 -> 0.01
    CHECK(line_amounts(line(1000, 1, 5000)).value() == Amounts{1, 0, 1});
}

TEST_CASE("quotation line: tax included prices") {
    // 115.00 incl. 15 %: untaxed 100.00, tax 15.00
    CHECK(line_amounts(line(1000, 11500, 0, 1500, true)).value() == Amounts{10000, 1500, 11500});
    // 1.00 incl. 10 %: 0.909.. -> 0.91, tax 0.09; the total stays what the customer was quoted
    CHECK(line_amounts(line(1000, 100, 0, 1000, true)).value() == Amounts{91, 9, 100});
    // 0.21 incl. 10 % -> 0.1909 -> 0.19
    CHECK(line_amounts(line(1000, 21, 0, 1000, true)).value() == Amounts{19, 2, 21});
    // half case: 0.21 incl. 5 % = 0.2 exactly; 0.105 incl 5% is 0.1 -> check 2.1 / 1.05 = 2.00
    CHECK(line_amounts(line(1000, 210, 0, 500, true)).value() == Amounts{200, 10, 210});
    // untaxed = 0.05 / 1.25 ... exact .5: 0.25 incl. 25 % = 0.20; 0.03 incl 50% = 0.02
    CHECK(line_amounts(line(1000, 3, 0, 5000, true)).value() == Amounts{2, 1, 3});
    // 0.01 incl. 100 %: 0.005 -> 0.01 untaxed, tax 0
    CHECK(line_amounts(line(1000, 1, 0, 10000, true)).value() == Amounts{1, 0, 1});
}

TEST_CASE("quotation totals are the sum of rounded lines, not the rounded sum") {
    // three lines of 0.005 each: per line 0.01 -> 0.03 (rounding the sum 0.015 would give 0.02)
    std::vector<QuotationLine> ls = {line(500, 1), line(500, 1), line(500, 1)};
    CHECK(quotation_totals(ls).value() == Amounts{3, 0, 3});
    ls.push_back(line(1000, 11500, 0, 1500, true));
    ls.push_back(line(2000, 5000, 1000, 1000));  // 90.00 + 9.00
    CHECK(quotation_totals(ls).value() == Amounts{3 + 10000 + 9000, 1500 + 900, 3 + 11500 + 9900});
    CHECK(quotation_totals({}).value() == Amounts{0, 0, 0});
}

TEST_CASE("quotation totals: big amounts are exact or refused, never wrapped") {
    const std::int64_t big = 1'000'000'000'000'000;  // 10^16 MNT in möngö
    // 9000 × 10^15 = 9·10^18 fits int64
    CHECK(line_amounts(line(9'000'000, big)).value().total == 9'000'000'000'000'000'000);
    // 10000 × 10^15 = 10^19 overflows int64
    CHECK_FALSE(line_amounts(line(10'000'000, big)).ok());
    // tax pushes the total out of range
    CHECK_FALSE(line_amounts(line(9'000'000, big, 0, 2000)).ok());
    // the sum overflows: the error names the line
    auto t = quotation_totals({line(1000, big), line(5'000'000, big), line(5'000'000, big)});
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().details.at(0).field == "lines[2]");
    // exact with large quantity × price where a double would lose digits (3332999666696667.0003333)
    CHECK(line_amounts(line(3'333'333, 999'999'999'999, 1, 0)).value().untaxed == 3'332'999'666'696'667);
}

TEST_CASE("quantities as decimal text") {
    CHECK(parse_quantity("2.5").value() == 2500);
    CHECK(parse_quantity("0.001").value() == 1);
    CHECK_FALSE(parse_quantity("0.0001").ok());
    CHECK_FALSE(parse_quantity("-1").ok());
    CHECK(format_quantity(2500) == "2.5");
    CHECK(format_quantity(3000) == "3");
    CHECK(format_quantity(1) == "0.001");
    CHECK(format_quantity(1234567000) == "1234567");
}

TEST_CASE("quotation state transitions and locks") {
    CHECK(next_state(QuotationState::draft, QuotationAction::send).value() == QuotationState::sent);
    CHECK(next_state(QuotationState::sent, QuotationAction::send).value() == QuotationState::sent);
    CHECK(next_state(QuotationState::draft, QuotationAction::confirm).value() == QuotationState::sale);
    CHECK(next_state(QuotationState::sent, QuotationAction::confirm).value() == QuotationState::sale);
    CHECK(next_state(QuotationState::sale, QuotationAction::cancel).value() == QuotationState::cancel);
    CHECK(next_state(QuotationState::sent, QuotationAction::revise).value() == QuotationState::cancel);

    auto again = next_state(QuotationState::sale, QuotationAction::confirm);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == ErrorCode::validation);
    CHECK(again.error().details.at(0).field == "state");
    CHECK_FALSE(next_state(QuotationState::cancel, QuotationAction::confirm).ok());
    CHECK_FALSE(next_state(QuotationState::cancel, QuotationAction::cancel).ok());
    CHECK_FALSE(next_state(QuotationState::draft, QuotationAction::revise).ok());
    CHECK_FALSE(next_state(QuotationState::sale, QuotationAction::revise).ok());
    auto empty = next_state(QuotationState::draft, QuotationAction::confirm, 0);
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().details.at(0).field == "lines");

    CHECK(is_editable(QuotationState::draft));
    CHECK(is_editable(QuotationState::sent));
    CHECK_FALSE(is_editable(QuotationState::sale));
    CHECK_FALSE(is_editable(QuotationState::cancel));

    CHECK(set_invoice_status(QuotationState::sale, "invoiced").value() == InvoiceStatus::invoiced);
    CHECK_FALSE(set_invoice_status(QuotationState::draft, "invoiced").ok());
    CHECK_FALSE(set_invoice_status(QuotationState::sale, "paid").ok());
}

TEST_CASE("quotation numbers") {
    CHECK(quotation_number(2026, 42) == "S2026-0042");
    CHECK(quotation_number(2026, 12345) == "S2026-12345");
    Quotation q;
    q.number = "S2026-0042";
    CHECK(quotation_display_number(q) == "S2026-0042");
    q.revision = 2;
    CHECK(quotation_display_number(q) == "S2026-0042-R2");
}

TEST_CASE("quotation JSON: errors name the line and field") {
    Quotation q;
    auto fe = apply_patch(q, nlohmann::json::parse(R"({"lines":[
        {"description":"ok","quantity":"1","price_unit":100},
        {"description":"ok","quantity":"1","price_unit":100},
        {"description":"bad","quantity":"1.0005","price_unit":100,"discount_bp":10001}]})"));
    REQUIRE(fe.list().size() == 2);  // JSON members come in key order
    CHECK(fe.list().at(0).field == "lines[2].discount_bp");
    CHECK(fe.list().at(1).field == "lines[2].quantity");
    CHECK(q.lines.empty());  // nothing half-applied

    auto missing = apply_patch(q, nlohmann::json::parse(R"({"lines":[{"quantity":2}]})"));
    REQUIRE_FALSE(missing.empty());
    CHECK(missing.list().at(0).field == "lines[0].description");

    auto read_only = apply_patch(q, nlohmann::json::parse(R"({"state":"sale"})"));
    REQUIRE_FALSE(read_only.empty());
    CHECK(read_only.list().at(0).field == "state");
}

TEST_CASE("quotation JSON round trip") {
    Quotation q;
    q.id = 7;
    q.number = "S2026-0007";
    q.partner_id = 3;
    q.lead_id = 9;
    q.validity_date = days_from_civil(2026, 12, 31);
    q.payment_terms = "30 days";
    q.state = QuotationState::sale;
    q.invoice_status = InvoiceStatus::to_invoice;
    q.lines = {line(2500, 1999, 500, 1000), line(1000, 11500, 0, 1500, true)};
    q.lines[0].product_id = 4;
    q.amounts = quotation_totals(q.lines).value();
    q.version = 3;
    nlohmann::json j = q;
    CHECK(j["lines"][0]["quantity"] == "2.5");
    CHECK(j["lines"][0]["amounts"]["untaxed"] == 4748);  // 2.5 × 19.99 × 0.95 = 47.47625
    CHECK(j["display_number"] == "S2026-0007");
    CHECK(j["state"] == "sale");
    auto back = quotation_from_json(j);
    REQUIRE(back.ok());
    CHECK(back.value() == q);
}

TEST_CASE("product JSON and line from product") {
    auto p = product_from_json(nlohmann::json::parse(
        R"({"name":"Ноутбук","code":"NB-1","price":{"amount":250000000,"currency":"MNT"},"tax_bp":1000,"tax_included":true})"));
    REQUIRE(p.ok());
    CHECK(p->uom == "Unit");
    p.value().id = 5;
    auto l = line_from_product(p.value(), 2000);
    CHECK(l.product_id == 5);
    CHECK(l.description == "Ноутбук");
    CHECK(line_amounts(l).value().total == 500000000);
    auto bad = product_from_json(nlohmann::json::parse(R"({"name":"","tax_bp":-1})"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().details.size() == 2);
}

#include "tumen/route.hpp"

TEST_CASE("quotation routes") {
    CHECK(parse_route("#/quotations") == Route::quotations());
    CHECK(parse_route("#/quotation/42") == Route::quotation(42));
    CHECK(format_route(Route::quotation(42)) == "#/quotation/42");
    CHECK(parse_route("#/quotation/0").view == View::not_found);
    CHECK(parse_route("#/quotation/abc").view == View::not_found);
    Route filtered = Route::quotations();
    filtered.query = "state=sale";
    CHECK(parse_route(format_route(filtered)) == filtered);
    CHECK(view_name(View::quotation) == "quotation");
}
