// GET /api/v1/leads/analysis: the SQL aggregate must equal a recomputation in C++ from the leads' rows (won and
// lost by shared lead_lifecycle's definitions), for one and two group-bys, tags included; record rules apply; bad
// group-bys name their parameter.
#include <doctest/doctest.h>

#include <map>
#include <set>

#include "auth_helpers.hpp"
#include "events_helpers.hpp"
#include "io_helpers.hpp"
#include "test_server.hpp"
#include "tumen/analysis.hpp"
#include "tumen/stage_flow.hpp"

using nlohmann::json;
using tumen::analysis::Answer;
using tumen::analysis::Cell;
using tumen::testing::TestServer;
using tumen::testing::count_rows;

namespace {

struct Row {
    json stage, user, country;
    std::string currency;
    int64_t expected = 0;
    double probability = 0;
    bool active = true, won_stage = false;
    int64_t create_date = 0;
    std::optional<int64_t> date_closed;
    std::vector<int64_t> tags;
};

std::string text_of(TestServer& s, const std::string& sql) {
    auto st = s.app->db().reader().prepare_uncached(sql);
    REQUIRE(st.step());
    return st.get_text(0);
}

json opt_int(tumen::store::Statement& s, int col) { return s.is_null(col) ? json() : json(s.get_int(col)); }

std::vector<Row> analysis_api_rows_of(TestServer& s, const std::string& where) {
    std::map<int64_t, Row> rows;
    auto st = s.app->db().reader().prepare_uncached(
        "SELECT l.id, l.stage_id, l.user_id, l.country, l.currency, l.expected_revenue, lp.probability, l.active,"
        " coalesce(st.is_won, 0), l.create_date, l.date_closed FROM leads l JOIN lead_probabilities lp ON lp.lead_id = l.id"
        " LEFT JOIN stages st ON st.id = l.stage_id"
        " WHERE " + where);
    while (st.step()) {
        Row r;
        r.stage = opt_int(st, 1);
        r.user = opt_int(st, 2);
        r.country = st.get_text(3).empty() ? json() : json(st.get_text(3));
        r.currency = st.get_text(4);
        r.expected = st.get_int(5);
        r.probability = st.get_double(6);
        r.active = st.get_int(7) != 0;
        r.won_stage = st.get_int(8) != 0;
        r.create_date = st.get_int(9);
        if (!st.is_null(10)) r.date_closed = st.get_int(10);
        rows[st.get_int(0)] = r;
    }
    auto tags = s.app->db().reader().prepare_uncached("SELECT lead_id, tag_id FROM lead_tags");
    while (tags.step())
        if (auto it = rows.find(tags.get_int(0)); it != rows.end()) it->second.tags.push_back(tags.get_int(1));
    std::vector<Row> out;
    for (auto& [id, r] : rows) out.push_back(r);
    return out;
}

// The oracle: cells keyed by (key1, key2) built lead by lead.
std::map<std::pair<std::string, std::string>, Cell> expected_cells(const std::vector<Row>& rows, const std::string& g1,
                                                                   const std::string& g2) {
    auto keys_of = [](const Row& r, const std::string& g) -> std::vector<json> {
        if (g.empty()) return {json()};
        if (g == "stage") return {r.stage};
        if (g == "user") return {r.user};
        if (g == "country") return {r.country};
        if (g == "tag") {
            if (r.tags.empty()) return {json()};  // untagged: the None group
            std::vector<json> out;
            for (auto t : r.tags) out.emplace_back(t);
            return out;
        }
        FAIL("the oracle does not know " << g);
        return {};
    };
    std::map<std::pair<std::string, std::string>, Cell> out;
    for (const auto& r : rows) {
        const bool won = r.won_stage && r.probability >= 100;
        const bool lost = !r.active && r.probability == 0;
        for (const auto& k1 : keys_of(r, g1))
            for (const auto& k2 : keys_of(r, g2)) {
                Cell& c = out[{k1.dump(), k2.dump()}];
                c.count += 1;
                c.won += won;
                c.lost += lost;
                c.expected[r.currency] += r.expected;
                c.weighted[r.currency] += static_cast<int64_t>(std::llround(r.expected * r.probability / 100.0));
                if (won && r.date_closed) {
                    c.close_days_sum += (*r.date_closed - r.create_date) / 86400;
                    c.closed += 1;
                }
            }
    }
    return out;
}

Answer get_analysis(httplib::Client& c, const std::string& query) {
    auto r = c.Get(("/api/v1/leads/analysis?" + query).c_str());
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    return json::parse(r->body).get<Answer>();
}

void analysis_api_check_same(const Answer& got, const std::map<std::pair<std::string, std::string>, Cell>& want) {
    CHECK(got.cells.size() == want.size());
    for (const auto& c : got.cells) {
        auto it = want.find({c.key1.dump(), c.key2.dump()});
        REQUIRE_MESSAGE(it != want.end(), "unexpected cell " << c.key1 << " / " << c.key2);
        INFO("cell ", c.key1, " / ", c.key2);
        CHECK(c.count == it->second.count);
        CHECK(c.won == it->second.won);
        CHECK(c.lost == it->second.lost);
        CHECK(c.expected == it->second.expected);
        CHECK(c.weighted == it->second.weighted);
        CHECK(c.close_days_sum == it->second.close_days_sum);
        CHECK(c.closed == it->second.closed);
    }
}

}  // namespace

TEST_CASE("the analysis equals a recomputation from the leads, for one and two group-bys and with tags") {
    TestServer s([](tumen::server::Config& c) {
        c.demo_data = true;
        c.demo_leads = 600;
    });
    s.login();
    const auto everything = analysis_api_rows_of(s, "1");
    REQUIRE(everything.size() >= 600);
    int won = 0, lost = 0;
    for (const auto& r : everything) {
        won += r.won_stage && r.probability >= 100;
        lost += !r.active && r.probability == 0;
    }
    REQUIRE(won > 0);  // the demo data has both, or the test would prove little
    REQUIRE(lost > 0);

    analysis_api_check_same(get_analysis(s.client, "group_by=stage&active=all"), expected_cells(everything, "stage", ""));
    analysis_api_check_same(get_analysis(s.client, "group_by=stage&group_by2=user&active=all"),
               expected_cells(everything, "stage", "user"));
    analysis_api_check_same(get_analysis(s.client, "group_by=country&group_by2=tag&active=all"),
               expected_cells(everything, "country", "tag"));
    analysis_api_check_same(get_analysis(s.client, "group_by=user"), expected_cells(analysis_api_rows_of(s, "l.active = 1"), "user", ""));

    // Labels are the records' names; stages come in pipeline order.
    const Answer by_stage = get_analysis(s.client, "group_by=stage&active=all");
    int64_t last_sequence = -1;
    for (const auto& c : by_stage.cells) {
        if (c.key1.is_null()) continue;
        const int64_t id = c.key1.get<int64_t>();
        CHECK(c.label1 == text_of(s, "SELECT name FROM stages WHERE id = " + std::to_string(id)));
        const int64_t seq = count_rows(s, "SELECT sequence FROM stages WHERE id = " + std::to_string(id));
        CHECK(seq >= last_sequence);
        last_sequence = seq;
    }
}

TEST_CASE("the analysis sees only what the caller may see, and bad group-bys name their parameter") {
    TestServer s([](tumen::server::Config& c) {
        c.demo_data = true;
        c.demo_leads = 300;
    });
    s.login();
    const json user = tumen::testing::create_user(s, "own_analyst", "sales_own");
    const int64_t uid = user["id"];
    // Give the salesperson ten leads of their own.
    s.app->db().write([&](tumen::store::Connection& c) {
        c.exec("UPDATE leads SET user_id = " + std::to_string(uid) + " WHERE id IN (SELECT id FROM leads ORDER BY id LIMIT 10)");
    });
    auto own = tumen::testing::sign_in(s, "own_analyst");
    const Answer mine = get_analysis(*own.client, "group_by=user&active=all");
    int64_t seen = 0;
    for (const auto& c : mine.cells) seen += c.count;
    // Their own leads plus unassigned leads of their teams (none: they are in no team).
    CHECK(seen == 10);
    REQUIRE(mine.cells.size() == 1);
    CHECK(mine.cells[0].key1 == uid);
    CHECK(mine.cells[0].label1 == "Хэрэглэгч own_analyst");

    for (const auto& [query, field] : std::vector<std::pair<std::string, std::string>>{
             {"group_by=colour", "group_by"}, {"group_by=stage&group_by2=stage", "group_by2"},
             {"group_by=stage&group_by2=x", "group_by2"}}) {
        auto r = s.client.Get(("/api/v1/leads/analysis?" + query).c_str());
        REQUIRE(r);
        CHECK(r->status == 422);
        CHECK(json::parse(r->body)["error"]["field"] == field);
    }
    auto bad_filter = s.client.Get("/api/v1/leads/analysis?group_by=stage&filter=nosuchfield%20%3D%201");
    REQUIRE(bad_filter);
    CHECK(bad_filter->status == 400);
}

TEST_CASE("stage flow: stays and moves come from the tracked stage changes of the leads the caller may see") {
    TestServer s;
    s.login();
    const int64_t fresh = tumen::testing::add_stage(s, "Шинэ", 1), qualified = tumen::testing::add_stage(s, "Шалгасан", 2),
                  won = tumen::testing::add_stage(s, "Ялсан", 3, true);
    auto create = [&](const std::string& name) {
        auto r = tumen::testing::post_json(s.client, "/api/v1/leads", {{"name", name}, {"stage_id", fresh}, {"type", "opportunity"}});
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 201, r->body);
        return json::parse(r->body);
    };
    auto move = [&](json& lead, int64_t stage) {
        auto r = tumen::testing::post_json(s.client, "/api/v1/leads/" + std::to_string(lead["id"].get<int64_t>()) + "/move",
                                           {{"stage_id", stage}, {"version", lead["version"]}});
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
        lead = json::parse(r->body);
    };
    json a = create("Урт замтай"), b = create("Шууд ялсан"), c = create("Хөдлөөгүй");
    move(a, qualified);
    move(a, won);
    move(b, won);
    // Give the history real lengths: created at day 0, moves at days 2 and 6 (a) and 4 (b).
    const int64_t t0 = 1'700'000'000, day = 86400;
    s.app->db().write([&](tumen::store::Connection& conn) {
        conn.exec("UPDATE leads SET create_date = " + std::to_string(t0));
        for (const auto& [lead, days] : std::vector<std::pair<json, std::vector<int>>>{{a, {2, 6}}, {b, {4}}}) {
            auto ids = conn.prepare_uncached("SELECT id FROM messages WHERE res_model = 'lead' AND res_id = ? AND tracking LIKE '%stage_id%' ORDER BY id");
            ids.bind(1, lead["id"].get<int64_t>());
            std::vector<int64_t> rows;
            while (ids.step()) rows.push_back(ids.get_int(0));
            REQUIRE(rows.size() == days.size());
            for (size_t i = 0; i < rows.size(); ++i)
                conn.exec("UPDATE messages SET date = " + std::to_string(t0 + days[i] * day) + " WHERE id = " + std::to_string(rows[i]));
        }
    });

    auto r = s.client.Get("/api/v1/leads/stage-flow?active=all");
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    const auto flow = tumen::analysis::stage_flow_from_json(json::parse(r->body));
    CHECK(flow.leads == 3);
    CHECK(flow.stages.at(fresh) == tumen::analysis::StageStats{3, 2, 6 * day, 1});
    CHECK(flow.stages.at(qualified) == tumen::analysis::StageStats{1, 1, 4 * day, 0});
    CHECK(flow.stages.at(won) == tumen::analysis::StageStats{2, 0, 0, 2});
    CHECK(flow.conversion(fresh, qualified) == doctest::Approx(1.0 / 3.0));
    CHECK(flow.moves.at({qualified, won}) == 1);

    // A filter narrows it; a salesperson with own documents sees none of these (unassigned, no team).
    auto one = s.client.Get(("/api/v1/leads/stage-flow?active=all&filter=" + tumen::testing::url_encode("name = \"Шууд ялсан\"")).c_str());
    REQUIRE(one);
    REQUIRE_MESSAGE(one->status == 200, one->body);
    CHECK(json::parse(one->body)["leads"] == 1);
    tumen::testing::create_user(s, "own_flow", "sales_own");
    auto own = tumen::testing::sign_in(s, "own_flow");
    auto theirs = own.client->Get("/api/v1/leads/stage-flow?active=all");
    REQUIRE(theirs);
    CHECK(json::parse(theirs->body)["leads"] == 0);
}
