#include "tumen/error_text.hpp"

#include <algorithm>
#include <string>

namespace tumen {

namespace {

// "api.error.required" for "error.required"; empty when the catalog has no wording for it.
std::string catalog_key(const std::string& key) {
    if (key.empty()) return {};
    std::string k = "api." + key;
    return i18n::has(i18n::Lang::en, k) ? k : std::string();
}

// The error's scalar facts (a lockout's retry_after) as arguments, plus whole minutes for texts that say them.
i18n::Args args_of(const Error& e, const std::string& detail) {
    i18n::Args args{{"detail", detail}};
    if (e.code == ErrorCode::conflict || !e.current.is_object()) return args;
    for (const auto& [name, value] : e.current.items()) {
        if (value.is_string()) args.emplace_back(name, value.get<std::string>());
        else if (value.is_number_integer()) args.emplace_back(name, std::to_string(value.get<int64_t>()));
    }
    if (auto it = e.current.find("retry_after"); it != e.current.end() && it->is_number_integer())
        args.emplace_back("minutes", std::to_string(std::max<int64_t>(1, (it->get<int64_t>() + 59) / 60)));
    return args;
}

// "Хүлээгдэж буй орлого" for "expected_revenue.currency" on a lead; the wire name when the catalog has no label.
std::string error_text_field_label(const std::string& field, i18n::Lang lang, std::string_view subject) {
    if (subject.empty()) return field;
    const std::string key = std::string(subject) + ".field." + field.substr(0, field.find_first_of(".["));
    return i18n::has(lang, key) ? std::string(i18n::tr(lang, key)) : field;
}

}  // namespace

void localize(Error& e, i18n::Lang lang, std::string_view subject) {
    if (lang == i18n::Lang::en) return;  // the services' own wording
    const std::string english = e.message;
    bool worded = false;
    for (auto& d : e.details) {
        const std::string key = catalog_key(d.key);
        if (key.empty()) continue;
        i18n::Args args = args_of(e, d.message);
        args.insert(args.end(), d.args.begin(), d.args.end());
        const std::string text = i18n::tr(lang, key, args);
        if (d.field.empty() && !worded) {  // the error's own key
            e.message = text;
            worded = true;
        }
        d.message = text;
    }
    if (worded) return;
    const FieldError* first = nullptr;
    for (const auto& d : e.details)
        if (!d.field.empty() && !catalog_key(d.key).empty()) {
            first = &d;
            break;
        }
    if (e.code == ErrorCode::validation && first) {
        i18n::Args args{{"field", error_text_field_label(first->field, lang, subject)}, {"problem", first->message}};
        args.emplace_back("more", std::to_string(e.details.size() - 1));
        e.message = i18n::tr(lang, e.details.size() > 1 ? "api.field_problems" : "api.field_problem", args);
        return;
    }
    const std::string code_key = std::string("api.code.") + to_string(e.code);
    if (i18n::has(lang, code_key)) e.message = i18n::tr(lang, code_key, {{"detail", english}});
}

}  // namespace tumen
