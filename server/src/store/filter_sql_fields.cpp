#include "store/filter_sql_fields.hpp"

namespace tumen::store {
namespace {

SqlField col(std::string expr, std::string fold = {}) { return {std::move(expr), std::move(fold), {}, TimeStorage::standard}; }
SqlField list(std::string element, std::string exists) { return {std::move(element), {}, std::move(exists), TimeStorage::standard}; }

}  // namespace

const SqlFieldMap& lead_sql_fields() {
    static const SqlFieldMap map = [] {
        SqlFieldMap m;
        for (const char* plain : {"id", "type", "partner_id", "email", "phone", "mobile", "website", "street", "city",
                                  "state", "zip", "country", "lang", "user_id", "team_id", "stage_id", "priority",
                                  "expected_revenue", "currency", "date_deadline", "create_date",
                                  "write_date", "date_open", "date_conversion", "date_closed", "date_last_stage_update",
                                  "source_id", "medium_id", "campaign_id", "lost_reason_id", "active", "score",
                                  "email_is_corporate"})
            m[plain] = col(std::string("l.") + plain);
        for (const char* folded : {"name", "contact_name", "partner_name"})
            m[folded] = col(std::string("l.") + folded, std::string("l.") + folded + "_fold");
        // In the narrow table (migration lead_probabilities): a lookup by id, like the stage fields below.
        m["probability"] = col("(SELECT lp.probability FROM lead_probabilities lp WHERE lp.lead_id = l.id)");
        m["stage.is_won"] = col("(SELECT s.is_won FROM stages s WHERE s.id = l.stage_id)");
        m["stage.fold"] = col("(SELECT s.fold FROM stages s WHERE s.id = l.stage_id)");
        m["stage.name"] = col("(SELECT s.name FROM stages s WHERE s.id = l.stage_id)");
        m["tags"] = list("t.name", "EXISTS (SELECT 1 FROM lead_tags lt JOIN tags t ON t.id = lt.tag_id "
                                   "WHERE lt.lead_id = l.id AND {cond})");
        m["tag_ids"] = list("lt.tag_id", "EXISTS (SELECT 1 FROM lead_tags lt WHERE lt.lead_id = l.id AND {cond})");
        m["follower_ids"] =
            list("lf.user_id", "EXISTS (SELECT 1 FROM lead_followers lf WHERE lf.lead_id = l.id AND {cond})");
        // {today}: the searching user's local day (the compiler puts it in); the (lead_id, state, due_date) index.
        m["activity_overdue"] = col("EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = l.id AND a.state = 'open'"
                                    " AND a.due_date < {today})");
        // {now}: the context's clock. Same rule as tumen::rotting_status (shared/src/board_status.cpp).
        m["rotting"] = col("EXISTS (SELECT 1 FROM stages s WHERE s.id = l.stage_id AND l.active = 1 AND s.is_won = 0"
                           " AND s.fold = 0 AND s.rotting_days > 0"
                           " AND {now} - COALESCE(l.date_last_stage_update, l.create_date) > s.rotting_days * 86400)");
        return m;
    }();
    return map;
}

const SqlFieldMap& contact_sql_fields() {
    static const SqlFieldMap map = [] {
        SqlFieldMap m;
        for (const char* plain : {"id", "is_company", "parent_id", "email", "phone", "mobile", "website", "street",
                                  "city", "state", "zip", "country", "lang", "user_id", "opt_out", "blacklisted",
                                  "active", "create_date", "write_date"})
            m[plain] = col(std::string("c.") + plain);
        m["name"] = col("c.name", "c.name_fold");
        m["parent.name"] = col("(SELECT p.name FROM contacts p WHERE p.id = c.parent_id)",
                               "(SELECT p.name_fold FROM contacts p WHERE p.id = c.parent_id)");
        m["categories"] = list("cc.name", "EXISTS (SELECT 1 FROM contact_category_rel cr JOIN contact_categories cc "
                                          "ON cc.id = cr.category_id WHERE cr.contact_id = c.id AND {cond})");
        m["category_ids"] = list("cr.category_id", "EXISTS (SELECT 1 FROM contact_category_rel cr "
                                                   "WHERE cr.contact_id = c.id AND {cond})");
        return m;
    }();
    return map;
}

}  // namespace tumen::store
