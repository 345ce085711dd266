#include "store/pls_open_leads.hpp"

#include <string_view>
#include <variant>

namespace tumen::store {

namespace {

// Keys of distinct values: fixed-size integers and length-prefixed strings, so no two values share one.
void pls_open_leads_put(std::string& out, int64_t v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void pls_open_leads_put(std::string& out, std::string_view s) {
    pls_open_leads_put(out, static_cast<int64_t>(s.size()));
    out.append(s);
}

void pls_open_leads_pattern_key(std::string& out, const scoring::PlsLead& p) {
    out.clear();
    pls_open_leads_put(out, p.team);
    pls_open_leads_put(out, p.stage ? static_cast<int64_t>(*p.stage) : int64_t{-1});
    pls_open_leads_put(out, static_cast<int64_t>(p.outcome));
    pls_open_leads_put(out, static_cast<int64_t>(p.values.size()));
    for (const auto& v : p.values) pls_open_leads_put(out, v);
    for (const auto& t : p.tags) pls_open_leads_put(out, t);
}

void pls_open_leads_row_key(std::string& out, const TotalsKeys& k) {
    out.clear();
    pls_open_leads_put(out, k.team);
    pls_open_leads_put(out, k.stage);
    pls_open_leads_put(out, k.user);
    pls_open_leads_put(out, k.active);
    pls_open_leads_put(out, k.type);
    pls_open_leads_put(out, k.currency);
}

}  // namespace

uint32_t PlsOpenLeads::intern_pattern(const scoring::PlsLead& pattern) {
    pls_open_leads_pattern_key(scratch_, pattern);
    if (auto it = pattern_index_.find(scratch_); it != pattern_index_.end()) return it->second;
    const auto code = static_cast<uint32_t>(patterns_.size());
    patterns_.push_back(pattern);
    pattern_index_.emplace(scratch_, code);
    return code;
}

uint32_t PlsOpenLeads::intern_row(const TotalsKeys& keys) {
    pls_open_leads_row_key(scratch_, keys);
    if (auto it = row_index_.find(scratch_); it != row_index_.end()) return it->second;
    const auto code = static_cast<uint32_t>(rows_.size());
    auto& row = rows_.emplace_back();
    row.team = keys.team, row.stage = keys.stage, row.user = keys.user, row.active = keys.active;
    row.type = keys.type, row.currency = keys.currency;
    row_index_.emplace(scratch_, code);
    return code;
}

// The value's type is part of it (std::hash and == of the variant): 1 and 1.0 are different values of
// analysis_totals.val.
uint32_t PlsOpenLeads::intern_value(const TotalsValue& value) {
    if (auto it = value_index_.find(value); it != value_index_.end()) return it->second;
    const auto code = static_cast<uint32_t>(values_.size());
    values_.push_back(value);
    value_index_.emplace(value, code);
    return code;
}

void PlsOpenLeads::add(int64_t id, double probability, double automated, bool manual, const scoring::PlsLead& pattern,
                       const TotalsKeys& keys) {
    auto& l = leads_.emplace_back();
    l.id = id, l.probability = probability, l.automated = automated, l.revenue = keys.revenue, l.manual = manual;
    l.pattern = intern_pattern(pattern);
    l.row = intern_row(keys);
    for (size_t i = 0; i < l.vals.size(); ++i) l.vals[i] = intern_value(keys.vals[i]);
}

void PlsOpenLeads::append(const PlsOpenLeads& later) {
    std::vector<uint32_t> patterns, rows, values;  // later's codes -> ours
    patterns.reserve(later.patterns_.size());
    rows.reserve(later.rows_.size());
    values.reserve(later.values_.size());
    for (const auto& p : later.patterns_) patterns.push_back(intern_pattern(p));
    for (const auto& r : later.rows_) rows.push_back(intern_row(r));
    for (const auto& v : later.values_) values.push_back(intern_value(v));
    for (auto l : later.leads_) {
        l.pattern = patterns[l.pattern];
        l.row = rows[l.row];
        for (auto& v : l.vals) v = values[v];
        leads_.push_back(l);
    }
}

TotalsKeys PlsOpenLeads::keys_of(const PlsOpenLead& l) const {
    TotalsKeys k = rows_[l.row];
    for (size_t i = 0; i < k.vals.size(); ++i) k.vals[i] = values_[l.vals[i]];
    k.revenue = l.revenue;
    return k;
}

}  // namespace tumen::store
