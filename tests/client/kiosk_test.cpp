// The kiosk display's view model (#/kiosk?token=...) with a fake transport and event channel: no session check,
// the token on every request, the playlist (boards, then the leaderboard) turning every N seconds, live events
// moving cards in place and highlighting a won deal for a few seconds, "reconnecting" with a reload after it, the
// revoked-token screen retried every few minutes, the pixel shift, and the wake-ups the idle loop sleeps until.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

class KioskChannel : public LiveChannel {
public:
    void open(const std::string& url, StreamHandlers h) override {
        urls.push_back(url);
        handlers = std::move(h);
    }
    void close() override { ++closes; }
    void after(int ms, std::function<void()> fn) override { timers.push_back({ms, std::move(fn)}); }
    void send(int64_t id, const std::string& event, const json& data) { handlers.event(std::to_string(id), event, data.dump()); }

    std::vector<std::string> urls;
    StreamHandlers handlers;
    int closes = 0;
    std::vector<std::pair<int, std::function<void()>>> timers;
};

json board_body(const std::string& team, std::vector<json> fresh_cards) {
    json stages = json::array({{{"id", 1}, {"name", "Шинэ"}, {"sequence", 1}, {"fold", false}, {"is_won", false}},
                               {{"id", 2}, {"name", "Ялсан"}, {"sequence", 9}, {"fold", false}, {"is_won", true}},
                               {{"id", 3}, {"name", "Хаагдсан"}, {"sequence", 10}, {"fold", true}, {"is_won", false}}});
    const int64_t n = static_cast<int64_t>(fresh_cards.size());
    json groups = json::array({{{"key", 1}, {"count", n},
                                {"sums", json::array({{{"currency", "MNT"}, {"expected_revenue", n * 500000}}})},
                                {"items", fresh_cards}}});
    return {{"team", {{"id", 4}, {"name", team}}}, {"stages", stages}, {"groups", groups},
            {"users", json::array({{{"id", 7}, {"name", "Болд Бат"}}})}};
}

json kiosk_card(int64_t id, const std::string& name, int64_t stage, int64_t version = 1) {
    return {{"id", id}, {"version", version}, {"name", name}, {"partner_name", "Говь ХХК"}, {"stage_id", stage},
            {"team_id", 4}, {"user_id", 7}, {"active", true}, {"priority", 0},
            {"expected_revenue", {{"amount", 500000}, {"currency", "MNT"}}}};
}

struct Kiosk {
    FakeTransport net;
    FakeHost host;
    KioskChannel channel;
    AppState app{net, host};

    explicit Kiosk(const std::string& hash = "#/kiosk?token=kt_1%2B2&seconds=10") {
        app.set_live_channel(&channel);
        host.history = {hash};
        app.start(hash, "mn", "");
    }
    KioskState& k() { return app.kiosk(); }
    // Answers /kiosk/me, the board and the leaderboard as a token for team 4 with the leaderboard.
    void open_playlist() {
        auto me = net.answer(200, json{{"id", 1}, {"name", "Лобби"}, {"team_ids", {4}}, {"leaderboard", true}}.dump());
        CHECK(me.path == "/api/v1/kiosk/me?kiosk_token=kt_1%2B2");
        auto b = net.answer(200, board_body("Хойд", {kiosk_card(10, "Шинэ ТВ", 1), kiosk_card(11, "Сервер", 1)}).dump());
        CHECK(b.path == "/api/v1/kiosk/boards/4?kiosk_token=kt_1%2B2");
        auto l = net.answer(200, json{{"month", "2026-11"},
                                      {"cells", json::array({{{"key1", 7}, {"label1", "Болд Бат"}, {"count", 2},
                                                              {"expected", {{"MNT", 1200000}}}}})}}
                                     .dump());
        CHECK(l.path == "/api/v1/kiosk/leaderboard?kiosk_token=kt_1%2B2");
    }
};

}  // namespace

TEST_CASE("a kiosk address opens the playlist with its token, without a session check or the sign-in page") {
    Kiosk t;
    CHECK(t.app.view() == "kiosk");
    CHECK(t.k().seconds() == 10);
    REQUIRE(t.net.pending.size() == 1);
    CHECK(t.net.pending.front().request.path.find("/api/v1/kiosk/me") == 0);
    t.open_playlist();
    CHECK(t.k().status() == KioskStatus::ready);
    CHECK(t.host.url() == "#/kiosk?token=kt_1%2B2&seconds=10");  // never bounced to #/login
    REQUIRE(t.k().pages().size() == 2);
    CHECK(t.k().pages()[1].kind == KioskPage::Kind::leaderboard);
    const KioskBoard* b = t.k().board(4);
    REQUIRE(b);
    CHECK(b->team_name == "Хойд");
    REQUIRE(b->columns.size() == 2);  // the folded, empty stage stays off the wall
    CHECK(b->columns[0].count == 2);
    CHECK(b->columns[0].sums.at("MNT") == 1000000);
    CHECK(b->users.at(7) == "Болд Бат");
    CHECK(t.k().leaders().at(0).won.at("MNT") == 1200000);
    REQUIRE(t.channel.urls.size() == 1);
    CHECK(t.channel.urls[0] == "/api/v1/events?kiosk_token=kt_1%2B2");
    CHECK(t.app.session_status() == SessionStatus::signed_out);
    CHECK(t.app.live().status() == LiveStatus::off);  // the signed-in stream stays closed

    CHECK(Kiosk("#/kiosk?token=x&seconds=1").k().seconds() == KioskState::min_seconds);
    CHECK(Kiosk("#/kiosk?token=x").k().seconds() == KioskState::default_seconds);
    CHECK(Kiosk("#/kiosk?token=x&seconds=abc").k().seconds() == KioskState::default_seconds);
}

TEST_CASE("pages turn every N seconds, each turn loads its page again, and the loop sleeps until then") {
    Kiosk t;
    t.open_playlist();
    t.k().tick(1000);
    CHECK(t.k().page_index() == 0);
    CHECK(t.k().next_wake_ms(1000) == 10000);
    t.k().tick(10999);
    CHECK(t.k().page_index() == 0);
    CHECK(t.net.pending.empty());
    t.k().tick(11000);
    CHECK(t.k().page_index() == 1);
    REQUIRE(t.net.pending.size() == 1);
    CHECK(t.net.pending.front().request.path.find("/api/v1/kiosk/leaderboard") == 0);
    t.net.answer(200, json{{"month", "2026-11"}, {"cells", json::array()}}.dump());
    CHECK(t.k().leaders().empty());
    t.k().tick(21000);
    CHECK(t.k().page_index() == 0);  // round again
    CHECK(t.net.pending.front().request.path.find("/api/v1/kiosk/boards/4") == 0);
    // A server gone quiet on a page turn: the wall keeps what it shows, marked stale.
    t.net.answer(0);
    CHECK(t.k().stale());
    CHECK(t.k().status() == KioskStatus::ready);
    CHECK(t.k().board(4)->columns[0].count == 2);
}

TEST_CASE("live events move and add cards in place; a won deal is highlighted for a few seconds") {
    Kiosk t;
    t.open_playlist();
    t.channel.handlers.opened();
    t.k().tick(0);
    // A new card appears without a reload.
    t.channel.send(5, "lead.created", {{"entity", "lead"}, {"id", 12}, {"action", "created"}, {"version", 1},
                                       {"lead", kiosk_card(12, "Шинэ гэрээ", 1)}});
    const KioskBoard* b = t.k().board(4);
    CHECK(b->columns[0].count == 3);
    CHECK(b->columns[0].cards.front().title == "Шинэ гэрээ");  // newest first
    CHECK(b->columns[0].sums.at("MNT") == 1500000);
    // Won elsewhere: the card moves to the won column and the deal is celebrated.
    t.channel.send(6, "lead.won", {{"entity", "lead"}, {"id", 10}, {"action", "won"}, {"version", 2},
                                   {"lead", kiosk_card(10, "Шинэ ТВ", 2, 2)}});
    CHECK(b->columns[0].count == 2);
    REQUIRE(b->columns[1].cards.size() == 1);
    CHECK(b->columns[1].cards[0].title == "Шинэ ТВ");
    REQUIRE(t.k().highlight());
    CHECK(t.k().highlight()->salesperson == "Болд Бат");
    CHECK(t.k().highlight()->amount.amount == 500000);
    // ... and the leaderboard asks for its new figures.
    REQUIRE(t.net.pending.size() == 1);
    CHECK(t.net.pending.front().request.path.find("/api/v1/kiosk/leaderboard") == 0);
    t.k().tick(2000);
    CHECK(t.k().next_wake_ms(2000) == KioskState::highlight_ms);
    t.k().tick(2000 + KioskState::highlight_ms);
    CHECK_FALSE(t.k().highlight());
    // Old news (the version the card already has) changes nothing; a lost deal leaves the board.
    t.channel.send(7, "lead.updated", {{"entity", "lead"}, {"id", 10}, {"action", "updated"}, {"version", 2},
                                       {"lead", kiosk_card(10, "Хуучин нэр", 2, 2)}});
    CHECK(b->columns[1].cards[0].title == "Шинэ ТВ");
    json lost = kiosk_card(11, "Сервер", 1, 2);
    lost["active"] = false;
    t.channel.send(8, "lead.lost", {{"entity", "lead"}, {"id", 11}, {"action", "lost"}, {"version", 2}, {"lead", lost}});
    CHECK(b->columns[0].count == 1);
}

TEST_CASE("a broken stream shows reconnecting, retries with backoff and reloads the data once back") {
    Kiosk t;
    t.open_playlist();
    t.channel.handlers.opened();
    t.channel.send(41, "hello", json::object());
    t.channel.handlers.failed();
    CHECK(t.k().reconnecting());
    REQUIRE(t.channel.timers.size() == 1);
    CHECK(t.channel.timers[0].first == KioskState::first_retry_ms);
    t.channel.timers[0].second();
    CHECK(t.channel.urls.back() == "/api/v1/events?kiosk_token=kt_1%2B2&last_event_id=41");
    t.channel.handlers.failed();
    CHECK(t.channel.timers.back().first == 2 * KioskState::first_retry_ms);
    t.channel.timers.back().second();
    t.channel.handlers.opened();
    CHECK_FALSE(t.k().reconnecting());
    CHECK(t.net.pending.size() == 2);  // the board and the leaderboard again
}

TEST_CASE("a revoked token clears the wall, shows the invalid-link screen and tries again every few minutes") {
    Kiosk t;
    t.open_playlist();
    t.k().tick(0);
    t.k().tick(10000);  // page turn: the leaderboard
    t.net.answer(401, R"({"error":{"code":"unauthorized","message":"Sign in first"}})");
    CHECK(t.k().status() == KioskStatus::invalid_token);
    CHECK(t.k().board(4) == nullptr);
    CHECK(t.channel.closes >= 1);
    t.k().tick(20000);
    CHECK(t.k().next_wake_ms(20000) == KioskState::invalid_retry_ms);
    t.k().tick(20000 + KioskState::invalid_retry_ms);
    REQUIRE(t.net.pending.size() == 1);
    CHECK(t.net.pending.front().request.path.find("/api/v1/kiosk/me") == 0);
    t.net.answer(401);
    CHECK(t.k().status() == KioskStatus::invalid_token);
    // No token at all: the same screen, nothing asked.
    Kiosk none("#/kiosk");
    CHECK(none.k().status() == KioskStatus::invalid_token);
    CHECK(none.net.pending.empty());
    // A server that does not answer the first time: "cannot reach", retried sooner.
    Kiosk down;
    down.net.answer(0);
    CHECK(down.k().status() == KioskStatus::unreachable);
    down.k().tick(0);
    CHECK(down.k().next_wake_ms(0) == KioskState::unreachable_retry_ms);
}

TEST_CASE("the picture shifts a few pixels every few minutes, and leaving the kiosk closes its stream") {
    Kiosk t;
    t.open_playlist();
    t.k().tick(0);
    CHECK(t.k().shift_x() == 0);
    t.k().tick(KioskState::shift_every_ms);
    const float x = t.k().shift_x(), y = t.k().shift_y();
    CHECK((x != 0 || y != 0));
    CHECK(x <= 4);
    CHECK(y <= 4);
    const int closes = t.channel.closes;
    t.app.on_url_changed("#/pipeline");
    CHECK(t.channel.closes == closes + 1);
    CHECK(t.k().next_wake_ms(0) == -1);
    CHECK(kiosk_url("https://crm.mn", "kt_a/b") == "https://crm.mn/#/kiosk?token=kt_a%2Fb");
}
