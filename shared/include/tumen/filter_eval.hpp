// In-memory evaluation of a checked filter over any record that can hand out field values by name: the
// client's previews, scoring rules and assignment domains. Independent of the Lead struct; an adapter maps
// a record to `Record`. The semantics (nulls, folding, dates) are in shared/FILTER.md and are exactly what
// the server's SQL compiler produces, which a differential test holds it to.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "tumen/filter_ast.hpp"
#include "tumen/filter_context.hpp"
#include "tumen/filter_fields.hpp"

namespace tumen::filter {

// A field's value as a record hands it out. What each field type expects:
//   string, enumeration: string ("" is the same as null)      integer, money, id: int64
//   decimal: double or int64       boolean: bool (or int64 0/1)
//   date: "YYYY-MM-DD" string (or int64 day number)   datetime: int64 UTC seconds or an ISO 8601 string
//   string_list: vector<string>    id_list: vector<int64>       (null = empty list)
// A value of the wrong alternative for its field is treated as null.
class Value {
public:
    using Variant = std::variant<std::monostate, std::int64_t, double, std::string, bool, std::vector<std::string>,
                                 std::vector<std::int64_t>>;

    // One constructor per natural C++ type, so Value("MN") is text and Value(3) an integer (a plain variant
    // would turn a string literal into bool).
    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : v_(b) {}
    Value(int i) : v_(static_cast<std::int64_t>(i)) {}
    Value(long i) : v_(static_cast<std::int64_t>(i)) {}
    Value(long long i) : v_(static_cast<std::int64_t>(i)) {}
    Value(double d) : v_(d) {}
    Value(const char* s) : v_(std::string(s)) {}
    Value(std::string_view s) : v_(std::string(s)) {}
    Value(std::string s) : v_(std::move(s)) {}
    Value(std::vector<std::string> names) : v_(std::move(names)) {}
    Value(std::vector<std::int64_t> ids) : v_(std::move(ids)) {}
    template <class T>
    Value(const std::optional<T>& o) {  // optional fields of record structs: nullopt is null
        if (o) *this = Value(*o);
    }

    bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
    const Variant& variant() const { return v_; }
    template <class T>
    const T* get_if() const { return std::get_if<T>(&v_); }

private:
    Variant v_;
};

// The record accessor: field name (as in the registry, "stage.is_won") -> value.
class Record {
public:
    virtual ~Record() = default;
    virtual Value get(std::string_view field) const = 0;
};

// A record held in a map: tests, imports, client previews of unsaved forms. Missing fields are null.
class MapRecord : public Record {
public:
    MapRecord() = default;
    MapRecord(std::initializer_list<std::pair<const std::string, Value>> values) : values_(values) {}
    MapRecord& set(std::string field, Value v) {
        values_[std::move(field)] = std::move(v);
        return *this;
    }
    Value get(std::string_view field) const override;

private:
    std::map<std::string, Value, std::less<>> values_;
};

// A record given by a function (an adapter over a struct without writing a class).
class FunctionRecord : public Record {
public:
    explicit FunctionRecord(std::function<Value(std::string_view)> get) : get_(std::move(get)) {}
    Value get(std::string_view field) const override { return get_(field); }

private:
    std::function<Value(std::string_view)> get_;
};

// true when the record matches. Precondition: check(e, fields) passed; a comparison naming an unknown
// field (or an operand that does not fit) is false rather than an error. Two-valued: every comparison is
// true or false, so `not` is plain negation (see FILTER.md for what null does in each operator).
bool evaluate(const Expr& e, const FieldRegistry& fields, const Record& record, const Context& ctx);

}  // namespace tumen::filter
