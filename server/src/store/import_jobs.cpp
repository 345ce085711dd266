#include "store/import_jobs.hpp"

namespace tumen::store {

namespace {

constexpr const char* import_jobs_columns =
    "id, entity, state, dry_run, total_rows, done_rows, created, updated, skipped, failed, options, summary, error,"
    " file_name,"
    " created_by, create_date, start_date, finish_date, elapsed_ms";

ImportJobRecord import_jobs_read_row(Statement& s) {
    ImportJobRecord j;
    int i = 0;
    j.id = s.get_int(i++);
    j.entity = s.get_text(i++);
    j.state = s.get_text(i++);
    j.dry_run = s.get_int(i++) != 0;
    j.total_rows = s.get_int(i++);
    j.done_rows = s.get_int(i++);
    j.created = s.get_int(i++);
    j.updated = s.get_int(i++);
    j.skipped = s.get_int(i++);
    j.failed = s.get_int(i++);
    for (auto* field : {&j.options, &j.summary}) {
        *field = nlohmann::json::parse(s.get_text(i++), nullptr, false);
        if (field->is_discarded()) *field = nlohmann::json::object();
    }
    j.error = s.get_text(i++);
    j.file_name = s.get_text(i++);
    j.created_by = s.get_opt_int(i++);
    j.create_date = s.get_int(i++);
    j.start_date = s.get_opt_int(i++);
    j.finish_date = s.get_opt_int(i++);
    j.elapsed_ms = s.get_int(i++);
    return j;
}

}  // namespace

void insert_import_job(Connection& c, ImportJobRecord& job) {
    auto s = c.prepare(
        "INSERT INTO import_jobs(entity, state, dry_run, total_rows, options, error, file_name, created_by, create_date)"
        " VALUES (?,?,?,?,?,?,?,?,?)");
    s.bind(1, job.entity).bind(2, job.state).bind(3, job.dry_run).bind(4, job.total_rows).bind(5, job.options.dump());
    s.bind(6, job.error).bind(7, job.file_name).bind(8, job.created_by).bind(9, job.create_date);
    s.run();
    job.id = c.last_insert_id();
}

void save_import_job(Connection& c, const ImportJobRecord& job, bool with_report) {
    const std::string sql = std::string(
        "UPDATE import_jobs SET state = ?, total_rows = ?, done_rows = ?, created = ?, updated = ?, skipped = ?,"
        " failed = ?, summary = ?, error = ?, start_date = ?, finish_date = ?, elapsed_ms = ?") +
                            (with_report ? ", report = ?" : "") + " WHERE id = ?";
    auto s = c.prepare(sql);
    s.bind(1, job.state).bind(2, job.total_rows).bind(3, job.done_rows).bind(4, job.created);
    s.bind(5, job.updated).bind(6, job.skipped).bind(7, job.failed).bind(8, job.summary.dump());
    s.bind(9, job.error).bind(10, job.start_date).bind(11, job.finish_date).bind(12, job.elapsed_ms);
    int next = 13;
    if (with_report) s.bind(next++, job.report);
    s.bind(next, job.id);
    s.run();
}

std::optional<ImportJobRecord> find_import_job(Connection& c, int64_t id, bool with_report) {
    auto s = c.prepare(std::string("SELECT ") + import_jobs_columns + (with_report ? ", report" : "") + " FROM import_jobs WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    ImportJobRecord j = import_jobs_read_row(s);
    if (with_report) j.report = s.get_text(s.column_count() - 1);
    return j;
}

std::vector<ImportJobRecord> list_import_jobs(Connection& c, std::optional<int64_t> created_by, int limit) {
    auto s = c.prepare(std::string("SELECT ") + import_jobs_columns + " FROM import_jobs WHERE (? IS NULL OR created_by = ?)"
                                                         " ORDER BY id DESC LIMIT ?");
    s.bind(1, created_by).bind(2, created_by).bind(3, limit);
    std::vector<ImportJobRecord> out;
    while (s.step()) out.push_back(import_jobs_read_row(s));
    return out;
}

int mark_interrupted_import_jobs(Connection& c, int64_t now, const std::string& reason) {
    auto s = c.prepare("UPDATE import_jobs SET state = 'failed', error = ?, finish_date = ? WHERE state IN ('queued','running')");
    s.bind(1, reason).bind(2, now);
    s.run();
    return c.changes();
}

}  // namespace tumen::store
