#include "store/predictive.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "store/predictive_models.hpp"
#include "store/probability_writes.hpp"
#include "store/stages.hpp"

namespace tumen::store {

namespace {

using scoring::PlsCounts;
using scoring::PlsDelta;
using scoring::PlsFrequencies;

// Only what predictive scoring reads of a lead: batches of a million rows stay cheap. The probabilities come
// from the narrow lead_probabilities (lp), walked in the same id order.
const char* lean_columns =
    "SELECT l.id, l.team_id, l.stage_id, l.active, lp.probability, l.probability_manual, lp.automated_probability,"
    " l.create_date, l.country, l.state, l.email, l.phone, l.source_id, l.medium_id, l.campaign_id, l.lang"
    " FROM leads l JOIN lead_probabilities lp ON lp.lead_id = l.id";

Lead read_lean(Statement& s) {
    Lead l;
    l.id = s.get_int(0);
    l.team_id = s.get_opt_int(1);
    l.stage_id = s.get_opt_int(2);
    l.active = s.get_int(3) != 0;
    l.probability = s.get_double(4);
    l.probability_manual = s.get_int(5) != 0;
    l.automated_probability = s.get_double(6);
    l.create_date = s.get_int(7);
    l.address.country = s.get_text(8);
    l.address.state = s.get_text(9);
    l.email = s.get_text(10);
    l.phone = s.get_text(11);
    l.source_id = s.get_opt_int(12);
    l.medium_id = s.get_opt_int(13);
    l.campaign_id = s.get_opt_int(14);
    l.lang = s.get_text(15);
    return l;
}

// Tags of a batch of leads ordered by id, with one range query.
void load_batch_tags(Connection& c, std::vector<Lead>& leads) {
    if (leads.empty()) return;
    std::map<int64_t, Lead*> by_id;
    for (auto& l : leads) by_id[l.id] = &l;
    auto s = c.prepare("SELECT lead_id, tag_id FROM lead_tags WHERE lead_id BETWEEN ? AND ? ORDER BY lead_id, tag_id");
    s.bind(1, leads.front().id).bind(2, leads.back().id);
    while (s.step())
        if (auto it = by_id.find(s.get_int(0)); it != by_id.end()) it->second->tag_ids.push_back(s.get_int(1));
}

void read_rows(Statement& s, PlsFrequencies& out) {
    while (s.step()) {
        auto& rows = out.teams[s.get_int(0)].rows[s.get_text(1)];
        rows[s.get_text(2)] = PlsCounts{s.get_double(3), s.get_double(4)};
    }
}

void set_state(Connection& c, const char* phase, int64_t after_id) {
    c.prepare("UPDATE pls_state SET phase = ?, after_id = ? WHERE id = 1").bind(1, phase).bind(2, after_id).run();
}

// Writes the automated probability; the shown one follows unless a user set it. When the shown one stays, only
// automated_probability is written (no trigger: nothing else reads it); a write of `probability` also moves the
// totals, so those are gathered in `shown_moves` for one write_probabilities per batch.
bool write_probability(Connection& c, const Lead& l, double p, std::vector<ProbabilityWrite>& shown_moves) {
    const double shown = l.probability_manual ? l.probability : p;
    if (p == l.automated_probability && shown == l.probability) return false;
    if (shown == l.probability)
        c.prepare("UPDATE lead_probabilities SET automated_probability = ? WHERE lead_id = ?").bind(1, p).bind(2, l.id).run();
    else
        shown_moves.push_back({l.id, p, shown, l.probability});  // read in this batch's transaction
    return true;
}

void bump_stamp(Connection& c) { c.exec("UPDATE pls_state SET stamp = random() WHERE id = 1"); }

// Scorers prepared for lead writes, by (table stamp, team, settings version, stages): a write reuses the last
// one until a closed lead, a rebuild, a settings or a stage change makes another. Every lead write passes here
// (imports and demo seeding too), so preparing the statistics once per change, not per lead, matters.
struct Prepared {
    scoring::PlsScorer scorer;
};
using PreparedKey = std::tuple<int64_t, int64_t, int64_t, std::string>;
std::mutex prepared_mutex;
std::map<PreparedKey, std::shared_ptr<const Prepared>> prepared_cache;

std::string predictive_stages_key(const std::vector<Stage>& stages) {
    std::string key;
    for (const auto& s : stages)
        key += std::to_string(s.id) + ":" + std::to_string(s.sequence) + (s.is_won ? "w" : "") + ",";
    return key;
}

// The stamp is read for every lead, context or not: a lead closed earlier in the same transaction moved the
// statistics, and the next lead must be scored with them.
std::shared_ptr<const Prepared> prepared_for(Connection& c, const PlsWriteContext& ctx, int64_t team) {
    const int64_t stamp = c.prepare("SELECT stamp FROM pls_state WHERE id = 1").scalar_int();
    PreparedKey key{stamp, team, ctx.settings.version, ctx.stages_key};
    {
        std::lock_guard lock(prepared_mutex);
        if (auto it = prepared_cache.find(key); it != prepared_cache.end()) return it->second;
    }
    auto built = std::make_shared<const Prepared>(Prepared{scoring::PlsScorer(ctx.schema, load_pls_frequencies(c, team))});
    std::lock_guard lock(prepared_mutex);
    if (prepared_cache.size() >= 64) prepared_cache.clear();
    prepared_cache[key] = built;
    return built;
}

// Raw counts into the rebuild's staging rows.
void add_raw(Connection& c, int64_t team, const std::string& variable, const std::string& value, double won, double lost) {
    c.prepare("INSERT INTO pls_rebuild_rows VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (team_id, variable, value)"
              " DO UPDATE SET won = won + ?4, lost = lost + ?5")
        .bind(1, team).bind(2, variable).bind(3, value).bind(4, won).bind(5, lost).run();
}

}  // namespace

scoring::PlsSettings load_pls_settings(Connection& c) {
    scoring::PlsSettings s;
    auto q = c.prepare("SELECT fields, start_date, version, model FROM pls_settings WHERE id = 1");
    if (!q.step()) return s;
    auto fields = nlohmann::json::parse(q.get_text(0), nullptr, false);
    s.fields.clear();
    if (fields.is_array())
        for (const auto& f : fields)
            if (f.is_string()) s.fields.push_back(f.get<std::string>());
    if (auto d = q.get_opt_text(1)) s.start_date = parse_date(*d);
    s.version = q.get_int(2);
    s.model = q.get_text(3);
    return s;
}

bool save_pls_settings(Connection& c, scoring::PlsSettings& s) {
    auto q = c.prepare("UPDATE pls_settings SET fields = ?, start_date = ?, model = ?, version = version + 1"
                       " WHERE id = 1 AND version = ?");
    q.bind(1, nlohmann::json(s.fields).dump());
    if (s.start_date) q.bind(2, format_date(*s.start_date));
    else q.bind(2, nullptr);
    q.bind(3, s.model).bind(4, s.version).run();
    if (c.changes() == 0) return false;
    ++s.version;
    return true;
}

PlsFrequencies load_pls_frequencies(Connection& c, int64_t team) {
    PlsFrequencies out;
    if (team != 0) {
        auto s = c.prepare("SELECT team_id, variable, value, won, lost FROM pls_frequencies WHERE team_id = ?");
        s.bind(1, team);
        read_rows(s, out);
        if (!out.teams.empty()) return out;
    }
    return load_all_pls_frequencies(c);
}

PlsFrequencies load_all_pls_frequencies(Connection& c) {
    PlsFrequencies out;
    auto s = c.prepare("SELECT team_id, variable, value, won, lost FROM pls_frequencies");
    read_rows(s, out);
    return out;
}

void apply_pls_deltas(Connection& c, const std::vector<PlsDelta>& deltas) {
    // scoring::apply_deltas in SQL: a new row starts at 0.1 (+ an increment), a count at or below 0 is kept as 0.1.
    static const char* sql =
        "INSERT INTO pls_frequencies (team_id, variable, value, won, lost) VALUES (?1, ?2, ?3, max(?4, 0) + 0.1, max(?5, 0) + 0.1)"
        " ON CONFLICT (team_id, variable, value) DO UPDATE SET"
        " won = CASE WHEN won + ?4 <= 0 THEN 0.1 ELSE won + ?4 END,"
        " lost = CASE WHEN lost + ?5 <= 0 THEN 0.1 ELSE lost + ?5 END";
    for (const auto& d : deltas)  // cached statement: prepare() hands back the same one, reset
        c.prepare(sql).bind(1, d.team).bind(2, d.variable).bind(3, d.value).bind(4, d.won).bind(5, d.lost).run();
    if (!deltas.empty()) bump_stamp(c);
}

std::optional<double> PlsModel::probability(const scoring::PlsSchema& schema, const scoring::PlsLead& lead) const {
    if (lr) return lr->probability(schema, lead);
    return nb ? nb->probability(lead) : std::nullopt;
}

PlsWriteContext::PlsWriteContext(Connection& c) : settings(load_pls_settings(c)) {
    auto stages = load_stages(c);
    stages_key = predictive_stages_key(stages);
    schema = scoring::pls_schema(settings, std::move(stages));
}

void predict_lead(Connection& c, const Lead* before, Lead& lead) {
    PlsWriteContext ctx(c);
    predict_lead(c, ctx, before, lead);
}

void predict_lead(Connection& c, PlsWriteContext& ctx, const Lead* before, Lead& lead) {
    const auto& settings = ctx.settings;
    const auto& schema = ctx.schema;
    const auto to = scoring::pls_outcome(lead, schema);
    std::vector<PlsDelta> deltas;
    if (before && scoring::pls_counts(*before, settings))
        deltas = scoring::pls_transition(schema, scoring::pls_lead(schema, settings, *before),
                                         scoring::pls_outcome(*before, schema), to);
    else if (!before && scoring::pls_counts(lead, settings))
        deltas = scoring::pls_deltas(schema, scoring::pls_lead(schema, settings, lead), to, +1);
    if (!deltas.empty()) {
        apply_pls_deltas(c, deltas);
        // A rebuild that already counted this lead counts its new state too (raw counts, no smoothing).
        auto st = load_pls_rebuild_state(c);
        if (st.phase == "count" && lead.id != 0 && lead.id <= st.after_id) {
            for (const auto& d : deltas) add_raw(c, d.team, d.variable, d.value, d.won, d.lost);
        }
    }
    if (to != scoring::PlsOutcome::open || !lead.active || !scoring::pls_counts(lead, settings)) return;
    const auto pl = scoring::pls_lead(schema, settings, lead);
    if (!pl.stage || schema.stages[*pl.stage].is_won) return;
    const auto prepared = prepared_for(c, ctx, pl.team);
    // With the logistic model chosen, a write (won / lost included) only scores this lead with the stored
    // weights: training is the rebuild job's work, the frequency rows above stay current for the naive Bayes.
    if (settings.model == "lr" && !ctx.lr_loaded) {
        ctx.lr = load_pls_logistic(c);
        ctx.lr_loaded = true;
    }
    const PlsModel model{&prepared->scorer, settings.model == "lr" ? ctx.lr : nullptr};
    if (auto p = model.probability(schema, pl)) {
        lead.automated_probability = *p;
        if (!lead.probability_manual) lead.probability = *p;
    }
}

std::optional<scoring::PlsExplanation> explain_lead(Connection& c, const Lead& lead) {
    const auto settings = load_pls_settings(c);
    const auto schema = scoring::pls_schema(settings, load_stages(c));
    const auto pl = scoring::pls_lead(schema, settings, lead);
    if (pl.outcome != scoring::PlsOutcome::open || !lead.active) return std::nullopt;
    if (settings.model == "lr")
        if (auto lr = load_pls_logistic(c)) return lr->explain(schema, pl);
    const scoring::PlsScorer scorer(schema, load_pls_frequencies(c, pl.team));
    return scorer.explain(pl);
}

PlsRebuildState load_pls_rebuild_state(Connection& c) {
    PlsRebuildState st;
    auto s = c.prepare("SELECT phase, after_id FROM pls_state WHERE id = 1");
    if (s.step()) st.phase = s.get_text(0), st.after_id = s.get_int(1);
    return st;
}

void start_pls_rebuild(Connection& c) {
    c.exec("DELETE FROM pls_rebuild_rows");
    set_state(c, "count", 0);
}

PlsBatch pls_count_batch(Connection& c, int limit, PlsTraining* collect) {
    PlsBatch out;
    const auto st = load_pls_rebuild_state(c);
    const auto settings = load_pls_settings(c);
    const auto schema = scoring::pls_schema(settings, load_stages(c));
    // The batch is the id range of `limit` ids from the next lead on (two index seeks, not a walk over the
    // range's rows: the closed leads' query below is the batch's only pass); only its closed leads (won at
    // 100 %, or archived at 0 %) are decoded.
    std::optional<int64_t> first;
    {
        auto s = c.prepare("SELECT min(id) FROM leads WHERE id > ?");
        s.bind(1, st.after_id);
        if (s.step()) first = s.get_opt_int(0);
    }
    int64_t last_id = 0;
    if (first) {
        // The last existing id of the range: a lead created later gets a higher id and is counted by a later
        // batch (predict_lead only adds leads at or below the position to the staging rows).
        auto s = c.prepare("SELECT max(id) FROM leads WHERE id <= ?");
        s.bind(1, *first + limit - 1);
        if (s.step()) last_id = s.get_int(0);
        out.seen = last_id - *first + 1;  // ids covered
    }
    std::vector<Lead> leads;
    leads.reserve(static_cast<size_t>(limit));
    if (out.seen > 0) {
        auto s = c.prepare(std::string(lean_columns) +
                           " WHERE l.id > ? AND l.id <= ? AND (lp.probability >= 100 OR (l.active = 0 AND lp.probability = 0))"
                           " ORDER BY l.id");
        s.bind(1, st.after_id).bind(2, last_id);
        while (s.step()) leads.push_back(read_lean(s));
    }
    if (out.seen == 0) {
        // Everything counted: the staging rows, smoothed once, become the table.
        c.exec("DELETE FROM pls_frequencies");
        c.exec("INSERT INTO pls_frequencies SELECT team_id, variable, value, won + 0.1, lost + 0.1 FROM pls_rebuild_rows");
        c.exec("DELETE FROM pls_rebuild_rows");
        bump_stamp(c);
        set_state(c, "recompute", 0);
        return out;
    }
    if (scoring::pls_uses_tags(settings)) load_batch_tags(c, leads);
    std::vector<scoring::PlsLead> closed;
    for (const auto& l : leads)
        if (scoring::pls_counts(l, settings)) {
            auto pl = scoring::pls_lead(schema, settings, l);
            if (pl.outcome == scoring::PlsOutcome::open) continue;
            if (collect) (l.id % 10 < 7 ? collect->train : collect->test).add(pl);  // as load_pls_training splits
            closed.push_back(std::move(pl));
        }
    const auto counted = scoring::pls_rebuild(schema, closed);
    for (const auto& [team, table] : counted.teams)
        for (const auto& [variable, rows] : table.rows)
            for (const auto& [value, n] : rows) {
                // pls_rebuild smoothed each row once; the staging rows hold raw counts.
                add_raw(c, team, variable, value, n.won - scoring::pls_smoothing, n.lost - scoring::pls_smoothing);
            }
    set_state(c, "count", last_id);
    return out;
}

PlsBatch pls_recompute_batch(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                             const PlsModel& model, int limit) {
    PlsBatch out;
    const auto st = load_pls_rebuild_state(c);
    std::vector<Lead> leads;
    leads.reserve(static_cast<size_t>(limit));  // a Lead is ~1 KB: growing the vector moved each ~twice
    {
        auto s = c.prepare(std::string(lean_columns) +
                           " WHERE l.id > ? AND l.active = 1 AND l.stage_id IS NOT NULL AND lp.probability < 100"
                           " ORDER BY l.id LIMIT ?");
        s.bind(1, st.after_id).bind(2, limit);
        while (s.step()) leads.push_back(read_lean(s));
    }
    out.seen = static_cast<int64_t>(leads.size());
    if (leads.empty()) {
        set_state(c, "idle", 0);
        return out;
    }
    if (scoring::pls_uses_tags(settings)) load_batch_tags(c, leads);
    std::vector<ProbabilityWrite> shown_moves;
    for (const auto& l : leads) {
        if (!scoring::pls_counts(l, settings)) continue;
        const auto pl = scoring::pls_lead(schema, settings, l);
        // A won stage's 100 is the lifecycle's business, not the scorer's.
        if (pl.outcome != scoring::PlsOutcome::open || !pl.stage || schema.stages[*pl.stage].is_won) continue;
        if (auto p = model.probability(schema, pl); p && write_probability(c, l, *p, shown_moves)) ++out.changed;
    }
    write_probabilities(c, shown_moves);  // the totals move once per row they keep, not per lead
    set_state(c, "recompute", leads.back().id);
    return out;
}

PlsTraining load_pls_training(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings) {
    PlsTraining out;
    const bool tags = scoring::pls_uses_tags(settings);
    int64_t after = 0;
    for (;;) {  // in slices, so the tags of each come with one range query
        std::vector<Lead> leads;
        {
            auto s = c.prepare(std::string(lean_columns) +
                               " WHERE l.id > ? AND (lp.probability >= 100 OR (l.active = 0 AND lp.probability = 0))"
                               " ORDER BY l.id LIMIT 20000");
            s.bind(1, after);
            while (s.step()) leads.push_back(read_lean(s));
        }
        if (leads.empty()) break;
        after = leads.back().id;
        if (tags) load_batch_tags(c, leads);
        for (const auto& l : leads) {
            if (!scoring::pls_counts(l, settings)) continue;
            const auto pl = scoring::pls_lead(schema, settings, l);
            (l.id % 10 < 7 ? out.train : out.test).add(pl);
        }
    }
    return out;
}

}  // namespace tumen::store
