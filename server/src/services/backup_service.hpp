// Online backups: a consistent copy of the live database (store::Database::backup_to, VACUUM INTO, which reads
// one snapshot while writers go on) in <data_dir>/backups/tumen-<UTC timestamp>.db, listed and downloadable by
// name. The command line (tumen-server --backup FILE) uses backup_database directly.
#pragma once
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

struct BackupFile {
    std::string name;  // "tumen-20261127T133000Z.db"
    int64_t size = 0;
    int64_t created_at = 0;
};
void to_json(nlohmann::json& j, const BackupFile& b);

// Copies `db` to `target` (which must not exist) and checks the copy opens and passes `PRAGMA quick_check`.
Result<BackupFile> backup_database(store::Database& db, const std::string& target);

class BackupService {
public:
    BackupService(store::Database& db, std::string data_dir);

    Result<BackupFile> create();
    std::vector<BackupFile> list() const;  // newest first
    // The file of a backup by its name; 404 for anything that is not one of ours (no paths, no other files).
    Result<std::string> path_of(const std::string& name) const;
    std::string folder() const { return dir_; }

private:
    store::Database& db_;
    std::string dir_;
    std::mutex mutex_;  // one backup at a time
};

}  // namespace tumen::server
