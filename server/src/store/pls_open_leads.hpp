// The open leads the predictive rebuild's count read (issue 7), kept for its recompute so that the recompute
// scans no lead row again. Per lead: its id, stored probabilities and revenue, and two small codes, one into the
// rebuild's distinct scoring inputs (scoring::PlsLead as pls_lead made it from the lead's fields: the scorer's one
// code path) and its totals keys as codes into distinct values: the board row's keys (team, stage, salesperson,
// active, type, currency: few) and each analysis dimension's value (months, countries, ...). 64 bytes a lead.
// Only the rebuild's storage: it is current while nothing but the rebuild's own batches was written since the
// leads were read (services/predictive_service.cpp checks that with store/write_mark.hpp).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/probability_writes.hpp"
#include "tumen/scoring_predictive.hpp"

namespace tumen::store {

struct PlsOpenLead {
    int64_t id = 0;
    double probability = 0;  // lead_probabilities.probability as read
    double automated = 0;    // automated_probability as read
    double revenue = 0;      // the totals keys' revenue
    uint32_t pattern = 0;    // into PlsOpenLeads::patterns()
    uint32_t row = 0;        // the distinct team, stage, user, active, type and currency
    std::array<uint32_t, 5> vals{};  // the distinct values of TotalsKeys::vals
    bool manual = false;     // probability_manual
};

class PlsOpenLeads {
public:
    // Leads in id order: each after every lead added before it.
    void add(int64_t id, double probability, double automated, bool manual, const scoring::PlsLead& pattern,
             const TotalsKeys& keys);
    // A later batch's leads, its codes mapped onto this one's.
    void append(const PlsOpenLeads& later);
    void reserve(size_t leads) { leads_.reserve(leads); }  // untouched pages cost no memory: reserve them all
    void clear_leads() { leads_.clear(); }  // the distinct values stay: they are values, never stale
    const std::vector<PlsOpenLead>& leads() const { return leads_; }
    const std::vector<scoring::PlsLead>& patterns() const { return patterns_; }
    TotalsKeys keys_of(const PlsOpenLead& l) const;

private:
    uint32_t intern_pattern(const scoring::PlsLead& pattern);
    uint32_t intern_row(const TotalsKeys& keys);  // its board row's part
    uint32_t intern_value(const TotalsValue& value);
    std::vector<PlsOpenLead> leads_;
    std::vector<scoring::PlsLead> patterns_;
    std::vector<TotalsKeys> rows_;  // vals and revenue left empty
    std::vector<TotalsValue> values_;
    std::unordered_map<std::string, uint32_t> pattern_index_, row_index_;
    std::unordered_map<TotalsValue, uint32_t> value_index_;
    std::string scratch_;  // a pattern's or row's key, built in place
};

}  // namespace tumen::store
