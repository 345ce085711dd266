// Random filters and records over a field registry, for the round-trip, robustness and differential
// (evaluator vs SQL) tests. Values come from small pools that overlap on purpose, so generated filters
// match some records and not others; Cyrillic (Ө ө Ү ү Ё ё), LIKE metacharacters and empty strings included.
// Header-only so tests/server can include it as "../shared/filter_gen.hpp".
#pragma once
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tumen/datetime.hpp"
#include "tumen/filter.hpp"

namespace tumen::filter::testgen {

// 2026-05-15T12:00:00Z: the clock generated filters and records are built around.
inline constexpr Timestamp base_now = 1778846400;

class Generator {
public:
    Generator(const FieldRegistry& fields, std::uint64_t seed) : fields_(fields), rng_(seed) {}

    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool chance(int percent) { return pick(100) < percent; }
    template <class T>
    T one_of(const std::vector<T>& v) { return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))]; }

    Context context() {
        Context ctx;
        ctx.now = base_now + one_of<Timestamp>({0, 3600 * 11, 3600 * 13, -3600 * 12 + 1});
        ctx.utc_offset_minutes = one_of<int>({0, 480, -300});
        if (chance(80)) ctx.user_id = one_of<std::int64_t>({1, 2, 7});
        return ctx;
    }

    Expr expr(int depth = 3) {
        const int roll = pick(10);
        if (depth <= 0 || roll < 5) return comparison();
        if (roll < 7) return all_of(children(depth));
        if (roll < 9) return any_of(children(depth));
        return negate(expr(depth - 1));
    }

    Expr comparison() {
        const auto& all = fields_.fields();
        const FieldDef& f = all[static_cast<std::size_t>(pick(static_cast<int>(all.size())))];
        const std::vector<Op> ops = ops_for(f);
        const Op op = one_of(ops);  // by value: ops is a local
        std::vector<Literal> values;
        if (op == Op::in || op == Op::not_in) {
            const int n = 1 + pick(3);
            for (int i = 0; i < n; ++i) values.push_back(literal(f, op));
        } else if (op != Op::is_null && op != Op::is_not_null) {
            values.push_back(literal(f, op));
        }
        return compare(f.name, op, std::move(values));
    }

    // A record as field -> value; fields may be missing (null), and strings may be empty.
    std::map<std::string, Value> record() {
        std::map<std::string, Value> r;
        for (const auto& f : fields_.fields()) {
            if (f.nullable && chance(15)) continue;
            r[f.name] = value(f);
        }
        return r;
    }

    Value value(const FieldDef& f) {
        switch (f.type) {
            case FieldType::string: return one_of(texts());
            case FieldType::enumeration: return f.values.empty() ? Value{} : Value(one_of(f.values));
            case FieldType::integer:
            case FieldType::money:
            case FieldType::id: return Value(static_cast<long long>(one_of(ints())));
            case FieldType::decimal: return Value(one_of(decimals()));
            case FieldType::boolean: return Value(chance(50));
            case FieldType::date: return Value(format_date(day_of(base_now) + pick(61) - 30));
            case FieldType::datetime: return Value(static_cast<long long>(instant()));
            case FieldType::string_list: {
                std::vector<std::string> names;
                const int n = pick(4);
                for (int i = 0; i < n; ++i) names.push_back(one_of(tag_names()));
                return Value(std::move(names));
            }
            case FieldType::id_list: {
                std::vector<std::int64_t> ids;
                const int n = pick(4);
                for (int i = 0; i < n; ++i) ids.push_back(one_of(ints()));
                return Value(std::move(ids));
            }
        }
        return Value{};
    }

    static const std::vector<std::string>& texts() {
        static const std::vector<std::string> v = {
            "Болд", "болдбаатар ХХК", "БОЛД", "Пётр Иванов", "ПЕТР", "Өндөр Хаан", "өндөрхаан", "Үнэн ХК",
            "үнэн", "MN", "mn", "CN", "", "a%b", "a_b", "a\\b", "bold@gmail.com", "Bold@Gmail.COM",
            "sara@tumen.mn", "Zoë", "zoe", "Straße"};
        return v;
    }
    static const std::vector<std::string>& needles() {
        static const std::vector<std::string> v = {"болд", "БОЛД", "петр", "ПЁТР", "өн", "Ү", "хк", "%", "_",
                                                   "\\", "a%", "@gmail.com", "", "MN", "b", "strasse", "zoë"};
        return v;
    }
    static const std::vector<std::string>& tag_names() {
        static const std::vector<std::string> v = {"VIP", "vip", "Өндөр", "ӨНДӨР", "Ёс", "ес", "B2B"};
        return v;
    }
    static const std::vector<std::int64_t>& ints() {
        static const std::vector<std::int64_t> v = {-1, 0, 1, 2, 3, 7, 999999, 1000000, 5000000};
        return v;
    }
    static const std::vector<double>& decimals() {
        static const std::vector<double> v = {0.0, 10.0, 33.3, 50.5, 100.0};
        return v;
    }

private:
    std::vector<Expr> children(int depth) {
        std::vector<Expr> out;
        const int n = 2 + pick(2);
        for (int i = 0; i < n; ++i) out.push_back(expr(depth - 1));
        return out;
    }

    std::vector<Op> ops_for(const FieldDef& f) {
        std::vector<Op> ops;
        switch (f.type) {
            case FieldType::string:
                ops = {Op::eq, Op::ne, Op::lt, Op::ge, Op::contains, Op::starts_with, Op::ends_with, Op::in, Op::not_in};
                break;
            case FieldType::enumeration: ops = {Op::eq, Op::ne, Op::in, Op::not_in}; break;
            case FieldType::integer:
            case FieldType::money:
            case FieldType::decimal:
            case FieldType::id: ops = {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge, Op::in, Op::not_in}; break;
            case FieldType::boolean: ops = {Op::eq, Op::ne}; break;
            case FieldType::date:
            case FieldType::datetime: ops = {Op::eq, Op::ne, Op::lt, Op::le, Op::gt, Op::ge}; break;
            case FieldType::string_list:
            case FieldType::id_list: ops = {Op::has, Op::in, Op::not_in}; break;
        }
        if (f.nullable) {
            ops.push_back(Op::is_null);
            ops.push_back(Op::is_not_null);
        }
        return ops;
    }

    Literal literal(const FieldDef& f, Op op) {
        switch (f.type) {
            case FieldType::string:
                if (op == Op::contains || op == Op::starts_with || op == Op::ends_with) return one_of(needles());
                return one_of(texts());
            case FieldType::enumeration: return one_of(f.values);
            case FieldType::integer:
            case FieldType::money: return one_of(ints());
            case FieldType::id:
            case FieldType::id_list:
                if (f.ref == "user" && chance(25)) return CurrentUser{};
                return one_of(ints());
            case FieldType::decimal:
                if (chance(50)) return one_of(ints());
                return one_of(decimals());
            case FieldType::boolean: return chance(50);
            case FieldType::date:
            case FieldType::datetime: return time_literal(f.type);
            case FieldType::string_list: return one_of(tag_names());
        }
        return std::string();
    }

    Literal time_literal(FieldType type) {
        const int roll = pick(4);
        if (roll == 0) return format_date(day_of(base_now) + pick(41) - 20);
        if (roll == 1 && type == FieldType::datetime) return format_timestamp(instant());
        RelativeTime r;
        r.base = (type == FieldType::datetime && chance(50)) || chance(30) ? TimeBase::now : TimeBase::today;
        const int n = pick(3);
        for (int i = 0; i < n; ++i) {
            const auto unit = r.base == TimeBase::now ? one_of<TimeUnit>({TimeUnit::hour, TimeUnit::day, TimeUnit::week,
                                                                          TimeUnit::month, TimeUnit::year})
                                                      : one_of<TimeUnit>({TimeUnit::day, TimeUnit::week, TimeUnit::month});
            r.offsets.push_back({static_cast<std::int64_t>(pick(31) - 15), unit});
        }
        return r;
    }

    // Instants within 40 days of base_now, often exactly on a UTC or Ulaanbaatar/New York midnight.
    Timestamp instant() {
        const Timestamp day = start_of_day(day_of(base_now) + pick(81) - 40);
        switch (pick(5)) {
            case 0: return day;
            case 1: return day - 480 * 60;
            case 2: return day + 300 * 60;
            case 3: return base_now + one_of<Timestamp>({0, 3600, -3600, -7200});
            default: return day + pick(86400);
        }
    }

    const FieldRegistry& fields_;
    std::mt19937_64 rng_;
};

}  // namespace tumen::filter::testgen
