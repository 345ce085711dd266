#include "services/reference_service.hpp"

#include "services/auth_service.hpp"
#include "services/lead_service.hpp"
#include "services/record_support.hpp"
#include "store/constraints.hpp"
#include "store/currency_settings.hpp"
#include "tumen/currency_rates.hpp"
#include "tumen/reference_data.hpp"

namespace tumen::server {

namespace {

using nlohmann::json;

// The shared codec of record type T applied to a JSON row: decode (when the row exists), patch, encode.
template <class T, Result<T> (*decode)(const json&)>
FieldErrors patch_as(json& row, const json& patch) {
    T rec{};
    if (!row.is_null()) {
        auto stored = decode(row);
        if (!stored) throw std::logic_error("stored row does not decode: " + stored.error().message);
        rec = std::move(stored.value());
    }
    FieldErrors fe = apply_patch(rec, patch);
    if (fe.empty()) row = rec;
    return fe;
}

void check_category_parent(store::Connection& c, const json& row, FieldErrors& fe) {
    if (!row.contains("parent_id") || row["parent_id"].is_null()) return;
    const int64_t parent = row["parent_id"].get<int64_t>();
    const auto& t = store::contact_categories_table();
    if (!store::ref_exists(c, t, parent)) return fe.add("parent_id", "no such contact category", "error.unknown_id");
    const int64_t id = row.value("id", int64_t{0});
    if (id != 0 && store::ref_has_ancestor(c, t, parent, id))
        fe.add("parent_id", "cannot be the category itself or one of its subcategories", "error.cycle");
}

// The company currency is what the rates are in: a rate row for it would say 1 = something else.
void check_not_company_currency(store::Connection& c, const json& row, FieldErrors& fe) {
    if (row["name"].get<std::string>() == store::company_currency(c))
        fe.add("name", "is the company currency; the rates are in it", "error.company_currency");
}

json with_version_removed(const json& patch) {
    json fields = patch;
    if (fields.is_object()) fields.erase("version");
    return fields;
}

}  // namespace

const ReferenceKind& lost_reason_kind() {
    static const ReferenceKind k{store::lost_reasons_table(), "lost reason", patch_as<LostReason, lost_reason_from_json>,
                                 nullptr, true};
    return k;
}
const ReferenceKind& tag_kind() {
    static const ReferenceKind k{store::tags_table(), "tag", patch_as<Tag, tag_from_json>, nullptr, false};
    return k;
}
const ReferenceKind& contact_category_kind() {
    static const ReferenceKind k{store::contact_categories_table(), "contact category",
                                 patch_as<ContactCategory, contact_category_from_json>, check_category_parent, false};
    return k;
}
const ReferenceKind& utm_source_kind() {
    static const ReferenceKind k{store::utm_sources_table(), "UTM source", patch_as<UtmRecord, utm_from_json>, nullptr, true};
    return k;
}
const ReferenceKind& utm_medium_kind() {
    static const ReferenceKind k{store::utm_mediums_table(), "UTM medium", patch_as<UtmRecord, utm_from_json>, nullptr, true};
    return k;
}
const ReferenceKind& utm_campaign_kind() {
    static const ReferenceKind k{store::utm_campaigns_table(), "UTM campaign", patch_as<UtmRecord, utm_from_json>, nullptr,
                                 true};
    return k;
}

const ReferenceKind& currency_kind() {
    static const ReferenceKind k{store::currencies_table(), "currency", patch_as<CurrencyRate, currency_rate_from_json>,
                                 check_not_company_currency, false};
    return k;
}

json ReferenceService::company_currency() { return {{"currency", store::company_currency(db_.reader())}}; }

Result<json> ReferenceService::set_company_currency(const Caller& caller, const json& body) {
    FieldErrors fe;
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    for (const auto& [key, value] : body.items())
        if (key != "currency") fe.add(key, "is not a field", "error.unknown_field");
    const json code = body.value("currency", json());
    if (!code.is_string() || !is_known_currency(code.get<std::string>()))
        fe.add("currency", "must be a known ISO 4217 currency code such as MNT or USD", "error.currency");
    if (!fe.empty()) return fe.to_error();
    const std::string currency = code.get<std::string>();
    return db_.write([&](store::Connection& c) -> Result<json> {
        if (store::ref_name_taken(c, store::currencies_table(), currency, 0)) {
            return field_error("currency", "has a rate in Settings › Currencies; delete that row first",
                               "error.currency_has_rate");
        }
        const std::string before = store::company_currency(c);
        if (before == currency) return json{{"currency", currency}};
        store::set_company_currency(c, currency);
        log_record_change(c, caller, "company_currency", 0, "updated", {{"from", before}, {"to", currency}});
        return json{{"currency", currency}};
    });
}

json ReferenceService::rate_table() { return store::rate_table_json(db_.reader()); }

Result<json> ReferenceService::list(const ReferenceKind& kind, const std::string& active) {
    if (active != "true" && active != "false" && active != "all")
        return Error::make(ErrorCode::bad_request, "active must be true, false or all", "active");
    json items = json::array();
    for (auto& row : store::list_refs(db_.reader(), kind.table, active)) items.push_back(std::move(row));
    return json{{"items", items}};
}

Result<json> ReferenceService::get(const ReferenceKind& kind, int64_t id) {
    auto row = store::find_ref(db_.reader(), kind.table, id);
    if (!row) return record_not_found(kind.label, id);
    return std::move(*row);
}

std::optional<Error> ReferenceService::check(store::Connection& c, const ReferenceKind& kind, const json& row, int64_t id) {
    FieldErrors fe;
    if (kind.check) kind.check(c, row, fe);
    if (!fe.empty()) return fe.to_error();
    if (store::ref_name_taken(c, kind.table, row["name"].get<std::string>(), id)) {
        Error e = Error::make(ErrorCode::conflict, "name: a " + kind.label + " with this name already exists", "name");
        e.details.push_back({"name", "is already used", "error.duplicate"});
        return e;
    }
    return std::nullopt;
}

Result<json> ReferenceService::create(const Caller& caller, const ReferenceKind& kind, const json& body) {
    json row;  // null: a new record
    if (FieldErrors fe = kind.patch(row, body); !fe.empty()) return fe.to_error();
    return store::map_constraints([&]() -> Result<json> {
        return db_.write([&](store::Connection& c) -> Result<json> {
            if (auto err = check(c, kind, row, 0)) return *err;
            const int64_t id = store::insert_ref(c, kind.table, row);
            json stored = *store::find_ref(c, kind.table, id);
            log_record_change(c, caller, kind.table.entity, id, "created", {{"version", stored["version"]}});
            return stored;
        });
    });
}

Result<json> ReferenceService::update(const Caller& caller, const ReferenceKind& kind, int64_t id, const json& patch) {
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    auto version = required_version(patch);
    if (!version) return version.error();
    return store::map_constraints([&]() -> Result<json> {
        return db_.write([&](store::Connection& c) -> Result<json> {
            auto current = store::find_ref(c, kind.table, id);
            if (!current) return record_not_found(kind.label, id);
            if ((*current)["version"].get<int64_t>() != version.value()) return stale_version(kind.label, *current);
            json row = *current;
            if (FieldErrors fe = kind.patch(row, with_version_removed(patch)); !fe.empty()) return fe.to_error();
            if (row == *current) return row;  // nothing changed: no new version, no event
            if (auto err = check(c, kind, row, id)) return *err;
            if (!store::update_ref(c, kind.table, row)) return stale_version(kind.label, *current);
            json stored = *store::find_ref(c, kind.table, id);
            log_record_change(c, caller, kind.table.entity, id, "updated", {{"version", stored["version"]}});
            return stored;
        });
    });
}

Result<bool> ReferenceService::remove(const Caller& caller, const ReferenceKind& kind, int64_t id) {
    store::ForeignKeyHint in_use{"", ErrorCode::conflict, "this " + kind.label + " is still in use"};
    return store::map_constraints(
        [&]() -> Result<bool> {
            return db_.write([&](store::Connection& c) -> Result<bool> {
                if (!store::ref_exists(c, kind.table, id)) return record_not_found(kind.label, id);
                if (kind.refuse_delete_when_used) {
                    if (int64_t n = store::ref_use_count(c, kind.table, id))
                        return still_in_use(std::to_string(n) + " lead(s) refer to this " + kind.label +
                                            "; archive it (active: false) instead of deleting it");
                }
                store::delete_ref(c, kind.table, id);
                log_record_change(c, caller, kind.table.entity, id, "deleted");
                return true;
            });
        },
        in_use);
}

}  // namespace tumen::server
