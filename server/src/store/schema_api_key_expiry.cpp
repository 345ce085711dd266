// Migration: API keys may expire (an integration's key for a contractor, a trial): Unix seconds UTC, NULL = never.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view api_key_expiry = R"SQL(
ALTER TABLE api_keys ADD COLUMN expires_at INTEGER;
)SQL";

}  // namespace tumen::store::migration
