// Odoo-equivalent predictive lead scoring (reference: odoo-crm-behaviour.md §2a): per-team won/lost frequency
// tables over (variable, value) rows, +0.1 smoothing, the cumulative stage rule, tags counted only once 50
// closed leads carry them, and the naive Bayes probability of an open lead. Everything is a pure function of its
// inputs: the server stores the rows and applies the deltas of a transition inside the lead's transaction.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tumen::scoring {

inline constexpr double pls_smoothing = 0.1;        // added to both counts of every new row
inline constexpr double pls_tag_min_closed = 50;    // a tag row with won + lost below this is ignored
inline constexpr std::string_view pls_stage_variable = "stage_id";
inline constexpr std::string_view pls_tag_variable = "tag_id";

struct PlsStage {
    std::string key;            // the stage id as text (frequency rows store values as text)
    std::int64_t sequence = 0;
    bool is_won = false;
    std::optional<std::int64_t> team;  // nullopt = shared by every team (only the logistic model reads it)
};

struct PlsSchema {
    std::vector<PlsStage> stages;           // ordered by (sequence, id); stages[0] holds the team totals
    std::vector<std::string> fields;        // variables besides stage and tags: "country_id", "email_state", ...
    std::vector<std::string> keep_empty;    // fields whose empty value counts as a value (Odoo: email/phone_state)
};

enum class PlsOutcome { open, won, lost };

struct PlsLead {
    std::int64_t team = 0;                  // 0 = no team
    std::optional<std::size_t> stage;       // index into PlsSchema::stages; nullopt = no stage
    std::vector<std::string> values;        // aligned with PlsSchema::fields; "" = no value
    std::vector<std::string> tags;          // tag ids as text
    PlsOutcome outcome = PlsOutcome::open;  // what a full rebuild counts it as
};

struct PlsCounts {
    double won = 0;
    double lost = 0;
    bool operator==(const PlsCounts&) const = default;
};

// One team's rows: variable -> value -> counts.
struct PlsTable {
    std::map<std::string, std::unordered_map<std::string, PlsCounts>, std::less<>> rows;
    const PlsCounts* find(std::string_view variable, const std::string& value) const;
    bool operator==(const PlsTable&) const = default;
};

struct PlsFrequencies {
    std::map<std::int64_t, PlsTable> teams;  // 0 = leads without a team
    bool operator==(const PlsFrequencies&) const = default;
};

// ±1 on one row: what a transition writes.
struct PlsDelta {
    std::int64_t team = 0;
    std::string variable;
    std::string value;
    double won = 0;
    double lost = 0;
};

// The rows a closed lead counts on, each with ±step in its outcome: every field value (empty ones only for
// keep_empty fields), each tag, and the stages: all of them when won, those with sequence <= the lead's own when
// lost (so stages[0] counts every closed lead). `outcome` must be won or lost.
std::vector<PlsDelta> pls_deltas(const PlsSchema& schema, const PlsLead& lead, PlsOutcome outcome, double step);

// A lead's state change, with the lead's values as they were before it (Odoo computes this before the write):
// open->won, open->lost, lost->open (restore), won->open (moved out of a won stage), lost->won, won->lost.
std::vector<PlsDelta> pls_transition(const PlsSchema& schema, const PlsLead& lead, PlsOutcome from, PlsOutcome to);

// Applies deltas in order as Odoo stores them: an existing row adds the delta and a count that falls to 0 or below
// is kept as 0.1; a new row starts at 0.1 plus the delta. (Odoo also adds a decrement to a new row, as +1;
// a decrement can only meet a new row after a rebuild that dropped it, and we start such a row at 0.1.)
void apply_deltas(PlsFrequencies& frequencies, const std::vector<PlsDelta>& deltas);
PlsFrequencies with_deltas(PlsFrequencies frequencies, const std::vector<PlsDelta>& deltas);

// Full rebuild from the closed leads (outcome won or lost; open leads are skipped): every row is its count + 0.1.
PlsFrequencies pls_rebuild(const PlsSchema& schema, const std::vector<PlsLead>& leads);

// One factor of an explanation. `points` are percentage points: factors are added one at a time to the team's
// base rate, each worth the change of probability it makes, so base + Σ points = the probability (unrounded).
struct PlsFactor {
    std::string variable;  // "stage_id", "country", "tag_id", ...
    std::string value;
    double log_odds = 0;   // its naive Bayes weight: log(won(v)/W) - log(lost(v)/L)
    double points = 0;
};
struct PlsExplanation {
    double base = 0;         // the team's won / closed, percent
    // False for the logistic model: its base is where its sum starts (intercept + team weight), not a rate any
    // team has had, so the lead form must not call it the team's base rate.
    bool base_is_team_rate = true;
    double probability = 0;  // base + Σ points
    std::vector<PlsFactor> factors;
};
// The statistics of every team (and of all teams pooled) prepared once, then any number of leads scored.
class PlsScorer {
public:
    PlsScorer(const PlsSchema& schema, const PlsFrequencies& frequencies);

    // Odoo's automated probability in percent: 0 without a stage, 100 in a won stage, nullopt when the
    // statistics used hold no won or no lost lead; otherwise round(100 p, 2) clamped to [0.01, 99.99], so an
    // open lead is never exactly 0 or 100.
    std::optional<double> probability(const PlsLead& lead) const;
    // The unrounded p in (0, 1) for an open lead with a stage; nullopt where probability() has no NB value.
    std::optional<double> raw_probability(const PlsLead& lead) const;
    // The factors behind raw_probability (stage, fields, tags; those with no evidence left out); nullopt where
    // raw_probability is nullopt.
    std::optional<PlsExplanation> explain(const PlsLead& lead) const;

private:
    struct Field {
        std::unordered_map<std::string, PlsCounts> values;
        double won_total = 0;
        double lost_total = 0;
        // log(won(v)/W) - log(lost(v)/L) per value, prepared once: scoring a lead only adds them up.
        std::unordered_map<std::string, double> log_odds;
    };
    struct Stats {
        std::vector<Field> fields;  // aligned with PlsSchema::fields
        Field stage;
        Field tag;                  // rows under the tag threshold left out
        double won = 0, lost = 0;   // the first stage's row: the team's closed leads
    };
    static void prepare(Stats& stats);
    template <class Fn> void for_each_factor(const Stats& s, const PlsLead& lead, Fn&& fn) const;
    void add(Stats& stats, const PlsTable& table) const;
    const Stats& stats_for(std::int64_t team) const;
    PlsSchema schema_;
    std::map<std::int64_t, Stats> teams_;
    Stats pooled_;
};

}  // namespace tumen::scoring
