// Settings lists — lost reasons, tags, contact categories, UTM sources/mediums/campaigns, currencies — as one use-case class
// over a description of each kind. Reading is open to every user, changing them to sales managers (the endpoint
// table says so); every write is validated by the shared codec, checked for a duplicate name (case-insensitive,
// Cyrillic included) and logged in the change log within its transaction.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "caller.hpp"
#include "store/database.hpp"
#include "store/reference_tables.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

struct ReferenceKind {
    const store::RefTable& table;
    std::string label;  // "tag", "lost reason" ... for messages
    // Applies a client patch to a row (null = a new record) through the shared codec; the row becomes the
    // record's JSON when there was no error.
    std::function<FieldErrors(nlohmann::json& row, const nlohmann::json& patch)> patch;
    // Checks that need the database (references, hierarchy); null = none.
    std::function<void(store::Connection&, const nlohmann::json& row, FieldErrors&)> check;
    // Lost reasons and UTM records that leads refer to are archived, not deleted, so reports keep them.
    bool refuse_delete_when_used = false;
};

const ReferenceKind& lost_reason_kind();
const ReferenceKind& tag_kind();
const ReferenceKind& contact_category_kind();
const ReferenceKind& utm_source_kind();
const ReferenceKind& utm_medium_kind();
const ReferenceKind& utm_campaign_kind();
const ReferenceKind& currency_kind();

class ReferenceService {
public:
    explicit ReferenceService(store::Database& db) : db_(db) {}

    Result<nlohmann::json> list(const ReferenceKind& kind, const std::string& active);  // {"items": [...]}
    Result<nlohmann::json> get(const ReferenceKind& kind, int64_t id);
    Result<nlohmann::json> create(const Caller& caller, const ReferenceKind& kind, const nlohmann::json& body);
    // `patch` carries the version read; a stale one is 409 with the current record.
    Result<nlohmann::json> update(const Caller& caller, const ReferenceKind& kind, int64_t id, const nlohmann::json& patch);
    Result<bool> remove(const Caller& caller, const ReferenceKind& kind, int64_t id);

    // The currency the rates are in: {"currency": "MNT"}. Changing it keeps the rates as typed (they are then read
    // in the new currency); a currency that has a rate row cannot become the company currency.
    nlohmann::json company_currency();
    Result<nlohmann::json> set_company_currency(const Caller& caller, const nlohmann::json& body);
    // {"company", "rates"} of the active currencies (tumen/currency_rates.hpp).
    nlohmann::json rate_table();

private:
    std::optional<Error> check(store::Connection& c, const ReferenceKind& kind, const nlohmann::json& row, int64_t id);
    store::Database& db_;
};

}  // namespace tumen::server
