#include <doctest/doctest.h>

#include "tumen/mail_message_id.hpp"

using namespace tumen;

TEST_CASE("our Message-IDs name the record and read back") {
    const auto id = make_message_id("lead", 42, 7, "3f9a0c1d", "crm.example.mn");
    CHECK(id == "<tumen-lead-42-m7.3f9a0c1d@crm.example.mn>");
    auto ref = parse_our_message_id(id);
    REQUIRE(ref);
    CHECK(ref->res_model == "lead");
    CHECK(ref->res_id == 42);
    CHECK(ref->mail_id == 7);
    // Without brackets and with surrounding space, as some clients quote it.
    CHECK(parse_our_message_id(" tumen-lead-42-m7.3f9a0c1d@crm.example.mn ") == ref);
    CHECK(make_message_id("contact", 1, 0, "ab", "") == "<tumen-contact-1-m0.ab@localhost>");
}

TEST_CASE("other ids and malformed ones are not ours") {
    CHECK_FALSE(parse_our_message_id("<CAF=abc@mail.gmail.com>"));
    CHECK_FALSE(parse_our_message_id("<tumen-lead-x-m7.ab@h>"));
    CHECK_FALSE(parse_our_message_id("<tumen-lead-0-m7.ab@h>"));
    CHECK_FALSE(parse_our_message_id("<tumen-lead-42-m7.zz@h>"));
    CHECK_FALSE(parse_our_message_id("<tumen-lead-42-m7.ab@>"));
    CHECK_FALSE(parse_our_message_id("<tumen-Lead-42-m7.ab@h>"));
    CHECK_FALSE(parse_our_message_id("<tumen-lead-42.ab@h>"));
    CHECK_FALSE(parse_our_message_id("<tumen-lead-99999999999999999999-m1.ab@h>"));
    CHECK_FALSE(parse_our_message_id(""));
}

TEST_CASE("References headers split into bracketed ids") {
    auto ids = split_message_ids("<a@x>\r\n <b@y> (comment) <a@x>\t<tumen-lead-1-m2.ff@h>");
    REQUIRE(ids.size() == 3);
    CHECK(ids[0] == "<a@x>");
    CHECK(ids[1] == "<b@y>");
    CHECK(ids[2] == "<tumen-lead-1-m2.ff@h>");
    // A broken client's bare id.
    auto bare = split_message_ids(" a@x  b@y ");
    REQUIRE(bare.size() == 2);
    CHECK(bare[1] == "<b@y>");
    CHECK(split_message_ids("").empty());
    CHECK(split_message_ids("<>").empty());
    CHECK(normalize_message_id(" x@y ") == "<x@y>");
    CHECK(normalize_message_id("<x@y>") == "<x@y>");
    CHECK(normalize_message_id("<>").empty());
}
