// #/import: the CSV import wizard. Choose leads or contacts and a file (the browser's file chooser, through the
// Host), check the mapping the server suggests on a preview (one row per CSV column, re-previewed on each change),
// optionally a dry run, then the import job with its progress (polled), cancel, the final counts and the failed
// rows as CSV. Below it: my recent imports. Every failed request ends in the banner.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "message.hpp"
#include "tumen/i18n.hpp"
#include "settings_io.hpp"

namespace tumen::client {

class AppState;

struct ImportRowError {
    std::int64_t line = 0;
    std::string field, message;  // message: the server's English text
    std::string key;             // the shared i18n key ("error.number"), worded as "api." + key; may be empty
    i18n::Args args;             // the key's {arguments} as the server sent them
};
// The problem in the UI language: the catalog's wording of the key (the English message standing in for a missing
// {detail}), or the server's message when the catalog has no wording for it.
std::string row_error_message(const ImportRowError& e, i18n::Lang lang);

struct ImportJob {
    std::int64_t id = 0;
    std::string entity, state, file_name, error, create_date;
    bool dry_run = false;
    std::int64_t total_rows = 0, done_rows = 0, created = 0, updated = 0, skipped = 0, failed = 0;
    std::vector<ImportRowError> errors;

    bool busy() const { return state == "queued" || state == "running"; }
    float fraction() const {
        if (state == "done") return 1.f;
        return total_rows > 0 ? static_cast<float>(done_rows) / static_cast<float>(total_rows) : 0.f;
    }
};
ImportJob import_job_of(const nlohmann::json& j);

class ImportWizard {
public:
    // The server's default upload limit (server/src/config.hpp max_import_bytes): bigger files are refused here,
    // before the upload, with a message naming both sizes.
    static constexpr std::size_t max_bytes = std::size_t{64} << 20;
    enum class Step { choose, mapping, running, finished };

    struct Column {
        std::string header;
        std::vector<std::string> samples;  // the first values of the column, as in the file
        std::string field;                 // "" = not imported
    };
    struct Field {
        std::string name, label_en, label_mn;
    };
    struct PreviewRow {
        std::int64_t line = 0;
        nlohmann::json values;  // field -> value, as the import would write it
        std::vector<ImportRowError> errors;
    };

    explicit ImportWizard(SettingsIo& io) : io_(io) {}

    void ensure_loaded();  // the recent imports, once
    void reload_recent();
    void reset();          // sign-out: forget everything
    void start_over();     // back to step 1, keeping the recent list

    Step step() const { return step_; }

    // Step 1.
    const std::string& entity() const { return entity_; }  // "lead" | "contact"
    void set_entity(const std::string& entity);
    void pick_file();  // opens the browser's file chooser
    void take_file(std::string name, std::string bytes);
    const std::string& file_name() const { return file_name_; }
    std::size_t file_size() const { return bytes_.size(); }

    // Step 2.
    const std::vector<Column>& columns() const { return columns_; }
    const std::vector<Field>& fields() const { return fields_; }
    const std::vector<PreviewRow>& rows() const { return rows_; }
    const std::vector<ImportRowError>& problems() const { return problems_; }
    std::int64_t total_rows() const { return total_rows_; }
    const std::string& detected_delimiter() const { return detected_delimiter_; }
    bool previewing() const { return previewing_; }
    void set_field(std::size_t column, const std::string& field);  // re-previews
    // Options: delimiter "" (auto) , ";" "tab" "|"; currency of amounts without one; dedupe on e-mail; on duplicate.
    const std::string& delimiter() const { return delimiter_; }
    void set_delimiter(const std::string& d);  // re-previews
    std::string currency = "MNT";
    void commit_currency();  // re-previews after the currency field was edited
    bool dedupe_email = true;
    bool update_duplicates = false;
    // The query string of preview and import ("entity=lead&mapping=...&dedupe=email&..."), without "?".
    std::string query(bool dry_run) const;

    // Step 3 and 4: a dry run or the import itself.
    void run(bool dry_run);
    void cancel();
    bool cancelling() const { return cancelling_; }
    const std::optional<ImportJob>& job() const { return job_; }
    void poll(double now_ms, double every_ms = 500);
    void back_to_mapping();  // after a dry run
    void download_errors();
    bool busy() const { return busy_; }

    const std::vector<ImportJob>& recent() const { return recent_; }
    bool recent_loading() const { return recent_loading_; }

    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }

private:
    void preview();
    void take_preview(const nlohmann::json& j);
    void load_job();
    void fail(const HttpResponse& reply);

    SettingsIo& io_;
    Step step_ = Step::choose;
    std::string entity_ = "lead", file_name_, bytes_, delimiter_, detected_delimiter_;
    std::vector<Column> columns_;
    std::vector<Field> fields_;
    std::vector<PreviewRow> rows_;
    std::vector<ImportRowError> problems_;
    std::int64_t total_rows_ = 0;
    std::uint64_t preview_seq_ = 0;  // only the latest preview's reply counts
    bool previewing_ = false, busy_ = false, cancelling_ = false, job_loading_ = false;
    std::optional<ImportJob> job_;
    double last_poll_ms_ = 0;
    std::vector<ImportJob> recent_;
    bool recent_loaded_ = false, recent_loading_ = false;
    Message banner_, notice_;
};

// The lists' Import button: the wizard for that entity ("lead" | "contact"), unless an import is under way there.
void open_import_wizard(AppState& app, const std::string& entity);

}  // namespace tumen::client
