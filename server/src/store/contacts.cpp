#include "store/contacts.hpp"

#include <cassert>
#include <map>
#include <set>

#include "tumen/email_phone.hpp"
#include "tumen/text_fold.hpp"

namespace tumen::store {

namespace {

constexpr const char* contacts_writable_columns[] = {
    "is_company", "parent_id", "name", "name_fold", "email", "email_norm", "phone", "phone_norm", "mobile",
    "website", "street", "city", "state", "zip", "country", "lang", "function", "user_id", "comment", "opt_out",
    "blacklisted", "active", "create_date", "write_date"};

int bind_contact(Statement& s, const Contact& x) {
    int i = 1;
    s.bind(i++, x.is_company);
    s.bind(i++, x.parent_id);
    s.bind(i++, x.name);
    s.bind(i++, text::fold_key(x.name));
    s.bind(i++, x.email);
    s.bind(i++, normalize_email(x.email));
    s.bind(i++, x.phone);
    s.bind(i++, normalize_phone(x.phone.empty() ? x.mobile : x.phone));
    s.bind(i++, x.mobile);
    s.bind(i++, x.website);
    s.bind(i++, x.address.street);
    s.bind(i++, x.address.city);
    s.bind(i++, x.address.state);
    s.bind(i++, x.address.zip);
    s.bind(i++, x.address.country);
    s.bind(i++, x.lang);
    s.bind(i++, x.function);
    s.bind(i++, x.user_id);
    s.bind(i++, x.comment);
    s.bind(i++, x.opt_out);
    s.bind(i++, x.blacklisted);
    s.bind(i++, x.active);
    s.bind(i++, x.create_date);
    s.bind(i++, x.write_date);
    return i;
}

const std::string& contacts_insert_sql() {
    static const std::string sql = [] {
        std::string cols, marks;
        for (const char* col : contacts_writable_columns) {
            cols += std::string(col) + ", ";
            marks += "?, ";
        }
        return "INSERT INTO contacts (" + cols + "version) VALUES (" + marks + "1)";
    }();
    return sql;
}

const std::string& contacts_update_sql() {
    static const std::string sql = [] {
        std::string sets;
        for (const char* col : contacts_writable_columns) sets += std::string(col) + " = ?, ";
        return "UPDATE contacts SET " + sets + "version = version + 1 WHERE id = ? AND version = ?";
    }();
    return sql;
}

// A phone as written, as digits, and as its last 8 digits (the Mongolian national number), so "99112233",
// "+976 9911-2233" and "97699112233" all find "+976 9911-2233".
std::string phone_terms(const std::string& phone) {
    if (phone.empty()) return {};
    std::string digits = normalize_phone(phone);
    if (!digits.empty() && digits.front() == '+') digits.erase(0, 1);
    std::string out = phone + " " + digits;
    if (digits.size() > 8) out += " " + digits.substr(digits.size() - 8);
    return out;
}

// The index holds folded text (lower-cased Cyrillic, ё = е), so a folded query matches whatever the case.
void contacts_write_fts(Connection& c, const Contact& x, bool replace) {
    if (replace) c.prepare("DELETE FROM contacts_fts WHERE rowid = ?").bind(1, x.id).run();
    auto s = c.prepare("INSERT INTO contacts_fts(rowid, name, email, phone, city) VALUES (?,?,?,?,?)");
    s.bind(1, x.id).bind(2, text::fold(x.name)).bind(3, text::fold(x.email));
    s.bind(4, phone_terms(x.phone) + " " + phone_terms(x.mobile));
    s.bind(5, text::fold(x.address.city));
    s.run();
}

void write_categories(Connection& c, const Contact& x, bool replace) {
    if (replace) c.prepare("DELETE FROM contact_category_rel WHERE contact_id = ?").bind(1, x.id).run();
    for (int64_t cat : x.category_ids)
        c.prepare("INSERT OR IGNORE INTO contact_category_rel(contact_id, category_id) VALUES (?,?)")
            .bind(1, x.id)
            .bind(2, cat)
            .run();
}

}  // namespace

const std::string& contact_columns_sql() {
    static const std::string sql =
        "c.id, c.is_company, c.parent_id, c.name, c.function, c.email, c.phone, c.mobile, c.website, c.street, c.city,"
        " c.state, c.zip, c.country, c.lang, c.user_id, c.comment, c.opt_out, c.blacklisted, c.active, c.create_date,"
        " c.write_date, c.version";
    return sql;
}

Contact read_contact_row(Statement& s) {
    Contact x;
    int i = 0;
    x.id = s.get_int(i++);
    x.is_company = s.get_int(i++) != 0;
    x.parent_id = s.get_opt_int(i++);
    x.name = s.get_text(i++);
    x.function = s.get_text(i++);
    x.email = s.get_text(i++);
    x.phone = s.get_text(i++);
    x.mobile = s.get_text(i++);
    x.website = s.get_text(i++);
    x.address.street = s.get_text(i++);
    x.address.city = s.get_text(i++);
    x.address.state = s.get_text(i++);
    x.address.zip = s.get_text(i++);
    x.address.country = s.get_text(i++);
    x.lang = s.get_text(i++);
    x.user_id = s.get_opt_int(i++);
    x.comment = s.get_text(i++);
    x.opt_out = s.get_int(i++) != 0;
    x.blacklisted = s.get_int(i++) != 0;
    x.active = s.get_int(i++) != 0;
    x.create_date = s.get_int(i++);
    x.write_date = s.get_int(i++);
    x.version = s.get_int(i++);
    return x;
}

void load_contact_categories(Connection& c, std::vector<Contact>& contacts) {
    if (contacts.empty()) return;
    std::map<int64_t, Contact*> by_id;
    std::string ids;
    for (auto& x : contacts) {
        by_id[x.id] = &x;
        x.category_ids.clear();
        ids += (ids.empty() ? "" : ",") + std::to_string(x.id);  // integers from our own rows, not user text
    }
    auto s = c.prepare_uncached("SELECT contact_id, category_id FROM contact_category_rel WHERE contact_id IN (" + ids +
                                ") ORDER BY category_id");
    while (s.step()) by_id[s.get_int(0)]->category_ids.push_back(s.get_int(1));
}

std::optional<Contact> find_contact(Connection& c, int64_t id) {
    auto s = c.prepare("SELECT " + contact_columns_sql() + " FROM contacts c WHERE c.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    std::vector<Contact> one{read_contact_row(s)};
    load_contact_categories(c, one);
    return std::move(one.front());
}

bool contact_visible(Connection& c, int64_t id, const SqlFragment& scope) {
    auto s = c.prepare_uncached("SELECT 1 FROM contacts c WHERE c.id = ? AND (" + scope.sql + ")");
    s.bind(1, id);
    s.bind_all(scope.params, 2);
    return s.step();
}

bool contact_exists(Connection& c, int64_t id) {
    return c.prepare("SELECT count(*) FROM contacts WHERE id = ?").bind(1, id).scalar_int() > 0;
}

void insert_contact(Connection& c, Contact& x) {
    assert(x.id == 0);
    auto s = c.prepare(contacts_insert_sql());
    bind_contact(s, x);
    s.run();
    x.id = c.last_insert_id();
    x.version = 1;
    write_categories(c, x, false);
    contacts_write_fts(c, x, false);
}

bool update_contact(Connection& c, Contact& x) {
    assert(x.id > 0);
    auto s = c.prepare(contacts_update_sql());
    int next = bind_contact(s, x);
    s.bind(next, x.id).bind(next + 1, x.version);
    s.run();
    if (c.changes() == 0) return false;
    ++x.version;
    write_categories(c, x, true);
    contacts_write_fts(c, x, true);
    return true;
}

void delete_contact(Connection& c, int64_t id) {
    // Detach explicitly (the foreign keys would set null too) so the records that change get a new version.
    c.prepare("UPDATE leads SET partner_id = NULL, version = version + 1 WHERE partner_id = ?").bind(1, id).run();
    c.prepare("UPDATE leads SET partner_assigned_id = NULL, version = version + 1 WHERE partner_assigned_id = ?").bind(1, id).run();
    c.prepare("UPDATE contacts SET parent_id = NULL, version = version + 1 WHERE parent_id = ?").bind(1, id).run();
    c.prepare("DELETE FROM contacts_fts WHERE rowid = ?").bind(1, id).run();
    c.prepare("DELETE FROM messages WHERE res_model = 'contact' AND res_id = ?").bind(1, id).run();
    c.prepare("DELETE FROM contacts WHERE id = ?").bind(1, id).run();
}

bool contact_has_ancestor(Connection& c, int64_t id, int64_t ancestor) {
    std::set<int64_t> seen;  // a cycle already in the data must not hang the walk
    std::optional<int64_t> at = id;
    while (at && seen.insert(*at).second) {
        if (*at == ancestor) return true;
        auto s = c.prepare("SELECT parent_id FROM contacts WHERE id = ?");
        s.bind(1, *at);
        at = s.step() ? s.get_opt_int(0) : std::nullopt;
    }
    return false;
}

std::vector<int64_t> missing_contact_categories(Connection& c, const std::vector<int64_t>& ids) {
    std::vector<int64_t> out;
    for (int64_t id : ids)
        if (c.prepare("SELECT count(*) FROM contact_categories WHERE id = ?").bind(1, id).scalar_int() == 0)
            out.push_back(id);
    return out;
}

ContactLeadCounts contact_lead_counts(Connection& c, int64_t id, const SqlFragment& lead_rule) {
    // The contact and everything under it (recursive: a holding's companies and their people).
    auto s = c.prepare_uncached(
        "WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT k.id FROM contacts k JOIN tree ON k.parent_id = tree.id)"
        " SELECT coalesce(sum(l.type = 'lead'), 0), coalesce(sum(l.type = 'opportunity'), 0) FROM leads l"
        " WHERE l.active = 1 AND l.partner_id IN (SELECT id FROM tree) AND (" +
        lead_rule.sql + ")");
    s.bind(1, id);
    s.bind_all(lead_rule.params, 2);
    ContactLeadCounts out;
    if (s.step()) {
        out.leads = s.get_int(0);
        out.opportunities = s.get_int(1);
    }
    return out;
}

}  // namespace tumen::store
