#include <doctest/doctest.h>

#include "tumen/import_rows.hpp"

using namespace tumen;
using namespace tumen::import;
using Strings = std::vector<std::string>;

namespace {
bool import_rows_has_error(const Error& e, const std::string& field) {
    for (const auto& d : e.details)
        if (d.field == field) return true;
    return false;
}
}  // namespace

TEST_CASE("a Mongolian row becomes a valid lead") {
    const Strings mapping = {"name", "email", "phone", "partner_name", "expected_revenue", "probability", "country",
                             "date_deadline", "priority", "description"};
    const Strings cells = {"  Өргөө  зочид буудал ", "Bat <Bat@Orgoo.MN>", "+976 9911-2233", "Өргөө ХХК",
                           "1 500 000₮", "35 %", "Монгол", "27.11.2026", "★★", "мөр 1\nмөр 2"};
    auto lead = lead_from_row(cells, mapping);
    REQUIRE(lead.ok());
    CHECK(lead->name == "Өргөө зочид буудал");
    CHECK(lead->email == "Bat <Bat@Orgoo.MN>");
    CHECK(lead->partner_name == "Өргөө ХХК");
    CHECK(lead->expected_revenue == Money{150000000, "MNT"});
    CHECK(lead->probability == doctest::Approx(35));
    CHECK(lead->address.country == "MN");
    CHECK(lead->date_deadline == parse_date("2026-11-27"));
    CHECK(lead->priority == 2);
    CHECK(lead->description == "мөр 1\nмөр 2");
}

TEST_CASE("empty cells stay out of the patch so an update never clears a field") {
    auto row = read_row({"Бат", "", "  "}, {"name", "email", "phone"}, {});
    CHECK(row.patch == nlohmann::json{{"name", "Бат"}});
    CHECK(row.errors.empty());
}

TEST_CASE("each unreadable value is reported on its field, together with the record rules") {
    const Strings mapping = {"name", "email", "probability", "date_deadline", "priority", "expected_revenue", "type"};
    auto lead = lead_from_row({"Хан-Уул", "not-an-email", "150", "31.02.2026", "five", "12abc", "deal"}, mapping);
    REQUIRE_FALSE(lead.ok());
    CHECK(lead.error().code == ErrorCode::validation);
    for (const char* f : {"email", "probability", "date_deadline", "priority", "expected_revenue", "type"})
        CHECK_MESSAGE(import_rows_has_error(lead.error(), f), f);
}

TEST_CASE("a lead without a name is named after its company, contact or e-mail; a contact needs one") {
    auto lead = lead_from_row({"", "Говь ХК"}, {"name", "partner_name"});
    REQUIRE(lead.ok());
    CHECK(lead->name == "Говь ХК");
    CHECK(lead_from_row({"bat@gobi.mn"}, {"email"})->name == "bat@gobi.mn");
    auto nameless = lead_from_row({"99112233"}, {"phone"});
    REQUIRE_FALSE(nameless.ok());
    CHECK(import_rows_has_error(nameless.error(), "name"));
    auto contact = contact_from_row({"", "u@x.mn"}, {"name", "email"});
    REQUIRE_FALSE(contact.ok());
    CHECK(import_rows_has_error(contact.error(), "name"));
}

TEST_CASE("money: currency column, currency written in the cell, default currency, conflicts") {
    auto usd = lead_from_row({"A", "$1,200.50"}, {"name", "expected_revenue"});
    REQUIRE(usd.ok());
    CHECK(usd->expected_revenue == Money{120050, "USD"});
    auto col = lead_from_row({"A", "2 000", "usd"}, {"name", "expected_revenue", "currency"});
    REQUIRE(col.ok());
    CHECK(col->expected_revenue == Money{200000, "USD"});
    auto def = lead_from_row({"A", "1500000 төг"}, {"name", "expected_revenue"}, {Entity::lead, "MNT"});
    REQUIRE(def.ok());
    CHECK(def->expected_revenue == Money{150000000, "MNT"});
    auto jpy = lead_from_row({"A", "1200"}, {"name", "expected_revenue"}, {Entity::lead, "JPY"});
    REQUIRE(jpy.ok());
    CHECK(jpy->expected_revenue == Money{1200, "JPY"});
    auto clash = lead_from_row({"A", "MNT 5", "USD"}, {"name", "expected_revenue", "currency"});
    REQUIRE_FALSE(clash.ok());
    CHECK(import_rows_has_error(clash.error(), "expected_revenue"));
    CHECK_FALSE(lead_from_row({"A", "-5"}, {"name", "expected_revenue"}).ok());  // no negative revenue
    CHECK_FALSE(lead_from_row({"A", "XYZ"}, {"name", "currency"}).ok());
}

TEST_CASE("contact rows: company flag words, opt-out, parent company and notes") {
    const Strings mapping = {"name", "is_company", "parent_name", "function", "opt_out", "comment", "lang"};
    auto row = read_row({"Өлзий", "хувь хүн", " Говь  ХК ", "Менежер", "тийм", "Тэмдэглэл", "Монгол"}, mapping,
                        {Entity::contact});
    CHECK(row.errors.empty());
    CHECK(row.parent_name == "Говь ХК");
    auto c = contact_from_row({"Өлзий", "хувь хүн", "Говь ХК", "Менежер", "тийм", "Тэмдэглэл", "Монгол"}, mapping);
    REQUIRE(c.ok());
    CHECK_FALSE(c->is_company);
    CHECK(c->opt_out);
    CHECK(c->function == "Менежер");
    CHECK(c->lang == "mn");
    CHECK(contact_from_row({"Говь ХК", "Компани"}, {"name", "is_company"})->is_company);
    CHECK_FALSE(contact_from_row({"Говь ХК", "maybe"}, {"name", "is_company"}).ok());
}

TEST_CASE("tags are split, trimmed and deduplicated case-insensitively") {
    auto row = read_row({"A", "VIP; Хот , vip,,Үйлдвэр"}, {"name", "tags"}, {});
    CHECK(row.tags == Strings{"VIP", "Хот", "Үйлдвэр"});
}

TEST_CASE("the export formula guard is removed on import") {
    auto lead = lead_from_row({"'=Өргөө"}, {"name"});
    REQUIRE(lead.ok());
    CHECK(lead->name == "=Өргөө");
}

TEST_CASE("cell readers") {
    CHECK(parse_percent_text("12,5%") == doctest::Approx(12.5));
    CHECK_FALSE(parse_percent_text("101"));
    CHECK_FALSE(parse_percent_text("-1"));
    CHECK(parse_priority_text("маш өндөр") == 3);
    CHECK(parse_priority_text("Low") == 0);
    CHECK(parse_priority_text("***") == 3);
    CHECK_FALSE(parse_priority_text("4"));
    CHECK(parse_date_text("2026/11/27") == parse_date("2026-11-27"));
    CHECK(parse_date_text("2026-11-27 13:00:00") == parse_date("2026-11-27"));
    CHECK(parse_date_text("27/11/2026") == parse_date("2026-11-27"));
    CHECK(parse_date_text("11/27/2026") == parse_date("2026-11-27"));
    CHECK_FALSE(parse_date_text("03/04/2026"));  // ambiguous
    CHECK_FALSE(parse_date_text("2026-02-30"));
    CHECK(parse_bool_text("Үгүй") == false);
    CHECK(parse_bool_text("X") == true);
    CHECK_FALSE(parse_bool_text("maybe"));
    CHECK(parse_lead_type_text("Боломж") == "opportunity");
    CHECK(country_code_of("бнхау") == "CN");
    CHECK(country_code_of("us") == "US");
    CHECK_FALSE(country_code_of("Atlantis"));
    CHECK(lang_code_of("Англи") == "en");
    auto a = split_amount_text("MNT 2,000");
    CHECK(a.number == "2,000");
    CHECK(a.currency == "MNT");
    CHECK(split_amount_text("1 500 000₮").currency == "MNT");
}
