// The Argon2id cost of new password hashes (AuthService::hash_password). The server always uses libsodium's
// "interactive" cost; the server test binary lowers it to the minimum so that its hundreds of sign-ins and new
// users cost microseconds instead of ~0.1 s each. A hash carries its own cost, so verifying needs no setting.
#pragma once

namespace tumen::server {

enum class PasswordHashCost { interactive, minimum_for_tests };

void set_password_hash_cost(PasswordHashCost cost);
PasswordHashCost password_hash_cost();

}  // namespace tumen::server
