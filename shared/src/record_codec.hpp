// Internal: one table of fields per record type drives both directions (JSON -> record with validation,
// record -> JSON), so a field cannot be readable but not writable, or named differently on the way back.
#pragma once
#include <algorithm>
#include <functional>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "field_checks.hpp"

namespace tumen::detail {

// writable: a client may set it (create, PATCH); system: set by the server or a lifecycle rule, read-only in a patch.
enum class Access { writable, system };
// patch: only writable fields; decode: every field (a full record as the server sends it).
enum class Mode { patch, decode };

template <class T>
struct FieldSpec {
    std::string name;
    Access access = Access::writable;
    std::function<void(const json&, T&, FieldErrors&)> read;
    std::function<void(const T&, json&)> write;
};

template <class T>
class RecordCodec {
public:
    explicit RecordCodec(std::vector<FieldSpec<T>> fields) : fields_(std::move(fields)) {
        for (std::size_t i = 0; i < fields_.size(); ++i) index_.emplace(fields_[i].name, i);
    }

    // Reads every member of `obj` into `rec`, reporting each bad or unknown field. `id` and `version` in a
    // patch are ignored: the server takes them from the URL and the concurrency check.
    void apply(T& rec, const json& obj, Mode mode, FieldErrors& e) const {
        if (!obj.is_object()) return e.add("", "must be a JSON object", "error.type");
        for (const auto& [key, value] : obj.items()) {
            const auto it = index_.find(key);
            if (it == index_.end()) {
                e.add(key, "is not a field", "error.unknown_field");
                continue;
            }
            const auto& spec = fields_[it->second];
            if (mode == Mode::patch && spec.access == Access::system) {
                if (key != "id" && key != "version") e.add(key, "is read-only", "error.read_only");
                continue;
            }
            spec.read(value, rec, e);
        }
    }

    json to_json(const T& rec) const {
        json j = json::object();
        for (const auto& spec : fields_) spec.write(rec, j);
        return j;
    }

private:
    std::vector<FieldSpec<T>> fields_;
    std::unordered_map<std::string, std::size_t> index_;
};

// Record-level rules run after the field rules (required fields that are simply absent, cross-field checks).
template <class T>
using RecordCheck = void (*)(const T&, FieldErrors&);

// Adds the record rule errors of fields that have no field error yet (one message per field is enough).
template <class T>
void run_check(const T& rec, RecordCheck<T> check, FieldErrors& e) {
    if (!check) return;
    FieldErrors local;
    check(rec, local);
    for (const auto& l : local.list()) {
        const bool seen = std::any_of(e.list().begin(), e.list().end(), [&](const FieldError& x) { return x.field == l.field; });
        if (!seen) e.add(l.field, l.message, l.key, l.args);
    }
}

template <class T>
Result<T> decode_record(const RecordCodec<T>& codec, const json& j, RecordCheck<T> check) {
    T rec;
    FieldErrors e;
    codec.apply(rec, j, Mode::decode, e);
    if (j.is_object()) run_check(rec, check, e);
    if (!e.empty()) return e.to_error();
    return rec;
}

template <class T>
FieldErrors patch_record(const RecordCodec<T>& codec, T& rec, const json& patch, RecordCheck<T> check) {
    FieldErrors e;
    codec.apply(rec, patch, Mode::patch, e);
    if (patch.is_object()) run_check(rec, check, e);
    return e;
}

// Checks a record built in C++ by sending it through the same rules as one coming from JSON.
template <class T>
FieldErrors validate_record(const RecordCodec<T>& codec, const T& rec, RecordCheck<T> check) {
    FieldErrors e;
    auto decoded = decode_record(codec, codec.to_json(rec), check);
    if (!decoded)
        for (const auto& d : decoded.error().details) e.add(d.field, d.message, d.key, d.args);
    return e;
}

// Accessors: how a field table reaches a member (directly or inside a nested struct such as Address).
template <class T, class V>
struct Member {
    using record = T;
    V T::*m;
    V& operator()(T& t) const { return t.*m; }
    const V& operator()(const T& t) const { return t.*m; }
};
template <class T, class V>
Member<T, V> mem(V T::*m) { return {m}; }

template <class T, class S, class V>
struct Nested {
    using record = T;
    S T::*outer;
    V S::*inner;
    V& operator()(T& t) const { return (t.*outer).*inner; }
    const V& operator()(const T& t) const { return (t.*outer).*inner; }
};
template <class T, class S, class V>
Nested<T, S, V> nested(S T::*outer, V S::*inner) { return {outer, inner}; }

template <class A>
using Spec = FieldSpec<typename A::record>;

template <class A>
Spec<A> text_field(std::string name, A get, TextRule rule, Access access = Access::writable) {
    return {name, access,
            [name, get, rule](const json& v, auto& t, FieldErrors& e) { read_text(v, name, get(t), rule, e); },
            [name, get](const auto& t, json& j) { j[name] = get(t); }};
}

template <class A>
Spec<A> bool_field(std::string name, A get, Access access = Access::writable) {
    return {name, access, [name, get](const json& v, auto& t, FieldErrors& e) { read_bool(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = get(t); }};
}

template <class A>
Spec<A> int_field(std::string name, A get, std::int64_t min, std::int64_t max, Access access = Access::writable) {
    return {name, access,
            [name, get, min, max](const json& v, auto& t, FieldErrors& e) {
                std::int64_t n = 0;
                const std::size_t before = e.list().size();
                read_int(v, name, n, min, max, e);
                if (e.list().size() == before) get(t) = static_cast<std::decay_t<decltype(get(t))>>(n);
            },
            [name, get](const auto& t, json& j) { j[name] = get(t); }};
}

template <class A>
Spec<A> id_field(std::string name, A get, Access access = Access::writable) {
    return {name, access, [name, get](const json& v, auto& t, FieldErrors& e) { read_id(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = get(t); }};
}

template <class A>
Spec<A> optional_id_field(std::string name, A get, Access access = Access::writable) {
    return {name, access,
            [name, get](const json& v, auto& t, FieldErrors& e) { read_optional_id(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = optional_id_json(get(t)); }};
}

template <class A>
Spec<A> id_list_field(std::string name, A get, Access access = Access::writable) {
    return {name, access, [name, get](const json& v, auto& t, FieldErrors& e) { read_id_list(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = get(t); }};
}

template <class A>
Spec<A> percent_field(std::string name, A get, Access access = Access::writable) {
    return {name, access, [name, get](const json& v, auto& t, FieldErrors& e) { read_percent(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = get(t); }};
}

template <class A>
Spec<A> optional_percent_field(std::string name, A get, Access access = Access::writable) {
    return {name, access,
            [name, get](const json& v, auto& t, FieldErrors& e) { read_optional_percent(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = get(t) ? json(*get(t)) : json(nullptr); }};
}

template <class A>
Spec<A> money_field(std::string name, A get, bool allow_negative = false, Access access = Access::writable) {
    return {name, access,
            [name, get, allow_negative](const json& v, auto& t, FieldErrors& e) {
                read_money(v, name, get(t), allow_negative, e);
            },
            [name, get](const auto& t, json& j) { j[name] = money_json(get(t)); }};
}

template <class A>
Spec<A> timestamp_field(std::string name, A get, Access access = Access::system) {
    return {name, access, [name, get](const json& v, auto& t, FieldErrors& e) { read_timestamp(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = format_timestamp(get(t)); }};
}

template <class A>
Spec<A> optional_timestamp_field(std::string name, A get, Access access = Access::system) {
    return {name, access,
            [name, get](const json& v, auto& t, FieldErrors& e) { read_optional_timestamp(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = optional_timestamp_json(get(t)); }};
}

template <class A>
Spec<A> optional_date_field(std::string name, A get, Access access = Access::writable) {
    return {name, access,
            [name, get](const json& v, auto& t, FieldErrors& e) { read_optional_date(v, name, get(t), e); },
            [name, get](const auto& t, json& j) { j[name] = optional_date_json(get(t)); }};
}

// An enum whose values are 0..names.size()-1, written as its name.
template <class A>
Spec<A> enum_field(std::string name, A get, std::vector<std::string> names, Access access = Access::writable) {
    return {name, access,
            [name, get, names](const json& v, auto& t, FieldErrors& e) {
                for (std::size_t i = 0; v.is_string() && i < names.size(); ++i)
                    if (v.get_ref<const std::string&>() == names[i]) {
                        get(t) = static_cast<std::decay_t<decltype(get(t))>>(i);
                        return;
                    }
                std::string all;
                for (const auto& n : names) all += (all.empty() ? "" : ", ") + n;
                e.add(name, "must be one of: " + all, "error.enum");
            },
            [name, get, names](const auto& t, json& j) { j[name] = names.at(static_cast<std::size_t>(get(t))); }};
}

// The standard "id" field: 0 means "not stored yet", so a new record built in C++ still validates.
template <class A>
Spec<A> record_id_field(A get) {
    return int_field("id", get, 0, std::numeric_limits<std::int64_t>::max(), Access::system);
}

// The standard "version" field (optimistic concurrency), system-managed.
template <class A>
Spec<A> version_field(A get) {
    return int_field("version", get, 0, std::numeric_limits<std::int64_t>::max(), Access::system);
}

}  // namespace tumen::detail
