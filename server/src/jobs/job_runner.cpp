#include "jobs/job_runner.hpp"

#include <algorithm>
#include <cstdio>

#include "services/auth_service.hpp"  // unix_now
#include "services/lead_service.hpp"  // required_version
#include "tumen/datetime.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

namespace {

constexpr int keep_runs_per_job = 20;
constexpr int runs_in_detail = 10;
constexpr int64_t keep_finished_one_offs_s = 7 * 86400;
constexpr int64_t max_interval_s = 366 * 86400;

nlohmann::json time_json(const std::optional<int64_t>& t) {
    return t ? nlohmann::json(format_timestamp(*t)) : nlohmann::json();
}

// Job logs are JSON text: a line with broken UTF-8 (a handler echoing file bytes) must not break the dump.
std::string clean_line(std::string_view line) {
    std::string out;
    for (std::size_t i = 0; i < line.size();) {
        const char32_t cp = utf8::decode(line, i);
        utf8::append(out, cp == utf8::invalid ? U'\uFFFD' : cp);
    }
    return std::string(utf8::truncate(out, JobContext::max_line_bytes));
}

Error job_runner_not_found(int64_t id) { return Error::make(ErrorCode::not_found, "No job with id " + std::to_string(id)); }

}  // namespace

// ---- JobContext ---------------------------------------------------------------------------------------------

void JobContext::set_progress(int64_t done, int64_t total) {
    done_ = done;
    total_ = total;
    dirty_ = true;
    std::lock_guard lock(runner_.mutex_);
    runner_.live_progress_ = {job_id_, {done, total}};
}

void JobContext::progress(int64_t done, int64_t total) {
    set_progress(done, total);
    flush(false);
}

void JobContext::progress_in(store::Connection& c, int64_t done, int64_t total) {
    set_progress(done, total);
    if (flush_due(false)) write_progress(c);
}

void JobContext::log(std::string line) {
    if (log_.size() >= max_log_lines) {
        log_.erase(log_.begin());
        ++dropped_lines_;
    }
    log_.push_back(clean_line(line));
    dirty_ = true;
    flush(false);
}

bool JobContext::stop_requested() const { return runner_.stop_flag_.load(); }

void JobContext::save_checkpoint(nlohmann::json cp) {
    checkpoint_ = std::move(cp);
    dirty_ = true;
}

bool JobContext::flush_due(bool force) const {
    if (!dirty_) return false;
    return force || std::chrono::steady_clock::now() - last_flush_ >= std::chrono::milliseconds(runner_.progress_every_ms_.load());
}

void JobContext::flush(bool force) {
    if (flush_due(force)) runner_.db_.write([&](store::Connection& c) { write_progress(c); });
}

void JobContext::write_progress(store::Connection& c) {
    store::JobRunRecord run;
    run.id = run_id_;
    run.job_id = job_id_;
    run.attempt = attempt_;
    run.state = "running";
    run.progress_done = done_;
    run.progress_total = total_;
    run.log = log_;
    store::save_job_progress(c, job_id_, done_, total_, checkpoint_);
    store::save_job_run(c, run);
    last_flush_ = std::chrono::steady_clock::now();  // a rolled-back batch loses its bar update only
    dirty_ = false;
}

// ---- JobRunner ----------------------------------------------------------------------------------------------

JobRunner::JobRunner(store::Database& db) : db_(db) {}

JobRunner::~JobRunner() { stop(); }

int64_t JobRunner::now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void JobRunner::set_backoff(std::chrono::milliseconds base, std::chrono::milliseconds max) {
    backoff_base_ms_ = std::max<int64_t>(1, base.count());
    backoff_max_ms_ = std::max<int64_t>(backoff_base_ms_, max.count());
}

std::chrono::milliseconds JobRunner::backoff_after(int attempts) const {
    int64_t delay = backoff_base_ms_.load();
    const int64_t cap = backoff_max_ms_.load();
    for (int i = 1; i < attempts && delay < cap; ++i) delay *= 2;
    return std::chrono::milliseconds(std::min(delay, cap));
}

void JobRunner::register_kind(std::string kind, JobHandler handler, int64_t default_interval_s) {
    db_.write([&](store::Connection& c) {
        if (store::find_recurring_job(c, kind)) return;
        store::JobRecord j;
        j.kind = kind;
        j.recurring = true;
        j.interval_ms = std::max<int64_t>(0, default_interval_s) * 1000;
        j.state = "idle";
        if (j.interval_ms > 0) j.next_run_ms = now_ms() + j.interval_ms;
        j.create_date = unix_now();
        store::insert_job(c, j);
    });
    std::lock_guard lock(mutex_);
    handlers_[std::move(kind)] = std::move(handler);
}

int64_t JobRunner::enqueue(const std::string& kind, nlohmann::json payload) {
    const int64_t id = db_.write([&](store::Connection& c) { return enqueue_in(c, kind, std::move(payload)); });
    poke();
    return id;
}

int64_t JobRunner::enqueue_in(store::Connection& c, const std::string& kind, nlohmann::json payload) {
    if (payload.is_null()) payload = nlohmann::json::object();
    // Waiting runs with the same payload are one run: ten rule edits in a row rescore once.
    if (auto waiting = store::waiting_one_off(c, kind, payload.dump())) return *waiting;
    store::JobRecord j;
    j.kind = kind;
    j.payload = std::move(payload);
    j.state = "queued";
    j.next_run_ms = now_ms();
    j.create_date = unix_now();
    store::insert_job(c, j);
    return j.id;
}

int64_t JobRunner::run_once_at(store::Connection& c, const std::string& kind, int64_t due_unix_s) {
    // The due time is the payload, so two callers asking for the same moment share one run.
    nlohmann::json payload = {{"due", due_unix_s}};
    if (auto waiting = store::waiting_one_off(c, kind, payload.dump())) return *waiting;
    store::JobRecord j;
    j.kind = kind;
    j.payload = std::move(payload);
    j.state = "queued";
    j.next_run_ms = std::max(due_unix_s * 1000, now_ms());
    j.create_date = unix_now();
    store::insert_job(c, j);
    return j.id;
}

void JobRunner::poke() {
    {
        std::lock_guard lock(mutex_);
        poked_ = true;
    }
    wake_.notify_all();
}

void JobRunner::start() {
    {
        std::lock_guard lock(mutex_);
        if (worker_.joinable() || starting_) return;
        starting_ = true;
        stopping_ = false;
        stop_flag_ = false;
    }
    // A database write, so outside mutex_ (lock order: see mutex_). No job runs yet: the worker starts below.
    try {
        recover_interrupted();
    } catch (...) {
        std::lock_guard lock(mutex_);
        starting_ = false;
        throw;
    }
    std::lock_guard lock(mutex_);
    starting_ = false;
    worker_ = std::thread([this] { loop(); });
}

void JobRunner::stop() {
    {
        std::lock_guard lock(mutex_);
        if (!worker_.joinable()) return;
        stopping_ = true;
        stop_flag_ = true;
    }
    wake_.notify_all();
    worker_.join();
    idle_.notify_all();
}

void JobRunner::recover_interrupted() {
    const int64_t now = unix_now();
    db_.write([&](store::Connection& c) {
        for (int64_t id : store::close_interrupted_runs(c, now)) {
            auto j = store::find_job(c, id);
            if (!j) continue;
            j->last_finish = now;
            if (j->attempts >= j->max_attempts) {
                // A job that takes the process down every time must not do so forever.
                j->state = "failed";
                j->last_error = "Interrupted " + std::to_string(j->attempts) + " times; not retried";
                j->next_run_ms = j->recurring && j->interval_ms > 0 ? std::optional(now_ms() + j->interval_ms) : std::nullopt;
                if (j->recurring) j->attempts = 0;
            } else {
                j->state = "queued";
                j->last_error = "The server stopped during the last run; resumed";
                j->next_run_ms = now_ms();
            }
            store::save_job_state(c, *j);
        }
        store::prune_finished_one_offs(c, now - keep_finished_one_offs_s);
    });
}

void JobRunner::loop() {
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) return;
        }
        bool ran = false;
        try {
            ran = run_one_due();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "tumen-server: job runner: %s\n", e.what());
            std::lock_guard lock(mutex_);
            running_job_ = false;
            live_progress_.reset();
        }
        if (ran) continue;
        // Sleep until the next scheduled run (at most a second: intervals changed elsewhere are noticed).
        int64_t delay = 1000;
        try {
            if (auto next = store::next_scheduled_ms(db_.reader())) delay = std::clamp<int64_t>(*next - now_ms(), 0, 1000);
        } catch (const std::exception&) {
        }
        std::unique_lock lock(mutex_);
        idle_.notify_all();
        if (delay > 0) wake_.wait_for(lock, std::chrono::milliseconds(delay), [&] { return stopping_ || poked_; });
        poked_ = false;
    }
}

bool JobRunner::run_one_due() {
    auto due = store::due_jobs(db_.reader(), now_ms(), 50);
    for (const auto& j : due) {
        bool known;
        {
            std::lock_guard lock(mutex_);
            known = handlers_.count(j.kind) > 0;
        }
        if (!known) continue;  // a kind this build no longer has (or not registered yet) waits
        run(j);
        return true;
    }
    return false;
}

void JobRunner::run(const store::JobRecord& due) {
    {
        // Busy from before the claim: wait_idle() must not see "nothing due, nothing running" in between.
        std::lock_guard lock(mutex_);
        running_job_ = true;
    }
    const int64_t now = unix_now();
    store::JobRecord job;
    store::JobRunRecord run;
    const bool claimed = db_.write([&](store::Connection& c) {
        if (!store::claim_job(c, due.id, now)) return false;
        job = *store::find_job(c, due.id);
        run.job_id = job.id;
        run.attempt = job.attempts;
        run.start_date = now;
        run.progress_done = job.progress_done;
        run.progress_total = job.progress_total;
        store::insert_job_run(c, run);
        return true;
    });
    if (!claimed) {
        {
            std::lock_guard lock(mutex_);
            running_job_ = false;
        }
        idle_.notify_all();
        return;
    }
    JobHandler handler;
    {
        std::lock_guard lock(mutex_);
        handler = handlers_.at(job.kind);
        live_progress_ = {job.id, {job.progress_done, job.progress_total}};
    }
    JobContext ctx(*this, job.id, run.id, job.attempts, job.checkpoint);
    ctx.done_ = job.progress_done;
    ctx.total_ = job.progress_total;
    Result<void> outcome;
    try {
        outcome = handler(ctx, job.payload);
    } catch (const std::exception& e) {
        outcome = Error::make(ErrorCode::internal, std::string("the job threw: ") + e.what());
    }
    const bool interrupted = stop_flag_.load();
    try {
        finish(std::move(job), std::move(run), outcome, interrupted, ctx);
    } catch (const std::exception& e) {
        // Left 'running' in the database: the next start closes it as interrupted and runs it again.
        std::fprintf(stderr, "tumen-server: job runner could not record a run: %s\n", e.what());
    }
    {
        std::lock_guard lock(mutex_);
        running_job_ = false;
        live_progress_.reset();
    }
    idle_.notify_all();
}

void JobRunner::finish(store::JobRecord job, store::JobRunRecord run, const Result<void>& outcome, bool interrupted,
                       JobContext& ctx) {
    const int64_t now = unix_now();
    const int64_t now_at_ms = now_ms();
    run.finish_date = now;
    run.progress_done = ctx.done_;
    run.progress_total = ctx.total_;
    run.log = ctx.log_;
    if (ctx.dropped_lines_ > 0)
        run.log.insert(run.log.begin(), "(" + std::to_string(ctx.dropped_lines_) + " earlier lines dropped)");
    job.progress_done = ctx.done_;
    job.progress_total = ctx.total_;
    job.checkpoint = ctx.checkpoint_;
    job.last_finish = now;
    db_.write([&](store::Connection& c) {
        // Interval and active may have been changed through the API during the run.
        if (auto fresh = store::find_job(c, job.id)) {
            job.interval_ms = fresh->interval_ms;
            job.active = fresh->active;
        }
        const auto next_interval = [&]() -> std::optional<int64_t> {
            if (!job.recurring || job.interval_ms <= 0) return std::nullopt;
            return now_at_ms + job.interval_ms;
        };
        if (interrupted) {
            // Stopped by the server: resumed (same attempt budget) when the server starts again.
            run.state = "interrupted";
            run.error = "The server stopped during this run";
            job.state = "queued";
            job.last_error = run.error;
            job.next_run_ms = now_at_ms;
        } else if (outcome.ok()) {
            run.state = "done";
            job.state = job.recurring ? "idle" : "done";
            job.attempts = 0;
            job.last_error.clear();
            job.last_success = now;
            job.checkpoint = nullptr;
            job.next_run_ms = next_interval();
        } else {
            run.state = "failed";
            run.error = outcome.error().message;
            job.last_error = run.error;
            if (job.attempts < job.max_attempts) {
                job.state = "retrying";
                job.next_run_ms = now_at_ms + backoff_after(job.attempts).count();
            } else {
                job.state = "failed";
                job.next_run_ms = next_interval();
                if (job.recurring) job.attempts = 0;  // the next interval gets a fresh budget
            }
        }
        store::save_job_state(c, job);
        store::save_job_run(c, run);
        store::prune_job_runs(c, job.id, keep_runs_per_job);
    });
}

bool JobRunner::wait_idle(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        bool busy;
        {
            std::lock_guard lock(mutex_);
            busy = running_job_ || poked_;
        }
        if (!busy) {
            bool due = false;
            for (const auto& j : store::due_jobs(db_.reader(), now_ms(), 50)) {
                std::lock_guard lock(mutex_);
                if (handlers_.count(j.kind)) due = true;
            }
            if (!due) {
                // The loop marks itself busy before it claims a job, so a job claimed between the first look and
                // the query (no longer due, not finished) shows up here as busy.
                std::lock_guard lock(mutex_);
                if (!running_job_ && !poked_) return true;
            }
        }
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::unique_lock lock(mutex_);
        idle_.wait_for(lock, std::chrono::milliseconds(20));
    }
}

// ---- API ------------------------------------------------------------------------------------------------------

nlohmann::json JobRunner::job_json(const store::JobRecord& j, bool with_payload) const {
    nlohmann::json out = {
        {"id", j.id},
        {"kind", j.kind},
        {"recurring", j.recurring},
        {"interval_s", j.interval_ms / 1000},
        {"active", j.active},
        {"state", j.state},
        {"next_run", j.next_run_ms ? nlohmann::json(format_timestamp(*j.next_run_ms / 1000)) : nlohmann::json()},
        {"attempts", j.attempts},
        {"max_attempts", j.max_attempts},
        {"last_error", j.last_error},
        {"progress", {{"done", j.progress_done}, {"total", j.progress_total}}},
        {"last_start", time_json(j.last_start)},
        {"last_finish", time_json(j.last_finish)},
        {"last_success", time_json(j.last_success)},
        {"create_date", format_timestamp(j.create_date)},
        {"version", j.version},
    };
    if (with_payload) out["payload"] = j.payload;
    return out;
}

nlohmann::json JobRunner::list_json() {
    auto jobs = store::list_jobs(db_.reader(), 200);
    std::optional<std::pair<int64_t, std::pair<int64_t, int64_t>>> live;
    {
        std::lock_guard lock(mutex_);
        live = live_progress_;
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& j : jobs) {
        auto out = job_json(j, false);
        if (live && live->first == j.id && j.state == "running")
            out["progress"] = {{"done", live->second.first}, {"total", live->second.second}};
        items.push_back(std::move(out));
    }
    return {{"items", items}};
}

Result<nlohmann::json> JobRunner::get_json(int64_t id) {
    auto& c = db_.reader();
    auto j = store::find_job(c, id);
    if (!j) return job_runner_not_found(id);
    auto out = job_json(*j, true);
    {
        std::lock_guard lock(mutex_);
        if (live_progress_ && live_progress_->first == id && j->state == "running")
            out["progress"] = {{"done", live_progress_->second.first}, {"total", live_progress_->second.second}};
    }
    nlohmann::json runs = nlohmann::json::array();
    for (const auto& r : store::recent_job_runs(c, id, runs_in_detail))
        runs.push_back({{"id", r.id},
                        {"attempt", r.attempt},
                        {"state", r.state},
                        {"start_date", format_timestamp(r.start_date)},
                        {"finish_date", time_json(r.finish_date)},
                        {"progress", {{"done", r.progress_done}, {"total", r.progress_total}}},
                        {"error", r.error},
                        {"log", r.log}});
    out["runs"] = std::move(runs);
    return out;
}

Result<nlohmann::json> JobRunner::patch(int64_t id, const nlohmann::json& body) {
    auto version = required_version(body);
    if (!version) return version.error();
    FieldErrors fe;
    std::optional<int64_t> interval_s;
    std::optional<bool> active;
    for (const auto& [key, value] : body.items()) {
        if (key == "version") continue;
        if (key == "interval_s") {
            if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > max_interval_s)
                fe.add("interval_s", "must be a whole number of seconds from 0 (on demand) to " +
                                         std::to_string(max_interval_s), "error.range");
            else interval_s = value.get<int64_t>();
        } else if (key == "active") {
            if (!value.is_boolean()) fe.add("active", "must be true or false", "error.type");
            else active = value.get<bool>();
        } else {
            fe.add(key, "is not a field", "error.unknown_field");
        }
    }
    if (!fe.empty()) return fe.to_error();
    return db_.write([&](store::Connection& c) -> Result<nlohmann::json> {
        auto j = store::find_job(c, id);
        if (!j) return job_runner_not_found(id);
        if (j->version != version.value()) {
            Error e = Error::make(ErrorCode::conflict, "This job was changed since you read it; reload and try again",
                                  "version");
            e.current = job_json(*j, true);
            return e;
        }
        if (interval_s) {
            if (!j->recurring) {
                FieldErrors bad;
                bad.add("interval_s", "only a kind's recurring job has an interval", "error.invalid");
                return bad.to_error();
            }
            j->interval_ms = *interval_s * 1000;
            // A waiting schedule follows the new interval; a queued or running job keeps its turn.
            if (j->state == "idle" || j->state == "failed")
                j->next_run_ms = j->interval_ms > 0 ? std::optional(now_ms() + j->interval_ms) : std::nullopt;
        }
        if (active) j->active = *active;
        if (!store::save_job_settings(c, *j)) return job_runner_not_found(id);
        return job_json(*j, true);
    });
}

Result<nlohmann::json> JobRunner::run_now(int64_t id) {
    auto out = db_.write([&](store::Connection& c) -> Result<nlohmann::json> {
        auto j = store::find_job(c, id);
        if (!j) return job_runner_not_found(id);
        if (j->state == "running" || !j->active) {
            Error e = Error::make(ErrorCode::conflict, j->active ? "This job is running now" : "This job is paused; activate it first");
            e.current = job_json(*j, true);
            return e;
        }
        j->state = "queued";
        j->attempts = 0;  // a fresh retry budget
        j->next_run_ms = now_ms();
        if (!store::save_job_settings(c, *j)) return job_runner_not_found(id);
        return job_json(*j, true);
    });
    if (out) poke();
    return out;
}

}  // namespace tumen::server
