#include "store/contact_queries.hpp"

#include "store/filter_sql_fields.hpp"
#include "store/keyset.hpp"
#include "store/leads.hpp"
#include "tumen/filter_fields.hpp"
#include "tumen/filter_parse.hpp"

namespace tumen::store {

namespace {

constexpr SortKey contact_queries_sort_keys[] = {
    {"id", "c.id", true},
    {"name", "c.name_fold", false},
    {"email", "c.email_norm", false},
    {"city", "c.city", false},
    {"country", "c.country", false},
    {"create_date", "c.create_date", true},
    {"write_date", "c.write_date", true},
};

Result<SqlFragment> condition(const ContactQuery& q, const SqlFragment& rule) {
    SqlFragment where = rule;
    auto add = [&](const std::string& sql, const std::vector<SqlValue>& params) {
        where.sql = "(" + where.sql + ") AND (" + sql + ")";
        where.params.insert(where.params.end(), params.begin(), params.end());
    };
    if (q.active == "true") add("c.active = 1", {});
    else if (q.active == "false") add("c.active = 0", {});
    else if (q.active != "all") return Error::make(ErrorCode::bad_request, "active must be true, false or all", "active");

    if (!q.filter.empty()) {
        auto expr = filter::parse(q.filter);
        if (!expr) {
            Error e = expr.error();
            e.field = "filter";
            return e;
        }
        auto sql = compile_filter_sql(expr.value(), filter::contact_filter_fields(), contact_sql_fields(), q.context);
        if (!sql) {
            Error e = sql.error();
            if (e.field.empty()) e.field = "filter";
            return e;
        }
        add(sql->sql, sql->params);
    }
    if (std::string match = fts_query(q.text); !match.empty())
        add("c.id IN (SELECT rowid FROM contacts_fts WHERE contacts_fts MATCH ?)", {match});
    return where;
}

}  // namespace

const std::vector<std::string>& sortable_contact_fields() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const auto& k : contact_queries_sort_keys) v.emplace_back(k.name);
        return v;
    }();
    return names;
}

Result<ContactPage> search_contacts(Connection& c, const ContactQuery& q, const SqlFragment& rule, bool with_total) {
    if (q.limit < 1 || q.limit > 500) return Error::make(ErrorCode::bad_request, "limit must be 1..500", "limit");
    auto sort = parse_sort(q.sort, contact_queries_sort_keys);
    if (!sort) return sort.error();
    auto where = condition(q, rule);
    if (!where) return where.error();

    ContactPage page;
    if (with_total) {
        auto s = c.prepare_uncached("SELECT count(*) FROM contacts c WHERE " + where->sql);
        s.bind_all(where->params);
        page.total = s.scalar_int();
    }
    KeysetQuery kq;
    kq.columns = contact_columns_sql();
    kq.from = "contacts c";
    kq.id_expr = "c.id";
    kq.where = where.value();
    kq.sort = sort.value();
    kq.after = q.after;
    kq.limit = q.limit;
    auto next = keyset_page(c, kq, [&](Statement& st) { page.contacts.push_back(read_contact_row(st)); });
    if (!next) return next.error();
    page.next = next.value();
    load_contact_categories(c, page.contacts);
    return page;
}

}  // namespace tumen::store
