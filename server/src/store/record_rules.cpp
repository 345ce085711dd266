#include "store/record_rules.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace tumen::store {

namespace {

bool is_identifier(const std::string& s) {
    if (s.empty() || std::isdigit(static_cast<unsigned char>(s[0]))) return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool contains(const std::vector<int64_t>& v, int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

bool sees_all_leads(const server::Caller& c) {
    return c.role == "admin" || c.role == "manager" || c.role == "sales_all";
}

SqlFragment lead_rule_sql(const server::Caller& c, const std::string& alias) {
    if (!is_identifier(alias)) throw std::invalid_argument("record rule alias must be an identifier: " + alias);
    if (sees_all_leads(c)) return {"1", {}};
    const std::string& a = alias;
    if (c.role == "sales_own" && c.user_id > 0) {
        SqlFragment f;
        f.sql = "(" + a + ".user_id = ? OR EXISTS (SELECT 1 FROM lead_followers rr_f WHERE rr_f.lead_id = " + a +
                ".id AND rr_f.user_id = ?)";
        f.params = {c.user_id, c.user_id};
        if (!c.team_ids.empty()) {
            f.sql += " OR (" + a + ".user_id IS NULL AND " + a + ".team_id IN (";
            for (size_t i = 0; i < c.team_ids.size(); ++i) {
                f.sql += i ? ",?" : "?";
                f.params.push_back(c.team_ids[i]);
            }
            f.sql += "))";
        }
        f.sql += ")";
        return f;
    }
    if (c.role == "portal" && c.partner_id) return {"(" + a + ".partner_assigned_id = ?)", {*c.partner_id}};
    if (c.is_kiosk() && !c.team_ids.empty()) {
        // The boards of the teams the token was issued for (the router keeps kiosks to their read-only endpoints).
        SqlFragment f;
        f.sql = "(" + a + ".team_id IN (";
        for (size_t i = 0; i < c.team_ids.size(); ++i) {
            f.sql += i ? ",?" : "?";
            f.params.push_back(c.team_ids[i]);
        }
        f.sql += "))";
        return f;
    }
    return {"0", {}};  // unknown roles, kiosks without teams, portal users without a partner: fail closed
}

bool lead_rule_allows(const server::Caller& c, const LeadAccessFacts& l) {
    if (sees_all_leads(c)) return true;
    if (c.role == "sales_own" && c.user_id > 0) {
        if (l.user_id == c.user_id) return true;
        if (contains(l.follower_ids, c.user_id)) return true;
        return !l.user_id && l.team_id && contains(c.team_ids, *l.team_id);
    }
    if (c.role == "portal" && c.partner_id) return l.partner_assigned_id == c.partner_id;
    if (c.is_kiosk()) return l.team_id && contains(c.team_ids, *l.team_id);
    return false;
}

}  // namespace tumen::store
