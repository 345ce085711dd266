#include "message.hpp"

namespace tumen::client {

Message Message::from_key(std::string key, i18n::Args args, std::string field) {
    Message m;
    m.key = std::move(key);
    m.args = std::move(args);
    m.field = std::move(field);
    return m;
}

Message Message::from_text(std::string text, std::string field) {
    Message m;
    m.text = std::move(text);
    m.field = std::move(field);
    return m;
}

std::string Message::render(i18n::Lang lang) const {
    if (!text.empty()) return text;
    if (key.empty()) return {};
    return i18n::tr(lang, key, args);
}

}  // namespace tumen::client
