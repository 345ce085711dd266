#include "tumen/filter_error.hpp"

namespace tumen::filter {

Error filter_error(std::size_t position, std::string key, i18n::Args args, std::string field) {
    std::string english = i18n::tr(i18n::Lang::en, "api." + key, args);
    Error e = Error::make(ErrorCode::bad_request, english, std::move(field));
    e.position = position;
    e.details.push_back({"", std::move(english), std::move(key), std::move(args)});
    return e;
}

std::string type_key(FieldType type) {
    switch (type) {
        case FieldType::string: return "api.filter.type.text";
        case FieldType::integer: return "api.filter.type.integer";
        case FieldType::money: return "api.filter.type.money";
        case FieldType::decimal: return "api.filter.type.decimal";
        case FieldType::boolean: return "api.filter.type.boolean";
        case FieldType::date: return "api.filter.type.date";
        case FieldType::datetime: return "api.filter.type.datetime";
        case FieldType::id: return "api.filter.type.id";
        case FieldType::id_list: return "api.filter.type.id_list";
        case FieldType::string_list: return "api.filter.type.string_list";
        case FieldType::enumeration: return "api.filter.type.choice";
    }
    return "api.filter.type.text";
}

void add_filter_problem(FieldErrors& errors, const std::string& field, const Error& problem) {
    const std::string at = std::to_string(problem.position.value_or(0));
    std::string message = "is not a valid filter: " + problem.message + " (at byte " + at + ")";
    // The problem's own key and arguments, so the field's message is worded in the reader's language as a whole.
    i18n::Args args;
    for (const auto& d : problem.details)
        if (d.field.empty() && !d.key.empty()) {
            args = d.args;
            args.emplace_back("_reason", "api." + d.key);
            break;
        }
    if (args.empty()) args.emplace_back("_reason", "api.filter.reason_as_is");
    args.emplace_back("reason", problem.message);
    args.emplace_back("at", at);
    errors.add(field, std::move(message), "error.filter", std::move(args));
}

}  // namespace tumen::filter
