#include <doctest/doctest.h>

#include "lifecycle_fixtures.hpp"
#include "tumen/lead_convert.hpp"

using namespace tumen;
using namespace fixtures;
using nlohmann::json;

namespace {

Contact contact(std::int64_t id, std::string name, bool company, std::string email = "",
                std::optional<std::int64_t> parent = {}) {
    Contact c;
    c.id = id;
    c.name = std::move(name);
    c.is_company = company;
    c.email = std::move(email);
    c.parent_id = parent;
    return c;
}

std::vector<Contact> contacts() {
    return {
        contact(1, "Монгол Шуудан ХХК", true, "info@mongolpost.mn"),
        contact(2, "Батбаяр Ганболд", false, "Batbayar@MongolPost.mn", 1),
        contact(3, "Говь ХК", true),
        contact(4, "Оюунчимэг Дорж", false, "oyuka@gobi.mn", 3),
    };
}

Lead raw_lead() {
    Lead l = opportunity();
    l.type = LeadType::lead;
    l.stage_id.reset();
    l.team_id.reset();
    l.user_id.reset();
    return l;
}

}  // namespace

TEST_CASE("matching contact: partner, then e-mail, then names") {
    const auto cs = contacts();
    Lead l = raw_lead();
    CHECK(find_matching_contact(l, cs, true)->id == 2);  // e-mail match ignores case
    l.partner_id = 3;
    CHECK(find_matching_contact(l, cs, true)->id == 3);
    Lead by_name = raw_lead();
    by_name.email = "new@else.mn";
    CHECK(find_matching_contact(by_name, cs, true) == nullptr);
    CHECK(find_matching_contact(by_name, cs, false)->id == 1);  // company "МОНГОЛ ШУУДАН ХХК" folded
    by_name.partner_name.clear();
    by_name.contact_name = "ОЮУНЧИМЭГ";
    CHECK(find_matching_contact(by_name, cs, false)->id == 4);  // contains, like ilike
    by_name.contact_name.clear();
    by_name.name = "Говь ХК";
    CHECK(find_matching_contact(by_name, cs, false)->id == 3);
    by_name.name = "Юу ч биш";
    CHECK(find_matching_contact(by_name, cs, false) == nullptr);
}

TEST_CASE("suggested conversion links the e-mail match, else creates") {
    const auto cs = contacts();
    auto s = suggest_conversion(raw_lead(), cs);
    CHECK(s.action == ConvertAction::exist);
    CHECK(s.partner_id == 2);
    Lead other = raw_lead();
    other.email = "someone@new.mn";
    CHECK(suggest_conversion(other, cs).action == ConvertAction::create);
}

TEST_CASE("convert with a new customer plans company then person") {
    const auto st = stages();
    Lead l = raw_lead();
    l.partner_name = "Дархан Нэхий ХК";
    l.address.city = "Дархан";
    l.phone = "+976 7037 1234";
    ConvertRequest req;
    req.team_id = 1;
    req.user_id = 5;
    auto r = convert_to_opportunity(l, req, contacts(), st, t0 + day);
    REQUIRE(r.ok());
    Conversion c = r.value();
    REQUIRE(c.create.company);
    REQUIRE(c.create.person);
    CHECK(c.create.company->is_company);
    CHECK(c.create.company->name == "Дархан Нэхий ХК");
    CHECK(c.create.company->address.city == "Дархан");
    CHECK(c.create.company->email.empty());
    CHECK(c.create.person->name == "Батбаяр Ганболд");
    CHECK(c.create.person->email == "batbayar@mongolpost.mn");
    const Lead& o = c.change.lead;
    CHECK(o.type == LeadType::opportunity);
    CHECK(o.date_conversion == t0 + day);
    CHECK(o.team_id == 1);
    CHECK(o.user_id == 5);
    CHECK(o.date_open == t0 + day);
    CHECK(o.stage_id == 1);
    CHECK(o.probability == 10);
    CHECK_FALSE(o.partner_id);
    set_created_company(c, 100);
    CHECK(c.create.person->parent_id == 100);
    set_created_person(c, 101);
    CHECK(c.change.lead.partner_id == 101);
    CHECK(c.change.tracking.size() == 4);  // stage, user, team, probability
}

TEST_CASE("convert create: fall-backs for the person's name") {
    const auto st = stages();
    Lead l = raw_lead();
    l.partner_name.clear();
    l.contact_name.clear();
    l.email = "\"Сарангэрэл\" <saraa@khan.mn>";
    auto r = convert_to_opportunity(l, {}, {}, st, t0);
    REQUIRE(r->create.person);
    CHECK(r->create.person->name == "Сарангэрэл");
    CHECK(r->create.person->email == "saraa@khan.mn");
    CHECK_FALSE(r->create.company);
    l.email = "saraa@khan.mn";
    auto named_after_lead = convert_to_opportunity(l, {}, {}, st, t0);
    CHECK(named_after_lead->create.person->name == l.name);
    Lead company_only = raw_lead();
    company_only.contact_name.clear();
    company_only.email = "info@new.mn";
    auto co = convert_to_opportunity(company_only, {}, {}, st, t0);
    REQUIRE(co->create.company);
    CHECK_FALSE(co->create.person);
    CHECK(co->create.company->email == "info@new.mn");
    Conversion conv = co.value();
    set_created_company(conv, 55);
    CHECK(conv.change.lead.partner_id == 55);
}

TEST_CASE("convert create under the lead's existing company") {
    Lead l = raw_lead();
    l.partner_name.clear();
    l.partner_id = 3;
    auto r = convert_to_opportunity(l, {}, contacts(), stages(), t0);
    REQUIRE(r->create.person);
    CHECK(r->create.person->parent_id == 3);
    l.contact_name.clear();
    l.email.clear();
    auto keep = convert_to_opportunity(l, {}, contacts(), stages(), t0);
    CHECK_FALSE(keep->create.person);
    CHECK(keep->change.lead.partner_id == 3);
}

TEST_CASE("convert linking an existing contact fills empty fields") {
    auto cs = contacts();
    cs[1].phone = "99112233";
    cs[1].address.city = "Улаанбаатар";
    cs[1].address.country = "MN";
    Lead l = raw_lead();
    l.partner_name.clear();
    l.contact_name.clear();
    ConvertRequest req;
    req.action = ConvertAction::exist;
    auto r = convert_to_opportunity(l, req, cs, stages(), t0);
    REQUIRE(r.ok());
    const Lead& o = r->change.lead;
    CHECK(o.partner_id == 2);
    CHECK(o.phone == "99112233");
    CHECK(o.address.city == "Улаанбаатар");
    CHECK(o.partner_name == "Монгол Шуудан ХХК");
    CHECK(o.contact_name == "Батбаяр Ганболд");
    CHECK_FALSE(r->create.company);
    CHECK_FALSE(r->create.person);
    req.partner_id = 99;
    CHECK(convert_to_opportunity(l, req, cs, stages(), t0).error().field == "partner_id");
    Lead nobody = raw_lead();
    nobody.email = "x@y.mn";
    nobody.partner_name = "Өөр";
    nobody.contact_name = "Хэн нэгэн";
    nobody.name = "Тендер";
    req.partner_id.reset();
    CHECK(convert_to_opportunity(nobody, req, cs, stages(), t0).error().field == "partner_id");
}

TEST_CASE("convert refuses lost and won leads; nothing-action keeps the customer") {
    const auto st = stages();
    Lead lost = raw_lead();
    lost.active = false;
    CHECK(convert_to_opportunity(lost, {}, {}, st, t0).error().code == ErrorCode::conflict);
    Lead won = raw_lead();
    won.probability = 100;
    CHECK(convert_to_opportunity(won, {}, {}, st, t0).error().code == ErrorCode::conflict);
    ConvertRequest nothing;
    nothing.action = ConvertAction::nothing;
    Lead l = raw_lead();
    l.partner_id = 3;
    auto r = convert_to_opportunity(l, nothing, {}, st, t0);
    CHECK(r->change.lead.partner_id == 3);
    CHECK_FALSE(r->change.lead.stage_id);  // no team and no shared stage: nothing to put it in
    nothing.team_id = 1;
    CHECK(convert_to_opportunity(l, nothing, {}, st, t0)->change.lead.stage_id == 1);
}

TEST_CASE("converting an opportunity only assigns (used by automatic assignment)") {
    ConvertRequest req;
    req.user_id = 9;
    req.action = ConvertAction::nothing;
    auto r = convert_to_opportunity(opportunity(), req, {}, stages(), t0 + day);
    REQUIRE(r.ok());
    CHECK(r->change.lead.user_id == 9);
    CHECK_FALSE(r->change.lead.date_conversion);
    CHECK(r->change.lead.stage_id == 2);
}

TEST_CASE("convert request JSON") {
    auto r = convert_request_from_json({{"action", "exist"}, {"partner_id", 4}, {"merge_ids", {7, 8}}});
    REQUIRE(r.ok());
    CHECK(r->action == ConvertAction::exist);
    CHECK(r->merge_ids.size() == 2);
    json j = r.value();
    CHECK(j["action"] == "exist");
    CHECK(j["team_id"].is_null());
    CHECK_FALSE(convert_request_from_json({{"action", "merge"}}).ok());
    CHECK(convert_request_from_json(json::object())->action == ConvertAction::create);
}
