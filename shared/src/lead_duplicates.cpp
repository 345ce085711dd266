#include "tumen/lead_duplicates.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>

#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen {

namespace {

bool is_open(const Lead& lead, const std::vector<Stage>& stages) {
    if (!lead.active) return false;
    const Stage* s = lead.stage_id ? find_stage(stages, *lead.stage_id) : nullptr;
    return !(s && s->is_won);
}

bool is_legal_form(std::string_view word) {
    static constexpr std::array<std::string_view, 20> forms = {
        "ххк", "хк",  "төхк", "төүг", "тбб", "xxk",     "llc", "ltd", "inc",  "co",
        "corp", "company", "limited", "plc", "gmbh", "ооо", "оао", "зао", "ао", "пао"};
    return std::find(forms.begin(), forms.end(), word) != forms.end();
}

std::string drop_punctuation(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t start = i;
        const char32_t cp = utf8::decode(s, i);
        const bool punct = cp == U'.' || cp == U',' || cp == U'"' || cp == U'\'' || cp == U'(' || cp == U')' ||
                           cp == 0x00AB || cp == 0x00BB || cp == 0x201C || cp == 0x201D || cp == 0x201E;
        if (punct) out += ' ';
        else out.append(s.substr(start, i - start));
    }
    return out;
}

// Partner id -> its company ("commercial partner"), from the contact list when one is given.
std::map<std::int64_t, std::int64_t> commercial_ids(const std::vector<Contact>* contacts) {
    std::map<std::int64_t, std::int64_t> out;
    if (contacts)
        for (const auto& c : *contacts) out[c.id] = commercial_id(c);
    return out;
}

// One similarity rule: which candidates match; the rule is dropped when it matches too many.
using Rule = std::function<bool(const Lead&)>;

void apply_rule(const std::vector<Lead>& candidates, std::int64_t self, const Rule& rule, DuplicateReason reason,
                std::size_t max_hits, std::map<std::int64_t, unsigned>& found) {
    std::vector<std::int64_t> hits;
    for (const auto& c : candidates)
        if (c.id != self && rule(c)) hits.push_back(c.id);
    if (hits.size() > max_hits) return;
    for (auto id : hits) found[id] |= static_cast<unsigned>(reason);
}

bool phones_overlap(const Lead& a, const Lead& b) {
    for (const auto* pa : {&a.phone, &a.mobile})
        for (const auto* pb : {&b.phone, &b.mobile})
            if (!pa->empty() && !pb->empty() && phones_match(*pa, *pb)) return true;
    return false;
}

}  // namespace

std::string_view to_string(DuplicateReason reason) {
    switch (reason) {
        case DuplicateReason::same_email: return "same_email";
        case DuplicateReason::same_email_domain: return "same_email_domain";
        case DuplicateReason::same_partner: return "same_partner";
        case DuplicateReason::same_company_name: return "same_company_name";
        case DuplicateReason::same_contact_name: return "same_contact_name";
        case DuplicateReason::same_phone: return "same_phone";
    }
    return "";
}

std::vector<DuplicateReason> DuplicateMatch::reason_list() const {
    std::vector<DuplicateReason> out;
    for (unsigned bit = 1; bit <= static_cast<unsigned>(DuplicateReason::same_phone); bit <<= 1)
        if (reasons & bit) out.push_back(static_cast<DuplicateReason>(bit));
    return out;
}

void to_json(nlohmann::json& j, const DuplicateMatch& m) {
    j = {{"id", m.id}, {"reasons", nlohmann::json::array()}};
    for (auto r : m.reason_list()) j["reasons"].push_back(to_string(r));
}

std::string company_key(std::string_view name) {
    const auto folded = text::fold_key(drop_punctuation(name));
    std::string out;
    std::size_t start = 0;
    while (start <= folded.size()) {
        const auto end = std::min(folded.find(' ', start), folded.size());
        const auto word = std::string_view(folded).substr(start, end - start);
        if (!word.empty() && !is_legal_form(word)) out.append(out.empty() ? "" : " ").append(word);
        start = end + 1;
    }
    return out;
}

std::vector<std::int64_t> strict_duplicates(const Lead& lead, const std::vector<Lead>& candidates,
                                            const std::vector<Stage>& stages, bool include_lost) {
    const auto emails = split_emails(lead.email);
    std::vector<std::int64_t> out;
    for (const auto& c : candidates) {
        if (c.id == lead.id) continue;
        const bool state_ok = include_lost ? (c.type == LeadType::opportunity || c.active) : is_open(c, stages);
        if (!state_ok) continue;
        const auto email = normalize_email(c.email);
        const bool same_email = !email.empty() && std::find(emails.begin(), emails.end(), email) != emails.end();
        const bool same_partner = lead.partner_id && c.partner_id == lead.partner_id;
        if (same_email || same_partner) out.push_back(c.id);
    }
    return out;
}

std::vector<DuplicateMatch> similar_leads(const Lead& lead, const std::vector<Lead>& candidates,
                                          const SimilarityOptions& options) {
    const auto& free_mail = options.free_mail ? *options.free_mail : builtin_free_mail_domains();
    const auto max = options.max_hits_per_rule;
    std::map<std::int64_t, unsigned> found;

    const auto email = normalize_email(lead.email);
    if (email.size() >= options.min_email_chars) {
        const auto domain = email.substr(email.find('@') + 1);
        if (is_free_mail(domain, free_mail))
            apply_rule(candidates, lead.id, [&](const Lead& c) { return normalize_email(c.email) == email; },
                       DuplicateReason::same_email, max, found);
        else {  // the very same address is named as such (the first reason shown), the rest of the domain too
            apply_rule(candidates, lead.id, [&](const Lead& c) { return normalize_email(c.email) == email; },
                       DuplicateReason::same_email, max, found);
            apply_rule(candidates, lead.id, [&](const Lead& c) { return email_domain(c.email) == domain; },
                       DuplicateReason::same_email_domain, max, found);
        }
    }
    const auto company = company_key(lead.partner_name);
    if (utf8::length(company) >= options.min_name_chars)
        apply_rule(candidates, lead.id,
                   [&](const Lead& c) { return company_key(c.partner_name).find(company) != std::string::npos; },
                   DuplicateReason::same_company_name, max, found);
    const auto contact = text::fold_key(lead.contact_name);
    if (utf8::length(contact) >= options.min_name_chars) {
        const auto words = text::word_set_key(lead.contact_name);
        apply_rule(candidates, lead.id, [&](const Lead& c) {
                       return text::fold_key(c.contact_name).find(contact) != std::string::npos ||
                              text::word_set_key(c.contact_name) == words;
                   },
                   DuplicateReason::same_contact_name, max, found);
    }
    if (lead.partner_id) {
        const auto companies = commercial_ids(options.contacts);
        auto company_of = [&](std::int64_t id) {
            const auto it = companies.find(id);
            return it == companies.end() ? id : it->second;
        };
        const auto commercial = company_of(*lead.partner_id);
        apply_rule(candidates, lead.id,
                   [&](const Lead& c) { return c.partner_id && company_of(*c.partner_id) == commercial; },
                   DuplicateReason::same_partner, max, found);
    }
    if (!lead.phone.empty() || !lead.mobile.empty())
        apply_rule(candidates, lead.id, [&](const Lead& c) { return phones_overlap(lead, c); },
                   DuplicateReason::same_phone, max, found);

    std::vector<DuplicateMatch> out;
    for (const auto& [id, reasons] : found) out.push_back({id, reasons});
    return out;
}

}  // namespace tumen
