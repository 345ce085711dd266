#include "services/predictive_service.hpp"

#include <chrono>
#include <cstdio>
#include <optional>

#include "services/auth_service.hpp"  // unix_now
#include "services/record_support.hpp"
#include "store/predictive.hpp"
#include "store/predictive_models.hpp"
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
    const auto trained = store::pls_logistic_trained_at(c);
    j["lr_trained_at"] = trained ? nlohmann::json(*trained) : nlohmann::json();
    j["quality"] = store::load_pls_quality(c);
    return j;
}

Result<nlohmann::json> PredictiveService::update_settings(const Caller& caller, const nlohmann::json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    for (const auto& [key, _] : body.items())
        if (key != "fields" && key != "start_date" && key != "model" && key != "version")
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
    using SteadyClock = std::chrono::steady_clock;
    auto since = [](SteadyClock::time_point t) { return std::chrono::duration<double>(SteadyClock::now() - t).count(); };
    auto phase_start = SteadyClock::now();
    double count_s = 0, train_s = 0;
    auto stopped = [&] { return Error::make(ErrorCode::unavailable, "stopped; resumes at the next start"); };
    // A count from the first lead gathers the training data on the way; a resumed one leaves it to train_models.
    std::optional<store::PlsTraining> collected;
    if (state.phase == "count" && state.after_id == 0) collected.emplace();
    const int64_t settings_version = store::load_pls_settings(db_.reader()).version;
    // Progress: counting is the first half of the bar, recomputing the second.
    while (state.phase == "count") {
        if (ctx.stop_requested()) return stopped();
        auto batch = db_.write([&](store::Connection& c) {
            return store::pls_count_batch(c, batch_size_, collected ? &*collected : nullptr);
        });
        done += batch.seen;
        ctx.progress(std::min(done, total), 2 * total);
        state = store::load_pls_rebuild_state(db_.reader());
    }
    count_s = since(phase_start);
    const auto settings = store::load_pls_settings(db_.reader());
    if (settings.version != settings_version) collected.reset();  // counted under other fields: read them again
    const auto schema = scoring::pls_schema(settings, store::load_stages(db_.reader()));
    if (state.phase == "recompute" && state.after_id == 0) {
        if (ctx.stop_requested()) return stopped();
        phase_start = SteadyClock::now();
        train_models(ctx, schema, settings, collected ? &*collected : nullptr);
        train_s = since(phase_start);
    }
    phase_start = SteadyClock::now();
    const scoring::PlsScorer scorer(schema, store::load_all_pls_frequencies(db_.reader()));
    const store::PlsModel model{&scorer, settings.model == "lr" ? store::load_pls_logistic(db_.reader()) : nullptr};
    done = 0;
    while (state.phase == "recompute") {
        if (ctx.stop_requested()) return stopped();
        auto batch = db_.write([&](store::Connection& c) {
            return store::pls_recompute_batch(c, schema, settings, model, batch_size_);
        });
        done += batch.seen;
        changed += batch.changed;
        ctx.progress(total + std::min(done, total), 2 * total);
        state = store::load_pls_rebuild_state(db_.reader());
    }
    ctx.progress(2 * total, 2 * total);
    char phases[96];  // where a run's time goes (bench/README.md)
    std::snprintf(phases, sizeof phases, " (count %.2f s, training %.2f s, recompute %.2f s)", count_s, train_s,
                  since(phase_start));
    ctx.log("rebuilt the frequency table; " + std::to_string(changed) + " automatic probabilities changed (" +
            (model.lr ? "logistic regression" : "naive Bayes") + ")" + phases);
    return {};
}

void PredictiveService::train_models(JobContext& ctx, const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                                     store::PlsTraining* collected) {
    // Both models on the same closed leads: the holdout figures for the report, then the logistic regression on
    // all of them (trained whichever model is chosen, so switching to it scores with current weights at once).
    const auto started = std::chrono::steady_clock::now();
    const auto data = collected ? std::move(*collected) : store::load_pls_training(db_.reader(), schema, settings);
    const auto quality = scoring::pls_evaluate(schema, data.train.cases(), data.test.cases());
    const auto lr = scoring::PlsLogistic::train(schema, {&data.train.cases(), &data.test.cases()});
    const int64_t now = unix_now();
    db_.write([&](store::Connection& c) {
        store::save_pls_quality(c, quality, now);
        store::save_pls_logistic(c, lr, data.train.closed() + data.test.closed(), now);
    });
    char took[48];
    std::snprintf(took, sizeof took, "trained in %.2f s on ",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    std::string line = took + std::to_string(static_cast<int64_t>(data.train.closed() + data.test.closed())) +
                       " closed leads; holdout";
    for (const auto& q : quality)
        if (q.team == 0 && q.auc && q.brier) {
            char buf[96];
            std::snprintf(buf, sizeof buf, " %s AUC %.3f Brier %.3f", q.model.c_str(), *q.auc, *q.brier);
            line += buf;
        }
    ctx.log(line);
}

}  // namespace tumen::server
