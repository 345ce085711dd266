// TOTP: the algorithm against RFC 4226 / RFC 6238 test vectors, base32, the otpauth URI, and the whole second-factor
// flow over HTTP (set-up, sign-in challenge, replay, recovery codes, turning it off).
#include <doctest/doctest.h>

#include "auth_helpers.hpp"
#include "services/totp.hpp"

using namespace tumen::testing;
using namespace tumen::server;
using nlohmann::json;

TEST_CASE("HOTP matches the RFC 4226 appendix D values") {
    const std::string key = "12345678901234567890";
    const char* expected[] = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"};
    for (uint64_t i = 0; i < 10; ++i) CHECK(totp::hotp(key, i) == expected[i]);
}

TEST_CASE("TOTP with HMAC-SHA1 matches the RFC 6238 appendix B values") {
    const std::string key = "12345678901234567890";
    struct Vector {
        int64_t time;
        const char* code;
    };
    for (auto v : {Vector{59, "94287082"}, Vector{1111111109, "07081804"}, Vector{1111111111, "14050471"},
                   Vector{1234567890, "89005924"}, Vector{2000000000, "69279037"}, Vector{20000000000, "65353130"}})
        CHECK_MESSAGE(totp::code_at(key, v.time, 8) == v.code, v.time);
    CHECK(totp::code_at(key, 59) == "287082");  // the 6-digit form is the low digits
}

TEST_CASE("codes are accepted one step either side of now, not further") {
    const std::string key = "12345678901234567890";
    const int64_t now = 1111111111;
    CHECK(totp::matching_step(key, totp::code_at(key, now), now) == totp::step_of(now));
    CHECK(totp::matching_step(key, totp::code_at(key, now - 30), now) == totp::step_of(now) - 1);
    CHECK(totp::matching_step(key, totp::code_at(key, now + 30), now) == totp::step_of(now) + 1);
    CHECK_FALSE(totp::matching_step(key, totp::code_at(key, now + 90), now));
    CHECK_FALSE(totp::matching_step(key, "12345", now));
    CHECK_FALSE(totp::matching_step(key, "abcdef", now));
}

TEST_CASE("base32 follows RFC 4648") {
    CHECK(totp::base32_encode("") == "");
    CHECK(totp::base32_encode("f") == "MY");
    CHECK(totp::base32_encode("fo") == "MZXQ");
    CHECK(totp::base32_encode("foo") == "MZXW6");
    CHECK(totp::base32_encode("foob") == "MZXW6YQ");
    CHECK(totp::base32_encode("fooba") == "MZXW6YTB");
    CHECK(totp::base32_encode("foobar") == "MZXW6YTBOI");
    CHECK(totp::base32_decode("MZXW6YTBOI======") == std::optional<std::string>("foobar"));
    CHECK(totp::base32_decode("mzxw 6ytb-oi") == std::optional<std::string>("foobar"));
    CHECK_FALSE(totp::base32_decode("MZXW1"));  // 1 is not in the alphabet
    std::string secret = totp::new_secret();
    CHECK(secret.size() == 32);
    CHECK(totp::base32_decode(secret)->size() == 20);
}

TEST_CASE("the otpauth URI names the issuer and the account, percent-encoded") {
    auto uri = totp::otpauth_uri("Tumen CRM", "Бат", "JBSWY3DPEHPK3PXP");
    CHECK(uri == "otpauth://totp/Tumen%20CRM:%D0%91%D0%B0%D1%82?secret=JBSWY3DPEHPK3PXP&issuer=Tumen%20CRM"
                 "&algorithm=SHA1&digits=6&period=30");
}

namespace {

std::string key_of(const json& setup) { return *totp::base32_decode(setup["secret"].get<std::string>()); }

// Turns TOTP on for the signed-in user; returns {base32 secret decoded, recovery codes}.
std::pair<std::string, std::vector<std::string>> enrol(SignedIn& u) {
    auto r = u.client->Post("/api/v1/account/totp/setup", "", "application/json");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto setup = body_of(r);
    CHECK(setup["otpauth_uri"].get<std::string>().rfind("otpauth://totp/Tumen%20CRM:", 0) == 0);
    std::string key = key_of(setup);
    CHECK(post_json(*u.client, "/api/v1/account/totp/enable", {{"code", "000000"}})->status == 422);
    r = post_json(*u.client, "/api/v1/account/totp/enable", {{"code", totp::code_at(key, unix_now())}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    return {key, body_of(r)["recovery_codes"].get<std::vector<std::string>>()};
}

httplib::Result second_step(httplib::Client& c, const std::string& challenge, json extra) {
    extra["challenge"] = challenge;
    return post_json(c, "/api/v1/session/totp", extra);
}

std::string challenge_for(httplib::Client& c, const std::string& login) {
    auto r = post_json(c, "/api/v1/session/login", {{"login", login}, {"password", cyrillic_user_password}});
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto j = body_of(r);
    CHECK(j["totp_required"] == true);
    CHECK(j.contains("csrf_token") == false);
    CHECK(r->has_header("Set-Cookie") == false);  // no session before the second factor
    return j["challenge"];
}

}  // namespace

TEST_CASE("with TOTP on, the password alone gives a challenge; the code gives the session, once") {
    TestServer s;
    s.login();
    create_user(s, "altan", "sales_own");
    auto altan = sign_in(s, "altan");
    auto [key, codes] = enrol(altan);
    CHECK(codes.size() == 10);
    CHECK(body_of(altan.client->Get("/api/v1/account"))["totp_enabled"] == true);
    CHECK(body_of(altan.client->Get("/api/v1/account"))["recovery_codes_left"] == 10);
    CHECK(altan.client->Post("/api/v1/account/totp/setup", "", "application/json")->status == 409);

    httplib::Client c("127.0.0.1", s.app->port());
    std::string challenge = challenge_for(c, "altan");
    CHECK(second_step(c, challenge, {{"code", "000000"}})->status == 401);
    CHECK(second_step(c, "forged-challenge", {{"code", totp::code_at(key, unix_now() + 30)}})->status == 401);
    CHECK(second_step(c, challenge, json::object())->status == 422);

    // The set-up used the current step; the next one is still inside the window.
    std::string code = totp::code_at(key, unix_now() + 30);
    auto r = second_step(c, challenge, {{"code", code}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    CHECK(body_of(r)["user"]["login"] == "altan");
    CHECK(r->get_header_value("Set-Cookie").find("tumen_session=") == 0);

    // The challenge is spent, and the same code does not open a second session (replay).
    CHECK(second_step(c, challenge, {{"code", code}})->status == 401);
    std::string again = challenge_for(c, "altan");
    CHECK(second_step(c, again, {{"code", code}})->status == 401);
}

TEST_CASE("recovery codes work once each; an administrator can turn a lost TOTP off") {
    TestServer s;
    s.login();
    auto user = create_user(s, "munkh", "sales_all");
    auto munkh = sign_in(s, "munkh");
    auto [key, codes] = enrol(munkh);
    CHECK(codes[0].size() == 14);  // xxxx-xxxx-xxxx

    httplib::Client c("127.0.0.1", s.app->port());
    auto r = second_step(c, challenge_for(c, "munkh"), {{"recovery_code", codes[3]}});
    CHECK(r->status == 200);
    // Case and dashes do not matter, but a used code is used.
    std::string shouted = codes[3];
    for (auto& ch : shouted) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    CHECK(second_step(c, challenge_for(c, "munkh"), {{"recovery_code", shouted}})->status == 401);
    CHECK(second_step(c, challenge_for(c, "munkh"), {{"recovery_code", codes[4].substr(0, 4) + codes[4].substr(5)}})->status == 200);
    CHECK(body_of(munkh.client->Get("/api/v1/account"))["recovery_codes_left"] == 8);
    auto used = scalar(s, "SELECT count(*) FROM security_events WHERE kind = 'recovery_code_used'");
    CHECK(used == 2);
    // Only hashes are stored.
    CHECK(scalar(s, "SELECT count(*) FROM recovery_codes WHERE code_hash LIKE '%" + codes[5].substr(0, 4) + "%'") == 0);

    // New codes (password required) replace the old ones.
    CHECK(post_json(*munkh.client, "/api/v1/account/totp/recovery-codes", {{"password", "wrong-password"}})->status == 422);
    r = post_json(*munkh.client, "/api/v1/account/totp/recovery-codes", {{"password", cyrillic_user_password}});
    REQUIRE(r->status == 200);
    CHECK(second_step(c, challenge_for(c, "munkh"), {{"recovery_code", codes[6]}})->status == 401);

    // The phone is lost: the administrator turns TOTP off, and the password alone works again.
    CHECK(s.client.Delete(("/api/v1/users/" + std::to_string(user["id"].get<int64_t>()) + "/totp").c_str())->status == 204);
    CHECK(sign_in(s, "munkh").session["user"]["login"] == "munkh");
}

TEST_CASE("turning TOTP off needs the password") {
    TestServer s;
    s.login();
    create_user(s, "saran", "sales_own");
    auto saran = sign_in(s, "saran");
    enrol(saran);
    auto r = post_json(*saran.client, "/api/v1/account/totp/disable", {{"password", "not-my-password"}});
    CHECK(r->status == 422);
    CHECK(body_of(r)["error"]["field"] == "password");
    CHECK(post_json(*saran.client, "/api/v1/account/totp/disable", {{"password", cyrillic_user_password}})->status == 204);
    CHECK(body_of(saran.client->Get("/api/v1/account"))["totp_enabled"] == false);
    CHECK(sign_in(s, "saran").session.contains("csrf_token"));
}

TEST_CASE("challenges expire, and wrong codes lock the account like wrong passwords") {
    TestServer s;
    s.login();
    create_user(s, "dorj", "sales_own");
    auto dorj = sign_in(s, "dorj");
    auto [key, codes] = enrol(dorj);

    httplib::Client c("127.0.0.1", s.app->port());
    std::string challenge = challenge_for(c, "dorj");
    s.app->db().write([](tumen::store::Connection& w) {
        w.prepare_uncached("UPDATE login_challenges SET expires_at = ?").bind(1, unix_now() - 1).run();
    });
    auto r = second_step(c, challenge, {{"code", totp::code_at(key, unix_now() + 30)}});
    CHECK(r->status == 401);
    CHECK(body_of(r)["error"]["message"] == "The sign-in has expired; enter your password again");

    challenge = challenge_for(c, "dorj");
    for (int i = 0; i < 3; ++i) CHECK(second_step(c, challenge, {{"code", "00000" + std::to_string(i)}})->status == 401);
    // Typing the password again does not reset the count that guards the codes.
    challenge = challenge_for(c, "dorj");
    CHECK(second_step(c, challenge, {{"code", "000008"}})->status == 401);
    r = second_step(c, challenge, {{"code", "000009"}});
    CHECK(r->status == 429);
    // Locked: even the right code (and the password) wait.
    CHECK(post_json(c, "/api/v1/session/login", {{"login", "dorj"}, {"password", cyrillic_user_password}})->status == 429);
}
