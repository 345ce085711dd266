// The board's view model: loading a team's columns, optimistic moves and their rollback, paging per column,
// priority stars, quick-create, search in the address, and banners for failed requests.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/money_text.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* board_session_body = R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})";

json board_stage(int64_t id, const char* name, int seq, bool won = false, bool fold = false) {
    return {{"id", id}, {"name", name}, {"team_id", 3}, {"sequence", seq}, {"fold", fold}, {"is_won", won},
            {"requirements", ""}, {"default_probability", nullptr}, {"rotting_days", 0}, {"wip_limit", 2},
            {"version", 1}};
}

json board_card(int64_t id, const char* name, int64_t stage_id, int priority = 0, int64_t amount = 100000, int version = 1) {
    return {{"id", id}, {"version", version}, {"name", name}, {"partner_name", "Говь ХК"}, {"stage_id", stage_id},
            {"priority", priority}, {"expected_revenue", {{"amount", amount}, {"currency", "MNT"}}},
            {"probability", 50.0}, {"tag_ids", json::array({1})}, {"user_id", 7}, {"team_id", 3}, {"active", true}};
}

struct BoardStateFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    BoardStateFixture() {
        host.history = {"#/pipeline"};
        app.start("#/pipeline", "en-US", "");
        net.answer(200, board_session_body);
    }

    // Answers the oldest pending request whose path starts with `prefix`; returns it.
    HttpRequest reply(const std::string& prefix, int status, const json& body) {
        return net.answer_path(prefix, status, body.dump());
    }

    // Opens the board of team 3, "International", with stages New and Won, up to its groups request (left pending).
    void open_international() {
        app.on_url_changed("#/pipeline");
        app.board().sync(app.route());
        reply("/api/v1/teams", 200, {{"items", json::array({{{"id", 3}, {"name", "International"}}})}});
        reply("/api/v1/tags", 200, {{"items", json::array()}});
        reply("/api/v1/users/directory", 200, {{"items", json::array()}});
        reply("/api/v1/stages", 200, {{"items", json::array({board_stage(10, "New", 1), board_stage(20, "Won", 2, true)})}});
    }

    // Opens the board of team 3: two stages, "New" with 3 of 5 cards loaded (more to come), "Won" empty.
    void open_board(const std::string& hash = "#/pipeline") {
        app.on_url_changed(hash);
        app.board().sync(app.route());
        reply("/api/v1/teams", 200, {{"items", json::array({{{"id", 3}, {"name", "Улаанбаатар"}}})}});
        reply("/api/v1/tags", 200, {{"items", json::array({{{"id", 1}, {"name", "VIP"}, {"color", 2}}})}});
        reply("/api/v1/users/directory", 200, {{"items", json::array({{{"id", 7}, {"name", "Болд Бат"}}})}});
        auto stages = reply("/api/v1/stages", 200, {{"items", json::array({board_stage(20, "Won", 2, true), board_stage(10, "New", 1)})}});
        CHECK(stages.path == "/api/v1/stages?team_id=3");
        json groups = {{"group_by", "stage"},
                       {"groups", json::array({{{"key", 10},
                                                {"count", 5},
                                                {"sums", json::array({{{"currency", "MNT"},
                                                                       {"expected_revenue", 500000},
                                                                       {"weighted_revenue", 250000}}})},
                                                {"items", json::array({board_card(105, "Таван", 10, 3), board_card(104, "Дөрөв", 10, 1),
                                                                       board_card(103, "Гурав", 10)})},
                                                {"next", "cursor-103"}}})}};
        auto g = reply("/api/v1/leads/groups", 200, groups);
        CHECK(g.path.find("filter=team_id%20%3D%203") != std::string::npos);
        CHECK(g.path.find("active=true") != std::string::npos);
        REQUIRE(app.board().status() == BoardStatus::ready);
    }
};

}  // namespace

TEST_CASE_FIXTURE(BoardStateFixture, "the board loads a team's stages in order with counts, sums and the first cards") {
    open_board();
    const auto& cols = app.board().columns();
    REQUIRE(cols.size() == 2);
    CHECK(cols[0].stage.name == "New");
    CHECK(cols[0].count == 5);
    CHECK(cols[0].cards.size() == 3);
    CHECK(cols[0].has_more());
    REQUIRE(cols[0].sums.size() == 1);
    CHECK(cols[0].sums[0].expected == 500000);
    CHECK(cols[0].sums[0].weighted == 250000);
    CHECK(cols[1].stage.is_won);
    CHECK(cols[1].count == 0);
    CHECK(app.board().team_name() == "Улаанбаатар");
    CHECK(app.board().tag(1)->name == "VIP");
    CHECK(app.board().user_name(7) == "Болд Бат");
    CHECK(net.pending.empty());
    // Nothing changed: no second load.
    app.board().sync(app.route());
    CHECK(net.pending.empty());
}

TEST_CASE_FIXTURE(BoardStateFixture, "an empty column says zero in the board's currency, not the default one") {
    CHECK(app.board().currency() == "MNT");  // nothing loaded yet
    open_international();
    auto sums = [](const char* cur, int64_t amount) {
        return json::array({{{"currency", cur}, {"expected_revenue", amount}, {"weighted_revenue", amount / 2}}});
    };
    reply("/api/v1/leads/groups", 200,
          {{"group_by", "stage"},
           {"groups", json::array({{{"key", 10}, {"count", 3}, {"sums", sums("EUR", 1000)}, {"items", json::array()}},
                                   {{"key", 20}, {"count", 2}, {"sums", sums("USD", 900000)}, {"items", json::array()}}})}});
    REQUIRE(app.board().status() == BoardStatus::ready);
    CHECK(app.board().currency() == "USD");  // the largest sum's
}

TEST_CASE_FIXTURE(BoardStateFixture, "a column over several currencies shows one total in the company currency") {
    open_international();
    auto sum = [](const char* cur, int64_t amount) {
        return json{{"currency", cur}, {"expected_revenue", amount}, {"weighted_revenue", amount / 2}};
    };
    reply("/api/v1/leads/groups", 200,
          {{"group_by", "stage"},
           {"groups", json::array({{{"key", 10}, {"count", 3}, {"sums", json::array({sum("USD", 200000), sum("MNT", 100000000)})},
                                    {"items", json::array()}},
                                   {{"key", 20}, {"count", 2}, {"sums", json::array({sum("USD", 1000), sum("EUR", 900000)})},
                                    {"items", json::array()}}})},
           {"rates", {{"company", "MNT"}, {"rates", {{"USD", "3450.25"}}}}}});
    REQUIRE(app.board().status() == BoardStatus::ready);
    const auto& cols = app.board().columns();
    // $2,000 × 3,450.25 + 1,000,000 ₮; weighted: the halves.
    const ColumnTotal both = sums_total(cols[0].sums, app.board().rates(), app.board().currency());
    CHECK(both.converted);
    CHECK(both.expected == Money{690050000 + 100000000, "MNT"});
    CHECK(both.weighted == Money{345025000 + 50000000, "MNT"});
    CHECK(both.other_currencies == 0);
    // No rate for EUR: the largest sum alone, and how many currencies it leaves out (never a wrong total).
    const ColumnTotal partial = sums_total(cols[1].sums, app.board().rates(), app.board().currency());
    CHECK_FALSE(partial.converted);
    CHECK(partial.expected == Money{900000, "EUR"});
    CHECK(partial.other_currencies == 1);
    // One currency: as it is, nothing converted.
    const ColumnTotal single = sums_total({{"USD", 5000, 2500}}, app.board().rates(), "MNT");
    CHECK_FALSE(single.converted);
    CHECK(single.expected == Money{5000, "USD"});
    CHECK(sums_total({}, app.board().rates(), "USD").expected == Money{0, "USD"});
    // The whole board: USD 2,010.00 + 1,000,000 ₮ + 9,000 EUR; EUR has no rate, so the largest sum and "+2".
    const ColumnTotal board = app.board().total();
    CHECK_FALSE(board.converted);
    CHECK(board.expected == Money{100000000, "MNT"});
    CHECK(board.other_currencies == 2);
}

TEST_CASE_FIXTURE(BoardStateFixture, "a card moves at once and stays where the server confirms it") {
    open_board();
    app.board().move_card(104, 20);
    const auto& cols = app.board().columns();
    CHECK(cols[0].count == 4);
    CHECK(cols[0].cards.size() == 2);
    CHECK(cols[1].count == 1);
    REQUIRE(cols[1].cards.size() == 1);
    CHECK(cols[1].cards[0].id == 104);
    CHECK(cols[0].sums[0].expected == 400000);
    auto moved = board_card(104, "Дөрөв", 20, 1, 100000, 2);
    moved["probability"] = 100.0;
    auto req = reply("/api/v1/leads/104/move", 200, moved);
    CHECK(req.method == "POST");
    CHECK(json::parse(req.body) == json{{"stage_id", 20}, {"version", 1}});
    CHECK(header(req, "X-CSRF-Token") == "tok-7");
    CHECK(cols[1].cards[0].version == 2);
    CHECK(cols[1].sums[0].weighted == 100000);  // the won stage's probability, from the server's record
    CHECK(app.last_error().empty());
}

TEST_CASE_FIXTURE(BoardStateFixture, "a stale move (409) puts the card back in its place and says why") {
    open_board();
    app.board().move_card(104, 20);
    json err = {{"error", {{"code", "conflict"}, {"message", "Someone changed this lead since you opened it; reload and try again"},
                           {"field", "version"}, {"current", board_card(104, "Дөрөв (edited)", 10, 1, 100000, 5)}}}};
    reply("/api/v1/leads/104/move", 409, err);
    const auto& cols = app.board().columns();
    CHECK(cols[0].count == 5);
    CHECK(cols[1].count == 0);
    CHECK(cols[1].cards.empty());
    REQUIRE(cols[0].cards.size() == 3);
    CHECK(cols[0].cards[1].id == 104);              // its old position
    CHECK(cols[0].cards[1].version == 5);           // as the server has it now
    CHECK(cols[0].cards[1].name == "Дөрөв (edited)");
    CHECK(cols[0].sums[0].expected == 500000);
    CHECK(app.last_error() == "Someone changed this lead since you opened it; reload and try again");
}

TEST_CASE_FIXTURE(BoardStateFixture, "a move the server cannot be reached for goes back too, with the network message") {
    open_board();
    app.board().move_card(105, 20);
    reply("/api/v1/leads/105/move", 0, json(nullptr));
    CHECK(app.board().columns()[0].cards[0].id == 105);
    CHECK(app.board().columns()[1].cards.empty());
    CHECK(app.last_error() == i18n::tr(i18n::Lang::en, "error.network"));
}

TEST_CASE_FIXTURE(BoardStateFixture, "load more continues a column from the server's cursor, once per card") {
    open_board();
    app.board().load_more(10);
    CHECK(app.board().columns()[0].loading_more);
    app.board().load_more(10);  // a second click while loading sends nothing
    REQUIRE(net.pending.size() == 1);
    auto req = reply("/api/v1/leads?", 200,
                     {{"items", json::array({board_card(102, "Хоёр", 10), board_card(103, "Гурав", 10), board_card(101, "Нэг", 10)})},
                      {"next", nullptr}});
    CHECK(req.path.find("after=cursor-103") != std::string::npos);
    CHECK(req.path.find("sort=priority%20desc") != std::string::npos);
    CHECK(req.path.find("stage_id%20%3D%2010") != std::string::npos);
    const auto& col = app.board().columns()[0];
    CHECK_FALSE(col.loading_more);
    CHECK_FALSE(col.has_more());
    REQUIRE(col.cards.size() == 5);  // 103 was already there
    CHECK(col.cards[3].id == 102);
    CHECK(col.cards[4].id == 101);
    app.board().load_more(10);
    CHECK(net.pending.empty());
}

TEST_CASE_FIXTURE(BoardStateFixture, "a priority star changes at once and is saved with the version; a refusal puts it back") {
    open_board();
    app.board().set_priority(103, 2);
    CHECK(app.board().columns()[0].cards[2].priority == 2);
    auto req = reply("/api/v1/leads/103", 200, board_card(103, "Гурав", 10, 2, 100000, 2));
    CHECK(req.method == "PATCH");
    CHECK(json::parse(req.body) == json{{"priority", 2}, {"version", 1}});
    CHECK(app.board().columns()[0].cards[2].version == 2);

    app.board().set_priority(103, 3);
    reply("/api/v1/leads/103", 403,
          {{"error", {{"code", "forbidden"}, {"message", "You may not change this lead"}, {"field", nullptr}}}});
    CHECK(app.board().columns()[0].cards[2].priority == 2);
    CHECK(app.last_error() == "You may not change this lead");
}

TEST_CASE_FIXTURE(BoardStateFixture, "quick-create posts the name with the column's stage and team and shows the card on top") {
    open_board();
    app.board().quick_create(10, "Шинэ харилцагч");
    CHECK(app.board().creating(10));
    auto req = reply("/api/v1/leads", 201, board_card(106, "Шинэ харилцагч", 10));
    CHECK(req.method == "POST");
    CHECK(json::parse(req.body) == json{{"name", "Шинэ харилцагч"}, {"stage_id", 10}, {"team_id", 3}});
    CHECK_FALSE(app.board().creating(10));
    CHECK(app.board().columns()[0].cards[0].id == 106);
    CHECK(app.board().columns()[0].count == 6);

    app.board().quick_create(10, "");
    reply("/api/v1/leads", 422, {{"error", {{"code", "validation"}, {"message", "name: is required"}, {"field", "name"}}}});
    CHECK(app.last_error() == "name: is required");
    CHECK(app.board().columns()[0].count == 6);
}

TEST_CASE_FIXTURE(BoardStateFixture, "search and chips live in the address and become the groups request's parameters") {
    open_board();
    BoardQuery q;
    q.text = "ёс";
    q.mine = true;
    q.lost = true;
    Route r = app.board().route_for(q);
    CHECK(format_route(r) == "#/pipeline?q=%D1%91%D1%81&f=mine%2Clost");
    CHECK(parse_board_query(r.query) == q);
    app.navigate(r);
    app.board().sync(app.route());
    auto stages = reply("/api/v1/stages", 200, {{"items", json::array({board_stage(10, "New", 1)})}});
    auto g = reply("/api/v1/leads/groups", 200, {{"groups", json::array()}});
    CHECK(g.path.find("q=%D1%91%D1%81") != std::string::npos);
    CHECK(g.path.find("active=false") != std::string::npos);
    CHECK(g.path.find(percent_encode("team_id = 3 and user_id = me and probability = 0")) != std::string::npos);
    CHECK(app.board().columns().size() == 1);
    CHECK(app.board().columns()[0].count == 0);
}

TEST_CASE_FIXTURE(BoardStateFixture, "a failed board load is never silent") {
    app.board().sync(app.route());
    reply("/api/v1/teams", 500, {{"error", {{"code", "internal"}, {"message", "Database is locked"}, {"field", nullptr}}}});
    CHECK(app.board().status() == BoardStatus::failed);
    CHECK(app.last_error() == "Database is locked");
}

TEST_CASE_FIXTURE(BoardStateFixture, "dragging a column saves the new stage order; a refusal restores it") {
    open_board();
    app.board().reorder_stage(20, 0);
    CHECK(app.board().columns()[0].stage.id == 20);
    auto req = reply("/api/v1/stages/reorder", 403,
                     {{"error", {{"code", "forbidden"}, {"message", "Only sales managers may do this"}, {"field", nullptr}}}});
    CHECK(json::parse(req.body) == json{{"ids", {20, 10}}});
    CHECK(app.board().columns()[0].stage.id == 10);
    CHECK(app.board().columns()[0].cards.size() == 3);
    CHECK(app.last_error() == "Only sales managers may do this");
}

// Issue 5: the board's requests leave at the app's start, together with the session check (the browser then spends
// ~1 s on WebGL and fonts), and are checked when the teams list arrives.
namespace {

std::vector<std::string> pending_paths(const FakeTransport& net) {
    std::vector<std::string> out;
    for (const auto& p : net.pending) out.push_back(p.request.path.substr(0, p.request.path.find('?')));
    return out;
}

json two_columns() {
    return {{"groups", json::array({{{"key", 10}, {"count", 1}, {"items", json::array({board_card(101, "Нэг", 10)})}}})}};
}

}  // namespace

TEST_CASE("a team's board asks for its teams, stages and cards at once on start, before the session is known") {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    host.history = {"#/pipeline/3"};
    app.start("#/pipeline/3", "en-US", "");
    CHECK(pending_paths(net) == std::vector<std::string>{"/api/v1/session/me", "/api/v1/teams", "/api/v1/tags",
                                                         "/api/v1/users/directory", "/api/v1/stages",
                                                         "/api/v1/leads/groups"});
    CHECK(net.pending[4].request.path == "/api/v1/stages?team_id=3");
    CHECK(net.pending[5].request.path.find("filter=team_id%20%3D%203") != std::string::npos);
    net.answer(200, board_session_body);
    // The first frame's sync keeps what start() asked for: nothing is asked twice.
    app.board().sync(app.route());
    CHECK(net.pending.size() == 5);
    // Columns before teams: the team is not confirmed yet.
    net.answer_path("/api/v1/stages", 200, json{{"items", json::array({board_stage(10, "New", 1)})}}.dump());
    net.answer_path("/api/v1/leads/groups", 200, two_columns().dump());
    CHECK(app.board().status() == BoardStatus::loading);
    net.answer_path("/api/v1/teams", 200, json{{"items", json::array({{{"id", 2}, {"name", "Дархан"}}, {{"id", 3}, {"name", "Улаанбаатар"}}})}}.dump());
    REQUIRE(app.board().status() == BoardStatus::ready);
    CHECK(app.board().team_id() == 3);
    REQUIRE(app.board().columns().size() == 1);
    CHECK(app.board().columns()[0].cards.size() == 1);
    CHECK(app.last_error().empty());
    CHECK(net.pending.size() == 2);  // tags and names, which only decorate cards
}

TEST_CASE("a team guessed at start that the teams list does not hold is replaced by the first team") {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    host.history = {"#/pipeline/9"};
    app.start("#/pipeline/9", "en-US", "");
    net.answer(200, board_session_body);
    app.board().sync(app.route());
    net.answer_path("/api/v1/teams", 200, json{{"items", json::array({{{"id", 3}, {"name", "Улаанбаатар"}}})}}.dump());
    CHECK(app.last_error() == "Team #9 does not exist or is not visible to you; showing another team.");
    // Team 9's replies come late and count for nothing; team 3's columns are asked for now.
    net.answer_path("/api/v1/stages?team_id=9", 200, json{{"items", json::array({board_stage(90, "Other", 1)})}}.dump());
    net.answer_path("/api/v1/leads/groups?group_by=stage&filter=team_id%20%3D%209", 200, json{{"groups", json::array()}}.dump());
    CHECK(app.board().status() == BoardStatus::loading);
    net.answer_path("/api/v1/stages?team_id=3", 200, json{{"items", json::array({board_stage(10, "New", 1)})}}.dump());
    net.answer_path("/api/v1/leads/groups", 200, two_columns().dump());
    REQUIRE(app.board().status() == BoardStatus::ready);
    CHECK(app.board().team_id() == 3);
    CHECK(app.board().columns()[0].stage.id == 10);
}

TEST_CASE("#/pipeline guesses the team it opened last time in this browser") {
    FakeTransport net;
    FakeHost host;
    {
        AppState app{net, host};
        app.start("#/pipeline", "en-US", "");
        CHECK(pending_paths(net).size() == 4);  // session, teams, tags, names: no team to guess yet
        net.answer(200, board_session_body);
        app.board().sync(app.route());
        net.answer_path("/api/v1/teams", 200, json{{"items", json::array({{{"id", 3}, {"name", "Улаанбаатар"}}})}}.dump());
        net.answer_path("/api/v1/stages?team_id=3", 200, json{{"items", json::array({board_stage(10, "New", 1)})}}.dump());
        net.answer_path("/api/v1/leads/groups", 200, two_columns().dump());
        CHECK(app.board().status() == BoardStatus::ready);
        net.pending.clear();
    }
    AppState app{net, host};
    app.start("#/pipeline", "en-US", "");
    REQUIRE(net.pending.size() == 6);
    CHECK(net.pending[4].request.path == "/api/v1/stages?team_id=3");
}

TEST_CASE("signed out: the board's early requests are refused quietly, and signing in loads the board afresh") {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    host.history = {"#/pipeline/3"};
    app.start("#/pipeline/3", "en-US", "");
    const json unauthorized = {{"error", {{"code", "unauthorized"}, {"message", "Sign in first"}, {"field", nullptr}}}};
    net.answer(401, unauthorized.dump());
    CHECK(app.view() == "login");
    while (!net.pending.empty()) net.answer(401, unauthorized.dump());
    CHECK(app.last_error().empty());
    app.login_form().login = "bold";
    app.login_form().password = "secret-1";
    app.submit_login();
    net.answer(200, board_session_body);
    CHECK(app.view() == "pipeline");
    app.board().sync(app.route());
    CHECK(pending_paths(net) == std::vector<std::string>{"/api/v1/teams", "/api/v1/tags", "/api/v1/users/directory",
                                                         "/api/v1/stages", "/api/v1/leads/groups"});
}

TEST_CASE("money on the board: exact on cards, short in headers, in the UI language") {
    Money m{150000000, "MNT"};  // 1,500,000.00 ₮
    CHECK(money_text(m, i18n::Lang::en) == "₮1,500,000");
    CHECK(money_text(m, i18n::Lang::mn) == "1,500,000\u00A0₮");
    CHECK(money_compact({1234567800, "MNT"}, i18n::Lang::en) == "₮12.3M");
    CHECK(money_compact({1234567800, "MNT"}, i18n::Lang::mn) == "12.3 сая\u00A0₮");
    CHECK(money_compact({99900, "USD"}, i18n::Lang::en) == "$999");
    CHECK(money_compact({-250000000, "USD"}, i18n::Lang::en) == "-$2.5M");
}
