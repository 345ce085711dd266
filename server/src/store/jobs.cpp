#include "store/jobs.hpp"

namespace tumen::store {

namespace {

constexpr const char* job_columns =
    "id, kind, recurring, interval_ms, active, payload, state, next_run_ms, attempts, max_attempts, last_error,"
    " progress_done, progress_total, checkpoint, last_start, last_finish, last_success, create_date, version";

nlohmann::json parse_or(const std::string& text, nlohmann::json fallback) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_discarded() ? fallback : j;
}

JobRecord read_job(Statement& s) {
    JobRecord j;
    int i = 0;
    j.id = s.get_int(i++);
    j.kind = s.get_text(i++);
    j.recurring = s.get_int(i++) != 0;
    j.interval_ms = s.get_int(i++);
    j.active = s.get_int(i++) != 0;
    j.payload = parse_or(s.get_text(i++), nlohmann::json::object());
    j.state = s.get_text(i++);
    j.next_run_ms = s.get_opt_int(i++);
    j.attempts = static_cast<int>(s.get_int(i++));
    j.max_attempts = static_cast<int>(s.get_int(i++));
    j.last_error = s.get_text(i++);
    j.progress_done = s.get_int(i++);
    j.progress_total = s.get_int(i++);
    j.checkpoint = parse_or(s.get_text(i++), nullptr);
    j.last_start = s.get_opt_int(i++);
    j.last_finish = s.get_opt_int(i++);
    j.last_success = s.get_opt_int(i++);
    j.create_date = s.get_int(i++);
    j.version = s.get_int(i++);
    return j;
}

std::vector<JobRecord> read_jobs(Statement& s) {
    std::vector<JobRecord> out;
    while (s.step()) out.push_back(read_job(s));
    return out;
}

std::string select_jobs(const std::string& tail) { return std::string("SELECT ") + job_columns + " FROM jobs " + tail; }

}  // namespace

std::optional<JobRecord> find_job(Connection& c, int64_t id) {
    auto s = c.prepare(select_jobs("WHERE id = ?"));
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_job(s);
}

std::optional<JobRecord> find_recurring_job(Connection& c, const std::string& kind) {
    auto s = c.prepare(select_jobs("WHERE kind = ? AND recurring = 1"));
    s.bind(1, kind);
    if (!s.step()) return std::nullopt;
    return read_job(s);
}

std::vector<JobRecord> list_jobs(Connection& c, int limit) {
    auto s = c.prepare(select_jobs("ORDER BY recurring DESC, CASE WHEN recurring = 1 THEN kind END, id DESC LIMIT ?"));
    s.bind(1, limit);
    return read_jobs(s);
}

void insert_job(Connection& c, JobRecord& job) {
    auto s = c.prepare(
        "INSERT INTO jobs (kind, recurring, interval_ms, active, payload, state, next_run_ms, attempts, max_attempts,"
        " last_error, progress_done, progress_total, checkpoint, create_date, version) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
    s.bind(1, job.kind).bind(2, job.recurring).bind(3, job.interval_ms).bind(4, job.active).bind(5, job.payload.dump());
    s.bind(6, job.state).bind(7, job.next_run_ms).bind(8, job.attempts).bind(9, job.max_attempts).bind(10, job.last_error);
    s.bind(11, job.progress_done).bind(12, job.progress_total).bind(13, job.checkpoint.dump()).bind(14, job.create_date);
    s.run();
    job.id = c.last_insert_id();
    job.version = 1;
}

std::optional<int64_t> waiting_one_off(Connection& c, const std::string& kind, const std::string& payload_text) {
    auto s = c.prepare(
        "SELECT id FROM jobs WHERE kind = ? AND recurring = 0 AND payload = ? AND state IN ('queued','retrying') "
        "ORDER BY id LIMIT 1");
    s.bind(1, kind).bind(2, payload_text);
    if (!s.step()) return std::nullopt;
    return s.get_int(0);
}

std::vector<JobRecord> due_jobs(Connection& c, int64_t now_ms, int limit) {
    auto s = c.prepare(select_jobs(
        "WHERE next_run_ms IS NOT NULL AND next_run_ms <= ? AND active = 1 AND state != 'running' "
        "ORDER BY next_run_ms, id LIMIT ?"));
    s.bind(1, now_ms).bind(2, limit);
    return read_jobs(s);
}

std::optional<int64_t> next_scheduled_ms(Connection& c) {
    auto s = c.prepare("SELECT min(next_run_ms) FROM jobs WHERE next_run_ms IS NOT NULL AND active = 1 AND state != 'running'");
    if (!s.step()) return std::nullopt;
    return s.get_opt_int(0);
}

bool claim_job(Connection& c, int64_t id, int64_t now) {
    auto s = c.prepare(
        "UPDATE jobs SET state = 'running', attempts = attempts + 1, last_start = ? WHERE id = ? AND state != 'running'");
    s.bind(1, now).bind(2, id);
    s.run();
    return c.changes() == 1;
}

void save_job_state(Connection& c, const JobRecord& j) {
    auto s = c.prepare(
        "UPDATE jobs SET state = ?, next_run_ms = ?, attempts = ?, last_error = ?, progress_done = ?, progress_total = ?,"
        " checkpoint = ?, last_start = ?, last_finish = ?, last_success = ? WHERE id = ?");
    s.bind(1, j.state).bind(2, j.next_run_ms).bind(3, j.attempts).bind(4, j.last_error).bind(5, j.progress_done);
    s.bind(6, j.progress_total).bind(7, j.checkpoint.dump()).bind(8, j.last_start).bind(9, j.last_finish);
    s.bind(10, j.last_success).bind(11, j.id);
    s.run();
}

void save_job_progress(Connection& c, int64_t id, int64_t done, int64_t total, const nlohmann::json& checkpoint) {
    auto s = c.prepare("UPDATE jobs SET progress_done = ?, progress_total = ?, checkpoint = ? WHERE id = ?");
    s.bind(1, done).bind(2, total).bind(3, checkpoint.dump()).bind(4, id);
    s.run();
}

bool save_job_settings(Connection& c, JobRecord& j) {
    auto s = c.prepare(
        "UPDATE jobs SET interval_ms = ?, active = ?, next_run_ms = ?, state = ?, attempts = ?, version = version + 1 "
        "WHERE id = ? AND version = ?");
    s.bind(1, j.interval_ms).bind(2, j.active).bind(3, j.next_run_ms).bind(4, j.state).bind(5, j.attempts);
    s.bind(6, j.id).bind(7, j.version);
    s.run();
    if (c.changes() == 0) return false;
    ++j.version;
    return true;
}

void insert_job_run(Connection& c, JobRunRecord& r) {
    auto s = c.prepare(
        "INSERT INTO job_runs (job_id, attempt, state, start_date, progress_done, progress_total, error, log) "
        "VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, r.job_id).bind(2, r.attempt).bind(3, r.state).bind(4, r.start_date).bind(5, r.progress_done);
    s.bind(6, r.progress_total).bind(7, r.error).bind(8, r.log.dump());
    s.run();
    r.id = c.last_insert_id();
}

void save_job_run(Connection& c, const JobRunRecord& r) {
    auto s = c.prepare(
        "UPDATE job_runs SET state = ?, finish_date = ?, progress_done = ?, progress_total = ?, error = ?, log = ? "
        "WHERE id = ?");
    s.bind(1, r.state).bind(2, r.finish_date).bind(3, r.progress_done).bind(4, r.progress_total).bind(5, r.error);
    s.bind(6, r.log.dump()).bind(7, r.id);
    s.run();
}

std::vector<JobRunRecord> recent_job_runs(Connection& c, int64_t job_id, int limit) {
    auto s = c.prepare(
        "SELECT id, job_id, attempt, state, start_date, finish_date, progress_done, progress_total, error, log "
        "FROM job_runs WHERE job_id = ? ORDER BY id DESC LIMIT ?");
    s.bind(1, job_id).bind(2, limit);
    std::vector<JobRunRecord> out;
    while (s.step()) {
        JobRunRecord r;
        r.id = s.get_int(0);
        r.job_id = s.get_int(1);
        r.attempt = static_cast<int>(s.get_int(2));
        r.state = s.get_text(3);
        r.start_date = s.get_int(4);
        r.finish_date = s.get_opt_int(5);
        r.progress_done = s.get_int(6);
        r.progress_total = s.get_int(7);
        r.error = s.get_text(8);
        r.log = parse_or(s.get_text(9), nlohmann::json::array());
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<int64_t> close_interrupted_runs(Connection& c, int64_t now) {
    std::vector<int64_t> jobs;
    auto s = c.prepare("SELECT id FROM jobs WHERE state = 'running' ORDER BY id");
    while (s.step()) jobs.push_back(s.get_int(0));
    c.prepare("UPDATE job_runs SET state = 'interrupted', finish_date = ?, "
              "error = 'The server stopped during this run' WHERE state = 'running'")
        .bind(1, now)
        .run();
    return jobs;
}

void prune_job_runs(Connection& c, int64_t job_id, int keep) {
    c.prepare("DELETE FROM job_runs WHERE job_id = ? AND id NOT IN "
              "(SELECT id FROM job_runs WHERE job_id = ? ORDER BY id DESC LIMIT ?)")
        .bind(1, job_id).bind(2, job_id).bind(3, keep)
        .run();
}

void prune_finished_one_offs(Connection& c, int64_t before) {
    c.prepare("DELETE FROM jobs WHERE recurring = 0 AND state IN ('done','failed') AND last_finish < ?")
        .bind(1, before)
        .run();
}

}  // namespace tumen::store
