#include "settings_products.hpp"

#include <algorithm>

#include "api_io.hpp"
#include "quotes_state.hpp"

namespace tumen::client {

using nlohmann::json;

ProductDraft draft_of(const Product& p) {
    ProductDraft d;
    d.id = p.id;
    d.version = p.version;
    d.name = p.name;
    d.code = p.code;
    d.description = p.description;
    d.uom = p.uom;
    d.currency = p.price.currency;
    d.price = format_amount(p.price.amount, currency_minor_digits(p.price.currency).value_or(2), {.group = ""});
    d.tax = bp_percent_text(p.tax_bp);
    d.tax_included = p.tax_included;
    d.active = p.active;
    return d;
}

std::optional<json> product_body(const ProductDraft& d, FieldMessages& errors) {
    errors.clear();
    if (d.name.find_first_not_of(" ") == std::string::npos)
        errors["name"] = Message::from_key("settings.error.required", {}, "name");
    const auto digits = currency_minor_digits(d.currency);
    if (!digits) errors["price.currency"] = Message::from_key("settings.products.error.currency", {}, "price.currency");
    const auto amount = parse_amount(d.price.empty() ? "0" : d.price, digits.value_or(2));
    if (!amount || amount.value() < 0)
        errors["price.amount"] = Message::from_key("settings.products.error.price", {}, "price.amount");
    const auto tax = parse_bp_percent(d.tax);
    if (!tax) errors["tax_bp"] = Message::from_key("settings.error.percent", {}, "tax_bp");
    if (!errors.empty()) return std::nullopt;
    return json{{"name", d.name},
                {"code", d.code},
                {"description", d.description},
                {"uom", d.uom},
                {"price", {{"amount", amount.value()}, {"currency", d.currency}}},
                {"tax_bp", *tax},
                {"tax_included", d.tax_included},
                {"active", d.active}};
}

void ProductsAdmin::reset() {
    items_.clear();
    loading_ = loaded_ = editing_ = busy_ = false;
    draft = {};
    confirm_delete = 0;
    errors_.clear();
    banner_ = notice_ = {};
}

void ProductsAdmin::ensure_loaded() {
    if (!loaded_ && !loading_) reload();
}

void ProductsAdmin::reload() {
    loaded_ = loading_ = true;
    io_.send("GET", "/api/v1/products?archived=true&limit=500", nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
            return;
        }
        items_.clear();
        for (const auto& it : j["items"])
            if (auto p = product_from_json(it)) items_.push_back(std::move(p.value()));
        sort();
    });
}

void ProductsAdmin::sort() {
    std::stable_sort(items_.begin(), items_.end(), [](const Product& a, const Product& b) {
        if (a.active != b.active) return a.active;
        return a.name < b.name;
    });
}

const Message* ProductsAdmin::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void ProductsAdmin::edit(std::int64_t id) {
    for (const auto& p : items_)
        if (p.id == id) {
            draft = draft_of(p);
            editing_ = true;
            errors_.clear();
            banner_ = notice_ = {};
        }
}

void ProductsAdmin::create() {
    draft = {};
    editing_ = true;
    errors_.clear();
    banner_ = notice_ = {};
}

void ProductsAdmin::cancel() {
    editing_ = false;
    draft = {};
    errors_.clear();
}

void ProductsAdmin::take(const Product& p) {
    for (auto& x : items_)
        if (x.id == p.id) {
            x = p;
            sort();
            return;
        }
    items_.push_back(p);
    sort();
}

void ProductsAdmin::save() {
    if (busy_ || !editing_) return;
    banner_ = notice_ = {};
    auto body = product_body(draft, errors_);
    if (!body) return;
    const bool fresh = draft.id == 0;
    if (!fresh) (*body)["version"] = draft.version;
    busy_ = true;
    const std::string path = "/api/v1/products" + (fresh ? std::string() : "/" + std::to_string(draft.id));
    io_.send(fresh ? "POST" : "PATCH", path, *body, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                if (auto p = product_from_json(*current)) {
                    take(p.value());
                    draft.version = p->version;  // the edits stay; saving again overwrites knowingly
                }
                banner_ = Message::from_key("settings.products.stale");
                return;
            }
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        if (auto p = product_from_json(reply_json(reply))) take(p.value());
        else reload();
        editing_ = false;
        draft = {};
        notice_ = Message::from_key("settings.products.saved");
    });
}

void ProductsAdmin::remove(std::int64_t id) {
    banner_ = notice_ = {};
    io_.send("DELETE", "/api/v1/products/" + std::to_string(id), nullptr, [this, id](const HttpResponse& reply) {
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        std::erase_if(items_, [id](const Product& p) { return p.id == id; });
        if (editing_ && draft.id == id) cancel();
        notice_ = Message::from_key("settings.products.deleted");
    });
}

}  // namespace tumen::client
