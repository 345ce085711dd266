// The CSV import wizard's view model with a fake server and host: the file chooser, the size limit, the preview
// taking the suggested mapping, mapping edits and options turned into the request's parameters, the job's progress
// polled until the end, cancel, dry run, the failed rows downloaded, and failures shown.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "settings_fixture.hpp"
#include "state/app_state.hpp"
#include "tumen/route.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const std::string csv = "Нэр,Имэйл хаяг,Тайлбар\nБат,bat@example.mn,a\nДорж,not-an-email,b\n";

json preview_reply(const json& mapping) {
    return {{"entity", "lead"},
            {"delimiter", ","},
            {"headers", {"Нэр", "Имэйл хаяг", "Тайлбар"}},
            {"mapping", mapping},
            {"suggested_mapping", mapping},
            {"fields", {{{"name", "name"}, {"label_en", "Name"}, {"label_mn", "Нэр"}},
                        {{"name", "email"}, {"label_en", "E-mail"}, {"label_mn", "Имэйл"}},
                        {{"name", "description"}, {"label_en", "Notes"}, {"label_mn", "Тэмдэглэл"}}}},
            {"rows", {{{"line", 2}, {"values", {{"name", "Бат"}, {"email", "bat@example.mn"}}}, {"errors", json::array()}},
                      {{"line", 3},
                       {"values", {{"name", "Дорж"}}},
                       {"errors", {{{"line", 3}, {"field", "email"}, {"column", "Имэйл хаяг"}, {"message", "not an e-mail"}}}}}}},
            {"total_rows", 2},
            {"problems", {{{"line", 1}, {"field", nullptr}, {"column", nullptr}, {"message", "the column 'Тайлбар' is not imported"}}}}};
}

json suggested() {
    return {{{"column", 0}, {"header", "Нэр"}, {"field", "name"}},
            {{"column", 1}, {"header", "Имэйл хаяг"}, {"field", "email"}},
            {{"column", 2}, {"header", "Тайлбар"}, {"field", nullptr}}};
}

json import_wizard_job(const std::string& state, int done, int total, int created = 0, int failed = 0, bool dry = false) {
    json errors = json::array();
    if (failed) errors.push_back({{"line", 3}, {"field", "email"}, {"column", "Имэйл хаяг"}, {"message", "not an e-mail"}});
    return {{"id", 9}, {"entity", "lead"}, {"state", state}, {"dry_run", dry}, {"file_name", "leads.csv"},
            {"total_rows", total}, {"done_rows", done}, {"created", created}, {"updated", 0}, {"skipped", 0},
            {"failed", failed}, {"error", ""}, {"errors", errors}, {"create_date", "2026-11-28T10:00:00Z"}};
}

struct ImportFixture {
    FakeTransport net;
    PickingHost host;
    AppState app{net, host};

    ImportFixture() {
        host.history = {"#/import"};
        app.start("#/import", "en-US", "");
        net.answer(200, json{{"user", {{"id", 1}, {"login", "bat"}, {"name", "Бат"}, {"role", "sales_all"}}},
                             {"csrf_token", "csrf-1"}}
                            .dump());
    }
    ImportWizard& w() { return app.import_wizard(); }

    bool has(const std::string& method, const std::string& prefix) const {
        return std::any_of(net.pending.begin(), net.pending.end(), [&](const auto& p) {
            return p.request.method == method && p.request.path.rfind(prefix, 0) == 0;
        });
    }
    // Answers the first pending request whose path starts with `prefix`.
    HttpRequest reply(const std::string& method, const std::string& prefix, int status, const std::string& body = {}) {
        auto it = std::find_if(net.pending.begin(), net.pending.end(), [&](const auto& p) {
            return p.request.method == method && p.request.path.rfind(prefix, 0) == 0;
        });
        REQUIRE_MESSAGE(it != net.pending.end(), std::string(method + " " + prefix + " was not asked"));
        auto p = std::move(*it);
        net.pending.erase(it);
        p.done(HttpResponse{status, body});
        return p.request;
    }
    // Picks the CSV and answers its preview with the suggested mapping.
    void to_mapping() {
        w().pick_file();
        REQUIRE(host.chosen);
        host.chosen("leads.csv", csv);
        reply("POST", "/api/v1/imports/preview?", 200, preview_reply(suggested()).dump());
    }
};

}  // namespace

TEST_CASE_FIXTURE(ImportFixture, "import: a chosen file is previewed as CSV; the suggested mapping, samples and problems show") {
    CHECK(w().step() == ImportWizard::Step::choose);
    w().pick_file();
    CHECK(host.accept.find(".csv") != std::string::npos);
    CHECK(host.max == ImportWizard::max_bytes);
    host.chosen("leads.csv", csv);
    CHECK(w().previewing());
    const auto sent = reply("POST", "/api/v1/imports/preview?", 200, preview_reply(suggested()).dump());
    CHECK(sent.body == csv);
    CHECK(header(sent, "Content-Type").rfind("text/csv", 0) == 0);
    CHECK(header(sent, "X-CSRF-Token") == "csrf-1");
    CHECK(sent.path.find("entity=lead") != std::string::npos);
    CHECK(w().step() == ImportWizard::Step::mapping);
    REQUIRE(w().columns().size() == 3);
    CHECK(w().columns()[0].field == "name");
    CHECK(w().columns()[1].field == "email");
    CHECK(w().columns()[2].field.empty());
    CHECK(w().columns()[0].samples == std::vector<std::string>{"Бат", "Дорж"});
    CHECK(w().total_rows() == 2);
    REQUIRE(w().rows().size() == 2);
    REQUIRE(w().rows()[1].errors.size() == 1);
    CHECK(w().rows()[1].errors[0].field == "email");
    CHECK(w().problems().size() == 1);
    CHECK(w().file_size() == csv.size());
}

TEST_CASE_FIXTURE(ImportFixture, "import: a file over the server's limit is refused before any upload") {
    w().pick_file();
    host.chosen("huge.csv", std::string(ImportWizard::max_bytes + 1, 'a'));
    CHECK(net.pending.empty());
    CHECK(w().step() == ImportWizard::Step::choose);
    CHECK(w().banner().key == "import.error.too_big");
    CHECK(w().banner().field == "file");
    CHECK(w().banner().render(i18n::Lang::mn).find("64") != std::string::npos);
}

TEST_CASE_FIXTURE(ImportFixture, "import: a refused file shows the server's message and stays on step 1") {
    w().pick_file();
    host.chosen("sheet.csv", "PK\x03\x04");
    reply("POST", "/api/v1/imports/preview?", 400,
          R"({"error":{"code":"bad_request","message":"this is an Excel workbook; save it as CSV UTF-8","field":"file"}})");
    CHECK(w().step() == ImportWizard::Step::choose);
    CHECK(w().banner().render(i18n::Lang::en).find("Excel") != std::string::npos);
    CHECK(w().file_name().empty());
}

TEST_CASE_FIXTURE(ImportFixture, "import: mapping edits and options become the request's parameters, re-previewed") {
    to_mapping();
    w().set_field(2, "description");
    const auto sent = reply("POST", "/api/v1/imports/preview?", 200, preview_reply(suggested()).dump());
    const std::string mapping = query_value(sent.path.substr(sent.path.find('?') + 1), "mapping");
    CHECK(json::parse(mapping) == json{"name", "email", "description"});
    // A field already used elsewhere moves: the server refuses a field mapped twice.
    w().set_field(2, "name");
    CHECK(w().columns()[0].field.empty());
    CHECK(w().columns()[2].field == "name");
    // Only the newest preview counts: an older reply arriving late is dropped (it would put the e-mail back).
    w().set_field(1, "");
    REQUIRE(net.pending.size() == 2);
    net.answer(200, preview_reply(suggested()).dump());
    CHECK(w().columns()[1].field.empty());
    CHECK(w().previewing());
    net.answer(200, preview_reply(suggested()).dump());
    CHECK_FALSE(w().previewing());
    w().dedupe_email = false;
    w().update_duplicates = true;
    w().currency = "USD";
    w().set_delimiter(";");
    const auto q = w().query(true);
    CHECK(query_value(q, "dedupe") == "none");
    CHECK(query_value(q, "on_duplicate") == "update");
    CHECK(query_value(q, "delimiter") == ";");
    CHECK(query_value(q, "currency") == "USD");
    CHECK(query_value(q, "dry_run") == "true");
    CHECK(query_value(w().query(false), "dry_run").empty());
}

TEST_CASE_FIXTURE(ImportFixture, "import: the job's progress is polled to the end; failed rows download as CSV") {
    to_mapping();
    w().run(false);
    auto sent = reply("POST", "/api/v1/imports?", 202, import_wizard_job("queued", 0, 2).dump());
    // Multipart, so the job records the file's name; the CSV goes as it is.
    CHECK(header(sent, "Content-Type").rfind("multipart/form-data; boundary=", 0) == 0);
    CHECK(sent.body.find("filename=\"leads.csv\"") != std::string::npos);
    CHECK(sent.body.find("\r\n\r\n" + csv + "\r\n--") != std::string::npos);
    CHECK(query_value(sent.path.substr(sent.path.find('?') + 1), "dedupe") == "email");
    CHECK(w().step() == ImportWizard::Step::running);
    w().poll(1000);
    reply("GET", "/api/v1/imports/9", 200, import_wizard_job("running", 1, 2).dump());
    CHECK(w().job()->fraction() == doctest::Approx(0.5));
    w().poll(1200);  // too soon: no request
    CHECK_FALSE(has("GET", "/api/v1/imports/9"));
    w().poll(1600);
    reply("GET", "/api/v1/imports/9", 200, import_wizard_job("done", 2, 2, 1, 1).dump());
    CHECK(w().step() == ImportWizard::Step::finished);
    CHECK(w().job()->created == 1);
    CHECK(w().job()->failed == 1);
    REQUIRE(w().job()->errors.size() == 1);
    CHECK(w().job()->errors[0].line == 3);
    // The recent list is read again once the job ended.
    reply("GET", "/api/v1/imports", 200, json{{"items", {import_wizard_job("done", 2, 2, 1, 1)}}}.dump());
    w().poll(5000);
    CHECK_FALSE(has("GET", "/api/v1/imports/9"));
    w().download_errors();
    reply("GET", "/api/v1/imports/9/errors.csv", 200, "line,reason\n3,not an e-mail\n");
    REQUIRE(host.saved_files.size() == 1);
    CHECK(host.saved_files[0].name == "import-9-errors.csv");
    CHECK(host.saved_files[0].bytes.find("not an e-mail") != std::string::npos);
}

TEST_CASE_FIXTURE(ImportFixture, "import: cancel stops the job; a failed poll is shown and ends the polling") {
    to_mapping();
    w().run(false);
    reply("POST", "/api/v1/imports?", 202, import_wizard_job("running", 0, 2).dump());
    w().cancel();
    CHECK(w().cancelling());
    reply("POST", "/api/v1/imports/9/cancel", 200, import_wizard_job("cancelled", 1, 2).dump());
    CHECK(w().step() == ImportWizard::Step::finished);
    CHECK(w().job()->state == "cancelled");

    w().start_over();
    to_mapping();
    w().run(false);
    reply("POST", "/api/v1/imports?", 202, import_wizard_job("running", 0, 2).dump());
    w().poll(100000);
    reply("GET", "/api/v1/imports/9", 0);
    CHECK(w().banner().key == "error.network");
    CHECK(w().step() == ImportWizard::Step::finished);
}

TEST_CASE_FIXTURE(ImportFixture, "import: a dry run shows what would happen, then back to the mapping or import for real") {
    to_mapping();
    w().run(true);
    const auto sent = reply("POST", "/api/v1/imports?", 202, import_wizard_job("done", 2, 2, 1, 1, true).dump());
    CHECK(query_value(sent.path.substr(sent.path.find('?') + 1), "dry_run") == "true");
    CHECK(w().step() == ImportWizard::Step::finished);
    CHECK(w().job()->dry_run);
    w().back_to_mapping();
    CHECK(w().step() == ImportWizard::Step::mapping);
    w().run(false);
    const auto real = reply("POST", "/api/v1/imports?", 409, R"({"error":{"code":"conflict","message":"you already have an import running"}})");
    CHECK(query_value(real.path.substr(real.path.find('?') + 1), "dry_run").empty());
    CHECK(w().banner().render(i18n::Lang::en) == "you already have an import running");
    CHECK(w().step() == ImportWizard::Step::mapping);
}

TEST_CASE_FIXTURE(ImportFixture, "import: my recent imports are listed; sign-out forgets the wizard") {
    w().ensure_loaded();
    reply("GET", "/api/v1/imports", 200, json{{"items", {import_wizard_job("done", 2, 2, 2, 0)}}}.dump());
    REQUIRE(w().recent().size() == 1);
    CHECK(w().recent()[0].created == 2);
    to_mapping();
    app.session_expired();
    CHECK(w().recent().empty());
    CHECK(w().step() == ImportWizard::Step::choose);
    CHECK(w().file_name().empty());
}

TEST_CASE("import: a row error the server keyed is worded from the catalog, in mn without the English text") {
    // As the server sends a failed row (server/src/services/import_report.cpp): the shared key and its arguments.
    const json row = {{"line", 4}, {"field", "expected_revenue"}, {"column", "Орлого"},
                      {"message", "cannot be read as an amount: is not a decimal number"},
                      {"key", "error.number"}, {"args", {{"detail", "12,5k"}}}};
    const ImportJob job = import_job_of({{"id", 9}, {"state", "done"}, {"errors", {row}}});
    REQUIRE(job.errors.size() == 1);
    CHECK(job.errors[0].key == "error.number");
    const std::string mn = row_error_message(job.errors[0], i18n::Lang::mn);
    CHECK(mn == i18n::tr(i18n::Lang::mn, "api.error.number", {{"detail", "12,5k"}}));
    CHECK(mn.find("cannot") == std::string::npos);
    CHECK(row_error_message(job.errors[0], i18n::Lang::en) == "is not a number (12,5k)");
    // Without arguments the English message is the detail; without a key the message shows as it is.
    ImportRowError bare{4, "probability", "must be a number from 0 to 100", "error.range", {}};
    CHECK(row_error_message(bare, i18n::Lang::mn).find("must be a number from 0 to 100") != std::string::npos);
    bare.key.clear();
    CHECK(row_error_message(bare, i18n::Lang::mn) == "must be a number from 0 to 100");
}

TEST_CASE_FIXTURE(ImportFixture, "import: the lists' Import button opens the wizard for its entity, not mid-import") {
    app.navigate(Route::contacts());
    open_import_wizard(app, "contact");
    CHECK(app.route() == Route::import_wizard());
    CHECK(w().entity() == "contact");
    app.navigate(Route::leads());
    open_import_wizard(app, "lead");
    CHECK(app.route() == Route::import_wizard());
    CHECK(w().entity() == "lead");
    // A file already being mapped keeps its entity: the button goes back to it.
    to_mapping();
    app.navigate(Route::contacts());
    open_import_wizard(app, "contact");
    CHECK(app.route() == Route::import_wizard());
    CHECK(w().entity() == "lead");
    CHECK(w().step() == ImportWizard::Step::mapping);
}
