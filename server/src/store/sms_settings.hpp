// SMS gateway settings, kept in the `settings` table under keys "sms.<field>" (JSON-encoded values). The auth
// header's value is stored here and nowhere else; the API never returns it (only whether one is set).
#pragma once
#include "store/sqlite.hpp"
#include "tumen/sms_gateway.hpp"

namespace tumen::store {

struct SmsSettings {
    sms::GatewayConfig gateway;
    int64_t version = 1;  // bumped by every save (1: never saved)
};

SmsSettings load_sms_settings(Connection& c);
void save_sms_settings(Connection& c, SmsSettings& s);  // bumps s.version

}  // namespace tumen::store
