// Users and login sessions in SQLite.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace tumen::store {

struct UserRow {
    int64_t id = 0;
    std::string login, name, email, role;
    std::string lang = "en";
    std::string tz = "Asia/Ulaanbaatar";
    std::string password_hash;
    bool active = true;
};

struct SessionRow {
    int64_t id = 0;
    int64_t user_id = 0;
    std::string csrf_token;
    int64_t created_at = 0, last_seen_at = 0, expires_at = 0;
    std::string client_addr, user_agent;
};

std::optional<UserRow> find_user_by_login(Connection& c, const std::string& login);
std::optional<UserRow> find_user(Connection& c, int64_t id);
int64_t count_users(Connection& c);
int64_t insert_user(Connection& c, const UserRow& u);
void set_user_password(Connection& c, int64_t user_id, const std::string& password_hash);

int64_t insert_session(Connection& c, const std::string& token_hash, const SessionRow& s);
std::optional<SessionRow> find_session(Connection& c, const std::string& token_hash);
void touch_session(Connection& c, int64_t session_id, int64_t now);
void delete_session(Connection& c, int64_t session_id);
void delete_user_sessions(Connection& c, int64_t user_id);

}  // namespace tumen::store
