#include "store/attachments.hpp"

namespace tumen::store {

namespace {

constexpr const char* attachments_columns = "id, res_model, res_id, name, mimetype, size, sha256, created_by, create_date";

AttachmentRecord attachments_read_row(Statement& s) {
    AttachmentRecord a;
    a.id = s.get_int(0);
    a.res_model = s.get_text(1);
    a.res_id = s.get_int(2);
    a.name = s.get_text(3);
    a.mimetype = s.get_text(4);
    a.size = s.get_int(5);
    a.sha256 = s.get_text(6);
    a.created_by = s.get_opt_int(7);
    a.create_date = s.get_int(8);
    return a;
}

}  // namespace

void insert_attachment(Connection& c, AttachmentRecord& a) {
    auto s = c.prepare(
        "INSERT INTO attachments(res_model, res_id, name, mimetype, size, sha256, created_by, create_date)"
        " VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, a.res_model).bind(2, a.res_id).bind(3, a.name).bind(4, a.mimetype).bind(5, a.size).bind(6, a.sha256);
    s.bind(7, a.created_by).bind(8, a.create_date);
    s.run();
    a.id = c.last_insert_id();
}

std::optional<AttachmentRecord> find_attachment(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + attachments_columns + " FROM attachments WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return attachments_read_row(s);
}

std::vector<AttachmentRecord> list_attachments(Connection& c, const std::string& res_model, int64_t res_id) {
    auto s = c.prepare(std::string("SELECT ") + attachments_columns +
                       " FROM attachments WHERE res_model = ? AND res_id = ? ORDER BY create_date DESC, id DESC");
    s.bind(1, res_model).bind(2, res_id);
    std::vector<AttachmentRecord> out;
    while (s.step()) out.push_back(attachments_read_row(s));
    return out;
}

void delete_attachment(Connection& c, int64_t id) { c.prepare("DELETE FROM attachments WHERE id = ?").bind(1, id).run(); }

int64_t count_attachments_with_hash(Connection& c, const std::string& sha256) {
    // Files the outbox generated (invitations, quotation PDFs) share the store with attachments.
    return c.prepare("SELECT (SELECT count(*) FROM attachments WHERE sha256 = ?1)"
                     " + (SELECT count(*) FROM mail_outbox_files WHERE sha256 = ?1)")
        .bind(1, sha256)
        .scalar_int();
}

std::vector<std::string> delete_record_attachments(Connection& c, const std::string& res_model, int64_t res_id) {
    auto s = c.prepare("DELETE FROM attachments WHERE res_model = ? AND res_id = ? RETURNING sha256");
    s.bind(1, res_model).bind(2, res_id);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.get_text(0));
    return out;
}

void move_attachments(Connection& c, const std::string& res_model, int64_t from_id, int64_t to_id) {
    c.prepare("UPDATE attachments SET res_id = ? WHERE res_model = ? AND res_id = ?").bind(1, to_id).bind(2, res_model).bind(3, from_id).run();
}

std::vector<std::string> delete_orphan_attachments(Connection& c) {
    auto s = c.prepare(
        "DELETE FROM attachments WHERE (res_model = 'lead' AND res_id NOT IN (SELECT id FROM leads))"
        " OR (res_model = 'contact' AND res_id NOT IN (SELECT id FROM contacts)) RETURNING sha256");
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.get_text(0));
    return out;
}

}  // namespace tumen::store
