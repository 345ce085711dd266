// JSON Schemas of products, quotations and sales orders (issue 10).
#include "api_schema_parts.hpp"

namespace tumen::api {

namespace {
using namespace schema;
json money() { return obj({{"amount", described("integer", "minor units")}, {"currency", t("string")}}); }
json bp(const char* what) { return {{"type", "integer"}, {"minimum", 0}, {"maximum", 10000}, {"description", what}}; }
json amounts() { return obj({{"untaxed", t("integer")}, {"tax", t("integer")}, {"total", t("integer")}}); }
}  // namespace

json quotation_schemas() {
    const json product_fields = {{"name", t("string")},        {"code", t("string")},
                                 {"description", t("string")}, {"uom", t("string")},
                                 {"price", money()},           {"tax_bp", bp("tax in basis points, 1500 = 15 %")},
                                 {"tax_included", t("boolean")}, {"active", t("boolean")}};
    json product = obj(product_fields);
    for (const char* f : {"id", "version"}) product["properties"][f] = t("integer");
    json product_patch = obj(product_fields, {"version"});
    product_patch["properties"]["version"] = t("integer");

    const json line = obj({{"id", t("integer")},
                           {"product_id", nullable(t("integer"))},
                           {"description", t("string")},
                           {"quantity", described("string", "decimal text with up to 3 decimals (\"2.5\"); an integer is accepted")},
                           {"price_unit", described("integer", "minor units")},
                           {"discount_bp", bp("discount in basis points")},
                           {"tax_bp", bp("tax in basis points")},
                           {"tax_included", t("boolean")},
                           {"amounts", amounts()}},
                          {"description"});
    const json fields = {{"partner_id", nullable(t("integer"))}, {"lead_id", nullable(t("integer"))},
                         {"user_id", nullable(t("integer"))},    {"team_id", nullable(t("integer"))},
                         {"validity_date", nullable({{"type", "string"}, {"format", "date"}})},
                         {"payment_terms", t("string")},         {"notes", t("string")},
                         {"currency", t("string")},              {"lines", array_of(line)}};
    json quotation = obj(fields);
    auto& p = quotation["properties"];
    for (const char* f : {"id", "revision", "version"}) p[f] = t("integer");
    p["previous_id"] = nullable(t("integer"));
    p["number"] = described("string", "S2026-0042");
    p["display_number"] = described("string", "the number with its revision, S2026-0042-R1");
    p["state"] = enum_of({"draft", "sent", "sale", "cancel"});
    p["invoice_status"] = enum_of({"nothing", "to_invoice", "invoiced"});
    p["amounts"] = amounts();
    json patch = obj(fields, {"version"});
    patch["properties"]["version"] = t("integer");
    return {
        {"Product", product},
        {"ProductInput", obj(product_fields, {"name"})},
        {"ProductPatch", product_patch},
        {"ProductList", obj({{"items", array_of(ref("Product"))}}, {"items"})},
        {"Quotation", quotation},
        {"QuotationInput", obj(fields)},
        {"QuotationPatch", patch},
        {"QuotationList", obj({{"items", array_of(ref("Quotation"))}}, {"items"})},
        {"QuotationSend", obj({{"version", t("integer")},
                               {"to", described("string", "default: the customer's address")},
                               {"subject", described("string", "placeholders {number} {customer} {amount} {company} {salesperson} {validity}")},
                               {"body", t("string")}},
                              {"version"})},
        {"QuotationInvoicing", obj({{"version", t("integer")}, {"invoice_status", enum_of({"nothing", "to_invoice", "invoiced"})}},
                                   {"version", "invoice_status"})},
        {"LeadQuotations", obj({{"items", array_of(ref("Quotation"))},
                                {"quotation_count", t("integer")},
                                {"order_count", t("integer")},
                                {"quotation_amounts", array_of(money())},
                                {"order_amounts", array_of(money())}},
                               {"items"})},
        {"PdfFile", {{"type", "string"}, {"format", "binary"}, {"x-media-types", json::array({"application/pdf"})}}},
    };
}

}  // namespace tumen::api
