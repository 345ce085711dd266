// Merging 2..N leads/opportunities into one (Odoo's merge_opportunity, reference §2d). The plan says what to
// write and what to move; the server then re-points chatter, activities, meetings and attachments of
// `removed_ids` to `merged.id`, posts merge_note() as a note, writes `merged` and deletes the others, in one
// transaction.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tumen/error.hpp"
#include "tumen/i18n.hpp"
#include "tumen/lead.hpp"
#include "tumen/lead_tracking.hpp"
#include "tumen/stage.hpp"

namespace tumen {

struct MergeOptions {
    std::optional<std::int64_t> user_id;  // overrides the merged salesperson
    std::optional<std::int64_t> team_id;  // overrides the merged team
    std::size_t max_records = 0;          // 0 = no limit (Odoo's UI allows 5)
};

struct MergePlan {
    Lead merged;                            // keeps the id of the most advanced record
    std::vector<TrackingValue> tracking;    // head as it was -> merged
    std::vector<std::int64_t> removed_ids;  // the others, in merge order
};

// Most advanced first: opportunities or active records, then opportunities, then higher stage sequence, then
// higher probability, then the oldest (lowest id).
std::vector<Lead> merge_order(const std::vector<Lead>& leads, const std::vector<Stage>& stages);

// Per-field rules, in merge order: the first non-empty value of name, salesperson, team, stage, language,
// expected revenue, expected closing, partner, company, contact, e-mail, phones, website and UTM fields;
// descriptions joined by a blank line; type opportunity if any is; the highest priority; tags and followers
// united; the lost reason kept only if the head's probability is 0; the address block of the record with the
// most filled address fields. Then the overrides, the team's first stage if the stage does not fit the team,
// and the stage rules (a won stage means probability 100).
// 422 for fewer than 2 records, repeated or unsaved ids, or more than max_records.
Result<MergePlan> merge_leads(const std::vector<Lead>& leads, const std::vector<Stage>& stages,
                              const MergeOptions& options, Timestamp now);

// The note the surviving record's chatter gets, in the language of the person who merged: "Merged with: Name
// (#12), Other (#13)" for the removed records in the order given.
std::string merge_note(i18n::Lang lang, const std::vector<const Lead*>& removed);

}  // namespace tumen
