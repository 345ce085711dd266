// The ordered list of schema migrations. Each lives in its own file (schema_*.cpp) as a SQL string;
// migrations.cpp applies them in this order. Append at the end; never edit or reorder a shipped one.
#pragma once
#include <string_view>

namespace tumen::store::migration {
extern const std::string_view users_sessions;
extern const std::string_view crm_core;
extern const std::string_view security;
}  // namespace tumen::store::migration
