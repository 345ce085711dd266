// JSON of products and quotations through the field tables of record_codec.hpp; quotation lines are read one
// by one so that an error names the line: "lines[2].quantity".
#include "record_codec.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/quotation.hpp"

namespace tumen {

namespace {

using namespace detail;

template <class A>
Spec<A> bp_field(std::string name, A get) {
    return int_field(name, get, 0, bp_scale);
}

std::vector<FieldSpec<Product>> product_fields() {
    return {
        record_id_field(mem(&Product::id)),
        text_field("name", mem(&Product::name), {.max_chars = 300, .required = true}),
        text_field("code", mem(&Product::code), {.max_chars = 100}),
        text_field("description", mem(&Product::description), {.max_chars = 5000, .multiline = true}),
        text_field("uom", mem(&Product::uom), {.max_chars = 50}),
        money_field("price", mem(&Product::price)),
        bp_field("tax_bp", mem(&Product::tax_bp)),
        bool_field("tax_included", mem(&Product::tax_included)),
        bool_field("active", mem(&Product::active)),
        timestamp_field("create_date", mem(&Product::create_date)),
        timestamp_field("write_date", mem(&Product::write_date)),
        version_field(mem(&Product::version)),
    };
}

const RecordCodec<Product>& product_codec() {
    static const RecordCodec<Product> c(product_fields());
    return c;
}

void check_product(const Product& p, FieldErrors& e) {
    if (p.name.empty()) e.add("name", "is required", "error.required");
}

void read_quantity(const json& v, const std::string& field, std::int64_t& out, FieldErrors& e) {
    constexpr std::int64_t max_quantity = 1'000'000'000'000;  // 10^9 units
    std::optional<std::int64_t> q;
    if (v.is_number_integer()) {
        const auto n = v.get<std::int64_t>();
        if (n >= 0 && n <= max_quantity / quantity_scale) q = n * quantity_scale;
    } else if (v.is_string()) {
        auto p = parse_quantity(v.get_ref<const std::string&>());
        if (p && p.value() <= max_quantity) q = p.value();
    }
    if (!q) return e.add(field, "must be a quantity from 0 to 1000000000 with up to 3 decimals, such as \"2.5\"", "error.quantity");
    out = *q;
}

void read_line(const json& v, const std::string& prefix, QuotationLine& l, FieldErrors& e) {
    if (!v.is_object()) return e.add(prefix, "must be a JSON object", "error.type");
    for (const auto& [key, value] : v.items()) {
        const std::string f = prefix + "." + key;
        std::int64_t n = 0;
        const std::size_t before = e.list().size();
        if (key == "id") read_int(value, f, l.id, 0, std::numeric_limits<std::int64_t>::max(), e);
        else if (key == "product_id") read_optional_id(value, f, l.product_id, e);
        else if (key == "description") read_text(value, f, l.description, {.max_chars = 5000, .multiline = true}, e);
        else if (key == "quantity") read_quantity(value, f, l.quantity, e);
        else if (key == "price_unit")
            read_int(value, f, l.price_unit, -1'000'000'000'000'000, 1'000'000'000'000'000, e);
        else if (key == "discount_bp") {
            read_int(value, f, n, 0, bp_scale, e);
            if (e.list().size() == before) l.discount_bp = static_cast<std::int32_t>(n);
        } else if (key == "tax_bp") {
            read_int(value, f, n, 0, bp_scale, e);
            if (e.list().size() == before) l.tax_bp = static_cast<std::int32_t>(n);
        } else if (key == "tax_included") read_bool(value, f, l.tax_included, e);
        else if (key == "amounts") continue;  // computed; sent back by clients that echo a line
        else e.add(f, "is not a field", "error.unknown_field");
    }
    if (text::trim(l.description).empty()) e.add(prefix + ".description", "is required", "error.required");
}

void read_lines(const json& v, std::vector<QuotationLine>& out, FieldErrors& e) {
    if (!v.is_array()) return e.add("lines", "must be a list of lines", "error.type");
    if (v.size() > max_quotation_lines)
        return e.add("lines", "has more than " + std::to_string(max_quotation_lines) + " lines", "error.too_many");
    std::vector<QuotationLine> lines(v.size());
    const std::size_t before = e.list().size();
    for (std::size_t i = 0; i < v.size(); ++i) read_line(v[i], "lines[" + std::to_string(i) + "]", lines[i], e);
    if (e.list().size() == before) out = std::move(lines);
}

json line_json(const QuotationLine& l) {
    json j = {{"id", l.id},
              {"product_id", optional_id_json(l.product_id)},
              {"description", l.description},
              {"quantity", format_quantity(l.quantity)},
              {"price_unit", l.price_unit},
              {"discount_bp", l.discount_bp},
              {"tax_bp", l.tax_bp},
              {"tax_included", l.tax_included}};
    if (auto a = line_amounts(l)) j["amounts"] = {{"untaxed", a->untaxed}, {"tax", a->tax}, {"total", a->total}};
    return j;
}

template <class A>
Spec<A> lines_field(A get) {
    return {"lines", Access::writable, [get](const json& v, auto& t, FieldErrors& e) { read_lines(v, get(t), e); },
            [get](const auto& t, json& j) {
                json arr = json::array();
                for (const auto& l : get(t)) arr.push_back(line_json(l));
                j["lines"] = std::move(arr);
            }};
}

template <class A>
Spec<A> amounts_field(A get) {
    return {"amounts", Access::system,
            [get](const json& v, auto& t, FieldErrors& e) {
                if (!v.is_object()) return e.add("amounts", "must be an object", "error.type");
                auto& a = get(t);
                read_int(v.value("untaxed", json(0)), "amounts.untaxed", a.untaxed, INT64_MIN, INT64_MAX, e);
                read_int(v.value("tax", json(0)), "amounts.tax", a.tax, INT64_MIN, INT64_MAX, e);
                read_int(v.value("total", json(0)), "amounts.total", a.total, INT64_MIN, INT64_MAX, e);
            },
            [get](const auto& t, json& j) {
                const auto& a = get(t);
                j["amounts"] = {{"untaxed", a.untaxed}, {"tax", a.tax}, {"total", a.total}};
            }};
}

template <class A>
Spec<A> currency_field(A get) {
    return {"currency", Access::writable,
            [get](const json& v, auto& t, FieldErrors& e) {
                if (!v.is_string() || !is_known_currency(v.get<std::string>()))
                    return e.add("currency", "must be a known ISO 4217 currency code such as MNT or USD", "error.currency");
                get(t) = v.get<std::string>();
            },
            [get](const auto& t, json& j) { j["currency"] = get(t); }};
}

std::vector<FieldSpec<Quotation>> quotation_fields() {
    return {
        record_id_field(mem(&Quotation::id)),
        text_field("number", mem(&Quotation::number), {.max_chars = 40}, Access::system),
        int_field("revision", mem(&Quotation::revision), 0, 1000, Access::system),
        optional_id_field("previous_id", mem(&Quotation::previous_id), Access::system),
        optional_id_field("partner_id", mem(&Quotation::partner_id)),
        optional_id_field("lead_id", mem(&Quotation::lead_id)),
        optional_id_field("user_id", mem(&Quotation::user_id)),
        optional_id_field("team_id", mem(&Quotation::team_id)),
        optional_date_field("validity_date", mem(&Quotation::validity_date)),
        text_field("payment_terms", mem(&Quotation::payment_terms), {.max_chars = 2000, .multiline = true}),
        text_field("notes", mem(&Quotation::notes), {.max_chars = 20000, .multiline = true}),
        currency_field(mem(&Quotation::currency)),
        enum_field("state", mem(&Quotation::state), {"draft", "sent", "sale", "cancel"}, Access::system),
        enum_field("invoice_status", mem(&Quotation::invoice_status), {"nothing", "to_invoice", "invoiced"}, Access::system),
        lines_field(mem(&Quotation::lines)),
        amounts_field(mem(&Quotation::amounts)),
        optional_timestamp_field("sent_at", mem(&Quotation::sent_at)),
        optional_timestamp_field("confirmed_at", mem(&Quotation::confirmed_at)),
        optional_timestamp_field("invoiced_at", mem(&Quotation::invoiced_at)),
        timestamp_field("create_date", mem(&Quotation::create_date)),
        timestamp_field("write_date", mem(&Quotation::write_date)),
        version_field(mem(&Quotation::version)),
    };
}

const RecordCodec<Quotation>& quotation_codec() {
    static const RecordCodec<Quotation> c(quotation_fields());
    return c;
}

void check_quotation(const Quotation& q, FieldErrors& e) {
    if (!quotation_totals(q.lines)) {
        auto t = quotation_totals(q.lines);
        e.add(t.error().details.empty() ? "lines" : t.error().details[0].field, "amount is too large", "error.range");
    }
}

}  // namespace

void to_json(nlohmann::json& j, const Product& p) { j = product_codec().to_json(p); }
Result<Product> product_from_json(const nlohmann::json& j) { return decode_record(product_codec(), j, check_product); }
FieldErrors apply_patch(Product& p, const nlohmann::json& patch) {
    return patch_record(product_codec(), p, patch, check_product);
}

void to_json(nlohmann::json& j, const QuotationLine& l) { j = line_json(l); }
void to_json(nlohmann::json& j, const Quotation& q) {
    j = quotation_codec().to_json(q);
    j["display_number"] = quotation_display_number(q);
}
Result<Quotation> quotation_from_json(const nlohmann::json& j) {
    nlohmann::json copy = j;
    if (copy.is_object()) copy.erase("display_number");
    return decode_record(quotation_codec(), copy, check_quotation);
}
FieldErrors apply_patch(Quotation& q, const nlohmann::json& patch) {
    nlohmann::json copy = patch;
    if (copy.is_object()) copy.erase("display_number");  // echoed back by clients, derived
    return patch_record(quotation_codec(), q, copy, check_quotation);
}

}  // namespace tumen
