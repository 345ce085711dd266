#include "services/predictive_service.hpp"

#include "services/auth_service.hpp"  // unix_now
#include "services/record_support.hpp"
#include "store/predictive.hpp"
#include "store/stages.hpp"

namespace tumen::server {

PredictiveService::PredictiveService(store::Database& db, JobRunner& jobs, LeadService& leads)
    : db_(db), jobs_(jobs), leads_(leads) {
    jobs_.register_kind(
        rebuild_kind, [this](JobContext& ctx, const nlohmann::json&) { return rebuild(ctx); }, rebuild_interval_s);
}

nlohmann::json PredictiveService::settings() {
    auto& c = db_.reader();
    nlohmann::json j = store::load_pls_settings(c);
    const auto st = store::load_pls_rebuild_state(c);
    j["rebuild"] = {{"phase", st.phase}, {"after_id", st.after_id}};
    j["rows"] = c.prepare("SELECT count(*) FROM pls_frequencies").scalar_int();
    return j;
}

Result<nlohmann::json> PredictiveService::update_settings(const Caller& caller, const nlohmann::json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    for (const auto& [key, _] : body.items())
        if (key != "fields" && key != "start_date" && key != "version")
            return field_error(key, "is not a setting of predictive scoring", "error.unknown_field");
    auto out = db_.write([&](store::Connection& c) -> Result<nlohmann::json> {
        auto s = store::load_pls_settings(c);
        if (s.version != version.value()) return stale_version("predictive scoring settings", nlohmann::json(s));
        if (auto fe = scoring::apply_patch(s, body); !fe.empty()) return fe.to_error();
        if (!store::save_pls_settings(c, s)) return stale_version("predictive scoring settings", nlohmann::json(s));
        log_record_change(c, caller, "pls_settings", 1, "updated", {{"version", s.version}}, std::nullopt);
        jobs_.enqueue_in(c, rebuild_kind);  // other fields or dates: the table must be counted again
        return nlohmann::json(s);
    });
    if (out) jobs_.poke();
    return out;
}

Result<nlohmann::json> PredictiveService::request_rebuild(const Caller&) {
    const int64_t id = jobs_.enqueue(rebuild_kind);
    return nlohmann::json{{"job_id", id}};
}

Result<nlohmann::json> PredictiveService::explain(const Caller& caller, int64_t lead_id) {
    auto lead = leads_.get(caller, lead_id);  // 404 for a lead the caller cannot see
    if (!lead) return lead.error();
    auto why = store::explain_lead(db_.reader(), lead.value());
    return nlohmann::json{{"lead_id", lead_id},
                          {"probability", lead->probability},
                          {"automated_probability", lead->automated_probability},
                          {"probability_manual", lead->probability_manual},
                          {"explanation", why ? nlohmann::json(*why) : nlohmann::json()}};
}

Result<Lead> PredictiveService::reset_probability(const Caller& caller, int64_t lead_id, const nlohmann::json& body) {
    const nlohmann::json reset = {{"probability_manual", false}};
    return leads_.apply(caller, lead_id, body, "updated", [&](const Lead& l, const std::vector<Stage>& stages, Timestamp now) {
        return edit_lead(l, reset, stages, now);
    });
}

Result<void> PredictiveService::rebuild(JobContext& ctx) {
    auto state = db_.write([](store::Connection& c) {
        auto st = store::load_pls_rebuild_state(c);
        if (st.phase == "idle") store::start_pls_rebuild(c), st = store::load_pls_rebuild_state(c);
        return st;
    });
    if (state.after_id > 0) ctx.log("resuming the " + state.phase + " phase after lead " + std::to_string(state.after_id));
    const int64_t total = db_.reader().prepare("SELECT count(*) FROM leads").scalar_int();
    int64_t done = 0, changed = 0;
    auto stopped = [&] { return Error::make(ErrorCode::unavailable, "stopped; resumes at the next start"); };
    // Progress: counting is the first half of the bar, recomputing the second.
    while (state.phase == "count") {
        if (ctx.stop_requested()) return stopped();
        auto batch = db_.write([&](store::Connection& c) { return store::pls_count_batch(c, batch_size_); });
        done += batch.seen;
        ctx.progress(std::min(done, total), 2 * total);
        state = store::load_pls_rebuild_state(db_.reader());
    }
    const auto settings = store::load_pls_settings(db_.reader());
    const auto schema = scoring::pls_schema(settings, store::load_stages(db_.reader()));
    const scoring::PlsScorer scorer(schema, store::load_all_pls_frequencies(db_.reader()));
    done = 0;
    while (state.phase == "recompute") {
        if (ctx.stop_requested()) return stopped();
        auto batch = db_.write([&](store::Connection& c) {
            return store::pls_recompute_batch(c, schema, settings, scorer, batch_size_);
        });
        done += batch.seen;
        changed += batch.changed;
        ctx.progress(total + std::min(done, total), 2 * total);
        state = store::load_pls_rebuild_state(db_.reader());
    }
    ctx.progress(2 * total, 2 * total);
    ctx.log("rebuilt the frequency table; " + std::to_string(changed) + " automatic probabilities changed");
    return {};
}

}  // namespace tumen::server
