#include "tumen/lead_merge.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include "lead_stage_rules.hpp"

namespace tumen {

namespace {

Error lead_merge_invalid(const std::string& message) {
    FieldErrors e;
    e.add("ids", message, "error.merge");
    return e.to_error();
}

// Odoo's _sort_by_confidence_level key; a lead without stage counts as sequence 0.
auto confidence(const Lead& l, const std::vector<Stage>& stages) {
    const Stage* s = l.stage_id ? find_stage(stages, *l.stage_id) : nullptr;
    const bool opportunity = l.type == LeadType::opportunity;
    return std::make_tuple(opportunity || l.active, opportunity, s ? s->sequence : 0, l.probability, -l.id);
}

std::optional<Error> check_inputs(const std::vector<Lead>& leads, const MergeOptions& options) {
    if (leads.size() < 2) return lead_merge_invalid("select at least two records to merge");
    if (options.max_records && leads.size() > options.max_records)
        return lead_merge_invalid("at most " + std::to_string(options.max_records) + " records can be merged at once");
    std::set<std::int64_t> ids;
    for (const auto& l : leads) {
        if (l.id <= 0) return lead_merge_invalid("only stored records can be merged");
        if (!ids.insert(l.id).second) return lead_merge_invalid("record " + std::to_string(l.id) + " is listed twice");
    }
    return std::nullopt;
}

template <class V>
void first_set(const std::vector<Lead>& order, Lead& out, V Lead::*field) {
    for (const auto& l : order)
        if (l.*field != V{}) {
            out.*field = l.*field;
            return;
        }
}

template <class V>
void unite(const std::vector<Lead>& order, Lead& out, std::vector<V> Lead::*field) {
    std::vector<V> all;
    for (const auto& l : order)
        for (const auto& v : l.*field)
            if (std::find(all.begin(), all.end(), v) == all.end()) all.push_back(v);
    out.*field = std::move(all);
}

void merge_fields(const std::vector<Lead>& order, Lead& m) {
    for (auto f : {&Lead::name, &Lead::lang, &Lead::partner_name, &Lead::contact_name, &Lead::email, &Lead::mobile,
                   &Lead::phone, &Lead::website})
        first_set(order, m, f);
    for (auto f : {&Lead::user_id, &Lead::team_id, &Lead::stage_id, &Lead::partner_id, &Lead::source_id,
                   &Lead::medium_id, &Lead::campaign_id})
        first_set(order, m, f);
    first_set(order, m, &Lead::date_deadline);
    const auto revenue = std::find_if(order.begin(), order.end(), [](const Lead& l) { return l.expected_revenue.amount != 0; });
    if (revenue != order.end()) m.expected_revenue = revenue->expected_revenue;
    unite(order, m, &Lead::tag_ids);
    unite(order, m, &Lead::follower_ids);
    std::string description;
    for (const auto& l : order)
        if (!l.description.empty()) description += (description.empty() ? "" : "\n\n") + l.description;
    m.description = description;
    for (const auto& l : order) {
        if (l.type == LeadType::opportunity) m.type = LeadType::opportunity;
        m.priority = std::max(m.priority, l.priority);
    }
    const auto most_address = std::max_element(order.begin(), order.end(), [](const Lead& a, const Lead& b) {
        return a.address.filled_count() < b.address.filled_count();  // max_element keeps the first of equals
    });
    m.address = most_address->address;
    m.lost_reason_id.reset();
    if (order.front().probability == 0) first_set(order, m, &Lead::lost_reason_id);
}

}  // namespace

std::vector<Lead> merge_order(const std::vector<Lead>& leads, const std::vector<Stage>& stages) {
    std::vector<Lead> order = leads;
    std::stable_sort(order.begin(), order.end(),
                     [&](const Lead& a, const Lead& b) { return confidence(a, stages) > confidence(b, stages); });
    return order;
}

Result<MergePlan> merge_leads(const std::vector<Lead>& leads, const std::vector<Stage>& stages,
                              const MergeOptions& options, Timestamp now) {
    if (auto err = check_inputs(leads, options)) return *err;
    const auto order = merge_order(leads, stages);
    const Lead& head = order.front();
    Lead merged = head;
    merge_fields(order, merged);
    if (options.user_id) merged.user_id = options.user_id;
    if (options.team_id) merged.team_id = options.team_id;
    detail::update_date_open(merged, head.user_id, now);
    // Apply the stage rules from the head's own stage to the merged one (or the team's first stage).
    const auto target_id = merged.stage_id;
    merged.stage_id = head.stage_id;
    const Stage* target = target_id ? find_stage(stages, *target_id) : nullptr;
    if (target && stage_fits_team(*target, merged.team_id)) detail::enter_stage(merged, stages, *target, now);
    else detail::fit_stage_to_team(merged, stages, now);
    merged.write_date = now;

    MergePlan plan;
    plan.tracking = track_lead_changes(head, merged);
    plan.merged = std::move(merged);
    for (std::size_t i = 1; i < order.size(); ++i) plan.removed_ids.push_back(order[i].id);
    return plan;
}

std::string merge_note(i18n::Lang lang, const std::vector<const Lead*>& removed) {
    std::string names;
    for (const Lead* r : removed) names += (names.empty() ? "" : ", ") + r->name + " (#" + std::to_string(r->id) + ")";
    return i18n::tr(lang, "lead.merge.chatter", {{"records", names}});
}

}  // namespace tumen
