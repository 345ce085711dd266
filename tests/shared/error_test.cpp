#include <doctest/doctest.h>

#include "tumen/error.hpp"

using namespace tumen;

TEST_CASE("an error round-trips through its JSON shape") {
    Error e = Error::make(ErrorCode::validation, "title: required", "title");
    e.details.push_back({"title", "required", "error.required"});
    e.position = 7;
    auto j = e.to_json();
    CHECK(j["error"]["code"] == "validation");
    CHECK(j["error"]["field"] == "title");
    auto back = Error::from_json(j);
    REQUIRE(back.has_value());
    CHECK(back->code == ErrorCode::validation);
    CHECK(back->details.size() == 1);
    CHECK(back->position == 7u);
    CHECK(http_status(back->code) == 422);
}

TEST_CASE("an error without a field has field null") {
    auto j = Error::make(ErrorCode::not_found, "no such lead").to_json();
    CHECK(j["error"]["field"].is_null());
    CHECK(http_status(ErrorCode::not_found) == 404);
}

TEST_CASE("FieldErrors becomes a 422 naming the first field") {
    FieldErrors fe;
    CHECK(fe.empty());
    fe.add("email", "is not an e-mail address", "error.email");
    fe.add("probability", "must be between 0 and 100", "error.range");
    auto e = fe.to_error();
    CHECK(e.code == ErrorCode::validation);
    CHECK(e.field == "email");
    CHECK(e.details.size() == 2);
}
