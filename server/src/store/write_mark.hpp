// Whether anything was written to the database between two points, as seen from the writer connection: the rows
// it changed. Every write of the server goes through Database::write's one connection (rows changed by triggers
// count too). Not counted: commits of other processes; the server is the only one that writes leads (the command
// line's --backup reads, --reset-password writes users).
// The predictive rebuild reads a batch ahead on a second thread and writes it only if nothing but its own
// batches was written meanwhile (services/predictive_service.cpp).
#pragma once
#include <cstdint>

#include "store/sqlite.hpp"

namespace tumen::store {

struct WriteMark {
    int64_t rows_changed = 0;
    bool operator==(const WriteMark&) const = default;
};

// Take it on the writer, inside write(): at the end of one's own transaction, and again at the start of the next.
WriteMark write_mark(Connection& c);

}  // namespace tumen::store
