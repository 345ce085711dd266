// Which fields a filter may name and what type each has: the type decides which operators and operands
// check() accepts and how evaluate() and the SQL compiler read the value. One registry per record kind.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tumen::filter {

enum class FieldType {
    string,       // text; "" counts as null; =, <, ... exact (byte order), contains/starts_with/ends_with folded
    integer,      // int64
    money,        // int64 minor units (expected_revenue >= 1000000 means 10 000.00 in a 2-decimal currency)
    decimal,      // double (probability)
    boolean,
    date,         // calendar day, "YYYY-MM-DD"
    datetime,     // instant, UTC seconds; compared with a day ("2026-12-01", today) it is taken at day granularity
    id,           // int64 reference to another record
    id_list,      // many ids (tag_ids): has, in (any of), not_in (none of), is null (empty)
    string_list,  // many names (tags): like id_list, names compared folded (case-insensitive)
    enumeration,  // one of `values` (type: "lead" | "opportunity"); "" counts as null
};

const char* to_string(FieldType type);

struct FieldDef {
    std::string name;                 // as written in filters: "stage.is_won"
    FieldType type = FieldType::string;
    bool nullable = true;             // false: `is null` on it is an error (it can never be true)
    std::vector<std::string> values;  // enumeration: the allowed values
    std::string ref;                  // id / id_list: the kind of record referred to ("user", "team", "tag" ...);
                                      // `me` is accepted only where ref == "user"
    // boolean only: the record gives a day (a date text "YYYY-MM-DD" or a DayNumber) and the field is true when
    // that day is before the context's today, so "today" is the searching user's (activity_overdue: the earliest
    // open activity's due date). A record may also give the bool itself; null is false.
    bool before_today = false;
};

class FieldRegistry {
public:
    FieldRegistry() = default;
    FieldRegistry(std::initializer_list<FieldDef> fields);

    void add(FieldDef field);  // replaces a field of the same name
    const FieldDef* find(std::string_view name) const;
    const std::vector<FieldDef>& fields() const { return fields_; }

private:
    std::vector<FieldDef> fields_;  // small (tens): a linear search beats a map here
};

// Lead/opportunity fields of SPEC F-CORE (list in shared/FILTER.md), and activity_overdue (issue 6: an open
// activity due before the searching user's today; see FieldDef::before_today). Dates: date_deadline is a date,
// create_date, write_date, date_closed and date_last_stage_update are datetimes.
const FieldRegistry& lead_filter_fields();

// Contact (partner) fields: person or company, categories (contact types) as names and ids.
const FieldRegistry& contact_filter_fields();

}  // namespace tumen::filter
