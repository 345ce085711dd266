#include "services/backup_service.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "services/auth_service.hpp"
#include "store/sqlite.hpp"
#include "tumen/datetime.hpp"

namespace tumen::server {

namespace fs = std::filesystem;

namespace {

// tumen-YYYYMMDDTHHMMSSZ.db, or with -2, -3 ... when two backups fall in the same second.
bool is_backup_name(const std::string& name) {
    static const std::regex pattern(R"(tumen-\d{8}T\d{6}Z(-\d{1,4})?\.db)");
    return std::regex_match(name, pattern);
}

std::string compact_timestamp(int64_t t) {
    std::string iso = format_timestamp(t);  // 2026-11-27T13:30:00Z
    std::string out;
    for (char c : iso)
        if (c != '-' && c != ':') out += c;
    return out;  // 20261127T133000Z
}

}  // namespace

void to_json(nlohmann::json& j, const BackupFile& b) {
    j = {{"name", b.name}, {"size", b.size}, {"created_at", format_timestamp(b.created_at)}};
}

Result<BackupFile> backup_database(store::Database& db, const std::string& target) {
    std::error_code ec;
    if (fs::exists(target, ec))
        return Error::make(ErrorCode::conflict, "The backup file " + target + " already exists; choose another name");
    if (auto parent = fs::path(target).parent_path(); !parent.empty()) fs::create_directories(parent, ec);
    try {
        db.backup_to(target);
        // The copy must be a database that opens and is whole, or it is no backup.
        store::Connection check(target, true);
        auto s = check.prepare_uncached("PRAGMA quick_check");
        const std::string verdict = s.step() ? s.get_text(0) : "no answer";
        if (verdict != "ok") throw store::SqlError(SQLITE_CORRUPT, "quick_check of the copy: " + verdict);
    } catch (const std::exception& e) {
        fs::remove(target, ec);
        return Error::make(ErrorCode::internal, std::string("The backup failed: ") + e.what());
    }
    BackupFile b;
    b.name = fs::path(target).filename().string();
    b.size = static_cast<int64_t>(fs::file_size(target, ec));
    b.created_at = unix_now();
    return b;
}

BackupService::BackupService(store::Database& db, std::string data_dir)
    : db_(db), dir_((fs::path(data_dir) / "backups").string()) {}

Result<BackupFile> BackupService::create() {
    std::lock_guard lock(mutex_);
    std::error_code ec;
    fs::create_directories(dir_, ec);
    const std::string stamp = compact_timestamp(unix_now());
    std::string name = "tumen-" + stamp + ".db";
    for (int n = 2; fs::exists(fs::path(dir_) / name, ec) && n < 10000; ++n) name = "tumen-" + stamp + "-" + std::to_string(n) + ".db";
    return backup_database(db_, (fs::path(dir_) / name).string());
}

std::vector<BackupFile> BackupService::list() const {
    std::vector<BackupFile> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_, ec)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file(ec) || !is_backup_name(name)) continue;
        BackupFile b;
        b.name = name;
        b.size = static_cast<int64_t>(entry.file_size(ec));
        const auto ftime = entry.last_write_time(ec);
        b.created_at = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::file_clock::to_sys(ftime).time_since_epoch())
                           .count();
        out.push_back(std::move(b));
    }
    std::sort(out.begin(), out.end(), [](const BackupFile& a, const BackupFile& b) {
        return a.created_at != b.created_at ? a.created_at > b.created_at : a.name.size() != b.name.size() ? a.name.size() > b.name.size() : a.name > b.name;
    });
    return out;
}

Result<std::string> BackupService::path_of(const std::string& name) const {
    std::error_code ec;
    const fs::path path = fs::path(dir_) / name;
    if (!is_backup_name(name) || !fs::is_regular_file(path, ec))
        return Error::make(ErrorCode::not_found, "No backup named " + name);
    return path.string();
}

}  // namespace tumen::server
