#include "services/import_service.hpp"

#include <cstdio>
#include <set>

#include "services/auth_service.hpp"
#include "services/import_report.hpp"
#include "store/contact_rules.hpp"
#include "store/import_jobs.hpp"
#include "tumen/csv.hpp"
#include "tumen/import_mapping.hpp"
#include "tumen/import_rows.hpp"

namespace tumen::server {

namespace {

nlohmann::json import_time_or_null(const std::optional<int64_t>& t) {
    return t ? nlohmann::json(format_timestamp(*t)) : nlohmann::json();
}

bool may_import(const Caller& c) {
    return c.role == "admin" || c.role == "manager" || c.role == "sales_all" || c.role == "sales_own";
}

nlohmann::json errors_json(const Error& e, std::size_t line) {
    nlohmann::json out = nlohmann::json::array();
    if (e.details.empty()) out.push_back(import_row_error(line, "", "", e.message));
    for (const auto& d : e.details) out.push_back(import_row_error(line, d.field, "", d.message, &d));
    return out;
}

}  // namespace

ImportService::ImportService(store::Database& db, std::size_t batch_rows) : db_(db), batch_rows_(batch_rows) {}

ImportService::~ImportService() { stop(); }

void ImportService::start() {
    std::lock_guard lock(mutex_);
    if (worker_.joinable()) return;
    stopping_ = false;
    db_.write([&](store::Connection& c) {
        store::mark_interrupted_import_jobs(c, unix_now(), "The server stopped before this import finished");
    });
    worker_ = std::thread([this] { work(); });
}

void ImportService::stop() {
    std::deque<std::shared_ptr<Job>> dropped;
    {
        std::lock_guard lock(mutex_);
        if (!worker_.joinable()) return;
        stopping_ = true;
        if (running_) running_->progress.cancel = true;
        dropped.swap(queue_);
    }
    wake_.notify_all();
    worker_.join();
    for (auto& job : dropped) {
        job->record.state = "cancelled";
        job->record.error = "The server stopped before this import started";
        job->record.finish_date = unix_now();
        try {
            db_.write([&](store::Connection& c) { store::save_import_job(c, job->record, false); });
        } catch (const std::exception&) {
        }
    }
    std::lock_guard lock(mutex_);
    idle_.notify_all();
}

void ImportService::work() {
    for (;;) {
        std::shared_ptr<Job> job;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (stopping_) return;
            job = queue_.front();
            queue_.pop_front();
            running_ = job;
        }
        try {
            run_import(db_, std::move(job->input), job->record, job->progress, batch_rows_);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "tumen-server: import job %lld: %s\n", static_cast<long long>(job->record.id), e.what());
        }
        std::lock_guard lock(mutex_);
        running_.reset();
        idle_.notify_all();
    }
}

bool ImportService::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return idle_.wait_for(lock, timeout, [&] { return queue_.empty() && !running_; });
}

std::optional<Error> ImportService::check_caller(const Caller& caller) const {
    if (!may_import(caller)) return Error::make(ErrorCode::forbidden, "Imports are for CRM users (sales and managers)");
    return std::nullopt;
}

Result<nlohmann::json> ImportService::submit(const Caller& caller, ImportUpload upload) {
    if (auto e = check_caller(caller)) return *e;
    auto options = import::options_from_params(upload.params);
    if (!options) return options.error();
    if (options->entity == import::Entity::contact && !store::may_write_contacts(caller))
        return Error::make(ErrorCode::forbidden, "You may not create contacts");
    // The file and its header are checked now, so the answer names a bad file at once; rows wait for the job.
    auto head = csv::parse(upload.data, {options->delimiter, 0});
    if (!head) return head.error();
    if (options->mapping) {
        auto m = import::mapping_from_json(*options->mapping, head->header, options->entity);
        if (!m) return m.error();
    }

    {
        std::lock_guard lock(mutex_);
        if (stopping_ || !worker_.joinable())
            return Error::make(ErrorCode::unavailable, "The import worker is not running; try again later");
    }
    auto job = std::make_shared<Job>();
    auto& r = job->record;
    r.entity = std::string(import::to_string(options->entity));
    r.dry_run = options->dry_run;
    r.options = import::to_json(options.value());
    r.file_name = upload.file_name;
    if (caller.user_id) r.created_by = caller.user_id;
    r.create_date = unix_now();
    db_.write([&](store::Connection& c) { store::insert_import_job(c, r); });
    job->input = ImportJobInput{caller, std::move(options.value()), std::move(upload.data)};
    nlohmann::json out = job_json(r, nullptr);
    {
        // A stop() between the check above and here leaves the row queued; the next start() fails it.
        std::lock_guard lock(mutex_);
        queue_.push_back(job);
    }
    wake_.notify_one();
    return out;
}

Result<store::ImportJobRecord> ImportService::visible_job(const Caller& caller, int64_t id) {
    auto r = store::find_import_job(db_.reader(), id, false);
    if (!r || (caller.role != "admin" && r->created_by != caller.user_id))
        return Error::make(ErrorCode::not_found, "No import job with id " + std::to_string(id));
    return std::move(*r);
}

nlohmann::json ImportService::job_json(const store::ImportJobRecord& r, const Job* live) const {
    const auto& o = r.options;
    nlohmann::json j = {
        {"id", r.id},
        {"entity", r.entity},
        {"state", r.state},
        {"dry_run", r.dry_run},
        {"mode", o.value("mode", "valid_rows")},
        {"dedupe", o.value("dedupe", "none")},
        {"on_duplicate", o.value("on_duplicate", "skip")},
        {"file_name", r.file_name},
        {"total_rows", r.total_rows},
        {"done_rows", r.done_rows},
        {"created", r.created},
        {"updated", r.updated},
        {"skipped", r.skipped},
        {"failed", r.failed},
        {"error", r.error},
        {"errors", r.summary.value("errors", nlohmann::json::array())},
        {"mapping", r.summary.value("mapping", nlohmann::json::array())},
        {"created_by", r.created_by ? nlohmann::json(*r.created_by) : nlohmann::json()},
        {"create_date", format_timestamp(r.create_date)},
        {"start_date", import_time_or_null(r.start_date)},
        {"finish_date", import_time_or_null(r.finish_date)},
        {"rows_per_second", nullptr},
    };
    for (const char* extra : {"tags_created", "companies_created"})
        if (r.summary.contains(extra)) j[extra] = r.summary[extra];
    if (live) {
        j["total_rows"] = live->progress.total_rows.load();
        j["done_rows"] = live->progress.done_rows.load();
        j["created"] = live->progress.created.load();
        j["updated"] = live->progress.updated.load();
        j["skipped"] = live->progress.skipped.load();
        j["failed"] = live->progress.failed.load();
    }
    if (r.finish_date && r.elapsed_ms > 0 && r.total_rows > 0)
        j["rows_per_second"] = static_cast<double>(r.total_rows) * 1000.0 / static_cast<double>(r.elapsed_ms);
    return j;
}

Result<nlohmann::json> ImportService::get(const Caller& caller, int64_t id) {
    auto r = visible_job(caller, id);
    if (!r) return r.error();
    std::shared_ptr<Job> live;
    {
        std::lock_guard lock(mutex_);
        if (running_ && running_->record.id == id && (r->state == "running" || r->state == "queued")) live = running_;
    }
    return job_json(r.value(), live.get());
}

Result<nlohmann::json> ImportService::list(const Caller& caller) {
    if (auto e = check_caller(caller)) return *e;
    std::optional<int64_t> owner;
    if (caller.role != "admin") owner = caller.user_id;
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : store::list_import_jobs(db_.reader(), owner, 50)) items.push_back(job_json(r, nullptr));
    return nlohmann::json{{"items", items}};
}

Result<std::string> ImportService::errors_csv(const Caller& caller, int64_t id) {
    auto visible = visible_job(caller, id);
    if (!visible) return visible.error();
    if (visible->state == "queued" || visible->state == "running")
        return Error::make(ErrorCode::conflict, "The import is still running; the report is ready when it ends");
    auto r = store::find_import_job(db_.reader(), id, true);
    if (!r) return Error::make(ErrorCode::not_found, "No import job with id " + std::to_string(id));
    if (!r->report.empty()) return std::move(r->report);
    std::string empty(csv::utf8_bom);
    csv::append_row(empty, {"line", "field", "column", "message"});
    return empty;
}

Result<nlohmann::json> ImportService::cancel(const Caller& caller, int64_t id) {
    auto r = visible_job(caller, id);
    if (!r) return r.error();
    std::shared_ptr<Job> dropped;
    {
        std::lock_guard lock(mutex_);
        for (auto it = queue_.begin(); it != queue_.end(); ++it)
            if ((*it)->record.id == id) {
                dropped = *it;
                queue_.erase(it);
                break;
            }
        if (!dropped && running_ && running_->record.id == id) running_->progress.cancel = true;
    }
    if (dropped) {
        dropped->record.state = "cancelled";
        dropped->record.error = "Cancelled before it started";
        dropped->record.finish_date = unix_now();
        db_.write([&](store::Connection& c) { store::save_import_job(c, dropped->record, false); });
        return job_json(dropped->record, nullptr);
    }
    if (r->state != "queued" && r->state != "running")
        return Error::make(ErrorCode::conflict, "The import has already ended (" + r->state + ")");
    return get(caller, id);
}

Result<nlohmann::json> ImportService::preview(const Caller& caller, const ImportUpload& upload, std::size_t rows) {
    if (auto e = check_caller(caller)) return *e;
    auto options = import::options_from_params(upload.params);
    if (!options) return options.error();
    auto table = csv::parse(upload.data, {options->delimiter, rows});
    if (!table) return table.error();
    const auto entity = options->entity;
    const auto suggested = import::suggest_mapping(table->header, entity);
    std::vector<std::string> mapping = suggested;
    if (options->mapping) {
        auto m = import::mapping_from_json(*options->mapping, table->header, entity);
        if (!m) return m.error();
        mapping = m.value();
    }

    nlohmann::json problems = nlohmann::json::array();
    auto problem = [&](std::size_t line, const std::string& message) {
        problems.push_back({{"line", line}, {"field", nullptr}, {"column", nullptr}, {"message", message}});
    };
    std::set<std::string> seen;
    for (std::size_t i = 0; i < table->header.size(); ++i) {
        const auto& h = table->header[i];
        if (h.empty()) problem(1, "column " + std::to_string(i + 1) + " has no header");
        else if (!seen.insert(import::header_key(h)).second) problem(1, "the header '" + h + "' appears twice");
        if (mapping[i].empty() && !h.empty()) problem(1, "the column '" + h + "' is not imported (no field mapped)");
    }
    const bool has_name = std::find(mapping.begin(), mapping.end(), "name") != mapping.end();
    if (!has_name && entity == import::Entity::contact) problem(1, "no column is mapped to name, which contacts need");
    if (!has_name && entity == import::Entity::lead)
        problem(1, "no column is mapped to name: leads will be named after their company, contact or e-mail");

    nlohmann::json out_rows = nlohmann::json::array();
    const import::RowOptions ro{entity, options->currency};
    for (const auto& rec : table->rows) {
        nlohmann::json row = {{"line", rec.line}, {"values", nlohmann::json::object()}, {"errors", nlohmann::json::array()}};
        if (!rec.error.empty()) {
            row["errors"].push_back({{"line", rec.line}, {"field", nullptr}, {"column", nullptr}, {"message", rec.error}});
            problem(rec.line, rec.error);
        } else {
            auto values = import::read_row(rec.fields, mapping, ro);
            row["values"] = values.patch;
            if (!values.tags.empty()) row["values"]["tags"] = values.tags;
            if (!values.parent_name.empty()) row["values"]["parent_name"] = values.parent_name;
            if (entity == import::Entity::lead) {
                if (auto l = import::lead_from_row(rec.fields, mapping, ro); !l) row["errors"] = errors_json(l.error(), rec.line);
            } else if (auto c = import::contact_from_row(rec.fields, mapping, ro); !c) {
                row["errors"] = errors_json(c.error(), rec.line);
            }
        }
        out_rows.push_back(std::move(row));
    }
    // How many rows the whole file has (read without keeping them).
    std::size_t total = 0;
    {
        csv::Reader reader(csv::strip_bom(upload.data), table->delimiter);
        csv::Record rec;
        while (reader.next(rec)) ++total;
        if (total > 0) --total;  // the header
    }
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : import::import_fields(entity))
        fields.push_back({{"name", std::string(f.name)}, {"label_en", std::string(f.label_en)}, {"label_mn", std::string(f.label_mn)}});
    return nlohmann::json{{"entity", std::string(import::to_string(entity))},
                          {"delimiter", std::string(1, table->delimiter)},
                          {"headers", table->header},
                          {"mapping", import::mapping_to_json(table->header, mapping)},
                          {"suggested_mapping", import::mapping_to_json(table->header, suggested)},
                          {"fields", fields},
                          {"rows", out_rows},
                          {"total_rows", total},
                          {"problems", problems}};
}

}  // namespace tumen::server
