// The search bar's Favourites (issue 5): the list of own and shared saved searches of a view, saving the current
// search (the body the server gets, a refusal naming the field), deleting, and the default applied only once,
// when the view opens without a query.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/board_state.hpp"
#include "state/lead_list.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* saved_searches_session_body = R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})";

struct SavedSearchesFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    SavedSearchesFixture() {
        host.history = {"#/leads"};
        app.start("#/leads", "en-US", "");
        net.answer(200, saved_searches_session_body);
        net.pending.clear();  // whatever the start asked for besides the session
    }

    json listing() {
        return {{"items", json::array({{{"id", 4}, {"name", "Shared default"}, {"query", "f=won"}, {"shared", true}, {"default", true}, {"own", false}},
                                       {{"id", 5}, {"name", "Mine"}, {"query", "tag=3&date=create_date%3Athis_month"}, {"default", true}, {"own", true}},
                                       {{"id", "bad"}, {"name", "skipped"}}})}};
    }
};

}  // namespace

TEST_CASE_FIXTURE(SavedSearchesFixture, "favourites: loaded once per user for their view, own default before a shared one, once") {
    SavedSearches& fav = app.list().favourites();
    CHECK_FALSE(fav.take_default(""));  // not loaded yet: nothing decided
    fav.load();
    fav.load();
    REQUIRE(net.pending.size() == 1);
    auto req = net.answer_path("/api/v1/saved-searches?view=list", 200, listing().dump());
    CHECK(req.method == "GET");
    REQUIRE(fav.items().size() == 2);
    CHECK(fav.items()[1].own);
    CHECK(fav.take_default("") == std::optional<std::string>("tag=3&date=create_date%3Athis_month"));
    CHECK_FALSE(fav.take_default(""));  // clearing the filters later does not bring it back
    fav.load();
    CHECK(net.pending.empty());

    // The board's favourites are the board's; a query in the address wins over the default.
    SavedSearches& board = app.board().favourites();
    board.load();
    net.answer_path("/api/v1/saved-searches?view=board", 200, listing().dump());
    CHECK_FALSE(board.take_default("f=mine"));
}

TEST_CASE_FIXTURE(SavedSearchesFixture, "favourites: saving sends the current search and reloads; a refusal names the field") {
    SavedSearches& fav = app.list().favourites();
    bool done = false;
    fav.save("VIP this month", "tag=3&date=create_date%3Athis_month", true, false, [&] { done = true; });
    CHECK(fav.busy());
    auto req = net.answer_path("/api/v1/saved-searches", 201, R"({"id":9})");
    CHECK(req.method == "POST");
    CHECK(json::parse(req.body) == json{{"name", "VIP this month"}, {"view", "list"}, {"query", "tag=3&date=create_date%3Athis_month"},
                                        {"shared", true}, {"default", false}});
    CHECK(done);
    CHECK(net.answer_path("/api/v1/saved-searches?view=list", 200, listing().dump()).method == "GET");

    fav.save("", "f=won", false, false);
    net.answer_path("/api/v1/saved-searches", 422,
                    R"({"error":{"code":"validation_failed","message":"name: is required","field":"name"}})");
    CHECK_FALSE(fav.busy());
    CHECK(fav.error_field() == "name");
    CHECK_FALSE(fav.error().render(app.language()).empty());
    CHECK(net.pending.empty());  // no reload after a refusal
}

TEST_CASE_FIXTURE(SavedSearchesFixture, "favourites: delete asks the server, reloads, and a refusal shows in the banner") {
    SavedSearches& fav = app.list().favourites();
    fav.remove(5);
    auto req = net.answer_path("/api/v1/saved-searches/5", 204, "");
    CHECK(req.method == "DELETE");
    net.answer_path("/api/v1/saved-searches?view=list", 200, listing().dump());
    fav.remove(4);
    net.answer_path("/api/v1/saved-searches/4", 403, R"({"error":{"code":"forbidden","message":"Only its owner or an administrator can delete a shared search"}})");
    CHECK(app.banner().render(app.language()).find("owner") != std::string::npos);
}
