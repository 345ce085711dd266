#include <doctest/doctest.h>

#include <algorithm>

#include "tumen/lead.hpp"

using namespace tumen;
using nlohmann::json;

namespace {

bool lead_json_has_error(const std::vector<FieldError>& list, const std::string& field, const std::string& key = "") {
    return std::any_of(list.begin(), list.end(),
                       [&](const FieldError& e) { return e.field == field && (key.empty() || e.key == key); });
}

json full_lead_json() {
    return json::parse(R"({
        "id": 42, "type": "opportunity", "name": "Өндөр хурдны интернэт — 40 салбар",
        "contact_name": "Батбаяр Ганболд", "partner_name": "Монгол Шуудан ХХК", "partner_id": 7,
        "email": "batbayar@mongolpost.mn", "phone": "+976 7011 2233", "mobile": "9911-2233",
        "website": "https://mongolpost.mn", "street": "Энхтайваны өргөн чөлөө 12", "city": "Улаанбаатар",
        "state": "Сүхбаатар дүүрэг", "zip": "14200", "country": "MN", "lang": "mn",
        "user_id": 3, "team_id": 1, "stage_id": 2, "priority": 2, "tag_ids": [1, 4],
        "expected_revenue": {"amount": 4500000000, "currency": "MNT"},
        "probability": 40, "automated_probability": 35.5, "probability_manual": true,
        "date_deadline": "2026-12-31", "source_id": 1, "medium_id": null, "campaign_id": 2,
        "description": "Хоёр мөр\nтайлбар", "create_date": "2026-01-05T02:00:00Z",
        "write_date": "2026-02-01T08:30:00Z", "date_open": "2026-01-05T02:00:00Z", "date_conversion": null,
        "date_closed": null, "date_last_stage_update": "2026-01-20T10:00:00Z", "lost_reason_id": null,
        "lost_note": "", "active": true, "follower_ids": [3, 5], "version": 9,
        "score": 15, "score_explanation": [{"rule_id": 3, "name": "Улаанбаатар", "points": 15}]
    })");
}

}  // namespace

TEST_CASE("a full lead decodes and encodes to the same JSON") {
    const auto j = full_lead_json();
    auto r = lead_from_json(j);
    REQUIRE(r.ok());
    const Lead& l = r.value();
    CHECK(l.id == 42);
    CHECK(l.type == LeadType::opportunity);
    CHECK(l.address.city == "Улаанбаатар");
    CHECK(l.expected_revenue == Money{4500000000, "MNT"});
    CHECK(l.date_deadline == days_from_civil(2026, 12, 31));
    CHECK(l.automated_probability == 35.5);
    CHECK_FALSE(l.medium_id);
    CHECK(l.description == "Хоёр мөр\nтайлбар");
    const json back = l;
    CHECK(back == j);
}

TEST_CASE("decoding reports every bad field") {
    auto j = full_lead_json();
    j["type"] = "deal";
    j["priority"] = 5;
    j["probability"] = 101;
    j["email"] = "батаа at mail";
    j["country"] = "Mongolia";
    j["tag_ids"] = json::array({1, -2, "x"});
    j["expected_revenue"] = {{"amount", 1.5}, {"currency", "TUG"}};
    j["date_deadline"] = "31.12.2026";
    j["user_id"] = 0;
    j["stage"] = 1;
    j["name"] = "   ";
    j["active"] = "yes";
    auto r = lead_from_json(j);
    REQUIRE_FALSE(r.ok());
    const auto& d = r.error().details;
    CHECK(r.error().code == ErrorCode::validation);
    CHECK(lead_json_has_error(d, "type", "error.enum"));
    CHECK(lead_json_has_error(d, "priority", "error.range"));
    CHECK(lead_json_has_error(d, "probability", "error.range"));
    CHECK(lead_json_has_error(d, "email", "error.email"));
    CHECK(lead_json_has_error(d, "country", "error.country"));
    CHECK(lead_json_has_error(d, "tag_ids[1]"));
    CHECK(lead_json_has_error(d, "tag_ids[2]"));
    CHECK(lead_json_has_error(d, "expected_revenue.amount", "error.type"));
    CHECK(lead_json_has_error(d, "expected_revenue.currency", "error.currency"));
    CHECK(lead_json_has_error(d, "date_deadline", "error.date"));
    CHECK(lead_json_has_error(d, "user_id", "error.id"));
    CHECK(lead_json_has_error(d, "stage", "error.unknown_field"));
    CHECK(lead_json_has_error(d, "name", "error.required"));
    CHECK(lead_json_has_error(d, "active", "error.type"));
    CHECK(d.size() == 14);
}

TEST_CASE("name is required even when absent") {
    auto r = lead_from_json(json::object());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == "name");
    CHECK_FALSE(lead_from_json(json::array()).ok());
}

TEST_CASE("text fields are normalised: white space collapsed, country upper-cased") {
    auto r = lead_from_json({{"name", "  Монгол \n Шуудан  "}, {"country", "mn"}, {"lang", "EN_us"}});
    REQUIRE(r.ok());
    CHECK(r->name == "Монгол Шуудан");
    CHECK(r->address.country == "MN");
    CHECK(r->lang == "en_us");
}

TEST_CASE("text limits and control characters") {
    CHECK_FALSE(lead_from_json({{"name", std::string(501, 'x')}}).ok());
    CHECK(lead_from_json({{"name", "Ө" + std::string(499, 'x')}}).ok());  // counted in characters
    CHECK_FALSE(lead_from_json({{"name", std::string("a\x01z")}}).ok());
    json bad = {{"name", "x"}};
    bad["contact_name"] = std::string("\xD0");  // invalid UTF-8 built in C++
    auto r = lead_from_json(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().details.front().key == "error.utf8");
}

TEST_CASE("tag ids are de-duplicated, order kept") {
    auto r = lead_from_json({{"name", "x"}, {"tag_ids", {3, 1, 3}}});
    REQUIRE(r.ok());
    CHECK(r->tag_ids == std::vector<std::int64_t>{3, 1});
}

TEST_CASE("apply_patch changes only the given writable fields") {
    Lead l = lead_from_json(full_lead_json()).value();
    auto e = apply_patch(l, {{"contact_name", "Оюунчимэг Төмөр"}, {"priority", 3}, {"user_id", nullptr},
                             {"id", 99}, {"version", 1}});
    CHECK(e.empty());
    CHECK(l.contact_name == "Оюунчимэг Төмөр");
    CHECK(l.priority == 3);
    CHECK_FALSE(l.user_id);
    CHECK(l.id == 42);       // ignored
    CHECK(l.version == 9);   // ignored
    CHECK(l.partner_name == "Монгол Шуудан ХХК");
}

TEST_CASE("apply_patch rejects system fields and bad values") {
    Lead l = lead_from_json(full_lead_json()).value();
    auto e = apply_patch(l, {{"create_date", "2020-01-01T00:00:00Z"}, {"automated_probability", 10},
                             {"date_closed", nullptr}, {"phone", "утас"}});
    REQUIRE(e.list().size() == 4);
    CHECK(lead_json_has_error(e.list(), "create_date", "error.read_only"));
    CHECK(lead_json_has_error(e.list(), "automated_probability", "error.read_only"));
    CHECK(lead_json_has_error(e.list(), "date_closed", "error.read_only"));
    CHECK(lead_json_has_error(e.list(), "phone", "error.phone"));
    CHECK(apply_patch(l, json::array()).list().front().key == "error.type");
}

TEST_CASE("money patch may change only the amount") {
    Lead l = lead_from_json(full_lead_json()).value();
    CHECK(apply_patch(l, {{"expected_revenue", {{"amount", 100}}}}).empty());
    CHECK(l.expected_revenue == Money{100, "MNT"});
    CHECK_FALSE(apply_patch(l, {{"expected_revenue", {{"amount", -1}}}}).empty());
    CHECK_FALSE(apply_patch(l, {{"expected_revenue", {{"amount", 1}, {"rate", 2}}}}).empty());
    CHECK(l.expected_revenue == Money{100, "MNT"});
}

TEST_CASE("validate checks records built in C++") {
    Lead l;
    CHECK(lead_json_has_error(validate(l).list(), "name", "error.required"));
    l.name = "Дархан Төмөрлөг";
    l.priority = 4;
    l.expected_revenue.currency = "ZZZ";
    l.email = "bad";
    const auto e = validate(l);
    CHECK(e.list().size() == 3);
    l.priority = 1;
    l.expected_revenue.currency = "USD";
    l.email = "info@darkhan-steel.mn";
    CHECK(validate(l).empty());
}
