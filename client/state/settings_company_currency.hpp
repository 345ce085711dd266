// Settings › Currencies, above the rates: the company currency (the one the rates are in and a board column over
// several currencies is totalled in). Read by everyone, changed by managers and administrators (the server checks).
#pragma once
#include <string>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

class CompanyCurrencySetting {
public:
    explicit CompanyCurrencySetting(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reset();
    bool loaded() const { return loaded_; }
    const std::string& currency() const { return currency_; }  // as the server has it
    std::string& draft() { return draft_; }                      // the field's text
    bool dirty() const { return loaded_ && draft_ != currency_; }
    void save();
    bool busy() const { return busy_; }
    const FieldMessages& errors() const { return errors_; }  // "currency"
    const Message& banner() const { return banner_; }

private:
    SettingsIo& io_;
    bool loaded_ = false, loading_ = false, busy_ = false;
    std::string currency_, draft_;
    FieldMessages errors_;
    Message banner_;
};

}  // namespace tumen::client
