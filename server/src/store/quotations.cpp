#include "store/quotations.hpp"

#include <map>

#include "tumen/text_fold.hpp"

namespace tumen::store {

namespace {

// ---- products

constexpr const char* product_columns =
    "id, name, code, description, uom, price, currency, tax_bp, tax_included, active, create_date, write_date, version";

Product read_product(Statement& s) {
    Product p;
    int i = 0;
    p.id = s.get_int(i++);
    p.name = s.get_text(i++);
    p.code = s.get_text(i++);
    p.description = s.get_text(i++);
    p.uom = s.get_text(i++);
    p.price.amount = s.get_int(i++);
    p.price.currency = s.get_text(i++);
    p.tax_bp = static_cast<int32_t>(s.get_int(i++));
    p.tax_included = s.get_int(i++) != 0;
    p.active = s.get_int(i++) != 0;
    p.create_date = s.get_int(i++);
    p.write_date = s.get_int(i++);
    p.version = s.get_int(i++);
    return p;
}

int bind_product(Statement& s, const Product& p) {
    int i = 1;
    s.bind(i++, p.name); s.bind(i++, text::fold_key(p.name) + " " + text::fold_key(p.code)); s.bind(i++, p.code);
    s.bind(i++, p.description); s.bind(i++, p.uom); s.bind(i++, p.price.amount); s.bind(i++, p.price.currency);
    s.bind(i++, p.tax_bp); s.bind(i++, p.tax_included); s.bind(i++, p.active); s.bind(i++, p.create_date);
    s.bind(i++, p.write_date);
    return i;
}

// ---- quotations

constexpr const char* quotation_columns =
    "q.id, q.number, q.revision, q.previous_id, q.partner_id, q.lead_id, q.user_id, q.team_id, q.validity_date,"
    " q.payment_terms, q.notes, q.currency, q.state, q.invoice_status, q.amount_untaxed, q.amount_tax,"
    " q.amount_total, q.sent_at, q.confirmed_at, q.invoiced_at, q.create_date, q.write_date, q.version";

Quotation read_quotation(Statement& s) {
    Quotation q;
    int i = 0;
    q.id = s.get_int(i++);
    q.number = s.get_text(i++);
    q.revision = static_cast<int32_t>(s.get_int(i++));
    q.previous_id = s.get_opt_int(i++);
    q.partner_id = s.get_opt_int(i++);
    q.lead_id = s.get_opt_int(i++);
    q.user_id = s.get_opt_int(i++);
    q.team_id = s.get_opt_int(i++);
    if (auto d = s.get_opt_text(i++)) q.validity_date = parse_date(*d);
    q.payment_terms = s.get_text(i++);
    q.notes = s.get_text(i++);
    q.currency = s.get_text(i++);
    q.state = quotation_state_from(s.get_text(i++)).value_or(QuotationState::draft);
    q.invoice_status = invoice_status_from(s.get_text(i++)).value_or(InvoiceStatus::nothing);
    q.amounts.untaxed = s.get_int(i++);
    q.amounts.tax = s.get_int(i++);
    q.amounts.total = s.get_int(i++);
    q.sent_at = s.get_opt_int(i++);
    q.confirmed_at = s.get_opt_int(i++);
    q.invoiced_at = s.get_opt_int(i++);
    q.create_date = s.get_int(i++);
    q.write_date = s.get_int(i++);
    q.version = s.get_int(i++);
    return q;
}

void load_lines(Connection& c, Quotation& q) {
    q.lines.clear();
    auto s = c.prepare(
        "SELECT id, product_id, description, quantity, price_unit, discount_bp, tax_bp, tax_included"
        " FROM quotation_lines WHERE quotation_id = ? ORDER BY sequence, id");
    s.bind(1, q.id);
    while (s.step()) {
        QuotationLine l;
        l.id = s.get_int(0);
        l.product_id = s.get_opt_int(1);
        l.description = s.get_text(2);
        l.quantity = s.get_int(3);
        l.price_unit = s.get_int(4);
        l.discount_bp = static_cast<int32_t>(s.get_int(5));
        l.tax_bp = static_cast<int32_t>(s.get_int(6));
        l.tax_included = s.get_int(7) != 0;
        q.lines.push_back(std::move(l));
    }
}

// Lines are replaced as a whole: the editor sends the full list; ids of new rows come back in q.lines.
void write_lines(Connection& c, Quotation& q) {
    c.prepare("DELETE FROM quotation_lines WHERE quotation_id = ?").bind(1, q.id).run();
    int seq = 0;
    for (auto& l : q.lines) {
        auto s = c.prepare(
            "INSERT INTO quotation_lines (quotation_id, sequence, product_id, description, quantity, price_unit,"
            " discount_bp, tax_bp, tax_included) VALUES (?,?,?,?,?,?,?,?,?)");
        s.bind(1, q.id).bind(2, ++seq).bind(3, l.product_id).bind(4, l.description).bind(5, l.quantity);
        s.bind(6, l.price_unit).bind(7, l.discount_bp).bind(8, l.tax_bp).bind(9, l.tax_included);
        s.run();
        l.id = c.last_insert_id();
    }
}

std::optional<std::string> quotations_date_text(const std::optional<DayNumber>& d) {
    if (!d) return std::nullopt;
    return format_date(*d);
}

int bind_header(Statement& s, const Quotation& q) {
    int i = 1;
    s.bind(i++, q.partner_id); s.bind(i++, q.lead_id); s.bind(i++, q.user_id); s.bind(i++, q.team_id);
    s.bind(i++, quotations_date_text(q.validity_date)); s.bind(i++, q.payment_terms); s.bind(i++, q.notes); s.bind(i++, q.currency);
    s.bind(i++, std::string(to_string(q.state))); s.bind(i++, std::string(to_string(q.invoice_status)));
    s.bind(i++, q.amounts.untaxed); s.bind(i++, q.amounts.tax); s.bind(i++, q.amounts.total);
    s.bind(i++, q.sent_at); s.bind(i++, q.confirmed_at); s.bind(i++, q.invoiced_at); s.bind(i++, q.write_date);
    return i;
}

}  // namespace

std::optional<Product> find_product(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + product_columns + " FROM products WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_product(s);
}

std::vector<Product> search_products(Connection& c, const std::string& text, bool include_archived, int limit) {
    auto s = c.prepare(std::string("SELECT ") + product_columns +
                       " FROM products WHERE (? OR active = 1) AND (? = '' OR instr(name_fold, ?) > 0)"
                       " ORDER BY name_fold, id LIMIT ?");
    const std::string key = text::fold_key(text);
    s.bind(1, include_archived).bind(2, key).bind(3, key).bind(4, limit);
    std::vector<Product> out;
    while (s.step()) out.push_back(read_product(s));
    return out;
}

void insert_product(Connection& c, Product& p) {
    auto s = c.prepare(
        "INSERT INTO products (name, name_fold, code, description, uom, price, currency, tax_bp, tax_included, active,"
        " create_date, write_date, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1)");
    bind_product(s, p);
    s.run();
    p.id = c.last_insert_id();
    p.version = 1;
}

bool update_product(Connection& c, Product& p) {
    auto s = c.prepare(
        "UPDATE products SET name = ?, name_fold = ?, code = ?, description = ?, uom = ?, price = ?, currency = ?,"
        " tax_bp = ?, tax_included = ?, active = ?, create_date = ?, write_date = ?, version = version + 1"
        " WHERE id = ? AND version = ?");
    int i = bind_product(s, p);
    s.bind(i++, p.id); s.bind(i++, p.version);
    s.run();
    if (c.changes() == 0) return false;
    ++p.version;
    return true;
}

void delete_product(Connection& c, int64_t id) { c.prepare("DELETE FROM products WHERE id = ?").bind(1, id).run(); }

SqlFragment quotation_rule_sql(const server::Caller& caller) {
    if (sees_all_leads(caller)) return {"1", {}};
    SqlFragment lead = lead_rule_sql(caller, "ql");
    if (lead.sql == "0") return {"0", {}};
    SqlFragment out;
    out.sql = "((q.lead_id IS NOT NULL AND EXISTS (SELECT 1 FROM leads ql WHERE ql.id = q.lead_id AND " + lead.sql +
              ")) OR (q.lead_id IS NULL AND (q.user_id = ?";
    out.params = lead.params;
    out.params.push_back(caller.user_id);
    if (!caller.team_ids.empty()) {
        out.sql += " OR (q.user_id IS NULL AND q.team_id IN (";
        for (size_t i = 0; i < caller.team_ids.size(); ++i) {
            out.sql += i ? ",?" : "?";
            out.params.push_back(caller.team_ids[i]);
        }
        out.sql += "))";
    }
    out.sql += ")))";
    return out;
}

std::optional<Quotation> find_quotation(Connection& c, int64_t id) {
    Quotation q;
    {
        auto s = c.prepare(std::string("SELECT ") + quotation_columns + " FROM quotations q WHERE q.id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        q = read_quotation(s);
    }
    load_lines(c, q);
    return q;
}

bool quotation_visible(Connection& c, int64_t id, const SqlFragment& scope) {
    auto s = c.prepare_uncached("SELECT 1 FROM quotations q WHERE q.id = ? AND " + scope.sql);
    s.bind(1, id);
    s.bind_all(scope.params, 2);
    return s.step();
}

std::vector<Quotation> search_quotations(Connection& c, const QuotationQuery& query, const SqlFragment& scope) {
    std::string sql = std::string("SELECT ") + quotation_columns + " FROM quotations q WHERE " + scope.sql;
    std::vector<SqlValue> params = scope.params;
    if (query.state) {
        sql += " AND q.state = ?";
        params.push_back(std::string(to_string(*query.state)));
    }
    if (query.invoice_status) {
        sql += " AND q.invoice_status = ?";
        params.push_back(std::string(to_string(*query.invoice_status)));
    }
    if (query.partner_id) {
        sql += " AND q.partner_id = ?";
        params.push_back(*query.partner_id);
    }
    if (query.lead_id) {
        sql += " AND q.lead_id = ?";
        params.push_back(*query.lead_id);
    }
    if (query.user_id) {
        sql += " AND q.user_id = ?";
        params.push_back(*query.user_id);
    }
    if (query.before_id > 0) {
        sql += " AND q.id < ?";
        params.push_back(query.before_id);
    }
    sql += " ORDER BY q.id DESC LIMIT ?";
    params.push_back(static_cast<int64_t>(query.limit));
    auto s = c.prepare_uncached(sql);
    s.bind_all(params);
    std::vector<Quotation> out;
    while (s.step()) out.push_back(read_quotation(s));
    return out;
}

std::string next_quotation_number(Connection& c, int32_t year) {
    c.prepare("INSERT INTO quotation_sequences (year, next) VALUES (?, 1) ON CONFLICT(year) DO NOTHING").bind(1, year).run();
    const int64_t n = c.prepare("SELECT next FROM quotation_sequences WHERE year = ?").bind(1, year).scalar_int();
    c.prepare("UPDATE quotation_sequences SET next = next + 1 WHERE year = ?").bind(1, year).run();
    return quotation_number(year, n);
}

void insert_quotation(Connection& c, Quotation& q, std::optional<int64_t> created_by) {
    auto s = c.prepare(
        "INSERT INTO quotations (partner_id, lead_id, user_id, team_id, validity_date, payment_terms, notes, currency,"
        " state, invoice_status, amount_untaxed, amount_tax, amount_total, sent_at, confirmed_at, invoiced_at, write_date,"
        " number, revision, previous_id, create_date, created_by, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
    int i = bind_header(s, q);
    s.bind(i++, q.number); s.bind(i++, q.revision); s.bind(i++, q.previous_id); s.bind(i++, q.create_date); s.bind(i++, created_by);
    s.run();
    q.id = c.last_insert_id();
    q.version = 1;
    write_lines(c, q);
}

bool update_quotation(Connection& c, Quotation& q) {
    auto s = c.prepare(
        "UPDATE quotations SET partner_id = ?, lead_id = ?, user_id = ?, team_id = ?, validity_date = ?,"
        " payment_terms = ?, notes = ?, currency = ?, state = ?, invoice_status = ?, amount_untaxed = ?,"
        " amount_tax = ?, amount_total = ?, sent_at = ?, confirmed_at = ?, invoiced_at = ?, write_date = ?,"
        " version = version + 1"
        " WHERE id = ? AND version = ?");
    int i = bind_header(s, q);
    s.bind(i++, q.id); s.bind(i++, q.version);
    s.run();
    if (c.changes() == 0) return false;
    ++q.version;
    write_lines(c, q);
    return true;
}

LeadQuotationSummary lead_quotation_summary(Connection& c, int64_t lead_id, const SqlFragment& scope) {
    auto s = c.prepare_uncached(
        "SELECT q.state, q.currency, count(*), sum(q.amount_total) FROM quotations q WHERE q.lead_id = ? AND"
        " q.state IN ('draft','sent','sale') AND " + scope.sql + " GROUP BY q.state, q.currency ORDER BY q.currency");
    s.bind(1, lead_id);
    s.bind_all(scope.params, 2);
    LeadQuotationSummary out;
    std::map<std::string, int64_t> quoted, ordered;
    while (s.step()) {
        const bool sale = s.get_text(0) == "sale";
        (sale ? out.order_count : out.quotation_count) += s.get_int(2);
        (sale ? ordered : quoted)[s.get_text(1)] += s.get_int(3);
    }
    for (auto& [cur, amount] : quoted) out.quotation_amounts.push_back({amount, cur});
    for (auto& [cur, amount] : ordered) out.order_amounts.push_back({amount, cur});
    return out;
}

std::vector<InvoicedSum> invoiced_between(Connection& c, Timestamp from, Timestamp to, std::optional<int64_t> team_id,
                                          const SqlFragment& scope) {
    std::string sql =
        "SELECT q.currency, sum(q.amount_untaxed), count(*) FROM quotations q WHERE q.state = 'sale' AND"
        " q.invoice_status = 'invoiced' AND q.invoiced_at >= ? AND q.invoiced_at < ?";
    std::vector<SqlValue> params = {from, to};
    if (team_id) {
        sql += " AND q.team_id = ?";
        params.push_back(*team_id);
    }
    sql += " AND " + scope.sql + " GROUP BY q.currency ORDER BY q.currency";
    params.insert(params.end(), scope.params.begin(), scope.params.end());
    auto s = c.prepare_uncached(sql);
    s.bind_all(params);
    std::vector<InvoicedSum> out;
    while (s.step()) out.push_back({s.get_text(0), s.get_int(1), s.get_int(2)});
    return out;
}

bool confirm_wins_lead(Connection& c) {
    auto s = c.prepare("SELECT value FROM settings WHERE key = 'quotations.confirm_wins'");
    if (!s.step()) return true;
    return s.get_text(0) != "0" && s.get_text(0) != "false";
}

}  // namespace tumen::store
