// The server tests' entry point. Password hashes use libsodium's minimum Argon2id cost here (services/
// password_cost.hpp): the tests sign in hundreds of times, and the cost is a setting, not what they test.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "services/password_cost.hpp"

int main(int argc, char** argv) {
    tumen::server::set_password_hash_cost(tumen::server::PasswordHashCost::minimum_for_tests);
    doctest::Context context(argc, argv);
    return context.run();
}
