// Migration: files the server generates for a mail it sends (a meeting invitation's .ics, a quotation's PDF).
//   mail_outbox_files  one row per generated file of an outbox row; the content lives in the attachment store
//                      (by SHA-256) and is kept while a row here or in `attachments` names it.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view mail_files = R"SQL(
CREATE TABLE mail_outbox_files (
  outbox_id INTEGER NOT NULL REFERENCES mail_outbox(id) ON DELETE CASCADE,
  sha256    TEXT NOT NULL CHECK (length(sha256) = 64)
);
CREATE INDEX mail_outbox_files_sha ON mail_outbox_files(sha256);
CREATE INDEX mail_outbox_files_row ON mail_outbox_files(outbox_id);
)SQL";

}  // namespace tumen::store::migration
