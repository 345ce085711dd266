#include "import_wizard.hpp"

#include <utility>

#include "api_io.hpp"
#include "app_state.hpp"
#include "json_fields.hpp"
#include "multipart.hpp"
#include "tumen/csv.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

namespace {

std::vector<ImportRowError> row_errors(const nlohmann::json& a) {
    std::vector<ImportRowError> out;
    if (!a.is_array()) return out;
    for (const auto& e : a) {
        if (!e.is_object()) continue;
        ImportRowError r{opt_int(e, "line").value_or(0), str(e, "field"), str(e, "message"), str(e, "key"), {}};
        if (auto a = e.find("args"); a != e.end() && a->is_object())
            for (const auto& [name, value] : a->items())
                if (value.is_string()) r.args.emplace_back(name, value.get<std::string>());
        out.push_back(std::move(r));
    }
    return out;
}

constexpr std::size_t sample_count = 3;

}  // namespace

std::string row_error_message(const ImportRowError& e, i18n::Lang lang) {
    const std::string key = "api." + e.key;
    if (e.key.empty() || !i18n::has(i18n::Lang::en, key)) return e.message;
    i18n::Args args = e.args;  // the first of a name counts: the server's arguments before the fallback
    args.emplace_back("detail", e.message);
    return i18n::tr(lang, key, args);
}

void open_import_wizard(AppState& app, const std::string& entity) {
    if (app.import_wizard().step() == ImportWizard::Step::choose) app.import_wizard().set_entity(entity);
    app.navigate(Route::import_wizard());
}

ImportJob import_job_of(const nlohmann::json& j) {
    ImportJob r;
    r.id = opt_int(j, "id").value_or(0);
    r.entity = str(j, "entity");
    r.state = str(j, "state");
    r.file_name = str(j, "file_name");
    r.error = str(j, "error");
    r.create_date = str(j, "create_date");
    r.dry_run = j.value("dry_run", false);
    r.total_rows = opt_int(j, "total_rows").value_or(0);
    r.done_rows = opt_int(j, "done_rows").value_or(0);
    r.created = opt_int(j, "created").value_or(0);
    r.updated = opt_int(j, "updated").value_or(0);
    r.skipped = opt_int(j, "skipped").value_or(0);
    r.failed = opt_int(j, "failed").value_or(0);
    if (j.contains("errors")) r.errors = row_errors(j["errors"]);
    return r;
}

void ImportWizard::ensure_loaded() {
    if (!recent_loaded_ && !recent_loading_) reload_recent();
}

void ImportWizard::reload_recent() {
    recent_loading_ = true;
    io_.send("GET", "/api/v1/imports", nullptr, [this](const HttpResponse& reply) {
        recent_loading_ = false;
        recent_loaded_ = true;
        if (!reply.ok()) return fail(reply);
        recent_.clear();
        const auto j = reply_json(reply);
        if (j.contains("items") && j["items"].is_array())
            for (const auto& it : j["items"]) recent_.push_back(import_job_of(it));
    });
}

void ImportWizard::reset() {
    io_.reset();
    start_over();
    entity_ = "lead";
    delimiter_.clear();
    currency = "MNT";
    dedupe_email = true;
    update_duplicates = false;
    recent_.clear();
    recent_loaded_ = recent_loading_ = job_loading_ = false;
}

void ImportWizard::start_over() {
    ++preview_seq_;
    step_ = Step::choose;
    file_name_.clear();
    bytes_.clear();
    columns_.clear();
    rows_.clear();
    problems_.clear();
    job_.reset();
    busy_ = previewing_ = cancelling_ = false;
    banner_ = notice_ = {};
}

void ImportWizard::set_entity(const std::string& entity) {
    if (entity == entity_ || step_ == Step::running) return;
    entity_ = entity;
    // The fields differ: the server suggests again.
    for (auto& c : columns_) c.field.clear();
    if (!bytes_.empty()) {
        columns_.clear();
        preview();
    }
}

void ImportWizard::pick_file() {
    io_.app().host().pick_file(".csv,text/csv,text/plain", max_bytes,
                               [this](std::string name, std::string bytes) { take_file(std::move(name), std::move(bytes)); });
}

void ImportWizard::take_file(std::string name, std::string bytes) {
    banner_ = notice_ = {};
    if (bytes.size() > max_bytes) {
        banner_ = Message::from_key("import.error.too_big", {{"max", std::to_string(max_bytes >> 20)}}, "file");
        return;
    }
    if (bytes.empty()) {
        banner_ = Message::from_key("import.error.empty", {}, "file");
        return;
    }
    file_name_ = std::move(name);
    bytes_ = std::move(bytes);
    columns_.clear();
    job_.reset();
    preview();
}

void ImportWizard::set_field(std::size_t column, const std::string& field) {
    if (column >= columns_.size() || columns_[column].field == field) return;
    // A field goes to one column: taking it here frees it elsewhere (the server refuses a field used twice).
    if (!field.empty())
        for (auto& c : columns_)
            if (c.field == field) c.field.clear();
    columns_[column].field = field;
    preview();
}

void ImportWizard::set_delimiter(const std::string& d) {
    if (d == delimiter_) return;
    delimiter_ = d;
    columns_.clear();  // other columns: the server suggests again
    if (!bytes_.empty()) preview();
}

void ImportWizard::commit_currency() {
    if (!bytes_.empty()) preview();
}

std::string ImportWizard::query(bool dry_run) const {
    std::string q = "entity=" + entity_;
    if (!columns_.empty()) {
        nlohmann::json m = nlohmann::json::array();
        for (const auto& c : columns_) m.push_back(c.field);
        q += "&mapping=" + percent_encode(m.dump());
    }
    q += std::string("&dedupe=") + (dedupe_email ? "email" : "none");
    q += std::string("&on_duplicate=") + (update_duplicates ? "update" : "skip");
    if (!delimiter_.empty()) q += "&delimiter=" + percent_encode(delimiter_);
    if (!currency.empty()) q += "&currency=" + percent_encode(currency);
    if (dry_run) q += "&dry_run=true";
    return q;
}

// The CSV goes as the request body (text/csv), the options in the query string: no multipart encoding needed.
void ImportWizard::preview() {
    if (bytes_.empty()) return;
    const std::uint64_t seq = ++preview_seq_;
    previewing_ = true;
    io_.send_raw("POST", "/api/v1/imports/preview?" + query(false), bytes_, "text/csv; charset=utf-8",
                 [this, seq](const HttpResponse& reply) {
                     if (seq != preview_seq_) return;  // a newer preview is under way
                     previewing_ = false;
                     if (!reply.ok()) {
                         fail(reply);
                         if (step_ == Step::choose) file_name_.clear(), bytes_.clear();
                         return;
                     }
                     banner_ = {};
                     take_preview(reply_json(reply));
                     if (step_ == Step::choose) step_ = Step::mapping;
                 });
}

void ImportWizard::take_preview(const nlohmann::json& j) {
    std::vector<std::string> headers;
    if (j.contains("headers") && j["headers"].is_array())
        for (const auto& h : j["headers"]) headers.push_back(h.is_string() ? h.get<std::string>() : std::string());
    detected_delimiter_ = str(j, "delimiter");
    if (columns_.size() != headers.size()) {
        // A new file (or delimiter): columns from the headers, samples read here from the first records.
        columns_.assign(headers.size(), Column{});
        for (std::size_t i = 0; i < headers.size(); ++i) columns_[i].header = headers[i];
        const char d = detected_delimiter_.size() == 1 ? detected_delimiter_[0] : 0;
        if (auto t = csv::parse(bytes_, {d, sample_count}))
            for (const auto& rec : t->rows)
                for (std::size_t i = 0; i < columns_.size() && i < rec.fields.size(); ++i)
                    if (!rec.fields[i].empty()) columns_[i].samples.push_back(rec.fields[i]);
    }
    // The mapping the server used (the suggested one on the first preview, ours afterwards).
    if (j.contains("mapping") && j["mapping"].is_array())
        for (const auto& m : j["mapping"]) {
            const auto col = opt_int(m, "column");
            if (col && *col >= 0 && static_cast<std::size_t>(*col) < columns_.size())
                columns_[static_cast<std::size_t>(*col)].field = str(m, "field");
        }
    fields_.clear();
    if (j.contains("fields") && j["fields"].is_array())
        for (const auto& f : j["fields"]) fields_.push_back({str(f, "name"), str(f, "label_en"), str(f, "label_mn")});
    rows_.clear();
    if (j.contains("rows") && j["rows"].is_array())
        for (const auto& r : j["rows"])
            rows_.push_back({opt_int(r, "line").value_or(0), r.value("values", nlohmann::json::object()),
                             row_errors(r.value("errors", nlohmann::json::array()))});
    problems_ = row_errors(j.value("problems", nlohmann::json::array()));
    total_rows_ = opt_int(j, "total_rows").value_or(0);
}

// The import goes as multipart (the part "file" carries the file name the job records and the recent list shows);
// the options stay in the query string, which the server reads as well.
void ImportWizard::run(bool dry_run) {
    if (bytes_.empty() || busy_) return;
    busy_ = true;
    banner_ = notice_ = {};
    MultipartBody upload = multipart_file(file_name_, "text/csv", bytes_);
    io_.send_raw("POST", "/api/v1/imports?" + query(dry_run), std::move(upload.body), upload.content_type,
                 [this](const HttpResponse& reply) {
                     busy_ = false;
                     if (!reply.ok()) return fail(reply);
                     job_ = import_job_of(reply_json(reply));
                     step_ = job_->busy() ? Step::running : Step::finished;
                     last_poll_ms_ = 0;
                 });
}

void ImportWizard::load_job() {
    if (!job_) return;
    job_loading_ = true;
    io_.send("GET", "/api/v1/imports/" + std::to_string(job_->id), nullptr, [this](const HttpResponse& reply) {
        job_loading_ = false;
        if (!reply.ok()) {
            // The bar would stand still without a word: say why, and stop polling.
            fail(reply);
            if (job_) job_->state = "failed";
            step_ = Step::finished;
            return;
        }
        job_ = import_job_of(reply_json(reply));
        if (!job_->busy()) {
            step_ = Step::finished;
            cancelling_ = false;
            reload_recent();
        }
    });
}

void ImportWizard::poll(double now_ms, double every_ms) {
    if (step_ != Step::running || !job_ || job_loading_ || now_ms - last_poll_ms_ < every_ms) return;
    last_poll_ms_ = now_ms;
    load_job();
}

void ImportWizard::cancel() {
    if (!job_ || !job_->busy() || cancelling_) return;
    cancelling_ = true;
    io_.send("POST", "/api/v1/imports/" + std::to_string(job_->id) + "/cancel", nlohmann::json::object(),
             [this](const HttpResponse& reply) {
                 if (!reply.ok()) {
                     cancelling_ = false;
                     return fail(reply);
                 }
                 job_ = import_job_of(reply_json(reply));
                 if (!job_->busy()) {
                     step_ = Step::finished;
                     cancelling_ = false;
                     reload_recent();
                 }
             });
}

void ImportWizard::back_to_mapping() {
    job_.reset();
    step_ = bytes_.empty() ? Step::choose : Step::mapping;
}

void ImportWizard::download_errors() {
    if (!job_) return;
    const std::int64_t id = job_->id;
    io_.send("GET", "/api/v1/imports/" + std::to_string(id) + "/errors.csv", nullptr, [this, id](const HttpResponse& reply) {
        if (!reply.ok()) return fail(reply);
        io_.app().host().save_file("import-" + std::to_string(id) + "-errors.csv", "text/csv", reply.body);
    });
}

void ImportWizard::fail(const HttpResponse& reply) { banner_ = problem_message(reply); }

}  // namespace tumen::client
