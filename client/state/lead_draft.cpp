#include "lead_draft.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "money_text.hpp"
#include "tumen/datetime.hpp"
#include "tumen/money.hpp"

namespace tumen::client {

namespace {

const std::vector<std::string> text_fields = {"name",  "contact_name", "partner_name", "email",  "phone",
                                              "mobile", "website",     "street",       "city",   "state",
                                              "zip",   "country",      "description"};
const std::vector<std::string> id_fields = {"user_id", "team_id", "source_id", "medium_id", "campaign_id"};

bool is_one_of(const std::vector<std::string>& list, const std::string& f) {
    return std::find(list.begin(), list.end(), f) != list.end();
}

std::string id_text(const std::optional<std::int64_t>& id) { return id ? std::to_string(*id) : std::string(); }

std::string lead_draft_trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::optional<std::int64_t> parse_id(const std::string& s) {
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return std::stoll(s);
}

Message bad(const char* key, const std::string& field) { return Message::from_key(key, {}, field); }

}  // namespace

const std::vector<std::string>& draft_fields() {
    static const std::vector<std::string> all = {
        "name",   "contact_name", "partner_name", "email",      "phone",     "mobile",      "website",
        "street", "city",         "state",        "zip",        "country",   "expected_revenue", "currency",
        "probability", "date_deadline", "user_id", "team_id",   "tag_ids",   "priority",    "source_id",
        "medium_id", "campaign_id", "description"};
    return all;
}

std::string percent_text(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", std::round(value * 100) / 100);
    std::string s = buf;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::vector<std::int64_t> parse_ids(const std::string& csv) {
    std::vector<std::int64_t> out;
    size_t pos = 0;
    while (pos <= csv.size()) {
        size_t comma = csv.find(',', pos);
        if (comma == std::string::npos) comma = csv.size();
        if (auto id = parse_id(csv.substr(pos, comma - pos))) out.push_back(*id);
        pos = comma + 1;
    }
    return out;
}

std::string join_ids(const std::vector<std::int64_t>& ids) {
    std::string s;
    for (auto id : ids) s += (s.empty() ? "" : ",") + std::to_string(id);
    return s;
}

Draft draft_of(const Lead& l, i18n::Lang lang) {
    Draft d;
    d["name"] = l.name;
    d["contact_name"] = l.contact_name;
    d["partner_name"] = l.partner_name;
    d["email"] = l.email;
    d["phone"] = l.phone;
    d["mobile"] = l.mobile;
    d["website"] = l.website;
    d["street"] = l.address.street;
    d["city"] = l.address.city;
    d["state"] = l.address.state;
    d["zip"] = l.address.zip;
    d["country"] = l.address.country;
    d["expected_revenue"] = amount_number(l.expected_revenue, lang);  // as the board writes it
    d["currency"] = l.expected_revenue.currency;
    d["probability"] = percent_text(l.probability);
    d["date_deadline"] = l.date_deadline ? format_date(*l.date_deadline) : std::string();
    d["user_id"] = id_text(l.user_id);
    d["team_id"] = id_text(l.team_id);
    d["tag_ids"] = join_ids(l.tag_ids);
    d["priority"] = std::to_string(l.priority);
    d["source_id"] = id_text(l.source_id);
    d["medium_id"] = id_text(l.medium_id);
    d["campaign_id"] = id_text(l.campaign_id);
    d["description"] = l.description;
    return d;
}

std::vector<std::string> changed_fields(const Draft& base, const Draft& draft) {
    std::vector<std::string> out;
    for (const auto& f : draft_fields()) {
        auto b = base.find(f), d = draft.find(f);
        const std::string& bv = b == base.end() ? std::string() : b->second;
        const std::string& dv = d == draft.end() ? std::string() : d->second;
        if (bv != dv) out.push_back(f);
    }
    return out;
}

Draft rebase(const Draft& old_base, const Draft& draft, const Draft& new_base) {
    Draft out = new_base;
    for (const auto& f : changed_fields(old_base, draft)) out[f] = draft.at(f);
    return out;
}

PatchResult patch_of(const Draft& base, const Draft& draft) {
    PatchResult r;
    auto get = [&](const std::string& f) {
        auto it = draft.find(f);
        return it == draft.end() ? std::string() : it->second;
    };
    bool money_done = false;
    for (const auto& f : changed_fields(base, draft)) {
        const std::string v = get(f);
        if (is_one_of(text_fields, f)) {
            // Names and addresses lose stray spaces; the description is sent as typed.
            r.body[f] = f == "description" ? v : lead_draft_trimmed(v);
        } else if (is_one_of(id_fields, f)) {
            if (v.empty()) r.body[f] = nullptr;
            else if (auto id = parse_id(v)) r.body[f] = *id;
            else r.errors[f] = bad("lead.error.invalid", f);
        } else if (f == "tag_ids") {
            r.body[f] = parse_ids(v);
        } else if (f == "priority") {
            auto p = parse_id(v);
            if (p && *p <= max_priority) r.body[f] = *p;
            else r.errors[f] = bad("lead.error.invalid", f);
        } else if (f == "expected_revenue" || f == "currency") {
            if (money_done) continue;
            money_done = true;
            std::string currency = lead_draft_trimmed(get("currency"));
            for (auto& c : currency) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
            if (!is_known_currency(currency)) {
                r.errors["currency"] = bad("lead.error.currency", "currency");
                continue;
            }
            const std::string amount = lead_draft_trimmed(get("expected_revenue"));
            auto m = parse_money(amount.empty() ? "0" : amount, currency);
            if (!m) r.errors["expected_revenue"] = bad("lead.error.amount", "expected_revenue");
            else r.body["expected_revenue"] = {{"amount", m->amount}, {"currency", m->currency}};
        } else if (f == "probability") {
            const std::string t = lead_draft_trimmed(v);
            char* end = nullptr;
            const double p = std::strtod(t.c_str(), &end);
            if (t.empty() || end != t.c_str() + t.size() || !(p >= 0 && p <= 100))
                r.errors[f] = bad("lead.error.percent", f);
            else r.body[f] = p;
        } else if (f == "date_deadline") {
            const std::string t = lead_draft_trimmed(v);
            if (t.empty()) r.body[f] = nullptr;
            else if (parse_date(t)) r.body[f] = t;
            else r.errors[f] = bad("lead.error.date", f);
        }
    }
    return r;
}

std::string form_field_of(std::string_view server_field) {
    if (server_field == "expected_revenue.currency" || server_field == "currency") return "currency";
    std::string f(server_field.substr(0, server_field.find_first_of(".[")));
    for (const auto& known : draft_fields())
        if (known == f) return f;
    return {};
}

}  // namespace tumen::client
