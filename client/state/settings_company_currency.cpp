#include "settings_company_currency.hpp"

#include "api_io.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {
constexpr const char* company_currency_path = "/api/v1/company-currency";
}  // namespace

void CompanyCurrencySetting::reset() {
    loaded_ = loading_ = busy_ = false;
    currency_.clear();
    draft_.clear();
    errors_.clear();
    banner_ = {};
}

void CompanyCurrencySetting::ensure_loaded() {
    if (loaded_ || loading_) return;
    loading_ = true;
    io_.send("GET", company_currency_path, nullptr, [this](const HttpResponse& reply) {
        loading_ = false;
        loaded_ = true;  // also after a failure: the banner says it
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        currency_ = draft_ = str(reply_json(reply), "currency");
    });
}

void CompanyCurrencySetting::save() {
    if (busy_ || !dirty()) return;
    busy_ = true;
    errors_.clear();
    banner_ = {};
    std::string code = draft_;
    for (char& c : code)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    io_.send("PUT", company_currency_path, {{"currency", code}}, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            errors_ = field_messages(reply);
            if (errors_.empty()) banner_ = problem_message(reply);
            return;
        }
        currency_ = draft_ = str(reply_json(reply), "currency");
    });
}

}  // namespace tumen::client
