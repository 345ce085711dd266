#include <doctest/doctest.h>

#include "tumen/import_mapping.hpp"
#include "tumen/import_options.hpp"
#include "tumen/import_rows.hpp"

using namespace tumen;
using namespace tumen::import;
using Strings = std::vector<std::string>;

TEST_CASE("header_key ignores case, spacing and punctuation in both scripts") {
    CHECK(header_key("И-мэйл хаяг:") == "имэйлхаяг");
    CHECK(header_key("  E-Mail ") == "email");
    CHECK(header_key("ӨРГӨӨ №1") == "өргөө1");
    CHECK(header_key("Орлого (₮)") == "орлого");
}

TEST_CASE("suggest_mapping reads Mongolian headers") {
    const Strings h = {"Нэр", "Имэйл", "Утас", "Компани", "Орлого", "Магадлал", "Тайлбар", "Хот", "Улс", "Гар утас"};
    CHECK(suggest_mapping(h, Entity::lead) == Strings{"name", "email", "phone", "partner_name", "expected_revenue",
                                                       "probability", "description", "city", "country", "mobile"});
    CHECK(suggest_mapping({"И-мэйл", "Холбоо барих хүн", "Хаах огноо", "Шошго", "Валют"}, Entity::lead) ==
          Strings{"email", "contact_name", "date_deadline", "tags", "currency"});
}

TEST_CASE("suggest_mapping reads English headers and our own export headers") {
    const Strings h = {"Name", "Email", "Phone", "Company", "Expected revenue", "Contact name", "Priority"};
    CHECK(suggest_mapping(h, Entity::lead) ==
          Strings{"name", "email", "phone", "partner_name", "expected_revenue", "contact_name", "priority"});
    CHECK(suggest_mapping({"name", "partner_name", "expected_revenue", "date_deadline"}, Entity::lead) ==
          Strings{"name", "partner_name", "expected_revenue", "date_deadline"});
}

TEST_CASE("suggest_mapping: decorated headers, first column wins, unknown columns stay unmapped") {
    CHECK(suggest_mapping({"Expected revenue (MNT)", "Work e-mail", "Компанийн утас", "Утасны дугаар 2"}, Entity::lead) ==
          Strings{"expected_revenue", "email", "phone", ""});
    CHECK(suggest_mapping({"Email", "E-mail", "Shoe size", ""}, Entity::lead) == Strings{"email", "", "", ""});
}

TEST_CASE("suggest_mapping for contacts: company means the employer, title means the job") {
    CHECK(suggest_mapping({"Нэр", "Компани", "Албан тушаал", "Имэйл", "Төрөл"}, Entity::contact) ==
          Strings{"name", "parent_name", "function", "email", "is_company"});
    CHECK(suggest_mapping({"Name", "Company", "Job title", "Opt-out"}, Entity::contact) ==
          Strings{"name", "parent_name", "function", "opt_out"});
}

TEST_CASE("mapping_from_json takes arrays by position and objects by header") {
    const Strings headers = {"Нэр", "Имэйл", "Хог"};
    auto a = mapping_from_json(nlohmann::json::array({"name", nullptr, ""}), headers, Entity::lead);
    REQUIRE(a.ok());
    CHECK(a.value() == Strings{"name", "", ""});
    auto o = mapping_from_json({{"Нэр", "name"}, {"имэйл", "email"}}, headers, Entity::lead);
    REQUIRE(o.ok());
    CHECK(o.value() == Strings{"name", "email", ""});
}

TEST_CASE("mapping_from_json reports every problem as a field error") {
    const Strings headers = {"Нэр", "Имэйл"};
    auto bad = mapping_from_json({{"Нэр", "name"}, {"Имэйл", "name"}, {"Байхгүй", "email"}, {"x", 5}}, headers,
                                 Entity::lead);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == ErrorCode::validation);
    std::vector<std::string> fields;
    for (const auto& d : bad.error().details) fields.push_back(d.field);
    CHECK(std::find(fields.begin(), fields.end(), "mapping.Байхгүй") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "mapping") != fields.end());  // name twice
    CHECK_FALSE(mapping_from_json(nlohmann::json::array({"salary"}), headers, Entity::lead).ok());
    CHECK_FALSE(mapping_from_json(nlohmann::json::array({"function"}), headers, Entity::lead).ok());  // contact field
    CHECK(mapping_from_json(nlohmann::json::array({"function"}), headers, Entity::contact).ok());
    CHECK_FALSE(mapping_from_json(nlohmann::json::array({"", ""}), headers, Entity::lead).ok());      // nothing mapped
    CHECK_FALSE(mapping_from_json(nlohmann::json::array({"name", "email", "phone"}), headers, Entity::lead).ok());
    CHECK_FALSE(mapping_from_json("name", headers, Entity::lead).ok());
}

TEST_CASE("mapping_to_json lists every column") {
    auto j = mapping_to_json({"Нэр", "Хог"}, {"name", ""});
    REQUIRE(j.size() == 2);
    CHECK(j[0]["header"] == "Нэр");
    CHECK(j[0]["field"] == "name");
    CHECK(j[1]["field"].is_null());
    CHECK(j[1]["column"] == 1);
}

TEST_CASE("import options from upload parameters") {
    auto o = options_from_params({{"entity", "contact"}, {"dedupe", "email+phone"}, {"on_duplicate", "update"},
                                  {"mode", "all_or_nothing"}, {"dry_run", "true"}, {"delimiter", "tab"},
                                  {"currency", "usd"}, {"mapping", R"(["name","email"])"}, {"other", "ignored"}});
    REQUIRE(o.ok());
    CHECK(o->entity == Entity::contact);
    CHECK(o->dedupe == std::vector<DedupeField>{DedupeField::email, DedupeField::phone});
    CHECK(o->on_duplicate == OnDuplicate::update);
    CHECK(o->mode == Mode::all_or_nothing);
    CHECK(o->dry_run);
    CHECK(o->delimiter == '\t');
    CHECK(o->currency == "USD");
    REQUIRE(o->mapping);
    CHECK((*o->mapping)[1] == "email");
    CHECK(to_json(o.value())["dedupe"] == "email+phone");

    auto defaults = options_from_params({});
    REQUIRE(defaults.ok());
    CHECK(defaults->entity == Entity::lead);
    CHECK(defaults->dedupe.empty());
    CHECK(defaults->mode == Mode::valid_rows);
    CHECK_FALSE(defaults->dry_run);

    auto bad = options_from_params({{"entity", "deal"}, {"dedupe", "email+shoe"}, {"mode", "some"}, {"mapping", "{"}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().details.size() == 4);
    CHECK_FALSE(options_from_params({{"on_duplicate", "update"}}).ok());  // update needs a key
}

TEST_CASE("dedupe keys: normalised e-mail, national phone number, folded name; incomplete means no key") {
    const std::vector<DedupeField> email = {DedupeField::email};
    CHECK(dedupe_key(email, "Бат <Bat@Gobi.MN>", "", "") == "bat@gobi.mn");
    CHECK(dedupe_key(email, "not an address", "", "").empty());
    CHECK(phone_key("+976 9911-2233") == phone_key("99112233"));
    CHECK(phone_key("12") == "");
    const std::vector<DedupeField> both = {DedupeField::email, DedupeField::phone};
    CHECK(dedupe_key(both, "a@b.mn", "", "").empty());
    CHECK(dedupe_key(both, "A@b.mn", "9911 2233", "") == dedupe_key(both, "a@B.mn", "+97699112233", ""));
    const std::vector<DedupeField> name = {DedupeField::name};
    CHECK(dedupe_key(name, "", "", "ӨЛЗИЙ  Бат") == dedupe_key(name, "", "", "өлзий бат"));
}
