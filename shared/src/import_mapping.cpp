#include "tumen/import_mapping.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::import {

namespace {

struct Synonyms {
    std::string_view field;
    std::vector<std::string_view> words;  // header texts in English and Mongolian (any case, spacing, punctuation)
};

// Shared by leads and contacts: where a person or company can be reached.
const std::vector<Synonyms>& address_synonyms() {
    static const std::vector<Synonyms> list = {
        {"email", {"email", "e-mail", "email address", "e-mail address", "mail", "имэйл", "и-мэйл", "имейл", "и-мейл",
                   "имэйл хаяг", "цахим шуудан", "цахим хаяг", "э-шуудан", "емайл"}},
        {"phone", {"phone", "telephone", "tel", "phone number", "work phone", "утас", "утасны дугаар", "утас дугаар",
                   "ажлын утас", "холбоо барих утас", "дугаар"}},
        {"mobile", {"mobile", "mobile phone", "cell", "cell phone", "cellphone", "мобайл", "гар утас", "гар утасны дугаар"}},
        {"website", {"website", "web site", "web", "url", "site", "homepage", "вэбсайт", "веб сайт", "вэб сайт", "вебсайт",
                     "вэб хуудас", "цахим хуудас"}},
        {"street", {"street", "address", "street address", "address line", "хаяг", "гудамж", "гэрийн хаяг", "ажлын хаяг"}},
        {"city", {"city", "town", "хот", "сум", "хот сум"}},
        {"state", {"state", "province", "region", "aimag", "аймаг", "муж", "дүүрэг", "аймаг хот"}},
        {"zip", {"zip", "zip code", "postal code", "postcode", "post code", "шуудангийн код", "шуудангийн индекс", "индекс"}},
        {"country", {"country", "улс", "орон", "улс орон"}},
        {"lang", {"language", "lang", "хэл"}},
    };
    return list;
}

const std::vector<Synonyms>& lead_synonyms() {
    static const std::vector<Synonyms> list = [] {
        std::vector<Synonyms> l = {
            {"name", {"name", "title", "lead", "lead name", "opportunity", "subject", "нэр", "гарчиг", "сэжим", "боломж",
                      "сэжмийн нэр", "боломжийн нэр"}},
            {"contact_name", {"contact name", "contact", "contact person", "person", "full name", "холбоо барих хүн",
                              "харилцагчийн нэр", "харилцагч", "овог нэр", "хүний нэр"}},
            {"partner_name", {"company", "company name", "organization", "organisation", "customer", "partner", "account",
                              "компани", "компанийн нэр", "байгууллага", "байгууллагын нэр", "харилцагч байгууллага",
                              "үйлчлүүлэгч"}},
            {"priority", {"priority", "stars", "rating", "ач холбогдол", "чухал байдал", "эрэмбэ", "зэрэглэл", "од"}},
            {"expected_revenue", {"expected revenue", "revenue", "amount", "deal value", "value", "deal amount",
                                  "орлого", "хүлээгдэж буй орлого", "төлөвлөсөн орлого", "дүн", "үнийн дүн", "мөнгөн дүн",
                                  "гэрээний дүн"}},
            {"currency", {"currency", "валют", "мөнгөн тэмдэгт"}},
            {"probability", {"probability", "chance", "probability %", "магадлал", "магадлал %"}},
            {"date_deadline", {"expected closing", "deadline", "close date", "closing date", "expected close date",
                               "expected closing date", "хаах огноо", "хаагдах огноо", "эцсийн хугацаа", "дуусах хугацаа",
                               "хаах хугацаа"}},
            {"description", {"description", "notes", "note", "comment", "comments", "internal notes", "тайлбар",
                             "тэмдэглэл", "санамж"}},
            {"type", {"type", "lead type", "төрөл"}},
            {"tags", {"tags", "tag", "labels", "шошго", "пайз"}},
        };
        const auto& a = address_synonyms();
        l.insert(l.end(), a.begin(), a.end());
        return l;
    }();
    return list;
}

const std::vector<Synonyms>& contact_synonyms() {
    static const std::vector<Synonyms> list = [] {
        std::vector<Synonyms> l = {
            {"name", {"name", "full name", "contact", "contact name", "person", "нэр", "овог нэр", "харилцагчийн нэр",
                      "харилцагч", "хүний нэр"}},
            {"is_company", {"is a company", "is company", "type", "contact type", "компани эсэх",
                            "байгууллага эсэх", "төрөл"}},
            {"parent_name", {"company", "company name", "organization", "organisation", "employer", "parent company",
                             "компани", "компанийн нэр", "байгууллага", "байгууллагын нэр", "ажлын газар"}},
            {"function", {"job position", "job title", "position", "title", "function", "албан тушаал", "ажлын байр",
                          "тушаал"}},
            {"comment", {"notes", "note", "comment", "comments", "description", "тэмдэглэл", "тайлбар", "санамж"}},
            {"opt_out", {"opt out", "opt-out", "no mass mailing", "unsubscribed", "захидал хүлээн авахгүй",
                         "бүртгэлээс гарсан"}},
        };
        const auto& a = address_synonyms();
        l.insert(l.end(), a.begin(), a.end());
        return l;
    }();
    return list;
}

const std::vector<Synonyms>& synonyms(Entity e) { return e == Entity::lead ? lead_synonyms() : contact_synonyms(); }

bool keeps(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
    // Latin letters with accents and Cyrillic (Mongolian Ө Ү included); symbols such as ₮ № « » are dropped.
    return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x400 && cp <= 0x52F);
}

// Keys of each field's synonyms, the field's own name and its labels.
const std::map<std::string, std::string>& exact_keys(Entity e) {
    static const auto build = [](Entity entity) {
        std::map<std::string, std::string> m;
        for (const auto& s : synonyms(entity))
            for (auto w : s.words) m.emplace(header_key(w), std::string(s.field));
        for (const auto& f : import_fields(entity)) {
            m.emplace(header_key(f.name), std::string(f.name));
            m.emplace(header_key(f.label_en), std::string(f.name));
            m.emplace(header_key(f.label_mn), std::string(f.name));
        }
        return m;
    };
    static const std::map<std::string, std::string> lead = build(Entity::lead), contact = build(Entity::contact);
    return e == Entity::lead ? lead : contact;
}

// The field of the longest synonym (4+ bytes, so "tel" or "нэр" never match inside other words) that the key
// ends with, else of the longest it starts with: the last word names the thing in English and Mongolian alike
// ("Company phone", "Компанийн утас" are phones; "Expected revenue (MNT)" is still revenue).
std::string fuzzy_field(const std::string& key, Entity e) {
    std::string suffix_field, prefix_field;
    std::size_t suffix_len = 0, prefix_len = 0;
    for (const auto& [syn, field] : exact_keys(e)) {
        if (syn.size() < 4 || syn.size() >= key.size()) continue;
        if (syn.size() > suffix_len && key.compare(key.size() - syn.size(), syn.size(), syn) == 0) {
            suffix_field = field;
            suffix_len = syn.size();
        }
        if (syn.size() > prefix_len && key.compare(0, syn.size(), syn) == 0) {
            prefix_field = field;
            prefix_len = syn.size();
        }
    }
    return suffix_len ? suffix_field : prefix_field;
}

Error mapping_error(FieldErrors& fe) { return fe.to_error(); }

}  // namespace

std::string_view to_string(Entity entity) { return entity == Entity::lead ? "lead" : "contact"; }

std::optional<Entity> parse_entity(std::string_view text) {
    if (text == "lead" || text == "leads") return Entity::lead;
    if (text == "contact" || text == "contacts") return Entity::contact;
    return std::nullopt;
}

const std::vector<ImportField>& import_fields(Entity entity) {
    static const std::vector<ImportField> address = {
        {"email", "Email", "И-мэйл"},
        {"phone", "Phone", "Утас"},
        {"mobile", "Mobile", "Гар утас"},
        {"website", "Website", "Вэбсайт"},
        {"street", "Street", "Хаяг"},
        {"city", "City", "Хот"},
        {"state", "State", "Аймаг"},
        {"zip", "ZIP", "Шуудангийн код"},
        {"country", "Country", "Улс"},
        {"lang", "Language", "Хэл"},
    };
    static const std::vector<ImportField> lead = [] {
        std::vector<ImportField> f = {
            {"name", "Name", "Нэр"},
            {"type", "Type", "Төрөл"},
            {"contact_name", "Contact name", "Холбоо барих хүн"},
            {"partner_name", "Company", "Компани"},
        };
        f.insert(f.end(), address.begin(), address.end());
        f.insert(f.end(), {
            {"expected_revenue", "Expected revenue", "Орлого"},
            {"currency", "Currency", "Валют"},
            {"probability", "Probability", "Магадлал"},
            {"priority", "Priority", "Ач холбогдол"},
            {"date_deadline", "Expected closing", "Хаах огноо"},
            {"tags", "Tags", "Шошго"},
            {"description", "Notes", "Тэмдэглэл"},
        });
        return f;
    }();
    static const std::vector<ImportField> contact = [] {
        std::vector<ImportField> f = {
            {"name", "Name", "Нэр"},
            {"is_company", "Is a company", "Компани эсэх"},
            {"parent_name", "Company", "Компани"},
            {"function", "Job position", "Албан тушаал"},
        };
        f.insert(f.end(), address.begin(), address.end());
        f.insert(f.end(), {
            {"opt_out", "Opt out", "Захидал хүлээн авахгүй"},
            {"comment", "Notes", "Тэмдэглэл"},
        });
        return f;
    }();
    return entity == Entity::lead ? lead : contact;
}

const ImportField* find_import_field(Entity entity, std::string_view name) {
    for (const auto& f : import_fields(entity))
        if (f.name == name) return &f;
    return nullptr;
}

std::string header_key(std::string_view header) {
    const std::string folded = text::fold(header);
    std::string out;
    for (std::size_t i = 0; i < folded.size();) {
        const char32_t cp = utf8::decode(folded, i);
        if (cp != utf8::invalid && keeps(cp)) utf8::append(out, cp);
    }
    return out;
}

std::vector<std::string> suggest_mapping(const std::vector<std::string>& headers, Entity entity) {
    std::vector<std::string> mapping(headers.size());
    std::set<std::string> used;
    const auto& exact = exact_keys(entity);
    for (std::size_t i = 0; i < headers.size(); ++i) {
        const auto it = exact.find(header_key(headers[i]));
        if (it != exact.end() && used.insert(it->second).second) mapping[i] = it->second;
    }
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (!mapping[i].empty()) continue;
        const std::string key = header_key(headers[i]);
        if (key.empty() || exact.count(key)) continue;  // an exact synonym whose field is taken stays unmapped
        // "partner_id", "Contact ID": a reference number, never the name or phone its first word suggests.
        if (key.size() > 2 && key.compare(key.size() - 2, 2, "id") == 0) continue;
        std::string field = fuzzy_field(key, entity);
        if (!field.empty() && used.insert(field).second) mapping[i] = field;
    }
    return mapping;
}

Result<std::vector<std::string>> mapping_from_json(const nlohmann::json& j, const std::vector<std::string>& headers,
                                                   Entity entity) {
    std::vector<std::string> mapping(headers.size());
    FieldErrors fe;
    auto take = [&](std::size_t column, const nlohmann::json& value, const std::string& where) {
        if (value.is_null()) return;
        if (!value.is_string()) return fe.add(where, "must be a field name or null", "error.type");
        const std::string field = value.get<std::string>();
        if (field.empty()) return;
        if (!find_import_field(entity, field))
            return fe.add(where, "'" + field + "' is not a field an import of " + std::string(to_string(entity)) + "s can fill",
                          "error.unknown_field");
        mapping[column] = field;
    };
    if (j.is_array()) {
        if (j.size() > headers.size())
            fe.add("mapping", "has " + std::to_string(j.size()) + " entries, the file has " + std::to_string(headers.size()) +
                                  " columns", "error.range");
        for (std::size_t i = 0; i < j.size() && i < headers.size(); ++i) take(i, j[i], "mapping[" + std::to_string(i) + "]");
    } else if (j.is_object()) {
        for (const auto& [header, value] : j.items()) {
            std::size_t column = headers.size();
            for (std::size_t i = 0; i < headers.size() && column == headers.size(); ++i)
                if (headers[i] == text::trim(header)) column = i;
            for (std::size_t i = 0; i < headers.size() && column == headers.size(); ++i)
                if (header_key(headers[i]) == header_key(header) && !header_key(header).empty()) column = i;
            if (column == headers.size()) {
                fe.add("mapping." + header, "the file has no column with this header", "error.not_found");
                continue;
            }
            take(column, value, "mapping." + header);
        }
    } else {
        fe.add("mapping", "must be an array of field names by column, or an object {header: field}", "error.type");
    }
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < mapping.size(); ++i) {
        if (mapping[i].empty()) continue;
        auto [it, fresh] = seen.emplace(mapping[i], i);
        if (!fresh)
            fe.add("mapping", "field '" + mapping[i] + "' is mapped from two columns (" + headers[it->second] + ", " +
                                  headers[i] + ")", "error.duplicate");
    }
    if (fe.empty() && seen.empty()) fe.add("mapping", "maps no column to a field", "error.required");
    if (!fe.empty()) return mapping_error(fe);
    return mapping;
}

nlohmann::json mapping_to_json(const std::vector<std::string>& headers, const std::vector<std::string>& mapping) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t i = 0; i < headers.size(); ++i)
        out.push_back({{"column", i},
                       {"header", headers[i]},
                       {"field", i < mapping.size() && !mapping[i].empty() ? nlohmann::json(mapping[i]) : nlohmann::json()}});
    return out;
}

}  // namespace tumen::import
