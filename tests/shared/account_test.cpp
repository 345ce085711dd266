#include <doctest/doctest.h>

#include "tumen/account.hpp"
#include "tumen/api.hpp"

using namespace tumen;
using nlohmann::json;

TEST_CASE("passwords: at least 10 characters counted as characters, not the login, at most 1024 bytes") {
    CHECK(account::password_problem("bat", "0123456789") == std::nullopt);
    CHECK(account::password_problem("bat", "012345678")->key == "error.password_too_short");
    // Nine Cyrillic letters are eighteen bytes but nine characters.
    CHECK(account::password_problem("bat", "өөөөүүүүө")->key == "error.password_too_short");
    CHECK(account::password_problem("bat", "Өглөөний-Үүр") == std::nullopt);
    CHECK(account::password_problem("long-login-name", "long-login-name")->key == "error.password_is_login");
    CHECK(account::password_problem("bat", std::string(1025, 'x'))->key == "error.password_too_long");
    CHECK(account::password_problem("bat", "0123456789")  == std::nullopt);
}

TEST_CASE("roles, languages, logins and time zones") {
    CHECK(account::is_role("sales_own"));
    CHECK_FALSE(account::is_role("kiosk"));
    CHECK_FALSE(account::is_role("Admin"));
    CHECK(account::is_language("mn"));
    CHECK_FALSE(account::is_language("ru"));
    CHECK(account::is_valid_login("бат.өлзий@tumen.mn"));
    CHECK_FALSE(account::is_valid_login(""));
    CHECK_FALSE(account::is_valid_login("two words"));
    CHECK_FALSE(account::is_valid_login(std::string(121, 'a')));
    CHECK_FALSE(account::is_valid_login("\xff\xfe"));
    CHECK(account::is_time_zone_name("Asia/Ulaanbaatar"));
    CHECK(account::is_time_zone_name("America/Argentina/Buenos_Aires"));
    CHECK(account::is_time_zone_name("UTC"));
    CHECK(account::is_time_zone_name("Etc/GMT+8"));
    CHECK_FALSE(account::is_time_zone_name("../etc/passwd"));
    CHECK_FALSE(account::is_time_zone_name("/Asia"));
    CHECK_FALSE(account::is_time_zone_name("Asia Ulaanbaatar"));
}

TEST_CASE("user fields: every bad field is reported once; creating needs login, name, role and password") {
    FieldErrors fe;
    account::check_user_fields(json::object(), true, fe);
    std::vector<std::string> fields;
    for (const auto& e : fe.list()) fields.push_back(e.field);
    CHECK(fields == std::vector<std::string>{"login", "name", "role", "password"});

    FieldErrors ok;
    account::check_user_fields({{"login", "saraa"}, {"name", "Сараа Өнөрбаяр"}, {"role", "sales_all"},
                                {"password", "Сараагийн-нууц"}, {"lang", "mn"}, {"tz", "Asia/Hovd"},
                                {"team_ids", {1, 2}}, {"partner_id", nullptr}, {"email", "saraa@tumen.mn"}},
                               true, ok);
    CHECK(ok.empty());

    FieldErrors bad;
    account::check_user_fields({{"name", ""}, {"role", "root"}, {"lang", 5}, {"active", "yes"}, {"team_ids", {0}},
                                {"partner_id", "x"}, {"email", "no-at-sign"}},
                               false, bad);
    fields.clear();
    for (const auto& e : bad.list()) fields.push_back(e.field);
    CHECK(fields == std::vector<std::string>{"name", "email", "role", "lang", "active", "team_ids", "partner_id"});

    // Updating checks only what is present.
    FieldErrors partial;
    account::check_user_fields({{"lang", "en"}}, false, partial);
    CHECK(partial.empty());
}

TEST_CASE("the contract names every access level, and kiosk endpoints are few and read-only") {
    CHECK(std::string(api::to_string(api::Access::kiosk)) == "kiosk");
    CHECK(std::string(api::to_string(api::Access::session)) == "session");
    for (const auto& e : api::endpoints())
        if (e.access == api::Access::kiosk) CHECK_MESSAGE(e.method == "GET", e.id);
    auto doc = api::openapi_document("test");
    CHECK(doc["paths"]["/api/v1/users"]["get"]["x-access"] == "admin");
    CHECK(doc["paths"]["/api/v1/api-keys"]["post"]["security"].size() == 1);  // session only
}
