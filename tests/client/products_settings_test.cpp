// Settings › Products against a fake server: the catalogue with archived products last, the editor's price typed
// in the currency's decimals and tax typed as a percent (sent as minor units and basis points), fields that do not
// parse named before anything is sent, the server's 422 at the field, a 403 as the banner, a stale save taking
// the server's product while the edits stay, and who may edit.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "settings_fixture.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

struct ProductsFixture : SettingsFixture {
    ProductsAdmin& products() { return app.settings().products(); }
};

json product_json(std::int64_t id, const std::string& name, std::int64_t version, bool active = true,
                  std::int64_t amount = 150000, const std::string& currency = "MNT", int tax_bp = 1000) {
    return {{"id", id},           {"name", name},     {"code", "P-" + std::to_string(id)},
            {"description", ""},  {"uom", "Unit"},    {"price", {{"amount", amount}, {"currency", currency}}},
            {"tax_bp", tax_bp},   {"tax_included", false}, {"active", active},
            {"create_date", "2026-11-27T09:00:00Z"}, {"write_date", "2026-11-27T09:00:00Z"}, {"version", version}};
}

const char* list_path = "/api/v1/products?archived=true&limit=500";

}  // namespace

TEST_CASE("products settings: listed for everyone, editable by managers and administrators") {
    ProductsFixture f;
    f.sign_in();
    f.open("products", "user");
    auto s = f.app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "products") != s.end());
    CHECK(f.app.settings().current() == "products");
    CHECK_FALSE(f.app.settings().can_edit_lists());
    f.app.settings().reset();
    f.open("products", "manager");
    CHECK(f.app.settings().can_edit_lists());
}

TEST_CASE("products settings: the list puts archived products last; a new product is checked, then sent in minor units") {
    ProductsFixture f;
    f.sign_in();
    f.open("products", "manager");
    REQUIRE(f.has("GET", list_path));
    f.reply("GET", list_path, 200,
            json{{"items", {product_json(3, "Ажилтны сургалт", 1, false), product_json(4, "CRM лиценз", 2),
                            product_json(5, "Angular support", 1, true, 999, "USD", 0)}}}
                .dump());
    auto& p = f.products();
    REQUIRE(p.items().size() == 3);
    CHECK(p.items()[0].name == "Angular support");
    CHECK(p.items()[1].name == "CRM лиценз");
    CHECK(p.items()[2].name == "Ажилтны сургалт");  // archived

    p.create();
    CHECK(p.draft.currency == "MNT");
    p.draft.name = "";
    p.draft.price = "12.345";  // MNT has 2 decimals
    p.draft.tax = "150";
    p.draft.currency = "MNT";
    p.save();
    CHECK_FALSE(f.has("POST", "/api/v1/products"));
    CHECK(p.error("name"));
    CHECK(p.error("price.amount"));
    CHECK(p.error("tax_bp"));
    p.draft.currency = "XXQ";
    p.save();
    CHECK(p.error("price.currency"));

    p.draft.name = "Суурилуулалт";
    p.draft.price = "1 500,50";
    p.draft.currency = "MNT";
    p.draft.tax = "12,5";
    p.draft.tax_included = true;
    p.draft.uom = "цаг";
    p.save();
    CHECK(p.errors().empty());
    auto sent = f.reply("POST", "/api/v1/products", 201, product_json(9, "Суурилуулалт", 1, true, 150050, "MNT", 1250).dump());
    const json body = json::parse(sent.body);
    CHECK(body["price"] == json{{"amount", 150050}, {"currency", "MNT"}});
    CHECK(body["tax_bp"] == 1250);
    CHECK(body["tax_included"] == true);
    CHECK(body["uom"] == "цаг");
    CHECK_FALSE(body.contains("version"));
    CHECK_FALSE(p.editing());
    CHECK(p.items().size() == 4);
    CHECK_FALSE(p.notice().empty());
}

TEST_CASE("products settings: edit shows the product as typed text; 422 at the field, 403 as banner, 409 keeps the edits") {
    ProductsFixture f;
    f.sign_in();
    f.open("products", "manager");
    f.reply("GET", list_path, 200, json{{"items", {product_json(4, "CRM лиценз", 2, true, 150050, "MNT", 1250)}}}.dump());
    auto& p = f.products();
    p.edit(4);
    REQUIRE(p.editing());
    CHECK(p.draft.price == "1500.50");
    CHECK(p.draft.tax == "12.5");
    CHECK(p.draft.version == 2);

    p.draft.name = "CRM лиценз (жил)";
    p.draft.tax = "";  // no tax
    p.save();
    auto sent = f.reply("PATCH", "/api/v1/products/4", 422,
                        json{{"error", {{"code", "validation"}, {"message", "invalid"}, {"field", nullptr},
                                        {"details", {{{"field", "code"}, {"message", "is too long"}, {"key", "error.too_long"}}}}}}}
                            .dump());
    CHECK(json::parse(sent.body)["version"] == 2);
    CHECK(json::parse(sent.body)["tax_bp"] == 0);
    REQUIRE(p.error("code"));
    CHECK(p.editing());

    p.save();
    f.reply("PATCH", "/api/v1/products/4", 403,
            json{{"error", {{"code", "forbidden"}, {"message", "Only managers may change products"}, {"field", nullptr}}}}.dump());
    CHECK(p.banner().render(i18n::Lang::en) == "Only managers may change products");
    CHECK(p.editing());

    p.save();
    f.reply("PATCH", "/api/v1/products/4", 409,
            json{{"error", {{"code", "conflict"}, {"message", "stale"}, {"field", "version"},
                            {"current", product_json(4, "CRM license", 3)}}}}
                .dump());
    CHECK(p.items()[0].name == "CRM license");
    CHECK(p.draft.version == 3);
    CHECK(p.draft.name == "CRM лиценз (жил)");  // the edits stay
    CHECK_FALSE(p.banner().empty());
    p.save();
    sent = f.reply("PATCH", "/api/v1/products/4", 200, product_json(4, "CRM лиценз (жил)", 4).dump());
    CHECK(json::parse(sent.body)["version"] == 3);
    CHECK(p.items()[0].name == "CRM лиценз (жил)");
    CHECK_FALSE(p.editing());
}
