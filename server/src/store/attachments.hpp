// Attachment rows (the files themselves are the AttachmentService's business): which record a file belongs
// to, its sanitised name, sniffed type, size and content hash.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

struct AttachmentRecord {
    int64_t id = 0;
    std::string res_model;  // "lead" | "contact"
    int64_t res_id = 0;
    std::string name;
    std::string mimetype;
    int64_t size = 0;
    std::string sha256;     // hex, 64 characters
    std::optional<int64_t> created_by;
    int64_t create_date = 0;
};

void insert_attachment(Connection& c, AttachmentRecord& a);  // sets id
std::optional<AttachmentRecord> find_attachment(Connection& c, int64_t id);
std::vector<AttachmentRecord> list_attachments(Connection& c, const std::string& res_model, int64_t res_id);
void delete_attachment(Connection& c, int64_t id);
int64_t count_attachments_with_hash(Connection& c, const std::string& sha256);
// Deletes the rows of one record (being deleted); returns the hashes they named, for removing unused files.
std::vector<std::string> delete_record_attachments(Connection& c, const std::string& res_model, int64_t res_id);
// Re-points every attachment of one record to another (merge).
void move_attachments(Connection& c, const std::string& res_model, int64_t from_id, int64_t to_id);
// Deletes the rows of leads and contacts that no longer exist; returns the hashes those rows named.
std::vector<std::string> delete_orphan_attachments(Connection& c);

}  // namespace tumen::store
