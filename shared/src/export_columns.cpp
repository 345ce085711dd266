#include "tumen/export_columns.hpp"

#include <cmath>

#include "tumen/csv.hpp"
#include "tumen/money.hpp"

namespace tumen::exporting {

namespace {

using import::Entity;

// Columns that are not import fields. Their headers must not look like an import synonym ("Дугаар" would
// be read back as a phone number), hence "ID" in both languages.
const std::vector<ExportColumn>& extra_lead_columns() {
    static const std::vector<ExportColumn> c = {
        {"id", "ID", "ID"},
        {"stage", "Stage", "Үе шат"},
        {"team", "Sales team", "Борлуулалтын баг"},
        {"user", "Salesperson", "Борлуулагч"},
        {"create_date", "Created on", "Үүсгэсэн огноо"},
        {"write_date", "Last updated", "Шинэчилсэн огноо"},
        {"date_closed", "Closed on", "Хаагдсан огноо"},
        {"lost_reason", "Lost reason", "Алдсан шалтгаан"},
        {"active", "Active", "Идэвхтэй"},
        {"stage_id", "Stage ID", "Үе шатны ID"},
        {"team_id", "Team ID", "Багийн ID"},
        {"user_id", "Salesperson ID", "Борлуулагчийн ID"},
        {"partner_id", "Linked contact ID", "Холбогдсон харилцагчийн ID"},
    };
    return c;
}

const std::vector<ExportColumn>& extra_contact_columns() {
    static const std::vector<ExportColumn> c = {
        {"id", "ID", "ID"},
        {"categories", "Categories", "Ангилал"},
        {"user", "Salesperson", "Борлуулагч"},
        {"active", "Active", "Идэвхтэй"},
        {"create_date", "Created on", "Үүсгэсэн огноо"},
        {"write_date", "Last updated", "Шинэчилсэн огноо"},
        {"parent_id", "Company ID", "Компанийн ID"},
        {"user_id", "Salesperson ID", "Борлуулагчийн ID"},
    };
    return c;
}

std::vector<ExportColumn> build(Entity e) {
    std::vector<ExportColumn> out;
    for (const auto& f : import::import_fields(e)) out.push_back({f.name, f.label_en, f.label_mn});
    const auto& extra = e == Entity::lead ? extra_lead_columns() : extra_contact_columns();
    out.insert(out.end(), extra.begin(), extra.end());
    return out;
}

Cell text(std::string s) {
    Cell c;
    if (s.empty()) return c;
    c.kind = Cell::Kind::text;
    c.text = std::move(s);
    return c;
}

Cell integer(std::int64_t v, Cell::Kind kind = Cell::Kind::integer) {
    Cell c;
    c.kind = kind;
    c.integer = v;
    return c;
}

Cell optional_id(const std::optional<std::int64_t>& id) { return id ? integer(*id) : Cell{}; }

Cell optional_time(const std::optional<Timestamp>& t) { return t ? integer(*t, Cell::Kind::datetime) : Cell{}; }

Cell name_of(const std::map<std::int64_t, std::string>& names, const std::optional<std::int64_t>& id) {
    if (!id) return {};
    auto it = names.find(*id);
    return text(it != names.end() ? it->second : std::to_string(*id));
}

Cell names_of(const std::map<std::int64_t, std::string>& names, const std::vector<std::int64_t>& ids) {
    std::string out;
    for (auto id : ids) {
        auto it = names.find(id);
        out += (out.empty() ? "" : ", ") + (it != names.end() ? it->second : std::to_string(id));
    }
    return text(std::move(out));
}

Cell address_cell(const Address& a, std::string_view column, bool& found) {
    found = true;
    if (column == "street") return text(a.street);
    if (column == "city") return text(a.city);
    if (column == "state") return text(a.state);
    if (column == "zip") return text(a.zip);
    if (column == "country") return text(a.country);
    found = false;
    return {};
}

}  // namespace

const std::vector<ExportColumn>& columns(import::Entity entity) {
    static const std::vector<ExportColumn> lead = build(Entity::lead), contact = build(Entity::contact);
    return entity == Entity::lead ? lead : contact;
}

const std::vector<std::string_view>& default_fields(import::Entity entity) {
    static const std::vector<std::string_view> lead = {
        "name", "contact_name", "partner_name", "email", "phone", "mobile", "city", "country", "stage",
        "user", "team", "priority", "expected_revenue", "currency", "probability", "date_deadline", "tags", "create_date"};
    static const std::vector<std::string_view> contact = {
        "name", "is_company", "parent_name", "function", "email", "phone", "mobile", "city", "country", "categories",
        "create_date"};
    return entity == Entity::lead ? lead : contact;
}

Result<std::vector<ExportColumn>> pick_columns(import::Entity entity, std::string_view fields) {
    std::vector<std::string_view> names;
    for (std::size_t start = 0; start <= fields.size();) {
        std::size_t comma = fields.find(',', start);
        if (comma == std::string_view::npos) comma = fields.size();
        std::string_view name = fields.substr(start, comma - start);
        while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
        while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
        if (!name.empty()) names.push_back(name);
        start = comma + 1;
    }
    if (names.empty()) names = default_fields(entity);
    std::vector<ExportColumn> out;
    std::string unknown;
    for (auto n : names) {
        const ExportColumn* found = nullptr;
        for (const auto& c : columns(entity))
            if (c.name == n) found = &c;
        if (found) out.push_back(*found);
        else unknown += (unknown.empty() ? "" : ", ") + std::string(n);
    }
    if (!unknown.empty()) {
        std::string all;
        for (const auto& c : columns(entity)) all += (all.empty() ? "" : ", ") + std::string(c.name);
        return Error::make(ErrorCode::bad_request, "unknown export field(s): " + unknown + " (known: " + all + ")", "fields");
    }
    return out;
}

std::optional<HeaderStyle> parse_header_style(std::string_view text) {
    if (text.empty() || text == "field") return HeaderStyle::field;
    if (text == "en") return HeaderStyle::en;
    if (text == "mn") return HeaderStyle::mn;
    return std::nullopt;
}

std::string header_of(const ExportColumn& column, HeaderStyle style) {
    switch (style) {
        case HeaderStyle::en: return std::string(column.label_en);
        case HeaderStyle::mn: return std::string(column.label_mn);
        case HeaderStyle::field: break;
    }
    return std::string(column.name);
}

Cell lead_cell(const Lead& l, std::string_view c, const Lookups& k) {
    bool address = false;
    Cell a = address_cell(l.address, c, address);
    if (address) return a;
    if (c == "id") return integer(l.id);
    if (c == "type") return text(std::string(to_string(l.type)));
    if (c == "name") return text(l.name);
    if (c == "contact_name") return text(l.contact_name);
    if (c == "partner_name") return text(l.partner_name);
    if (c == "email") return text(l.email);
    if (c == "phone") return text(l.phone);
    if (c == "mobile") return text(l.mobile);
    if (c == "website") return text(l.website);
    if (c == "lang") return text(l.lang);
    if (c == "priority") return integer(l.priority);
    if (c == "expected_revenue") {
        Cell m = integer(l.expected_revenue.amount, Cell::Kind::money);
        m.minor_digits = currency_minor_digits(l.expected_revenue.currency).value_or(2);
        return m;
    }
    if (c == "currency") return text(l.expected_revenue.currency);
    if (c == "probability") {
        Cell d;
        d.kind = Cell::Kind::decimal;
        d.decimal = l.probability;
        return d;
    }
    if (c == "date_deadline") return l.date_deadline ? integer(*l.date_deadline, Cell::Kind::date) : Cell{};
    if (c == "tags") return names_of(k.tags, l.tag_ids);
    if (c == "description") return text(l.description);
    if (c == "stage") return name_of(k.stages, l.stage_id);
    if (c == "team") return name_of(k.teams, l.team_id);
    if (c == "user") return name_of(k.users, l.user_id);
    if (c == "lost_reason") return name_of(k.lost_reasons, l.lost_reason_id);
    if (c == "create_date") return integer(l.create_date, Cell::Kind::datetime);
    if (c == "write_date") return integer(l.write_date, Cell::Kind::datetime);
    if (c == "date_closed") return optional_time(l.date_closed);
    if (c == "active") return integer(l.active ? 1 : 0, Cell::Kind::boolean);
    if (c == "stage_id") return optional_id(l.stage_id);
    if (c == "team_id") return optional_id(l.team_id);
    if (c == "user_id") return optional_id(l.user_id);
    if (c == "partner_id") return optional_id(l.partner_id);
    return {};
}

Cell contact_cell(const Contact& x, std::string_view c, const Lookups& k) {
    bool address = false;
    Cell a = address_cell(x.address, c, address);
    if (address) return a;
    if (c == "id") return integer(x.id);
    if (c == "name") return text(x.name);
    if (c == "is_company") return integer(x.is_company ? 1 : 0, Cell::Kind::boolean);
    if (c == "parent_name") return name_of(k.contacts, x.parent_id);
    if (c == "function") return text(x.function);
    if (c == "email") return text(x.email);
    if (c == "phone") return text(x.phone);
    if (c == "mobile") return text(x.mobile);
    if (c == "website") return text(x.website);
    if (c == "lang") return text(x.lang);
    if (c == "opt_out") return integer(x.opt_out ? 1 : 0, Cell::Kind::boolean);
    if (c == "comment") return text(x.comment);
    if (c == "categories") return names_of(k.categories, x.category_ids);
    if (c == "user") return name_of(k.users, x.user_id);
    if (c == "active") return integer(x.active ? 1 : 0, Cell::Kind::boolean);
    if (c == "create_date") return integer(x.create_date, Cell::Kind::datetime);
    if (c == "write_date") return integer(x.write_date, Cell::Kind::datetime);
    if (c == "parent_id") return optional_id(x.parent_id);
    if (c == "user_id") return optional_id(x.user_id);
    return {};
}

std::string cell_text(const Cell& cell) {
    switch (cell.kind) {
        case Cell::Kind::empty: return {};
        case Cell::Kind::text: return csv::neutralize_formula(cell.text);
        case Cell::Kind::integer: return std::to_string(cell.integer);
        case Cell::Kind::money: return format_amount(cell.integer, cell.minor_digits, {"", ".", false});
        case Cell::Kind::date: return format_date(static_cast<DayNumber>(cell.integer));
        case Cell::Kind::datetime: return format_timestamp(cell.integer);
        case Cell::Kind::boolean: return cell.integer ? "true" : "false";
        case Cell::Kind::decimal: {
            long long hundredths = std::llround(cell.decimal * 100);
            std::string out = hundredths < 0 ? "-" : "";
            hundredths = std::llabs(hundredths);
            out += std::to_string(hundredths / 100);
            if (const int frac = static_cast<int>(hundredths % 100)) {
                out += '.';
                out += static_cast<char>('0' + frac / 10);
                if (frac % 10) out += static_cast<char>('0' + frac % 10);
            }
            return out;
        }
    }
    return {};
}

}  // namespace tumen::exporting
