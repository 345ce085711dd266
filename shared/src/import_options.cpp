#include "tumen/import_options.hpp"

#include <algorithm>

#include "tumen/email_phone.hpp"
#include "tumen/money.hpp"
#include "tumen/text_fold.hpp"

namespace tumen::import {

namespace {

const char* dedupe_name(DedupeField f) {
    switch (f) {
        case DedupeField::email: return "email";
        case DedupeField::phone: return "phone";
        case DedupeField::name: return "name";
    }
    return "email";
}

std::optional<std::vector<DedupeField>> parse_dedupe(std::string_view text) {
    std::vector<DedupeField> out;
    if (text.empty() || text == "none") return out;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text[i] != '+' && text[i] != ',' && text[i] != ' ') continue;
        const std::string_view part = text.substr(start, i - start);
        start = i + 1;
        DedupeField f;
        if (part == "email") f = DedupeField::email;
        else if (part == "phone") f = DedupeField::phone;
        else if (part == "name") f = DedupeField::name;
        else if (part.empty()) continue;
        else return std::nullopt;
        if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    }
    return out;
}

}  // namespace

std::string_view to_string(OnDuplicate d) { return d == OnDuplicate::skip ? "skip" : "update"; }
std::string_view to_string(Mode m) { return m == Mode::valid_rows ? "valid_rows" : "all_or_nothing"; }

std::string dedupe_to_string(const std::vector<DedupeField>& dedupe) {
    if (dedupe.empty()) return "none";
    std::string out;
    for (auto f : dedupe) out += (out.empty() ? "" : "+") + std::string(dedupe_name(f));
    return out;
}

Result<Options> options_from_params(const std::map<std::string, std::string>& params) {
    Options o;
    FieldErrors fe;
    auto get = [&](const char* key) -> std::optional<std::string> {
        auto it = params.find(key);
        if (it == params.end()) return std::nullopt;
        return std::string(text::trim(it->second));
    };
    if (auto v = get("entity")) {
        if (auto e = parse_entity(*v)) o.entity = *e;
        else fe.add("entity", "must be lead or contact", "error.enum");
    }
    if (auto v = get("dedupe")) {
        if (auto d = parse_dedupe(*v)) o.dedupe = *d;
        else fe.add("dedupe", "must be none, or email, phone and name joined by + (email+phone)", "error.enum");
    }
    if (auto v = get("on_duplicate")) {
        if (*v == "skip") o.on_duplicate = OnDuplicate::skip;
        else if (*v == "update") o.on_duplicate = OnDuplicate::update;
        else fe.add("on_duplicate", "must be skip or update", "error.enum");
    }
    if (auto v = get("mode")) {
        if (*v == "valid_rows") o.mode = Mode::valid_rows;
        else if (*v == "all_or_nothing") o.mode = Mode::all_or_nothing;
        else fe.add("mode", "must be valid_rows or all_or_nothing", "error.enum");
    }
    if (auto v = get("dry_run")) {
        if (*v == "true" || *v == "1" || *v == "yes") o.dry_run = true;
        else if (*v == "false" || *v == "0" || *v == "no" || v->empty()) o.dry_run = false;
        else fe.add("dry_run", "must be true or false", "error.type");
    }
    if (auto it = params.find("delimiter"); it != params.end() && !it->second.empty()) {
        const std::string& d = it->second;  // not trimmed: "\t" is the delimiter itself
        if (d == "," || d == ";" || d == "|") o.delimiter = d[0];
        else if (d == "tab" || d == "\t") o.delimiter = '\t';
        else if (d == "pipe") o.delimiter = '|';
        else fe.add("delimiter", "must be , ; tab or |", "error.enum");
    }
    if (auto v = get("currency"); v && !v->empty()) {
        std::string c = *v;
        for (auto& ch : c) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (is_known_currency(c)) o.currency = c;
        else fe.add("currency", "must be a known ISO 4217 currency code such as MNT or USD", "error.currency");
    }
    if (auto it = params.find("mapping"); it != params.end() && !text::trim(it->second).empty()) {
        auto j = nlohmann::json::parse(it->second, nullptr, false);
        if (j.is_discarded() || !(j.is_array() || j.is_object()))
            fe.add("mapping", "must be JSON: an array of field names by column or an object {header: field}", "error.type");
        else
            o.mapping = std::move(j);
    }
    if (o.on_duplicate == OnDuplicate::update && o.dedupe.empty())
        fe.add("on_duplicate", "update needs a dedupe key (email, phone, name ...)", "error.required");
    if (!fe.empty()) return fe.to_error();
    return o;
}

nlohmann::json to_json(const Options& o) {
    nlohmann::json j = {{"entity", std::string(to_string(o.entity))},
                        {"dedupe", dedupe_to_string(o.dedupe)},
                        {"on_duplicate", std::string(to_string(o.on_duplicate))},
                        {"mode", std::string(to_string(o.mode))},
                        {"dry_run", o.dry_run},
                        {"currency", o.currency}};
    if (o.delimiter) j["delimiter"] = std::string(1, o.delimiter);
    if (o.mapping) j["mapping"] = *o.mapping;
    return j;
}

std::string phone_key(std::string_view phone) {
    std::string digits;
    for (char c : phone)
        if (c >= '0' && c <= '9') digits += c;
    if (digits.size() < 3) return {};
    return digits.size() > 8 ? digits.substr(digits.size() - 8) : digits;
}

std::string dedupe_key(const std::vector<DedupeField>& parts, std::string_view email, std::string_view phone,
                       std::string_view name) {
    std::string key;
    for (auto f : parts) {
        std::string part;
        switch (f) {
            case DedupeField::email: part = normalize_email(email); break;
            case DedupeField::phone: part = phone_key(phone); break;
            case DedupeField::name: part = text::fold_key(name); break;
        }
        if (part.empty()) return {};
        if (!key.empty()) key += '\x1F';
        key += part;
    }
    return key;
}

}  // namespace tumen::import
