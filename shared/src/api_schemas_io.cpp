// JSON Schemas of import jobs, previews, attachments and backups, and the non-JSON bodies (CSV uploads,
// file downloads) that "x-media-types" names for the OpenAPI document.
#include "api_schema_parts.hpp"

namespace tumen::api {

namespace {
using namespace schema;
json binary(json media_types, const char* description) {
    return {{"type", "string"}, {"format", "binary"}, {"x-media-types", std::move(media_types)}, {"description", description}};
}
}  // namespace

json io_schemas() {
    json row_error = obj({{"line", t("integer")}, {"field", nullable(t("string"))}, {"column", nullable(t("string"))},
                          {"message", t("string")}});
    json mapping = array_of(obj({{"column", t("integer")}, {"header", t("string")}, {"field", nullable(t("string"))}}));
    return {
        {"CsvUpload", binary({"text/csv", "multipart/form-data"},
                             "UTF-8 CSV with a header row, as the body or as the multipart part 'file' (other parts: "
                             "the same options as the query string). UTF-16, binary data and legacy encodings are refused.")},
        {"FileUpload", binary({"multipart/form-data"}, "multipart/form-data with the file in the part 'file'")},
        {"CsvFile", binary({"text/csv"}, "UTF-8 CSV with a byte-order mark (for Excel) and CRLF line ends")},
        {"XlsxFile", binary({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}, "Excel workbook")},
        {"BinaryFile", binary({"application/octet-stream"}, "the file, with Content-Disposition: attachment")},
        {"EventStream", binary({"text/event-stream"},
                               "Server-sent events: `id:` change id, `event:` entity.action (e.g. lead.moved), `data:` JSON "
                               "{entity, id, action, team_id, by, version, lead{board and list fields} | payload}; "
                               "`event: hello` first, `event: reload` when the missed changes are no longer kept; "
                               "a comment line as heartbeat")},
        {"ImportJob",
         obj({{"id", t("integer")},
              {"entity", enum_of({"lead", "contact"})},
              {"state", enum_of({"queued", "running", "done", "failed", "cancelled"})},
              {"dry_run", t("boolean")},
              {"mode", enum_of({"valid_rows", "all_or_nothing"})},
              {"dedupe", t("string")},
              {"on_duplicate", enum_of({"skip", "update"})},
              {"file_name", t("string")},
              {"total_rows", t("integer")},
              {"done_rows", t("integer")},
              {"created", t("integer")},
              {"updated", t("integer")},
              {"skipped", t("integer")},
              {"failed", t("integer")},
              {"error", t("string")},
              {"errors", array_of(row_error)},
              {"mapping", mapping},
              {"created_by", nullable(t("integer"))},
              {"create_date", date_time()},
              {"start_date", nullable(date_time())},
              {"finish_date", nullable(date_time())},
              {"rows_per_second", nullable(t("number"))}})},
        {"ImportJobList", obj({{"items", array_of(ref("ImportJob"))}}, {"items"})},
        {"ImportPreview",
         obj({{"entity", enum_of({"lead", "contact"})},
              {"delimiter", t("string")},
              {"headers", array_of(t("string"))},
              {"mapping", mapping},
              {"suggested_mapping", mapping},
              {"fields", array_of(obj({{"name", t("string")}, {"label_en", t("string")}, {"label_mn", t("string")}}))},
              {"rows", array_of(obj({{"line", t("integer")}, {"values", t("object")}, {"errors", array_of(row_error)}}))},
              {"total_rows", t("integer")},
              {"problems", array_of(row_error)}})},
        {"Attachment", obj({{"id", t("integer")}, {"res_model", enum_of({"lead", "contact"})}, {"res_id", t("integer")},
                            {"name", t("string")}, {"mimetype", t("string")}, {"size", t("integer")},
                            {"sha256", t("string")}, {"created_by", nullable(t("integer"))}, {"create_date", date_time()}})},
        {"AttachmentList", obj({{"items", array_of(ref("Attachment"))}}, {"items"})},
        {"Backup", obj({{"name", t("string")}, {"size", t("integer")}, {"created_at", date_time()}})},
        {"BackupList", obj({{"items", array_of(ref("Backup"))}}, {"items"})},
    };
}

}  // namespace tumen::api
