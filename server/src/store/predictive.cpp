#include "store/predictive.hpp"

#include <algorithm>
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
const char* pls_lean_select =
    "SELECT l.id, l.team_id, l.stage_id, l.active, lp.probability, l.probability_manual, lp.automated_probability,"
    " l.create_date, l.country, l.state, l.email, l.phone, l.source_id, l.medium_id, l.campaign_id, l.lang";
constexpr int pls_lean_column_count = 16;
const char* pls_lean_from = " FROM leads l JOIN lead_probabilities lp ON lp.lead_id = l.id";
// The closed leads (won at 100 %, or archived at 0 %), walked from the narrow lead_probabilities (CROSS JOIN keeps
// it the outer loop): the first condition needs no `leads` row, so only the ~40 % that may be closed are looked up
// there, not every lead's ~600-byte row. Add " AND lp.lead_id ..." and the order.
const std::string pls_closed_leads = std::string(pls_lean_select) +
                                     " FROM lead_probabilities lp CROSS JOIN leads l ON l.id = lp.lead_id"
                                     " WHERE (lp.probability >= 100 OR lp.probability = 0) AND (lp.probability >= 100 OR l.active = 0)";

// A scanned lead: the scoring fields and what the recompute compares and writes.
struct PlsRow {
    int64_t id = 0;
    bool probability_manual = false;
    double automated_probability = 0;
    scoring::PlsLeadFields f;
};

// Into `l` in place: a reused row keeps its strings' buffers, so a scan allocates nothing per lead.
void read_lean(Statement& s, PlsRow& l) {
    l.id = s.get_int(0);
    l.f.team_id = s.get_opt_int(1);
    l.f.stage_id = s.get_opt_int(2);
    l.f.active = s.get_int(3) != 0;
    l.f.probability = s.get_double(4);
    l.probability_manual = s.get_int(5) != 0;
    l.automated_probability = s.get_double(6);
    l.f.create_date = s.get_int(7);
    l.f.country.assign(s.get_text_view(8));
    l.f.state.assign(s.get_text_view(9));
    l.f.email.assign(s.get_text_view(10));
    l.f.phone.assign(s.get_text_view(11));
    l.f.source_id = s.get_opt_int(12);
    l.f.medium_id = s.get_opt_int(13);
    l.f.campaign_id = s.get_opt_int(14);
    l.f.lang.assign(s.get_text_view(15));
    l.f.tag_ids.clear();
}

// Tags of the first `n` leads of a batch ordered by id, with one range query.
void load_batch_tags(Connection& c, std::vector<PlsRow>& leads, size_t n) {
    if (n == 0) return;
    std::map<int64_t, PlsRow*> by_id;
    for (size_t i = 0; i < n; ++i) by_id[leads[i].id] = &leads[i];
    auto s = c.prepare("SELECT lead_id, tag_id FROM lead_tags WHERE lead_id BETWEEN ? AND ? ORDER BY lead_id, tag_id");
    s.bind(1, leads.front().id).bind(2, leads[n - 1].id);
    while (s.step())
        if (auto it = by_id.find(s.get_int(0)); it != by_id.end()) it->second->f.tag_ids.push_back(s.get_int(1));
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

// The automated probability to write; the shown one follows unless a user set it. When the shown one stays, only
// automated_probability is written (no trigger: nothing else reads it); a write of `probability` also moves the
// totals, so those are gathered in `shown_moves`, with the lead's keys from keys_of(), for one write per batch.
// `stored`, `manual`, `automated`: the lead's probability, probability_manual and automated_probability as read.
template <class KeysOf>
bool plan_probability(int64_t id, double stored, bool manual, double automated, double p, KeysOf&& keys_of,
                      PlsRecomputePlan& plan) {
    const double shown = manual ? stored : p;
    if (p == automated && shown == stored) return false;
    if (shown == stored) plan.automated_only.emplace_back(id, p);
    else plan.shown_moves.emplace_back(ProbabilityWrite{id, p, shown, stored}, keys_of());  // read with the batch
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

// A batch's reads on a read connection in one read transaction: one snapshot, one WAL read lock.
template <class Fn>
auto pls_read_transaction(Connection& reader, Fn fn) {
    reader.exec("BEGIN");
    try {
        auto out = fn();
        reader.exec("COMMIT");
        return out;
    } catch (...) {
        reader.exec("ROLLBACK");
        throw;
    }
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
    const auto fields = scoring::pls_fields(lead);
    const auto to = scoring::pls_outcome(fields, schema);
    std::vector<PlsDelta> deltas;
    if (before) {
        const auto was = scoring::pls_fields(*before);
        if (scoring::pls_counts(was, settings))
            deltas = scoring::pls_transition(schema, scoring::pls_lead(schema, settings, was), scoring::pls_outcome(was, schema), to);
    } else if (scoring::pls_counts(fields, settings)) {
        deltas = scoring::pls_deltas(schema, scoring::pls_lead(schema, settings, fields), to, +1);
    }
    if (!deltas.empty()) {
        apply_pls_deltas(c, deltas);
        // A rebuild that already counted this lead counts its new state too (raw counts, no smoothing).
        auto st = load_pls_rebuild_state(c);
        if (st.phase == "count" && lead.id != 0 && lead.id <= st.after_id) {
            for (const auto& d : deltas) add_raw(c, d.team, d.variable, d.value, d.won, d.lost);
        }
    }
    if (to != scoring::PlsOutcome::open || !lead.active || !scoring::pls_counts(fields, settings)) return;
    const auto pl = scoring::pls_lead(schema, settings, fields);
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
    const auto pl = scoring::pls_lead(schema, settings, scoring::pls_fields(lead));
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

PlsCountRange pls_count_range(Connection& c, int64_t after_id, int limit) {
    // Two index seeks, not a walk over the range's rows: the closed leads' query is the batch's only pass.
    PlsCountRange r;
    {
        auto s = c.prepare("SELECT min(id) FROM leads WHERE id > ?");
        s.bind(1, after_id);
        if (s.step()) r.first = s.get_opt_int(0).value_or(0);
    }
    if (r.first == 0) return r;  // everything counted
    // The last existing id of the range: a lead created later gets a higher id and is counted by a later batch
    // (predict_lead only adds leads at or below the position to the staging rows).
    auto s = c.prepare("SELECT max(id) FROM leads WHERE id <= ?");
    s.bind(1, r.first + limit - 1);
    if (s.step()) r.last = s.get_int(0);
    return r;
}

PlsCountPlan pls_plan_count(Connection& c, int64_t after_id, int limit, bool keep_open) {
    PlsCountPlan plan;
    plan.after_id = after_id;
    const auto settings = load_pls_settings(c);
    const auto schema = scoring::pls_schema(settings, load_stages(c));
    // The batch is the id range of `limit` ids from the next lead on; only its closed leads are decoded.
    const auto range = pls_count_range(c, after_id, limit);
    if (range.first == 0) return plan;
    plan.last_id = range.last;
    plan.seen = range.last - range.first + 1;  // ids covered
    thread_local std::vector<PlsRow> leads;  // its rows' strings reused from batch to batch
    // With keep_open: the rows the recompute's scan selects (by index into leads, in order) and their totals keys.
    thread_local std::vector<std::pair<size_t, TotalsKeys>> open_rows;
    open_rows.clear();
    size_t n = 0;
    {
        auto s = keep_open ? c.prepare(std::string(pls_lean_select) + ", " + totals_keys_columns + pls_lean_from +
                                       " WHERE l.id > ? AND l.id <= ? ORDER BY l.id")
                           : c.prepare(pls_closed_leads + " AND lp.lead_id > ? AND lp.lead_id <= ? ORDER BY lp.lead_id");
        s.bind(1, after_id).bind(2, plan.last_id);
        while (s.step()) {
            if (n == leads.size()) leads.emplace_back();
            auto& l = leads[n++];
            read_lean(s, l);
            // pls_plan_recompute's condition: active = 1 AND stage_id IS NOT NULL AND probability < 100
            if (keep_open && l.f.active && l.f.stage_id && l.f.probability < 100)
                open_rows.emplace_back(n - 1, read_totals_keys(c, s, pls_lean_column_count));
        }
    }
    if (scoring::pls_uses_tags(settings)) load_batch_tags(c, leads, n);
    std::vector<scoring::PlsLead> closed;
    size_t next_open = 0;
    for (size_t i = 0; i < n; ++i) {
        const auto& l = leads[i];
        const TotalsKeys* open_keys = nullptr;
        if (next_open < open_rows.size() && open_rows[next_open].first == i) open_keys = &open_rows[next_open++].second;
        if (scoring::pls_counts(l.f, settings)) {
            auto pl = scoring::pls_lead(schema, settings, l.f);
            if (pl.outcome == scoring::PlsOutcome::open) {
                // The leads pls_plan_recompute scores (a won stage's 100 is the lifecycle's business).
                if (open_keys && pl.stage && !schema.stages[*pl.stage].is_won)
                    plan.open.add(l.id, l.f.probability, l.automated_probability, l.probability_manual, pl, *open_keys);
                continue;
            }
            plan.train.push_back(l.id % 10 < 7);  // as load_pls_training splits
            closed.push_back(std::move(pl));
        }
    }
    plan.counted = scoring::pls_rebuild(schema, closed);
    plan.closed = std::move(closed);
    return plan;
}

PlsCountPlan pls_read_count(Connection& reader, int64_t after_id, int limit, bool keep_open) {
    return pls_read_transaction(reader, [&] { return pls_plan_count(reader, after_id, limit, keep_open); });
}

PlsBatch pls_apply_count(Connection& c, const PlsCountPlan& plan, PlsTraining* collect) {
    PlsBatch out;
    out.seen = plan.seen;
    if (plan.last_id == 0) {
        // Everything counted: the staging rows, smoothed once, become the table.
        c.exec("DELETE FROM pls_frequencies");
        c.exec("INSERT INTO pls_frequencies SELECT team_id, variable, value, won + 0.1, lost + 0.1 FROM pls_rebuild_rows");
        c.exec("DELETE FROM pls_rebuild_rows");
        bump_stamp(c);
        set_state(c, "recompute", 0);
        return out;
    }
    if (collect)
        for (size_t i = 0; i < plan.closed.size(); ++i) (plan.train[i] ? collect->train : collect->test).add(plan.closed[i]);
    for (const auto& [team, table] : plan.counted.teams)
        for (const auto& [variable, rows] : table.rows)
            for (const auto& [value, n] : rows) {
                // pls_rebuild smoothed each row once; the staging rows hold raw counts.
                add_raw(c, team, variable, value, n.won - scoring::pls_smoothing, n.lost - scoring::pls_smoothing);
            }
    set_state(c, "count", plan.last_id);
    return out;
}

PlsBatch pls_count_batch(Connection& c, int limit, PlsTraining* collect) {
    return pls_apply_count(c, pls_plan_count(c, load_pls_rebuild_state(c).after_id, limit), collect);
}

PlsBatch pls_recompute_batch(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                             const PlsModel& model, int limit) {
    return pls_apply_recompute(c, pls_plan_recompute(c, schema, settings, model, load_pls_rebuild_state(c).after_id, limit));
}

PlsRecomputePlan pls_plan_recompute(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                                    const PlsModel& model, int64_t after_id, int limit, PlsRecomputePlan reuse) {
    PlsRecomputePlan plan = std::move(reuse);
    plan.automated_only.clear();
    plan.shown_moves.clear();
    plan.after_id = after_id;
    plan.last_id = plan.seen = 0;
    // Kept by the thread from batch to batch (rows, their strings): a fresh vector per batch on the rebuild's
    // read-ahead thread was faulted in page by page each time (~8 % of the 1M bench's samples with a full Lead).
    thread_local std::vector<PlsRow> leads;
    size_t n = 0;
    // The totals keys of a moved lead come with the scan (a write of `probability` moves the totals): ~600,000
    // point queries by id at 1M leads otherwise. Without tags each lead is scored on its row, so only the moved
    // ones' keys are made; with tags (loaded once the batch is read) every row's keys are kept until then.
    thread_local std::vector<TotalsKeys> keys;
    const bool tags = scoring::pls_uses_tags(settings);
    keys.clear();
    plan.shown_moves.reserve(static_cast<size_t>(limit));
    auto score = [&](const PlsRow& l, auto&& keys_of) {
        if (!scoring::pls_counts(l.f, settings)) return;
        const auto pl = scoring::pls_lead(schema, settings, l.f);
        // A won stage's 100 is the lifecycle's business, not the scorer's.
        if (pl.outcome != scoring::PlsOutcome::open || !pl.stage || schema.stages[*pl.stage].is_won) return;
        if (auto p = model.probability(schema, pl))
            plan_probability(l.id, l.f.probability, l.probability_manual, l.automated_probability, *p, keys_of, plan);
    };
    {
        auto s = c.prepare(std::string(pls_lean_select) + ", " + totals_keys_columns + pls_lean_from +
                           " WHERE l.id > ? AND l.active = 1 AND l.stage_id IS NOT NULL AND lp.probability < 100"
                           " ORDER BY l.id LIMIT ?");
        s.bind(1, after_id).bind(2, limit);
        thread_local PlsRow one;
        while (s.step()) {
            ++plan.seen;
            if (tags) {
                if (n == leads.size()) leads.emplace_back();
                read_lean(s, leads[n++]);
                keys.push_back(read_totals_keys(c, s, pls_lean_column_count));
                continue;
            }
            read_lean(s, one);
            plan.last_id = one.id;
            score(one, [&] { return read_totals_keys(c, s, pls_lean_column_count); });
        }
    }
    if (!tags || n == 0) return plan;
    plan.last_id = leads[n - 1].id;
    load_batch_tags(c, leads, n);
    for (size_t i = 0; i < n; ++i) score(leads[i], [&] { return std::move(keys[i]); });
    return plan;
}

PlsRecomputePlan pls_read_recompute(Connection& reader, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                                    const PlsModel& model, int64_t after_id, int limit, PlsRecomputePlan reuse) {
    return pls_read_transaction(reader, [&] {
        return pls_plan_recompute(reader, schema, settings, model, after_id, limit, std::move(reuse));
    });
}

PlsRecomputePlan pls_plan_from_open_leads(const PlsOpenLeads& open, const std::vector<std::optional<double>>& probabilities,
                                          int64_t after_id, int limit, PlsRecomputePlan reuse) {
    PlsRecomputePlan plan = std::move(reuse);
    plan.automated_only.clear();
    plan.shown_moves.clear();
    plan.after_id = after_id;
    plan.last_id = plan.seen = 0;
    const auto& leads = open.leads();
    auto it = std::upper_bound(leads.begin(), leads.end(), after_id, [](int64_t id, const PlsOpenLead& l) { return id < l.id; });
    for (; it != leads.end() && plan.seen < limit; ++it) {
        ++plan.seen;
        plan.last_id = it->id;
        if (const auto& p = probabilities[it->pattern])
            plan_probability(it->id, it->probability, it->manual, it->automated, *p, [&] { return open.keys_of(*it); }, plan);
    }
    return plan;
}

std::vector<std::optional<double>> pls_pattern_probabilities(const PlsOpenLeads& open, const scoring::PlsSchema& schema,
                                                             const PlsModel& model) {
    std::vector<std::optional<double>> out;
    out.reserve(open.patterns().size());
    for (const auto& p : open.patterns()) out.push_back(model.probability(schema, p));
    return out;
}

PlsBatch pls_apply_recompute(Connection& c, const PlsRecomputePlan& plan) {
    PlsBatch out;
    out.seen = plan.seen;
    if (plan.last_id == 0) {
        set_state(c, "idle", 0);
        return out;
    }
    for (const auto& [id, p] : plan.automated_only)
        c.prepare("UPDATE lead_probabilities SET automated_probability = ? WHERE lead_id = ?").bind(1, p).bind(2, id).run();
    apply_probability_moves(c, plan.shown_moves);  // the totals move once per row they keep, not per lead
    out.changed = static_cast<int64_t>(plan.automated_only.size() + plan.shown_moves.size());
    set_state(c, "recompute", plan.last_id);
    return out;
}

PlsTraining load_pls_training(Connection& c, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings) {
    PlsTraining out;
    const bool tags = scoring::pls_uses_tags(settings);
    int64_t after = 0;
    for (;;) {  // in slices, so the tags of each come with one range query
        std::vector<PlsRow> leads;
        {
            auto s = c.prepare(pls_closed_leads + " AND lp.lead_id > ? ORDER BY lp.lead_id LIMIT 20000");
            s.bind(1, after);
            while (s.step()) read_lean(s, leads.emplace_back());
        }
        if (leads.empty()) break;
        after = leads.back().id;
        if (tags) load_batch_tags(c, leads, leads.size());
        for (const auto& l : leads) {
            if (!scoring::pls_counts(l.f, settings)) continue;
            const auto pl = scoring::pls_lead(schema, settings, l.f);
            (l.id % 10 < 7 ? out.train : out.test).add(pl);
        }
    }
    return out;
}

}  // namespace tumen::store
