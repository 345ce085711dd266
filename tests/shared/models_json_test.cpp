#include <doctest/doctest.h>

#include "tumen/chatter.hpp"
#include "tumen/contact.hpp"
#include "tumen/reference_data.hpp"
#include "tumen/stage.hpp"
#include "tumen/team.hpp"

using namespace tumen;
using nlohmann::json;

namespace {

Stage make_stage(std::int64_t id, std::string name, int sequence, std::optional<std::int64_t> team = {},
                 bool fold = false, bool won = false) {
    Stage s;
    s.id = id;
    s.name = std::move(name);
    s.sequence = sequence;
    s.team_id = team;
    s.fold = fold;
    s.is_won = won;
    return s;
}

}  // namespace

TEST_CASE("contact round-trip and rules") {
    auto r = contact_from_json({{"id", 5}, {"is_company", false}, {"name", "Сарангэрэл Өлзий"}, {"parent_id", 2},
                                {"email", "saraa@gobi.mn"}, {"city", "Дархан"}, {"country", "mn"},
                                {"category_ids", {1, 2}}, {"opt_out", true}});
    REQUIRE(r.ok());
    CHECK(r->address.country == "MN");
    CHECK(commercial_id(r.value()) == 2);
    json j = r.value();
    CHECK(j["city"] == "Дархан");
    CHECK(j["opt_out"] == true);
    CHECK(contact_from_json(j).value() == r.value());

    auto self_parent = contact_from_json({{"id", 5}, {"name", "Бат"}, {"parent_id", 5}});
    REQUIRE_FALSE(self_parent.ok());
    CHECK(self_parent.error().field == "parent_id");
    Contact company;
    company.id = 2;
    company.is_company = true;
    company.name = "Говь ХК";
    CHECK(commercial_id(company) == 2);
    CHECK_FALSE(apply_patch(company, {{"name", ""}}).empty());
}

TEST_CASE("stage JSON, defaults and rules") {
    auto r = stage_from_json({{"name", "Санал илгээсэн"}, {"sequence", 3}, {"default_probability", 60},
                              {"rotting_days", 14}, {"wip_limit", 25}});
    REQUIRE(r.ok());
    CHECK_FALSE(r->team_id);
    CHECK(r->default_probability == 60.0);
    json j = r.value();
    CHECK(j["team_id"].is_null());
    CHECK(j["default_probability"] == 60.0);
    auto bad = stage_from_json({{"name", "x"}, {"rotting_days", -1}, {"wip_limit", "many"}, {"default_probability", 120}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().details.size() == 3);
}

TEST_CASE("pipeline order and the first stage of a team") {
    std::vector<Stage> stages = {
        make_stage(1, "Шинэ", 1),
        make_stage(2, "Won", 0, {}, false, true),
        make_stage(3, "Folded", -5, 7, true),
        make_stage(4, "Other team", -9, 8),
        make_stage(5, "Team 7 first", 1, 7),
    };
    auto p7 = pipeline_stages(stages, 7);
    REQUIRE(p7.size() == 4);
    CHECK(p7[0].id == 3);
    CHECK(p7[1].id == 2);
    CHECK(p7[2].id == 5);  // equal sequence: by name ("Team..." < "Шинэ")
    CHECK(p7[3].id == 1);
    CHECK(first_stage(stages, 7)->id == 5);
    CHECK(first_stage(stages, std::nullopt)->id == 1);
    CHECK(first_stage({}, 1) == nullptr);
    CHECK(stage_fits_team(stages[0], 9));
    CHECK_FALSE(stage_fits_team(stages[3], 7));
}

TEST_CASE("team and member JSON") {
    auto t = team_from_json({{"name", "Улаанбаатар борлуулалт"}, {"user_id", 2}, {"member_ids", {2, 3}},
                             {"alias", "Sales-UB"}, {"invoiced_target", {{"amount", 50000000000}, {"currency", "MNT"}}},
                             {"assignment_domain", "country = \"MN\""}});
    REQUIRE(t.ok());
    CHECK(t->alias == "sales-ub");
    CHECK(t->use_leads);
    CHECK(team_creates_leads(t.value()));
    CHECK(team_from_json(json(t.value())).value() == t.value());
    CHECK_FALSE(team_from_json({{"name", "x"}, {"alias", "a b@c"}}).ok());

    auto m = team_member_from_json({{"team_id", 1}, {"user_id", 3}});
    REQUIRE(m.ok());
    CHECK(m->max_leads_30d == 30);
    auto bad = team_member_from_json({{"max_leads_30d", -3}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().details.size() == 3);  // range, team_id required, user_id required
}

TEST_CASE("reference data records") {
    auto tag = tag_from_json({{"name", "VIP"}, {"color", 11}});
    REQUIRE(tag.ok());
    CHECK_FALSE(tag_from_json({{"name", "VIP"}, {"color", 12}}).ok());
    auto reason = lost_reason_from_json({{"name", "Үнэ өндөр"}});
    REQUIRE(reason.ok());
    CHECK(reason->active);
    json j = reason.value();
    CHECK(j["name"] == "Үнэ өндөр");
    auto cat = contact_category_from_json({{"name", "Нийлүүлэгч"}, {"color", 3}, {"parent_id", 1}});
    REQUIRE(cat.ok());
    CHECK(cat->parent_id == 1);
    UtmSource src;
    src.name = "Facebook";
    CHECK(validate(src).empty());
    CHECK_FALSE(apply_patch(src, {{"name", nullptr}}).empty());
}

TEST_CASE("chatter message with tracking values") {
    auto m = tracking_message("lead", 42, {{"stage_id", 1, 2}, {"probability", 10.0, 100.0}}, 3, 1000);
    REQUIRE(m.has_value());
    json j = *m;
    CHECK(j["kind"] == "tracking");
    CHECK(j["tracking_values"][0] == json{{"field", "stage_id"}, {"old", 1}, {"new", 2}});
    CHECK(j["date"] == "1970-01-01T00:16:40Z");
    auto back = chatter_message_from_json(j);
    REQUIRE(back.ok());
    CHECK(back.value() == *m);
    CHECK_FALSE(tracking_message("lead", 42, {}, 3, 1000));

    ChatterMessage note;
    note.res_id = 42;
    note.body = "Утсаар ярьсан, үнийн санал хүлээж байна.";
    CHECK(validate(note).empty());
    note.body.clear();
    CHECK_FALSE(validate(note).empty());
    auto bad = chatter_message_from_json({{"res_id", 1}, {"kind", "fax"}, {"body", "x"}, {"res_model", "Lead!"}});
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().details.size() == 2);
    ChatterMessage posted;
    CHECK(apply_patch(posted, {{"res_id", 4}, {"body", "Тэмдэглэл"}}).empty());
    CHECK_FALSE(apply_patch(posted, {{"author_id", 4}}).empty());
}
