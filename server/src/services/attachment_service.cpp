#include "services/attachment_service.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "services/auth_service.hpp"
#include "store/change_log.hpp"
#include "store/contact_rules.hpp"
#include "store/contacts.hpp"
#include "store/leads.hpp"
#include "store/record_rules.hpp"
#include "tumen/file_type.hpp"

namespace tumen::store {

void to_json(nlohmann::json& j, const AttachmentRecord& a) {
    j = {{"id", a.id},
         {"res_model", a.res_model},
         {"res_id", a.res_id},
         {"name", a.name},
         {"mimetype", a.mimetype},
         {"size", a.size},
         {"sha256", a.sha256},
         {"created_by", a.created_by ? nlohmann::json(*a.created_by) : nlohmann::json()},
         {"create_date", format_timestamp(a.create_date)}};
}

}  // namespace tumen::store

namespace tumen::server {

namespace fs = std::filesystem;

namespace {

Error attachment_not_found(int64_t id) { return Error::make(ErrorCode::not_found, "No attachment with id " + std::to_string(id)); }

Error record_missing(const std::string& model, int64_t id) {
    return Error::make(ErrorCode::not_found, "No " + model + " with id " + std::to_string(id));
}

bool attachment_internal(const Caller& c) {
    return c.role == "admin" || c.role == "manager" || c.role == "sales_all" || c.role == "sales_own";
}

// Writes next to the target and renames, so a reader never sees half a file.
void write_file_atomically(const fs::path& target, std::string_view content) {
    fs::create_directories(target.parent_path());
    std::random_device rd;
    const fs::path tmp = target.parent_path() / (".tmp-" + std::to_string(rd()) + std::to_string(rd()));
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            std::error_code ec;
            fs::remove(tmp, ec);
            throw std::runtime_error("cannot write attachment file " + tmp.string());
        }
    }
    fs::rename(tmp, target);
}

void log_attachment(store::Connection& c, const Caller& caller, const store::AttachmentRecord& a, const std::string& action) {
    store::ChangeEvent e;
    e.at = unix_now();
    e.entity = a.res_model;
    e.entity_id = a.res_id;
    e.action = action;
    if (caller.user_id) e.user_id = caller.user_id;
    e.payload = {{"attachment_id", a.id}, {"name", a.name}, {"by", caller.user_id}};
    store::append_change(c, e);
}

}  // namespace

std::string sha256_hex(std::string_view data) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned char b : digest) {
        out += hex[b >> 4];
        out += hex[b & 15];
    }
    return out;
}

AttachmentService::AttachmentService(store::Database& db, std::string data_dir, std::size_t max_bytes)
    : db_(db), root_((fs::path(data_dir) / "attachments").string()), max_bytes_(max_bytes) {}

std::string AttachmentService::path_of(const std::string& sha256) const {
    return (fs::path(root_) / sha256.substr(0, 2) / sha256).string();
}

bool AttachmentService::record_visible(store::Connection& c, const Caller& caller, const std::string& res_model,
                                       int64_t res_id) const {
    if (res_model == "lead") return store::lead_visible(c, res_id, store::lead_rule_sql(caller));
    if (res_model == "contact") return store::contact_visible(c, res_id, store::contact_rule_sql(caller));
    return false;
}

Result<store::AttachmentRecord> AttachmentService::add(const Caller& caller, const std::string& res_model, int64_t res_id,
                                                       std::string_view file_name, std::string_view content) {
    if (!record_visible(db_.reader(), caller, res_model, res_id)) return record_missing(res_model, res_id);
    if (content.size() > max_bytes_)
        return Error::make(ErrorCode::payload_too_large, "The file is larger than the limit of " +
                                                             std::to_string(max_bytes_ >> 20) + " MiB", "file");
    if (content.empty()) {
        FieldErrors fe;
        fe.add("file", "is empty", "error.required");
        return fe.to_error();
    }
    store::AttachmentRecord a;
    a.res_model = res_model;
    a.res_id = res_id;
    a.name = files::sanitize_file_name(file_name);
    a.mimetype = files::sniff_mime_type(content, a.name);
    a.size = static_cast<int64_t>(content.size());
    a.sha256 = sha256_hex(content);
    if (caller.user_id) a.created_by = caller.user_id;
    a.create_date = unix_now();

    std::lock_guard lock(files_);
    const fs::path path = path_of(a.sha256);
    std::error_code ec;
    const bool had_file = fs::exists(path, ec);
    if (!had_file) write_file_atomically(path, content);  // same hash, same bytes: one copy serves every row
    auto result = db_.write([&](store::Connection& c) -> Result<store::AttachmentRecord> {
        if (!record_visible(c, caller, res_model, res_id)) return record_missing(res_model, res_id);
        store::insert_attachment(c, a);
        log_attachment(c, caller, a, "attachment_added");
        return a;
    });
    if (!result && !had_file && store::count_attachments_with_hash(db_.reader(), a.sha256) == 0) fs::remove(path, ec);
    return result;
}

store::AttachmentRecord AttachmentService::prepare_file(std::string_view file_name, std::string_view content,
                                                       int64_t now) {
    store::AttachmentRecord a;
    a.name = files::sanitize_file_name(file_name);
    a.mimetype = files::sniff_mime_type(content, a.name);
    a.size = static_cast<int64_t>(content.size());
    a.sha256 = sha256_hex(content);
    a.create_date = now;
    keep_file(a.sha256, content);
    return a;
}

void AttachmentService::keep_file(const std::string& sha256, std::string_view content) {
    std::lock_guard lock(files_);
    const fs::path path = path_of(sha256);
    std::error_code ec;
    if (!fs::exists(path, ec)) write_file_atomically(path, content);
}

Result<std::vector<store::AttachmentRecord>> AttachmentService::list(const Caller& caller, const std::string& res_model,
                                                                     int64_t res_id) {
    auto& c = db_.reader();
    if (!record_visible(c, caller, res_model, res_id)) return record_missing(res_model, res_id);
    return store::list_attachments(c, res_model, res_id);
}

Result<AttachmentService::Download> AttachmentService::open(const Caller& caller, int64_t id) {
    auto& c = db_.reader();
    auto a = store::find_attachment(c, id);
    if (!a || !record_visible(c, caller, a->res_model, a->res_id)) return attachment_not_found(id);
    Download d{*a, path_of(a->sha256)};
    std::error_code ec;
    if (!fs::exists(d.path, ec))
        return Error::make(ErrorCode::internal, "The file of attachment " + std::to_string(id) + " is missing on the server");
    return d;
}

int AttachmentService::purge_orphans() {
    std::lock_guard lock(files_);
    db_.write([](store::Connection& c) { store::delete_orphan_attachments(c); });
    int removed = 0;
    std::error_code ec;
    auto& reader = db_.reader();
    for (const auto& dir : fs::directory_iterator(root_, ec)) {
        if (!dir.is_directory(ec)) continue;
        std::vector<fs::path> unused;
        for (const auto& f : fs::directory_iterator(dir.path(), ec)) {
            const std::string name = f.path().filename().string();
            // Our files are named by their 64-digit hash; ".tmp-*" are uploads that never finished.
            if (name.rfind(".tmp-", 0) == 0 || (name.size() == 64 && store::count_attachments_with_hash(reader, name) == 0))
                unused.push_back(f.path());
        }
        for (const auto& f : unused) removed += fs::remove(f, ec) ? 1 : 0;
    }
    return removed;
}

void AttachmentService::release_files(const std::vector<std::string>& sha256s) {
    if (sha256s.empty()) return;
    std::lock_guard lock(files_);  // an upload of the same bytes either finished its row already or waits
    auto& reader = db_.reader();
    std::error_code ec;
    for (const auto& sha : sha256s)
        if (sha.size() == 64 && store::count_attachments_with_hash(reader, sha) == 0) fs::remove(path_of(sha), ec);
}

Result<bool> AttachmentService::remove(const Caller& caller, int64_t id) {
    std::lock_guard lock(files_);
    std::string orphan;
    auto done = db_.write([&](store::Connection& c) -> Result<bool> {
        auto a = store::find_attachment(c, id);
        if (!a || !record_visible(c, caller, a->res_model, a->res_id)) return attachment_not_found(id);
        if (!attachment_internal(caller) && a->created_by != caller.user_id)
            return Error::make(ErrorCode::forbidden, "Only the uploader or a CRM user can remove this file");
        store::delete_attachment(c, id);
        if (store::count_attachments_with_hash(c, a->sha256) == 0) orphan = a->sha256;
        log_attachment(c, caller, *a, "attachment_removed");
        return true;
    });
    if (done && !orphan.empty()) {
        std::error_code ec;
        fs::remove(path_of(orphan), ec);  // after the commit: a failed delete must not lose the file
    }
    return done;
}

}  // namespace tumen::server
