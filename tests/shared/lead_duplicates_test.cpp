#include <doctest/doctest.h>

#include "lifecycle_fixtures.hpp"
#include "tumen/lead_duplicates.hpp"

using namespace tumen;
using namespace fixtures;

namespace {

Lead lead_duplicates_lead(std::int64_t id, std::string email, std::string company = "", std::string contact = "") {
    Lead l;
    l.id = id;
    l.name = "Lead " + std::to_string(id);
    l.email = std::move(email);
    l.partner_name = std::move(company);
    l.contact_name = std::move(contact);
    l.team_id = 1;
    l.stage_id = 1;
    return l;
}

const DuplicateMatch* match(const std::vector<DuplicateMatch>& list, std::int64_t id) {
    for (const auto& m : list)
        if (m.id == id) return &m;
    return nullptr;
}

}  // namespace

TEST_CASE("company key drops legal forms and punctuation") {
    CHECK(company_key("«Монгол Шуудан» ХХК") == "монгол шуудан");
    CHECK(company_key("МОНГОЛ ШУУДАН") == "монгол шуудан");
    CHECK(company_key("Gobi Cashmere LLC.") == "gobi cashmere");
    CHECK(company_key("Эрдэнэт Үйлдвэр ТӨҮГ") == "эрдэнэт үйлдвэр");
    CHECK(company_key("ХХК").empty());
}

TEST_CASE("strict duplicates: same normalised e-mail or partner, open only") {
    const auto st = stages();
    Lead me = lead_duplicates_lead(1, "Батаа <Bat@Gobi.MN>; other@x.mn");
    me.partner_id = 9;
    std::vector<Lead> c = {me, lead_duplicates_lead(2, "bat@gobi.mn"), lead_duplicates_lead(3, "OTHER@x.mn"), lead_duplicates_lead(4, "bat@gobi2.mn"),
                           lead_duplicates_lead(5, ""), lead_duplicates_lead(6, "bat@gobi.mn"), lead_duplicates_lead(7, "bat@gobi.mn")};
    c[4].partner_id = 9;
    c[5].active = false;  // lost
    c[6].stage_id = 4;    // won
    CHECK(strict_duplicates(me, c, st) == std::vector<std::int64_t>{2, 3, 5});
    c[5].type = LeadType::opportunity;
    CHECK(strict_duplicates(me, c, st, true) == std::vector<std::int64_t>{2, 3, 5, 6, 7});
}

TEST_CASE("similar leads by company domain, not by free-mail domain") {
    Lead me = lead_duplicates_lead(1, "batbayar@mongolpost.mn");
    std::vector<Lead> c = {lead_duplicates_lead(2, "info@MongolPost.mn"), lead_duplicates_lead(3, "x@other.mn")};
    auto m = similar_leads(me, c);
    REQUIRE(m.size() == 1);
    CHECK(m[0].id == 2);
    CHECK(m[0].has(DuplicateReason::same_email_domain));
    CHECK(nlohmann::json(m[0]) == nlohmann::json{{"id", 2}, {"reasons", {"same_email_domain"}}});

    Lead gmail = lead_duplicates_lead(10, "saraa@gmail.com");
    std::vector<Lead> g = {lead_duplicates_lead(11, "other@gmail.com"), lead_duplicates_lead(12, "Saraa@Gmail.com")};
    auto gm = similar_leads(gmail, g);
    REQUIRE(gm.size() == 1);
    CHECK(gm[0].id == 12);
    CHECK(gm[0].has(DuplicateReason::same_email));

    FreeMailDomains custom{"mongolpost.mn"};
    SimilarityOptions opt;
    opt.free_mail = &custom;
    CHECK(similar_leads(me, c, opt).empty());  // now treated as free-mail: whole address must match
}

TEST_CASE("the same address at a company domain is named as the same e-mail first, not only the same domain") {
    // The convert dialog shows the first reason: "same e-mail domain" for a lead with the very same address misled.
    Lead me = lead_duplicates_lead(1, "batbayar@mongolpost.mn");
    std::vector<Lead> c = {lead_duplicates_lead(2, "Batbayar@MongolPost.mn"), lead_duplicates_lead(3, "info@mongolpost.mn")};
    auto m = similar_leads(me, c);
    REQUIRE(m.size() == 2);
    REQUIRE(match(m, 2));
    CHECK(match(m, 2)->has(DuplicateReason::same_email));
    CHECK(match(m, 2)->reason_list().front() == DuplicateReason::same_email);
    REQUIRE(match(m, 3));
    CHECK(match(m, 3)->has(DuplicateReason::same_email_domain));
    CHECK_FALSE(match(m, 3)->has(DuplicateReason::same_email));
}

TEST_CASE("similar leads by company and contact name, folded") {
    Lead me = lead_duplicates_lead(1, "", "Монгол Шуудан ХХК", "Батбаяр Ганболд");
    std::vector<Lead> c = {lead_duplicates_lead(2, "", "МОНГОЛ ШУУДАН", ""), lead_duplicates_lead(3, "", "«Монгол Шуудан» Салбар ХК", ""),
                           lead_duplicates_lead(4, "", "", "ганболд батбаяр"), lead_duplicates_lead(5, "", "", "Батбаяр Ганболдын хүү"),
                           lead_duplicates_lead(6, "", "Говь", "Батбаяр"), lead_duplicates_lead(7, "", "Монгол Даатгал ХХК", "")};
    auto m = similar_leads(me, c);
    CHECK(match(m, 2)->has(DuplicateReason::same_company_name));
    CHECK(match(m, 3)->has(DuplicateReason::same_company_name));  // "монгол шуудан салбар" contains the key
    CHECK(match(m, 4)->has(DuplicateReason::same_contact_name));  // word order
    CHECK(match(m, 5)->has(DuplicateReason::same_contact_name));  // contains
    CHECK(match(m, 6) == nullptr);
    CHECK(match(m, 7) == nullptr);
    Lead short_name = lead_duplicates_lead(9, "", "Говь", "Бат");
    CHECK(similar_leads(short_name, c).empty());  // names under 6 characters are not compared
}

TEST_CASE("similar leads by partner company and by phone") {
    Contact company;
    company.id = 1;
    company.is_company = true;
    company.name = "Говь ХК";
    Contact person;
    person.id = 2;
    person.name = "Оюука";
    person.parent_id = 1;
    std::vector<Contact> contacts = {company, person};
    Lead me = lead_duplicates_lead(1, "");
    me.partner_id = 2;
    me.phone = "+976 9911 2233";
    Lead same_company = lead_duplicates_lead(2, "");
    same_company.partner_id = 1;
    Lead same_phone = lead_duplicates_lead(3, "");
    same_phone.mobile = "99112233";
    Lead archived = lead_duplicates_lead(4, "");
    archived.partner_id = 2;
    archived.active = false;
    SimilarityOptions opt;
    opt.contacts = &contacts;
    auto m = similar_leads(me, {me, same_company, same_phone, archived}, opt);
    REQUIRE(m.size() == 3);
    CHECK(match(m, 2)->has(DuplicateReason::same_partner));
    CHECK(match(m, 3)->has(DuplicateReason::same_phone));
    CHECK(match(m, 4)->has(DuplicateReason::same_partner));  // archived and lost leads are listed too
    CHECK(match(m, 1) == nullptr);
    CHECK_FALSE(match(similar_leads(me, {same_company}), 2));  // without contacts, partners compare by id
}

TEST_CASE("a rule matching too many leads is dropped") {
    Lead me = lead_duplicates_lead(1, "sales@bigcorp.mn", "Ерөнхий Компани");
    std::vector<Lead> c;
    for (int i = 0; i < 21; ++i) c.push_back(lead_duplicates_lead(100 + i, "user" + std::to_string(i) + "@bigcorp.mn"));
    c.push_back(lead_duplicates_lead(200, "", "Ерөнхий Компани ХХК"));
    auto m = similar_leads(me, c);
    REQUIRE(m.size() == 1);
    CHECK(m[0].id == 200);
    c.pop_back();
    c.pop_back();
    CHECK(similar_leads(me, c).size() == 20);
}
