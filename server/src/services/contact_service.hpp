// Contacts (people and companies): search, CRUD with optimistic versions, the company hierarchy (no contact is
// its own ancestor), categories, chatter with tracked changes, and the counts of a contact's leads and
// opportunities. Record rules: store/contact_rules.hpp for contacts, store/record_rules.hpp for the counts.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>

#include "caller.hpp"
#include "store/contact_queries.hpp"
#include "store/database.hpp"
#include "tumen/chatter.hpp"

namespace tumen::server {

class ContactService {
public:
    explicit ContactService(store::Database& db) : db_(db) {}

    // The contact's JSON plus "lead_count" and "opportunity_count" (active records the caller may see).
    Result<nlohmann::json> get(const Caller& caller, int64_t id);
    Result<Contact> create(const Caller& caller, const nlohmann::json& body);
    Result<Contact> edit(const Caller& caller, int64_t id, const nlohmann::json& patch);  // patch carries "version"
    Result<bool> remove(const Caller& caller, int64_t id);
    Result<store::ContactPage> search(const Caller& caller, store::ContactQuery q, bool with_total);
    // {"lead_count", "opportunity_count"} of one contact (and the contacts under it) for this caller.
    nlohmann::json counts_json(const Caller& caller, int64_t id);

    Result<std::vector<ChatterMessage>> messages(const Caller& caller, int64_t id, int limit, int64_t before_id);
    Result<ChatterMessage> post_note(const Caller& caller, int64_t id, const nlohmann::json& body);

    // Called after a commit that deleted attachment rows, with their hashes (AttachmentService::release_files).
    void set_file_release(std::function<void(const std::vector<std::string>&)> release) { release_files_ = std::move(release); }

private:
    std::function<void(const std::vector<std::string>&)> release_files_;
    std::optional<Error> check_references(store::Connection& c, const Contact& x);
    store::Database& db_;
};

}  // namespace tumen::server
