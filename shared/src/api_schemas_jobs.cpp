// JSON Schemas of the job runner (jobs, runs, logs) and of lead scoring rules with their preview.
#include "api_schema_parts.hpp"

namespace tumen::api {

namespace {
using namespace schema;
json progress() { return obj({{"done", t("integer")}, {"total", t("integer")}}, {"done", "total"}); }
}  // namespace

json jobs_schemas() {
    json job = obj({
        {"id", t("integer")},
        {"kind", {{"type", "string"}, {"description", "what the job does, e.g. score_rules.recompute"}}},
        {"recurring", {{"type", "boolean"}, {"description", "the kind's scheduled job; false = a one-off run"}}},
        {"interval_s", {{"type", "integer"}, {"description", "seconds between runs; 0 = on demand"}}},
        {"active", t("boolean")},
        {"state", enum_of({"idle", "queued", "running", "retrying", "done", "failed"})},
        {"next_run", nullable(date_time())},
        {"attempts", t("integer")},
        {"max_attempts", t("integer")},
        {"last_error", t("string")},
        {"progress", progress()},
        {"last_start", nullable(date_time())},
        {"last_finish", nullable(date_time())},
        {"last_success", nullable(date_time())},
        {"create_date", date_time()},
        {"version", t("integer")},
        {"payload", t("object")},
    });
    json run = obj({{"id", t("integer")}, {"attempt", t("integer")},
                    {"state", enum_of({"running", "done", "failed", "interrupted"})}, {"start_date", date_time()},
                    {"finish_date", nullable(date_time())}, {"progress", progress()}, {"error", t("string")},
                    {"log", array_of(t("string"))}});
    json detail = job;
    detail["properties"]["runs"] = array_of(run);

    json rule_fields = {
        {"name", {{"type", "string"}, {"maxLength", 200}}},
        {"filter", {{"type", "string"}, {"description", "a lead filter (shared/FILTER.md), e.g. country = \"MN\""}}},
        {"points", {{"type", "integer"}, {"minimum", -1000}, {"maximum", 1000}}},
        {"team_id", nullable(t("integer"))},
        {"active", t("boolean")},
    };
    json rule = obj(rule_fields);
    for (const char* f : {"id", "version"}) rule["properties"][f] = t("integer");
    rule["properties"]["create_date"] = date_time();
    rule["properties"]["write_date"] = date_time();
    json patch = obj(rule_fields, {"version"});
    patch["properties"]["version"] = t("integer");
    json preview_in = obj({{"filter", t("string")}, {"points", t("integer")}, {"team_id", nullable(t("integer"))},
                           {"rule_id", {{"type", "integer"}, {"description", "the rule being edited: its current "
                                                                            "contribution is replaced"}}}},
                          {"filter", "points"});
    json preview = obj({{"matched", t("integer")}, {"total", t("integer")},
                        {"shifts", array_of(obj({{"delta", t("integer")}, {"leads", t("integer")}}))}},
                       {"matched", "total", "shifts"});
    return {
        {"Job", job},
        {"JobDetail", detail},
        {"JobList", obj({{"items", array_of(ref("Job"))}}, {"items"})},
        {"JobPatch", obj({{"interval_s", t("integer")}, {"active", t("boolean")}, {"version", t("integer")}}, {"version"})},
        {"ScoreRule", rule},
        {"ScoreRuleInput", obj(rule_fields, {"name", "filter", "points"})},
        {"ScoreRulePatch", patch},
        {"ScoreRuleList", obj({{"items", array_of(ref("ScoreRule"))}}, {"items"})},
        {"ScoreRulePreviewInput", preview_in},
        {"ScoreRulePreview", preview},
    };
}

}  // namespace tumen::api
