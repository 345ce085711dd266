// How the lead and contact filter fields (filter::lead_filter_fields(), contact_filter_fields()) read in
// this schema (schema_crm.cpp). Lead queries must alias the leads table `l`, contact queries `contacts c`.
// Stage and parent fields are scalar subqueries and lists are EXISTS, so no query needs extra joins.
// Fields without a *_fold column (email, city, tags ...) use tumen_fold(): call register_filter_functions()
// on every connection that runs compiled filters.
#pragma once
#include "store/filter_sql.hpp"

namespace tumen::store {

const SqlFieldMap& lead_sql_fields();
const SqlFieldMap& contact_sql_fields();

}  // namespace tumen::store
