#include <doctest/doctest.h>

#include "tumen/route.hpp"

using namespace tumen;

TEST_CASE("the three views parse from their hashes") {
    CHECK(parse_route("#/login").view == View::login);
    CHECK(parse_route("#/pipeline") == Route::pipeline());
    CHECK(parse_route("#/lead/42") == Route::lead(42));
    CHECK(parse_route("/lead/42") == Route::lead(42));
    CHECK(parse_route("#/lead/42/") == Route::lead(42));
    CHECK(parse_route("#//lead//7") == Route::lead(7));
}

TEST_CASE("an empty hash opens the pipeline") {
    CHECK(parse_route("") == Route::pipeline());
    CHECK(parse_route("#") == Route::pipeline());
    CHECK(parse_route("#/") == Route::pipeline());
}

TEST_CASE("bad lead ids and unknown paths are not found, keeping the path") {
    for (auto h : {"#/lead/0", "#/lead/-3", "#/lead/abc", "#/lead/4x", "#/lead", "#/lead/1/2",
                   "#/lead/99999999999999999999"}) {
        INFO(h);
        CHECK(parse_route(h).view == View::not_found);
    }
    auto r = parse_route("#/contacts/Өлзий");
    CHECK(r.view == View::not_found);
    CHECK(r.path == "/contacts/Өлзий");
    CHECK(format_route(r) == "#/contacts/Өлзий");
}

TEST_CASE("the largest int64 id is accepted") {
    CHECK(parse_route("#/lead/9223372036854775807").id == 9223372036854775807LL);
}

TEST_CASE("format is canonical and round-trips") {
    CHECK(format_route(Route::pipeline()) == "#/pipeline");
    CHECK(format_route(Route::lead(42)) == "#/lead/42");
    CHECK(format_route(Route::login()) == "#/login");
    CHECK(format_route(Route::login("/lead/42")) == "#/login?next=%2Flead%2F42");
    for (const auto& r : {Route::pipeline(), Route::lead(1), Route::login(), Route::login("/pipeline"),
                          Route::login("/lead/9")})
        CHECK(parse_route(format_route(r)) == r);
}

TEST_CASE("login keeps only a next that a signed-in user can open") {
    CHECK(parse_route("#/login?next=%2Flead%2F42").next == "/lead/42");
    CHECK(parse_route("#/login?next=/lead/42").next == "/lead/42");
    CHECK(parse_route("#/login?x=1&next=/pipeline").next == "/pipeline");
    CHECK(parse_route("#/login?next=/login").next.empty());
    CHECK(parse_route("#/login?next=/nowhere").next.empty());
    CHECK(parse_route("#/login?next=").next.empty());
    CHECK(parse_route("#/login?next=https%3A%2F%2Fevil.example").next.empty());
    // next means nothing on other views
    CHECK(parse_route("#/pipeline?next=/lead/1").next.empty());
}

TEST_CASE("every view of the client has its own address") {
    CHECK(parse_route("#/leads") == Route::leads());
    CHECK(parse_route("#/contacts") == Route::contacts());
    CHECK(parse_route("#/contact/12") == Route::contact(12));
    CHECK(parse_route("#/settings") == Route::settings());
    CHECK(parse_route("#/settings/lost_reasons") == Route::settings("lost_reasons"));
    CHECK(parse_route("#/import") == Route::import_wizard());
    Route team = parse_route("#/pipeline/3");
    CHECK(team.view == View::pipeline);
    CHECK(team.id == 3);
    for (auto h : {"#/settings/Stages", "#/settings/a/b", "#/contact/0", "#/pipeline/x", "#/import/1"}) {
        INFO(h);
        CHECK(parse_route(h).view == View::not_found);
    }
    for (View v : {View::leads, View::contacts, View::contact, View::settings, View::import_})
        CHECK(view_name(v) != "not_found");
    CHECK(view_name(View::import_) == "import");
}

TEST_CASE("board, list and contacts keep their search in the address; other views drop it") {
    Route r = parse_route("#/leads?q=%D1%91%D0%BB&filter=stage.is_won%20%3D%20false");
    CHECK(r.view == View::leads);
    CHECK(query_value(r.query, "q") == "ёл");
    CHECK(query_value(r.query, "filter") == "stage.is_won = false");
    CHECK(query_value(r.query, "missing").empty());
    CHECK(query_value("qq=1&q=2", "q") == "2");
    CHECK(format_route(r) == "#/leads?q=%D1%91%D0%BB&filter=stage.is_won%20%3D%20false");
    Route board = parse_route("#/pipeline/4?q=abc");
    CHECK(format_route(board) == "#/pipeline/4?q=abc");
    CHECK(parse_route("#/lead/4?q=abc") == Route::lead(4));
    CHECK(parse_route("#/settings/teams?x=1") == Route::settings("teams"));
    for (const auto& rt : {Route::leads(), Route::contacts(), Route::contact(8), Route::settings(),
                           Route::settings("users"), Route::import_wizard(), board, r})
        CHECK(parse_route(format_route(rt)) == rt);
}

TEST_CASE("only the login page works without a session") {
    CHECK_FALSE(requires_session(Route::login()));
    CHECK(requires_session(Route::pipeline()));
    CHECK(requires_session(Route::lead(3)));
    CHECK(view_name(View::not_found) == "not_found");
    CHECK(route_path(Route::lead(5)) == "/lead/5");
}

TEST_CASE("percent coding handles UTF-8 and malformed escapes") {
    CHECK(percent_encode("Ө ө/") == "%D3%A8%20%D3%A9%2F");
    CHECK(percent_decode("%D3%A8%20%d3%a9") == "Ө ө");
    CHECK(percent_decode("a+b") == "a b");
    CHECK(percent_decode("100%") == "100%");
    CHECK(percent_decode("%zz%4") == "%zz%4");
}

TEST_CASE("the kiosk display has its own address with its token, needs no session and is never a login's next") {
    const Route k = parse_route("#/kiosk?token=kt_abc%2B1&seconds=15");
    CHECK(k.view == View::kiosk);
    CHECK(query_value(k.query, "token") == "kt_abc+1");
    CHECK(query_value(k.query, "seconds") == "15");
    CHECK(format_route(k) == "#/kiosk?token=kt_abc%2B1&seconds=15");
    CHECK(parse_route(format_route(k)) == k);
    CHECK(view_name(View::kiosk) == "kiosk");
    CHECK_FALSE(requires_session(k));
    CHECK(parse_route("#/kiosk/").view == View::kiosk);
    CHECK(parse_route("#/kiosk/3").view == View::not_found);
    CHECK(parse_route("#/login?next=%2Fkiosk").next.empty());
}
