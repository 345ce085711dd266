#include "store/lead_candidates.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "store/contacts.hpp"
#include "store/leads.hpp"
#include "tumen/email_phone.hpp"
#include "tumen/lead_duplicates.hpp"
#include "tumen/text_fold.hpp"

namespace tumen::store {

namespace {

// A word worth a full-text term: it has a letter or digit (ASCII, or any multi-byte UTF-8 character).
bool has_word_char(const std::string& w) {
    return std::any_of(w.begin(), w.end(), [](char ch) {
        const auto u = static_cast<unsigned char>(ch);
        return u >= 0x80 || std::isalnum(u);
    });
}

// `column : "w1"* AND column : "w2"* ...` over already folded words; '' when there is no word. Words are quoted,
// so no user text becomes FTS syntax.
std::string column_match(const std::string& column, const std::string& folded) {
    std::string out, word;
    auto flush = [&] {
        if (!word.empty() && has_word_char(word)) {
            std::string quoted;
            for (char ch : word) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
            out += (out.empty() ? "" : " AND ") + column + " : \"" + quoted + "\"*";
        }
        word.clear();
    };
    for (char ch : folded) {
        if (ch == ' ') flush();
        else word += ch;
    }
    flush();
    return out;
}

// Runs `SELECT <id> ... LIMIT n` and adds the ids found. Full-text subqueries are bounded too (a common word
// such as "монгол" must not read 100,000 rows: a rule with that many hits is discarded anyway). A full-text expression SQLite still refuses is
// skipped: a missing candidate list is better than a failed request.
void collect(Connection& c, const std::string& sql, const std::vector<SqlValue>& params, std::vector<int64_t>& ids,
             std::set<int64_t>& seen) {
    try {
        auto s = c.prepare_uncached(sql);
        s.bind_all(params);
        while (s.step())
            if (seen.insert(s.get_int(0)).second) ids.push_back(s.get_int(0));
    } catch (const SqlError&) {
        if (sql.find("MATCH") == std::string::npos) throw;
    }
}

std::vector<Contact> load_contacts(Connection& c, const std::vector<int64_t>& ids) {
    std::vector<Contact> out;
    for (int64_t id : ids)
        if (auto x = find_contact(c, id)) out.push_back(std::move(*x));
    return out;
}

}  // namespace

std::vector<Lead> duplicate_candidates(Connection& c, const Lead& lead, const SqlFragment& rule) {
    std::vector<int64_t> ids;
    std::set<int64_t> seen{lead.id};
    const std::string limit = " LIMIT " + std::to_string(candidates_per_rule);
    auto query = [&](const std::string& condition, std::vector<SqlValue> params) {
        std::vector<SqlValue> all = std::move(params);
        all.push_back(lead.id);
        all.insert(all.end(), rule.params.begin(), rule.params.end());
        collect(c, "SELECT l.id FROM leads l WHERE (" + condition + ") AND l.id <> ? AND (" + rule.sql + ") ORDER BY l.id" + limit,
                all, ids, seen);
    };
    for (const auto& email : split_emails(lead.email))
        query("l.email_norm <> '' AND l.email_norm = ?", {normalize_email(email)});  // the partial index leads_email
    if (const auto domain = email_domain(lead.email); !domain.empty() && !is_free_mail(domain))
        // The same expression as the index leads_email_domain (migration lead_limits), so SQLite uses it.
        query("l.email_is_corporate = 1 AND substr(l.email_norm, instr(l.email_norm, '@') + 1) = ?", {domain});
    if (lead.partner_id) {
        // The partner's company and everyone under it ("child_of" the commercial partner).
        int64_t company = *lead.partner_id;
        if (auto p = find_contact(c, *lead.partner_id); p) company = commercial_id(*p);
        query("l.partner_id IN (SELECT id FROM contacts WHERE id = ? OR parent_id = ? OR id = ?)",
              {company, company, *lead.partner_id});
    }
    for (const auto* phone : {&lead.phone, &lead.mobile})
        if (const auto norm = normalize_phone(*phone); !norm.empty()) query("l.phone_norm <> '' AND l.phone_norm = ?", {norm});
    if (auto m = column_match("partner_name", company_key(lead.partner_name)); !m.empty())
        query("l.id IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ? LIMIT 1000)", {m});
    if (auto m = column_match("contact_name", text::fold_key(lead.contact_name)); !m.empty())
        query("l.id IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ? LIMIT 1000)", {m});
    return find_leads(c, ids);
}

std::vector<Contact> contact_candidates(Connection& c, const Lead& lead, const std::vector<int64_t>& also_ids,
                                        const SqlFragment& rule) {
    std::vector<int64_t> ids;
    std::set<int64_t> seen;
    const std::string limit = " LIMIT " + std::to_string(candidates_per_rule);
    auto query = [&](const std::string& condition, std::vector<SqlValue> params) {
        std::vector<SqlValue> all = std::move(params);
        all.insert(all.end(), rule.params.begin(), rule.params.end());
        // Lowest ids first: the matching rules prefer the oldest contact.
        collect(c, "SELECT c.id FROM contacts c WHERE (" + condition + ") AND (" + rule.sql + ") ORDER BY c.id" + limit,
                all, ids, seen);
    };
    if (lead.partner_id) query("c.id = ?", {*lead.partner_id});
    for (int64_t id : also_ids) query("c.id = ?", {id});
    if (const auto email = normalize_email(lead.email); !email.empty()) query("c.email_norm <> '' AND c.email_norm = ?", {email});
    for (const auto* name : {&lead.partner_name, &lead.contact_name, &lead.name}) {
        const auto key = text::fold_key(*name);
        if (key.empty()) continue;
        query("c.name_fold = ?", {key});
        if (auto m = column_match("name", key); !m.empty())
            query("c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ? LIMIT 1000)", {m});
    }
    return contacts_with_parents(c, ids);
}

std::vector<Contact> contacts_with_parents(Connection& c, const std::vector<int64_t>& ids) {
    std::vector<Contact> out = load_contacts(c, ids);
    std::set<int64_t> have;
    for (const auto& x : out) have.insert(x.id);
    std::vector<int64_t> parents;
    for (const auto& x : out)
        if (x.parent_id && have.insert(*x.parent_id).second) parents.push_back(*x.parent_id);
    for (auto& p : load_contacts(c, parents)) out.push_back(std::move(p));
    return out;
}

}  // namespace tumen::store
