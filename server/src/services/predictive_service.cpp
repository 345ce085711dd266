#include "services/predictive_service.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "services/auth_service.hpp"  // unix_now
#include "services/record_support.hpp"
#include "store/predictive.hpp"
#include "store/predictive_models.hpp"
#include "store/stages.hpp"
#include "store/write_mark.hpp"

namespace tumen::server {

// The helper thread for the rebuild's reads (its SQLite read connection lives as long as the thread, so its page
// cache and prepared statements serve every batch). Tasks run in order; the destructor finishes them first.
class PredictiveReadAhead {
public:
    using Task = std::function<void()>;
    PredictiveReadAhead() : thread_([this] { run(); }) {}
    ~PredictiveReadAhead() {
        {
            std::lock_guard lock(mutex_);
            closing_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }
    template <class Fn>
    auto submit(Fn fn) -> std::future<decltype(fn())> {
        auto task = std::make_shared<std::packaged_task<decltype(fn())()>>(std::move(fn));
        auto result = task->get_future();
        {
            std::lock_guard lock(mutex_);
            tasks_.push_back([task] { (*task)(); });
        }
        wake_.notify_all();
        return result;
    }

private:
    void run() {
        for (;;) {
            Task task;
            {
                std::unique_lock lock(mutex_);
                wake_.wait(lock, [this] { return closing_ || !tasks_.empty(); });
                if (tasks_.empty()) return;
                task = std::move(tasks_.front());
                tasks_.pop_front();
            }
            task();  // an exception reaches the future
        }
    }
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Task> tasks_;
    bool closing_ = false;
    std::thread thread_;  // last: starts once the members above exist
};

PredictiveService::PredictiveService(store::Database& db, JobRunner& jobs, LeadService& leads)
    : db_(db), jobs_(jobs), leads_(leads) {
    jobs_.register_kind(
        rebuild_kind, [this](JobContext& ctx, const nlohmann::json&) { return rebuild(ctx); }, rebuild_interval_s);
}

PredictiveService::~PredictiveService() = default;

PredictiveReadAhead& PredictiveService::read_ahead() {
    std::call_once(read_ahead_once_, [this] { read_ahead_ = std::make_unique<PredictiveReadAhead>(); });
    return *read_ahead_;
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
    std::optional<store::WriteMark> mark;  // the writer's mark at the end of this job's last write
    auto state = db_.write([&](store::Connection& c) {
        auto st = store::load_pls_rebuild_state(c);
        if (st.phase == "idle") store::start_pls_rebuild(c), st = store::load_pls_rebuild_state(c);
        mark = store::write_mark(c);
        return st;
    });
    if (state.after_id > 0) ctx.log("resuming the " + state.phase + " phase after lead " + std::to_string(state.after_id));
    const int64_t total = db_.reader().prepare("SELECT count(*) FROM leads").scalar_int();
    int64_t done = 0, changed = 0;
    using SteadyClock = std::chrono::steady_clock;
    auto since = [](SteadyClock::time_point t) { return std::chrono::duration<double>(SteadyClock::now() - t).count(); };
    auto phase_start = SteadyClock::now();
    double count_s = 0, train_s = 0;
    double count_writes_s = 0;  // the count's writes and keeping its open leads: the job's thread alone
    auto stopped = [&] { return Error::make(ErrorCode::unavailable, "stopped; resumes at the next start"); };
    // A count from the first lead gathers the training data on the way; a resumed one leaves it to train_models.
    std::optional<store::PlsTraining> collected;
    if (state.phase == "count" && state.after_id == 0) collected.emplace();
    const int64_t settings_version = store::load_pls_settings(db_.reader()).version;
    // Progress: counting is the first half of the bar, recomputing the second.
    // Two batches are read at once, one on the job's thread and one on a helper's (the count only reads, and the
    // machine has a second core), both after this job's last write began. They are written in one transaction if
    // nothing else was committed since; otherwise the first is read again inside the write, as without the helper.
    int64_t count_batches = 0, count_read_ahead = 0;
    // The count also keeps the open leads it reads (store/pls_open_leads.hpp), so the recompute scans no row again.
    // They are current while nothing but this job's own writes was committed since they were read: every lead in
    // `open_leads` from id `open_from` on was read after the last write of someone else, as long as `open_current`
    // holds (a write of someone else in the recompute phase ends it: the leads left are read again, as before).
    store::PlsOpenLeads open_leads;
    int64_t open_from = state.after_id + 1;
    const bool keep = keep_open_leads_;
    bool open_current = keep && state.phase == "count";
    if (open_current) open_leads.reserve(static_cast<size_t>(total));  // no copy as it grows
    {
        auto& helper = read_ahead();  // no task of this phase is left running when it ends (next is waited for)
        // The next write's first batch, read by the helper while the job writes and keeps the last two (submitted
        // inside that write: a commit of someone else after it shows at the next write's check).
        struct CountAhead {
            std::optional<std::future<store::PlsCountPlan>> plan;
            int64_t from = 0;
            ~CountAhead() {  // its task reads this frame's variables
                if (plan && plan->valid()) plan->wait();
            }
        } first_ahead;
        while (state.phase == "count") {
            if (ctx.stop_requested()) return stopped();
            const int64_t after = state.after_id;
            const auto range = store::pls_count_range(db_.reader(), after, batch_size_);
            std::optional<std::future<store::PlsCountPlan>> next;
            std::optional<store::PlsCountPlan> mine;
            std::optional<store::PlsCountPlan> theirs;
            std::optional<store::PlsCountPlan> again;  // read inside the write: someone else wrote
            bool both = false;
            if (first_ahead.plan && first_ahead.from == after) {
                if (range.last != 0) theirs = store::pls_read_count(db_.reader(), range.last, batch_size_, keep);
                mine = first_ahead.plan->get();
            } else {
                if (first_ahead.plan) first_ahead.plan->wait();
                if (range.last != 0)
                    next = helper.submit([&, from = range.last] { return store::pls_read_count(db_.reader(), from, batch_size_, keep); });
                try {
                    mine = store::pls_read_count(db_.reader(), after, batch_size_, keep);
                } catch (...) {
                    if (next) next->wait();  // its task reads this frame's variables
                    throw;
                }
                if (next) theirs = next->get();
            }
            first_ahead.plan.reset();
            if (before_count_write_) before_count_write_();
            const auto write_start = SteadyClock::now();
            auto batch = db_.write([&](store::Connection& c) {
                store::PlsBatch out;
                const auto at = store::load_pls_rebuild_state(c);
                auto* into = collected ? &*collected : nullptr;
                if (mark && store::write_mark(c) == *mark && at.phase == "count" && at.after_id == mine->after_id) {
                    out = store::pls_apply_count(c, *mine, into);
                    if (theirs && mine->last_id != 0 && theirs->after_id == mine->last_id) {
                        const auto second = store::pls_apply_count(c, *theirs, into);
                        out.seen += second.seen;
                        ++count_read_ahead;
                        both = true;
                    }
                } else {
                    again = store::pls_plan_count(c, at.after_id, batch_size_, keep);  // someone else wrote: read again
                    out = store::pls_apply_count(c, *again, into);
                }
                const int64_t position = again ? again->last_id : both ? theirs->last_id : mine->last_id;  // 0: swapped in
                if (position != 0) {
                    first_ahead.from = position;
                    first_ahead.plan = helper.submit([&, position] { return store::pls_read_count(db_.reader(), position, batch_size_, keep); });
                }
                ctx.progress_in(c, std::min(done + out.seen, total), 2 * total);
                mark = store::write_mark(c);
                return out;
            });
            ++count_batches;
            done += batch.seen;
            if (again) {  // the open leads read before it may have changed
                open_leads.clear_leads();
                open_from = again->after_id + 1;
                open_leads.append(again->open);
            } else {
                open_leads.append(mine->open);
                if (both) open_leads.append(theirs->open);
            }
            count_writes_s += since(write_start);
            state = store::load_pls_rebuild_state(db_.reader());
        }
    }
    count_s = since(phase_start);
    const auto settings = store::load_pls_settings(db_.reader());
    if (settings.version != settings_version) collected.reset();  // counted under other fields: read them again
    const auto schema = scoring::pls_schema(settings, store::load_stages(db_.reader()));
    std::string trained;  // the training's log line
    if (state.phase == "recompute" && state.after_id == 0) {
        if (ctx.stop_requested()) return stopped();
        phase_start = SteadyClock::now();
        if (train_models(schema, settings, collected ? &*collected : nullptr, mark, trained)) open_current = false;
        train_s = since(phase_start);
    }
    phase_start = SteadyClock::now();
    const scoring::PlsScorer scorer(schema, store::load_all_pls_frequencies(db_.reader()));
    const store::PlsModel model{&scorer, settings.model == "lr" ? store::load_pls_logistic(db_.reader()) : nullptr};
    // Each distinct scoring input of the kept open leads scored once (tens of thousands at 1M, not 650,000 leads).
    const auto pattern_probabilities = open_current ? store::pls_pattern_probabilities(open_leads, schema, model)
                                                    : std::vector<std::optional<double>>{};
    // Whether the batch after `after` comes from the kept leads: all of its ids were read after the last write of
    // someone else, and none was written since.
    auto from_memory = [&](int64_t after) { return open_current && after + 1 >= open_from; };
    int64_t memory_batches = 0;
    done = 0;
    // The next batch is read and scored (and its moved leads' totals keys read) on a second thread while the
    // writer writes this one: the reads are most of a batch and the machine has a second core. A batch read
    // ahead is written only if nothing but this job's own batches (other leads, the totals, the position) was
    // committed since its read began; otherwise it is read again inside the write, as without the helper.
    std::atomic<int64_t> foreign{0};  // commits of others the writer has seen so far (since the count's last write)
    struct Ahead {
        std::future<store::PlsRecomputePlan> plan;
        int64_t foreign_seen = 0;
        bool kept = false;  // made from the kept open leads
    };
    std::optional<Ahead> ahead;
    std::optional<store::PlsRecomputePlan> spare;  // a written batch's plan: a later read reuses its memory
    int64_t batches = 0, read_ahead = 0;
    double waited_s = 0;  // the writer idle for a read ahead: above ~0 the reads, not the writes, bound the phase
    auto& helper = this->read_ahead();  // this->: the batch count above shares the name
    // On every way out (a stop, an exception) the read in flight is waited for: its task reads this frame's schema,
    // settings and model, destroyed after this guard.
    struct PredictiveWaitForRead {
        std::optional<Ahead>& ahead;
        ~PredictiveWaitForRead() {
            if (ahead && ahead->plan.valid()) ahead->plan.wait();
        }
    } wait_for_read{ahead};
    while (state.phase == "recompute") {
        if (ctx.stop_requested()) return stopped();
        std::optional<store::PlsRecomputePlan> got;
        int64_t got_foreign = -1;
        bool got_kept = false;
        if (ahead) {
            const auto wait_start = SteadyClock::now();
            got = ahead->plan.get(), got_foreign = ahead->foreign_seen, got_kept = ahead->kept, ahead.reset();
            waited_s += since(wait_start);
        }
        if (before_recompute_write_) before_recompute_write_();
        auto batch = db_.write([&](store::Connection& c) {
            if (!mark || store::write_mark(c) != *mark) ++foreign, open_current = false;  // someone else wrote
            const auto at = store::load_pls_rebuild_state(c);
            store::PlsRecomputePlan plan;
            if (got && got_foreign == foreign && got->after_id == at.after_id && at.phase == "recompute") {
                plan = std::move(*got);
                ++read_ahead;
                memory_batches += got_kept;
            } else if (from_memory(at.after_id) && at.phase == "recompute") {
                plan = store::pls_plan_from_open_leads(open_leads, pattern_probabilities, at.after_id, batch_size_);
                ++memory_batches;
            } else {
                plan = store::pls_plan_recompute(c, schema, settings, model, at.after_id, batch_size_);
            }
            if (plan.last_id != 0) {
                // Submitted inside this transaction: every commit the helper's read may miss comes after it.
                const int64_t seen = foreign.load();
                auto reuse = spare ? std::move(*spare) : store::PlsRecomputePlan{};
                spare.reset();
                const bool kept = from_memory(plan.last_id);
                ahead = Ahead{helper.submit([&, kept, after = plan.last_id, reuse = std::move(reuse)]() mutable {
                                  if (kept)
                                      return store::pls_plan_from_open_leads(open_leads, pattern_probabilities, after, batch_size_,
                                                                             std::move(reuse));
                                  return store::pls_read_recompute(db_.reader(), schema, settings, model, after, batch_size_,
                                                                   std::move(reuse));
                              }),
                              seen, kept};
            }
            auto out = store::pls_apply_recompute(c, plan);
            spare = std::move(plan);
            // The bar in this transaction: a write of its own between two batches would look like someone else's.
            ctx.progress_in(c, total + std::min(done + out.seen, total), 2 * total);
            mark = store::write_mark(c);
            return out;
        });
        ++batches;
        done += batch.seen;
        changed += batch.changed;
        state = store::load_pls_rebuild_state(db_.reader());
    }
    ctx.progress(2 * total, 2 * total);
    char phases[320];  // where a run's time goes (bench/README.md)
    std::snprintf(phases, sizeof phases,
                  " (count %.2f s, %lld of %lld writes with a second batch, %.2f s writing, %lld open leads kept; training %.2f s;"
                  " recompute %.2f s, %lld of %lld batches read ahead, %lld from the kept leads, %.2f s waited for them)",
                  count_s, static_cast<long long>(count_read_ahead), static_cast<long long>(count_batches), count_writes_s,
                  static_cast<long long>(open_leads.leads().size()), train_s, since(phase_start),
                  static_cast<long long>(read_ahead), static_cast<long long>(batches), static_cast<long long>(memory_batches),
                  waited_s);
    if (!trained.empty()) ctx.log(trained);
    ctx.log("rebuilt the frequency table; " + std::to_string(changed) + " automatic probabilities changed (" +
            (model.lr ? "logistic regression" : "naive Bayes") + ")" + phases);
    return {};
}

bool PredictiveService::train_models(const scoring::PlsSchema& schema, const scoring::PlsSettings& settings,
                                     store::PlsTraining* collected, std::optional<store::WriteMark>& mark,
                                     std::string& log_line) {
    // Both models on the same closed leads: the holdout figures for the report, then the logistic regression on
    // all of them (trained whichever model is chosen, so switching to it scores with current weights at once).
    const auto started = std::chrono::steady_clock::now();
    const auto data = collected ? std::move(*collected) : store::load_pls_training(db_.reader(), schema, settings);
    const auto quality = scoring::pls_evaluate(schema, data.train.cases(), data.test.cases());
    const auto lr = scoring::PlsLogistic::train(schema, {&data.train.cases(), &data.test.cases()});
    const int64_t now = unix_now();
    bool others_wrote = false;
    db_.write([&](store::Connection& c) {
        others_wrote = !mark || store::write_mark(c) != *mark;
        store::save_pls_quality(c, quality, now);
        store::save_pls_logistic(c, lr, data.train.closed() + data.test.closed(), now);
        mark = store::write_mark(c);
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
    log_line = std::move(line);
    return others_wrote;
}

}  // namespace tumen::server
