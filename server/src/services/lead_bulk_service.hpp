// The list view's mass actions on many leads at once: assign, add a tag, move to a stage, mark lost, archive,
// restore, delete. Each lead goes through the same shared rule as the single-lead endpoint and gets its tracked
// changes and change event; the whole batch is one transaction, and nothing is written when one lead fails.
#pragma once
#include <nlohmann/json.hpp>
#include <vector>

#include "caller.hpp"
#include "services/lead_service.hpp"
#include "store/database.hpp"

namespace tumen::server {

struct BulkResult {
    std::vector<int64_t> ids;  // the leads that changed (a lead already in the wanted state is left as is)
};

// Why one lead of the batch cannot take the action.
struct BulkFailure {
    int64_t id = 0;
    Error error;
};

class LeadBulkService {
public:
    LeadBulkService(store::Database& db, LeadService& leads) : db_(db), leads_(leads) {}

    // body {"ids", "action", ...} (contract item 5). On a lead that cannot take the action: 422 field "ids",
    // and `failures` lists each such lead.
    Result<BulkResult> run(const Caller& caller, const nlohmann::json& body, std::vector<BulkFailure>& failures);

private:
    store::Database& db_;
    LeadService& leads_;
};

}  // namespace tumen::server
