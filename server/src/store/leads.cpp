#include "store/leads.hpp"

#include <cassert>
#include <map>
#include <optional>

#include "store/predictive.hpp"
#include "store/score_rules.hpp"
#include "tumen/email_phone.hpp"
#include "tumen/text_fold.hpp"

namespace tumen::store {

namespace {

constexpr const char* lead_columns =
    "l.id, l.type, l.name, l.contact_name, l.partner_name, l.partner_id, l.email, l.phone, l.mobile, l.website,"
    " l.street, l.city, l.state, l.zip, l.country, l.lang, l.user_id, l.team_id, l.stage_id, l.priority,"
    " l.expected_revenue, l.currency,"
    // The probabilities live in the narrow lead_probabilities (migration lead_probabilities): a lookup by id, so
    // every `FROM leads l` query (list, board, exports, record rules) reads them without a join of its own.
    " (SELECT lp.probability FROM lead_probabilities lp WHERE lp.lead_id = l.id),"
    " (SELECT lp.automated_probability FROM lead_probabilities lp WHERE lp.lead_id = l.id),"
    " l.probability_manual, l.date_deadline,"
    " l.source_id, l.medium_id, l.campaign_id, l.description, l.create_date, l.write_date, l.date_open,"
    " l.date_conversion, l.date_closed, l.date_last_stage_update, l.lost_reason_id, l.lost_note, l.active, l.version,"
    " l.score, l.score_explanation";

// Binds every writable column in the order used by INSERT and UPDATE below; returns the next index.
int bind_lead(Statement& s, const Lead& l, const LeadText& t) {
    int i = 1;
    s.bind(i++, to_string(l.type));
    s.bind(i++, l.name);
    s.bind(i++, t.name_fold);
    s.bind(i++, l.contact_name);
    s.bind(i++, t.contact_name_fold);
    s.bind(i++, l.partner_name);
    s.bind(i++, t.partner_name_fold);
    s.bind(i++, l.partner_id);
    s.bind(i++, l.email);
    s.bind(i++, t.email_norm);
    s.bind(i++, t.email_is_corporate);
    s.bind(i++, l.phone);
    s.bind(i++, t.phone_norm);
    s.bind(i++, l.mobile);
    s.bind(i++, l.website);
    s.bind(i++, l.address.street);
    s.bind(i++, l.address.city);
    s.bind(i++, l.address.state);
    s.bind(i++, l.address.zip);
    s.bind(i++, l.address.country);
    s.bind(i++, l.lang);
    s.bind(i++, l.user_id);
    s.bind(i++, l.team_id);
    s.bind(i++, l.stage_id);
    s.bind(i++, l.priority);
    s.bind(i++, l.expected_revenue.amount);
    s.bind(i++, l.expected_revenue.currency);
    s.bind(i++, l.probability_manual);
    if (l.date_deadline) s.bind(i++, format_date(*l.date_deadline));
    else s.bind(i++, nullptr);
    s.bind(i++, l.source_id);
    s.bind(i++, l.medium_id);
    s.bind(i++, l.campaign_id);
    s.bind(i++, l.description);
    s.bind(i++, l.create_date);
    s.bind(i++, l.write_date);
    s.bind(i++, l.date_open);
    s.bind(i++, l.date_conversion);
    s.bind(i++, l.date_closed);
    s.bind(i++, l.date_last_stage_update);
    s.bind(i++, l.lost_reason_id);
    s.bind(i++, l.lost_note);
    s.bind(i++, l.active);
    s.bind(i++, l.score);
    s.bind(i++, scoring::reasons_json(l.score_explanation).dump());
    return i;
}

constexpr const char* leads_writable_columns[] = {
    "type", "name", "name_fold", "contact_name", "contact_name_fold", "partner_name", "partner_name_fold",
    "partner_id", "email", "email_norm", "email_is_corporate", "phone", "phone_norm", "mobile", "website",
    "street", "city", "state", "zip", "country", "lang", "user_id", "team_id", "stage_id", "priority",
    "expected_revenue", "currency", "probability_manual", "date_deadline",
    "source_id", "medium_id", "campaign_id", "description", "create_date", "write_date", "date_open",
    "date_conversion", "date_closed", "date_last_stage_update", "lost_reason_id", "lost_note", "active", "score",
    "score_explanation"};

const std::string& leads_insert_sql() {
    static const std::string sql = [] {
        std::string cols, marks;
        for (const char* c : leads_writable_columns) {
            cols += cols.empty() ? "" : ", ";
            cols += c;
            marks += marks.empty() ? "?" : ", ?";
        }
        return "INSERT INTO leads (" + cols + ", version) VALUES (" + marks + ", 1)";
    }();
    return sql;
}

const std::string& leads_update_sql() {
    static const std::string sql = [] {
        std::string sets;
        for (const char* c : leads_writable_columns) {
            sets += sets.empty() ? "" : ", ";
            sets += std::string(c) + " = ?";
        }
        return "UPDATE leads SET " + sets + ", version = version + 1 WHERE id = ? AND version = ?";
    }();
    return sql;
}

void leads_write_fts(Connection& c, const Lead& l, const LeadText& t, bool replace) {
    if (replace) c.prepare("DELETE FROM leads_fts WHERE rowid = ?").bind(1, l.id).run();
    auto s = c.prepare(
        "INSERT INTO leads_fts(rowid, name, contact_name, partner_name, email, phone, description) VALUES (?,?,?,?,?,?,?)");
    s.bind(1, l.id).bind(2, t.fts_name).bind(3, t.fts_contact_name).bind(4, t.fts_partner_name);
    s.bind(5, t.fts_email).bind(6, t.fts_phone).bind(7, t.fts_description);
    s.run();
}

void write_relations(Connection& c, const Lead& l, bool replace) {
    if (replace) {
        c.prepare("DELETE FROM lead_tags WHERE lead_id = ?").bind(1, l.id).run();
        c.prepare("DELETE FROM lead_followers WHERE lead_id = ?").bind(1, l.id).run();
    }
    for (int64_t t : l.tag_ids) c.prepare("INSERT OR IGNORE INTO lead_tags(lead_id, tag_id) VALUES (?,?)").bind(1, l.id).bind(2, t).run();
    for (int64_t u : l.follower_ids)
        c.prepare("INSERT OR IGNORE INTO lead_followers(lead_id, user_id) VALUES (?,?)").bind(1, l.id).bind(2, u).run();
}

}  // namespace

LeadText lead_text_of(const Lead& l) {
    LeadText t;
    t.name_fold = text::fold_key(l.name);
    t.contact_name_fold = text::fold_key(l.contact_name);
    t.partner_name_fold = text::fold_key(l.partner_name);
    t.email_norm = normalize_email(l.email);
    // is_free_mail(l.email) without normalising the address a second time (a fifth of this function).
    if (const auto typed = text::trim(l.email); typed.find('@') == std::string_view::npos)
        t.email_is_corporate = !l.email.empty() && !builtin_free_mail_domains().contains(typed);
    else
        t.email_is_corporate = t.email_norm.empty() || !builtin_free_mail_domains().contains(
                                   std::string_view(t.email_norm).substr(t.email_norm.find('@') + 1));
    t.phone_norm = normalize_phone(l.phone.empty() ? l.mobile : l.phone);
    t.fts_name = text::fold(l.name);
    t.fts_contact_name = text::fold(l.contact_name);
    t.fts_partner_name = text::fold(l.partner_name);
    t.fts_email = text::fold(l.email);
    t.fts_phone = l.phone + " " + l.mobile + " " + normalize_phone(l.phone) + " " + normalize_phone(l.mobile);
    t.fts_description = text::fold(l.description);
    return t;
}

const std::string& lead_select_sql() {
    static const std::string sql = std::string("SELECT ") + lead_columns + " FROM leads l";
    return sql;
}

Lead read_lead_row(Statement& s) {
    Lead l;
    int i = 0;
    l.id = s.get_int(i++);
    l.type = s.get_text(i++) == "opportunity" ? LeadType::opportunity : LeadType::lead;
    l.name = s.get_text(i++);
    l.contact_name = s.get_text(i++);
    l.partner_name = s.get_text(i++);
    l.partner_id = s.get_opt_int(i++);
    l.email = s.get_text(i++);
    l.phone = s.get_text(i++);
    l.mobile = s.get_text(i++);
    l.website = s.get_text(i++);
    l.address.street = s.get_text(i++);
    l.address.city = s.get_text(i++);
    l.address.state = s.get_text(i++);
    l.address.zip = s.get_text(i++);
    l.address.country = s.get_text(i++);
    l.lang = s.get_text(i++);
    l.user_id = s.get_opt_int(i++);
    l.team_id = s.get_opt_int(i++);
    l.stage_id = s.get_opt_int(i++);
    l.priority = static_cast<int>(s.get_int(i++));
    l.expected_revenue.amount = s.get_int(i++);
    l.expected_revenue.currency = s.get_text(i++);
    l.probability = s.get_double(i++);
    l.automated_probability = s.get_double(i++);
    l.probability_manual = s.get_int(i++) != 0;
    if (auto d = s.get_opt_text(i++)) l.date_deadline = parse_date(*d);
    l.source_id = s.get_opt_int(i++);
    l.medium_id = s.get_opt_int(i++);
    l.campaign_id = s.get_opt_int(i++);
    l.description = s.get_text(i++);
    l.create_date = s.get_int(i++);
    l.write_date = s.get_int(i++);
    l.date_open = s.get_opt_int(i++);
    l.date_conversion = s.get_opt_int(i++);
    l.date_closed = s.get_opt_int(i++);
    l.date_last_stage_update = s.get_opt_int(i++);
    l.lost_reason_id = s.get_opt_int(i++);
    l.lost_note = s.get_text(i++);
    l.active = s.get_int(i++) != 0;
    l.version = s.get_int(i++);
    l.score = s.get_int(i++);
    l.score_explanation = scoring::reasons_from_json(nlohmann::json::parse(s.get_text(i++), nullptr, false));
    return l;
}

void load_lead_relations(Connection& c, std::vector<Lead>& leads) {
    if (leads.empty()) return;
    std::map<int64_t, Lead*> by_id;
    std::string ids;
    for (auto& l : leads) {
        by_id[l.id] = &l;
        l.tag_ids.clear();
        l.follower_ids.clear();
        ids += (ids.empty() ? "" : ",") + std::to_string(l.id);  // integers from our own rows, not user text
    }
    auto tags = c.prepare_uncached("SELECT lead_id, tag_id FROM lead_tags WHERE lead_id IN (" + ids + ") ORDER BY tag_id");
    while (tags.step()) by_id[tags.get_int(0)]->tag_ids.push_back(tags.get_int(1));
    auto fol = c.prepare_uncached("SELECT lead_id, user_id FROM lead_followers WHERE lead_id IN (" + ids + ") ORDER BY user_id");
    while (fol.step()) by_id[fol.get_int(0)]->follower_ids.push_back(fol.get_int(1));
}

std::optional<Lead> find_lead(Connection& c, int64_t id) {
    auto s = c.prepare(lead_select_sql() + " WHERE l.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    std::vector<Lead> one{read_lead_row(s)};
    load_lead_relations(c, one);
    return std::move(one.front());
}

std::vector<Lead> find_leads(Connection& c, const std::vector<int64_t>& ids) {
    std::vector<Lead> out;
    for (int64_t id : ids)
        if (auto l = find_lead(c, id)) out.push_back(std::move(*l));
    return out;
}

bool lead_visible(Connection& c, int64_t id, const SqlFragment& scope) {
    auto s = c.prepare_uncached("SELECT 1 FROM leads l WHERE l.id = ? AND (" + scope.sql + ")");
    s.bind(1, id);
    s.bind_all(scope.params, 2);
    return s.step();
}

void insert_lead_row(Connection& c, Lead& lead, PlsWriteContext* pls, const LeadText* text, ProbabilityRow probabilities) {
    assert(lead.id == 0);
    score_lead(c, lead);  // the one place every new lead passes: its score is part of the row
    // and its predictive counts and automatic probability
    if (pls) predict_lead(c, *pls, nullptr, lead);
    else predict_lead(c, nullptr, lead);
    std::optional<LeadText> own;  // (not `text ? *text : ...`: that would copy *text)
    if (!text) text = &own.emplace(lead_text_of(lead));
    auto s = c.prepare(leads_insert_sql());
    bind_lead(s, lead, *text);
    s.run();
    lead.id = c.last_insert_id();
    lead.version = 1;
    // After the lead: this row's insert trigger counts the lead in the running totals, reading its keys.
    if (probabilities == ProbabilityRow::now)
        c.prepare("INSERT INTO lead_probabilities(lead_id, probability, automated_probability) VALUES (?, ?, ?)")
            .bind(1, lead.id).bind(2, lead.probability).bind(3, lead.automated_probability).run();
    write_relations(c, lead, false);
}

void write_new_lead_fts(Connection& c, const Lead& lead, const LeadText* text) {
    assert(lead.id > 0);
    std::optional<LeadText> own;
    if (!text) text = &own.emplace(lead_text_of(lead));
    leads_write_fts(c, lead, *text, false);
}

void insert_lead(Connection& c, Lead& lead) {
    const LeadText text = lead_text_of(lead);
    insert_lead_row(c, lead, nullptr, &text);
    leads_write_fts(c, lead, text, false);
}

bool update_lead(Connection& c, Lead& lead) {
    assert(lead.id > 0);
    score_lead(c, lead);
    // Predictive scoring needs the state before the write (won/lost/restore move its counts); a stale write
    // (the update below changes nothing) must not move them either.
    if (auto before = find_lead(c, lead.id); before && before->version == lead.version) predict_lead(c, &*before, lead);
    const LeadText text = lead_text_of(lead);
    auto s = c.prepare(leads_update_sql());
    int next = bind_lead(s, lead, text);
    s.bind(next, lead.id).bind(next + 1, lead.version);
    s.run();
    if (c.changes() == 0) return false;
    ++lead.version;
    // After the keys: the totals move with the new keys (the trigger skips an unchanged probability).
    c.prepare("UPDATE lead_probabilities SET probability = ?, automated_probability = ? WHERE lead_id = ?")
        .bind(1, lead.probability).bind(2, lead.automated_probability).bind(3, lead.id).run();
    write_relations(c, lead, true);
    leads_write_fts(c, lead, text, true);
    return true;
}

void delete_lead(Connection& c, int64_t id) {
    c.prepare("DELETE FROM leads_fts WHERE rowid = ?").bind(1, id).run();
    c.prepare("DELETE FROM leads WHERE id = ?").bind(1, id).run();
}

std::string fts_query(const std::string& user_text) {
    // Each word becomes a quoted prefix term, so quotes, '-', '*' and ':' in names are never FTS syntax.
    std::string folded = text::fold(text::collapse_whitespace(user_text));
    std::string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        std::string quoted = "\"";
        for (char ch : word) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        out += (out.empty() ? "" : " ") + quoted + "\"*";
        word.clear();
    };
    for (char ch : folded) {
        if (ch == ' ') flush();
        else word += ch;
    }
    flush();
    return out;
}

}  // namespace tumen::store
