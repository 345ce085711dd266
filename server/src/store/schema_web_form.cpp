// Migration: the website contact form (web-to-lead).
//   leads gain visitor_ip: the address a web-form lead was submitted from (through trusted proxies), kept for
//   GeoIP later; '' for every other lead.
//   web_form_submissions: one row per submission taken, whatever came of it (created, rejected = bad input or a
//   foreign origin, throttled, spam = the honeypot was filled). The rate limit counts a client's rows of the last
//   hour, so (ip, at) is indexed; rows older than 30 days are pruned as new ones arrive.
// Settings live in `settings` under "web_form.*" (store/web_form_store.hpp); counters in mail_channels ("web_form").
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view web_form = R"SQL(
ALTER TABLE leads ADD COLUMN visitor_ip TEXT NOT NULL DEFAULT '';

CREATE TABLE web_form_submissions (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  ip       TEXT NOT NULL,
  outcome  TEXT NOT NULL CHECK (outcome IN ('created','rejected','throttled','spam')),
  lead_id  INTEGER REFERENCES leads(id) ON DELETE SET NULL,
  reason   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX web_form_submissions_ip ON web_form_submissions(ip, at);
CREATE INDEX web_form_submissions_at ON web_form_submissions(at);
)SQL";

}  // namespace tumen::store::migration
