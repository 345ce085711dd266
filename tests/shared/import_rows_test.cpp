#include <doctest/doctest.h>

#include <algorithm>

#include "tumen/i18n.hpp"
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

namespace {
// The {names} a catalog text asks for.
std::vector<std::string> import_rows_placeholders(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1))
        if (auto close = text.find('}', open); close != std::string_view::npos)
            out.emplace_back(text.substr(open + 1, close - open - 1));
    return out;
}
}  // namespace

TEST_CASE("every problem a row reader reports has a wording in both catalogs, with all its arguments") {
    // One unreadable value for each field the reader parses, plus the amount/currency conflicts.
    const Strings mapping = {"priority", "probability", "date_deadline", "type", "currency", "is_company", "opt_out"};
    const Strings bad = {"urgent", "150", "31.02.2026", "deal", "XYZ", "maybe", "perhaps"};
    std::vector<FieldError> seen = read_row(bad, mapping, {}).errors.list();
    for (const auto& amount : Strings{"12,5k", "100 USD"}) {
        const auto more = read_row({amount, "MNT"}, {"expected_revenue", "currency"}, {}).errors.list();
        seen.insert(seen.end(), more.begin(), more.end());
    }
    const auto odd_currency = read_row({"100"}, {"expected_revenue"}, {Entity::lead, "ABC"}).errors.list();
    seen.insert(seen.end(), odd_currency.begin(), odd_currency.end());
    CHECK(seen.size() == 10);
    for (const auto& e : seen) {
        INFO(e.field << ": " << e.key << " (" << e.message << ")");
        const std::string key = "api." + e.key;
        REQUIRE(i18n::has(i18n::Lang::en, key));
        REQUIRE(i18n::has(i18n::Lang::mn, key));
        // The English message would stand in for a missing argument: in mn that is English text, so none may miss.
        for (const auto lang : {i18n::Lang::en, i18n::Lang::mn})
            for (const auto& name : import_rows_placeholders(i18n::tr(lang, key)))
                CHECK(std::any_of(e.args.begin(), e.args.end(), [&](const auto& a) { return a.first == name; }));
    }
}
