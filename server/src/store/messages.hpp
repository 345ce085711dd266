// Chatter messages (notes, tracked changes, e-mails, ...) of any record.
#pragma once
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/chatter.hpp"

namespace tumen::store {

void insert_message(Connection& c, ChatterMessage& m);  // sets m.id
// Newest first; `before_id` > 0 pages back from that message.
std::vector<ChatterMessage> list_messages(Connection& c, const std::string& res_model, int64_t res_id, int limit,
                                          int64_t before_id);
// Moves every message of one record to another (merge).
void move_messages(Connection& c, const std::string& res_model, int64_t from_id, int64_t to_id);

}  // namespace tumen::store
