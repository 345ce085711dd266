// Files attached to leads and contacts. Content is stored once per SHA-256 in
// <data_dir>/attachments/<first 2 hex digits>/<sha256> (written to a temporary name, then renamed), the row
// says which record it belongs to. The type is sniffed from the bytes, the name sanitised, the size capped.
// Only records the caller can see (store record rules) have attachments for them: others answer 404.
#pragma once
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "caller.hpp"
#include "store/attachments.hpp"
#include "store/database.hpp"
#include "tumen/error.hpp"

namespace tumen::store {
void to_json(nlohmann::json& j, const AttachmentRecord& a);  // the Attachment schema
}  // namespace tumen::store

namespace tumen::server {

class AttachmentService {
public:
    AttachmentService(store::Database& db, std::string data_dir, std::size_t max_bytes);

    Result<store::AttachmentRecord> add(const Caller& caller, const std::string& res_model, int64_t res_id,
                                        std::string_view file_name, std::string_view content);
    Result<std::vector<store::AttachmentRecord>> list(const Caller& caller, const std::string& res_model, int64_t res_id);

    struct Download {
        store::AttachmentRecord record;
        std::string path;  // the stored file
    };
    Result<Download> open(const Caller& caller, int64_t id);
    // The uploader or an internal user who can see the record. The file goes when its last row does.
    Result<bool> remove(const Caller& caller, int64_t id);

    // Removes the attachments of deleted leads and contacts, and stored files no row names any more (a crash
    // between writing a file and committing its row). Runs at start-up; call it after deleting records.
    // Returns the number of files removed.
    int purge_orphans();
    // Removes the stored files of these hashes that no attachment row names any more. Called after the commit
    // that deleted a record's rows (a failed transaction must not lose a file).
    void release_files(const std::vector<std::string>& sha256s);

    // For writers that insert the attachment row in their own transaction (inbound mail): stores the content
    // (once per hash) and returns the row to insert, res_model/res_id left for the caller. After the commit,
    // keep_file() writes the file again if a concurrent release_files() removed it in between.
    store::AttachmentRecord prepare_file(std::string_view file_name, std::string_view content, int64_t now);
    void keep_file(const std::string& sha256, std::string_view content);

    std::string path_of(const std::string& sha256) const;
    std::size_t max_bytes() const { return max_bytes_; }

private:
    bool record_visible(store::Connection& c, const Caller& caller, const std::string& res_model, int64_t res_id) const;
    store::Database& db_;
    std::string root_;
    std::size_t max_bytes_;
    std::mutex files_;  // one writer of the files at a time, so a delete never removes a file being re-added
};

// Lower-case hex SHA-256 of `data` (libsodium).
std::string sha256_hex(std::string_view data);

}  // namespace tumen::server
