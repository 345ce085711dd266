#include "contact_draft.hpp"

#include <algorithm>
#include <cstdlib>

namespace tumen::client {

namespace {

bool is_id_field(const std::string& f) { return f == "parent_id" || f == "user_id"; }
bool is_flag_field(const std::string& f) { return f == "is_company" || f == "opt_out" || f == "blacklisted"; }

}  // namespace

const std::vector<std::string>& contact_draft_fields() {
    static const std::vector<std::string> f = {"is_company", "name",    "parent_id", "function",     "email",
                                               "phone",      "mobile",  "website",   "street",       "city",
                                               "state",      "zip",     "country",   "lang",         "user_id",
                                               "category_ids", "comment", "opt_out", "blacklisted"};
    return f;
}

Draft contact_draft_of(const Contact& c) {
    auto id = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string(); };
    auto flag = [](bool b) { return b ? std::string("1") : std::string(); };
    return {{"is_company", flag(c.is_company)},
            {"name", c.name},
            {"parent_id", id(c.parent_id)},
            {"function", c.function},
            {"email", c.email},
            {"phone", c.phone},
            {"mobile", c.mobile},
            {"website", c.website},
            {"street", c.address.street},
            {"city", c.address.city},
            {"state", c.address.state},
            {"zip", c.address.zip},
            {"country", c.address.country},
            {"lang", c.lang},
            {"user_id", id(c.user_id)},
            {"category_ids", join_ids(c.category_ids)},
            {"comment", c.comment},
            {"opt_out", flag(c.opt_out)},
            {"blacklisted", flag(c.blacklisted)}};
}

std::vector<std::string> contact_changed_fields(const Draft& base, const Draft& draft) {
    std::vector<std::string> out;
    for (const auto& f : contact_draft_fields()) {
        auto b = base.find(f), d = draft.find(f);
        const std::string bv = b == base.end() ? std::string() : b->second;
        const std::string dv = d == draft.end() ? std::string() : d->second;
        if (bv != dv) out.push_back(f);
    }
    return out;
}

nlohmann::json contact_patch_of(const Draft& base, const Draft& draft) {
    nlohmann::json body = nlohmann::json::object();
    for (const auto& f : contact_changed_fields(base, draft)) {
        const auto it = draft.find(f);
        const std::string v = it == draft.end() ? std::string() : it->second;
        if (is_id_field(f)) body[f] = v.empty() ? nlohmann::json(nullptr) : nlohmann::json(std::strtoll(v.c_str(), nullptr, 10));
        else if (is_flag_field(f)) body[f] = !v.empty();
        else if (f == "category_ids") body[f] = parse_ids(v);
        else body[f] = v;
    }
    return body;
}

std::string contact_form_field_of(std::string_view server_field) {
    std::string f(server_field.substr(0, server_field.find_first_of(".[")));
    const auto& all = contact_draft_fields();
    return std::find(all.begin(), all.end(), f) != all.end() ? f : std::string();
}

}  // namespace tumen::client
