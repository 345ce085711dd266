#include "store/write_mark.hpp"

#include <sqlite3.h>

namespace tumen::store {

WriteMark write_mark(Connection& c) { return {sqlite3_total_changes64(c.handle())}; }

}  // namespace tumen::store
