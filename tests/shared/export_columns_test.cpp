#include <doctest/doctest.h>

#include "tumen/export_columns.hpp"
#include "tumen/import_mapping.hpp"

using namespace tumen;
using namespace tumen::exporting;
using import::Entity;

TEST_CASE("pick_columns: defaults, chosen order, unknown fields named") {
    auto d = pick_columns(Entity::lead, "");
    REQUIRE(d.ok());
    CHECK(d->front().name == "name");
    CHECK(d->size() == default_fields(Entity::lead).size());
    auto chosen = pick_columns(Entity::lead, "email, name,stage");
    REQUIRE(chosen.ok());
    REQUIRE(chosen->size() == 3);
    CHECK(chosen.value()[0].name == "email");
    CHECK(chosen.value()[2].name == "stage");
    auto bad = pick_columns(Entity::contact, "name,salary,stage");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().field == "fields");
    CHECK(bad.error().message.find("salary, stage") != std::string::npos);
}

TEST_CASE("lead cells: text, money in major units, dates, names from lookups") {
    Lead l;
    l.id = 7;
    l.name = "Өргөө зочид буудал";
    l.expected_revenue = {150000050, "MNT"};
    l.probability = 12.5;
    l.date_deadline = parse_date("2026-11-27");
    l.stage_id = 3;
    l.tag_ids = {1, 2};
    l.create_date = *parse_timestamp("2026-01-02T03:04:05Z");
    Lookups k;
    k.stages[3] = "Шинэ";
    k.tags = {{1, "VIP"}, {2, "Үйлдвэр"}};
    CHECK(cell_text(lead_cell(l, "name", k)) == "Өргөө зочид буудал");
    CHECK(cell_text(lead_cell(l, "expected_revenue", k)) == "1500000.50");
    CHECK(cell_text(lead_cell(l, "currency", k)) == "MNT");
    CHECK(cell_text(lead_cell(l, "probability", k)) == "12.5");
    CHECK(cell_text(lead_cell(l, "date_deadline", k)) == "2026-11-27");
    CHECK(cell_text(lead_cell(l, "stage", k)) == "Шинэ");
    CHECK(cell_text(lead_cell(l, "tags", k)) == "VIP, Үйлдвэр");
    CHECK(cell_text(lead_cell(l, "create_date", k)) == "2026-01-02T03:04:05Z");
    CHECK(cell_text(lead_cell(l, "team", k)).empty());
    CHECK(cell_text(lead_cell(l, "active", k)) == "true");
    CHECK(lead_cell(l, "expected_revenue", k).kind == exporting::Cell::Kind::money);
    l.expected_revenue = {1200, "JPY"};
    CHECK(cell_text(lead_cell(l, "expected_revenue", k)) == "1200");
    l.name = "=HYPERLINK(\"x\")";
    CHECK(cell_text(lead_cell(l, "name", k)) == "'=HYPERLINK(\"x\")");
}

TEST_CASE("contact cells: company name, booleans") {
    Contact c;
    c.name = "Өлзий";
    c.parent_id = 4;
    c.opt_out = true;
    Lookups k;
    k.contacts[4] = "Говь ХК";
    CHECK(cell_text(contact_cell(c, "parent_name", k)) == "Говь ХК");
    CHECK(cell_text(contact_cell(c, "is_company", k)) == "false");
    CHECK(cell_text(contact_cell(c, "opt_out", k)) == "true");
}

TEST_CASE("export headers in every style map back to the same fields on import") {
    for (auto entity : {Entity::lead, Entity::contact}) {
        for (auto style : {HeaderStyle::field, HeaderStyle::en, HeaderStyle::mn}) {
            std::vector<std::string> headers;
            std::vector<std::string> expected;
            for (const auto& c : columns(entity)) {
                headers.push_back(header_of(c, style));
                expected.push_back(import::find_import_field(entity, c.name) ? std::string(c.name) : std::string());
            }
            CHECK_MESSAGE(import::suggest_mapping(headers, entity) == expected,
                          "entity " << import::to_string(entity) << " style " << static_cast<int>(style));
        }
    }
}
