// Settings › Products (issue 10): the catalogue with archived products marked, and an editor for one product
// (name, code, description, unit of measure, price typed as decimal text in its currency, tax % typed as a
// percent and sent as basis points, tax included, active). Everyone may read the list; managers and
// administrators edit (the server checks; its 403 shows as the banner, a 422 at the field it names). Saving
// sends the version read; a 409 takes the server's product and keeps the edits.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "settings_io.hpp"
#include "tumen/quotation.hpp"

namespace tumen::client {

// A product as the editor's fields hold it: amounts and percents as the text a person types.
struct ProductDraft {
    std::int64_t id = 0;  // 0 = new
    std::int64_t version = 0;
    std::string name, code, description, uom = "Unit";
    std::string price = "0", currency = "MNT";
    std::string tax;  // percent, "15" or "12.5"; "" = none
    bool tax_included = false;
    bool active = true;
};

ProductDraft draft_of(const Product& p);
// The draft as a request body, or nullopt with `errors` keyed by the server's field names ("name",
// "price.amount", "price.currency", "tax_bp") when a field does not parse.
std::optional<nlohmann::json> product_body(const ProductDraft& d, FieldMessages& errors);

class ProductsAdmin {
public:
    explicit ProductsAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();
    bool loading() const { return loading_; }
    const std::vector<Product>& items() const { return items_; }  // active first, then archived, by name

    bool editing() const { return editing_; }
    void edit(std::int64_t id);
    void create();
    void cancel();
    ProductDraft draft;
    void save();
    void remove(std::int64_t id);
    std::int64_t confirm_delete = 0;
    bool busy() const { return busy_; }

    // Errors by the server's field names ("name", "price.amount", "price.currency", "tax_bp", ...).
    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    void clear_error(const std::string& field) { errors_.erase(field); }
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void take(const Product& p);
    void sort();

    SettingsIo& io_;
    std::vector<Product> items_;
    bool loading_ = false, loaded_ = false, editing_ = false, busy_ = false;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
