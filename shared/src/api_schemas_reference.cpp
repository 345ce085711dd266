// JSON Schemas of contacts, stages, sales teams and the settings lists (lost reasons, tags, contact categories,
// UTM records) for the OpenAPI document. Field names and rules follow the shared codecs (contact.hpp, stage.hpp,
// team.hpp, reference_data.hpp). Each record has three shapes: the record as stored (with id and version), the
// input of a create (required fields), and the patch (any writable field plus the version read).
#include "api_schema_parts.hpp"

namespace tumen::api {

namespace {
using namespace schema;
json text(int max) { return {{"type", "string"}, {"maxLength", max}}; }
json color() { return {{"type", "integer"}, {"minimum", 0}, {"maximum", 11}, {"description", "UI palette index, 0 = none"}}; }

// Adds "<Name>", "<Name>Input", "<Name>Patch" and "<Name>List" built from the writable fields.
void add_record(json& out, const std::string& name, const json& writable, const json& required, const json& system = json::object()) {
    json record = obj(writable);
    record["properties"]["id"] = t("integer");
    record["properties"]["version"] = t("integer");
    for (const auto& [k, v] : system.items()) record["properties"][k] = v;
    json patch = obj(writable, {"version"});
    patch["properties"]["version"] = {{"type", "integer"}, {"description", "the version you read; a stale one gets 409"}};
    out[name] = record;
    out[name + "Input"] = obj(writable, required);
    out[name + "Patch"] = patch;
    out[name + "List"] = obj({{"items", array_of(ref(name.c_str()))}}, {"items"});
}
}  // namespace

json reference_schemas() {
    json out = json::object();

    const json contact = {
        {"is_company", t("boolean")}, {"name", text(300)}, {"parent_id", nullable(t("integer"))},
        {"function", text(200)}, {"email", text(320)}, {"phone", text(50)}, {"mobile", text(50)},
        {"website", text(1000)}, {"street", t("string")}, {"city", t("string")}, {"state", t("string")},
        {"zip", t("string")}, {"country", t("string")}, {"category_ids", array_of(t("integer"))},
        {"lang", text(10)}, {"user_id", nullable(t("integer"))}, {"comment", t("string")},
        {"opt_out", t("boolean")}, {"blacklisted", t("boolean")}, {"active", t("boolean")},
    };
    add_record(out, "Contact", contact, {"name"},
               {{"create_date", {{"type", "string"}, {"format", "date-time"}}},
                {"write_date", {{"type", "string"}, {"format", "date-time"}}},
                {"lead_count", {{"type", "integer"}, {"description", "single contact and ?counts=true only"}}},
                {"opportunity_count", {{"type", "integer"}, {"description", "single contact and ?counts=true only"}}}});
    out.erase("ContactList");
    out["ContactPage"] = obj({{"items", array_of(ref("Contact"))}, {"next", nullable(t("string"))}, {"total", t("integer")}},
                             {"items"});

    add_record(out, "Stage",
               {{"name", text(120)}, {"team_id", nullable(t("integer"))}, {"sequence", t("integer")},
                {"fold", t("boolean")}, {"is_won", t("boolean")}, {"requirements", text(5000)},
                {"default_probability", nullable({{"type", "number"}, {"minimum", 0}, {"maximum", 100}})},
                {"rotting_days", {{"type", "integer"}, {"minimum", 0}, {"maximum", 3650}}},
                {"wip_limit", {{"type", "integer"}, {"minimum", 0}}}},
               {"name"});
    out["StageReorder"] = obj({{"ids", array_of(t("integer"))}}, {"ids"});

    add_record(out, "Team",
               {{"name", text(120)}, {"user_id", nullable(t("integer"))}, {"member_ids", array_of(t("integer"))},
                {"alias", text(64)}, {"use_leads", t("boolean")}, {"use_opportunities", t("boolean")},
                {"invoiced_target", ref("Money")},
                {"assignment_domain", {{"type", "string"}, {"description", "filter over lead fields"}}},
                {"assignment_optout", t("boolean")}, {"active", t("boolean")}},
               {"name"});
    add_record(out, "TeamMember",
               {{"user_id", t("integer")},
                {"assignment_domain", {{"type", "string"}, {"description", "filter over lead fields"}}},
                {"assignment_domain_preferred",
                 {{"type", "string"},
                  {"description", "filter over lead fields: leads matching it and the domain reach this member first"}}},
                {"max_leads_30d", {{"type", "integer"}, {"minimum", 0}, {"maximum", 100000}}},
                {"active", t("boolean")}},
               {"user_id"}, {{"team_id", t("integer")}});

    add_record(out, "LostReason", {{"name", text(120)}, {"active", t("boolean")}}, {"name"});
    add_record(out, "Tag", {{"name", text(120)}, {"color", color()}}, {"name"});
    add_record(out, "ContactCategory",
               {{"name", text(120)}, {"color", color()}, {"parent_id", nullable(t("integer"))}, {"active", t("boolean")}},
               {"name"});
    add_record(out, "Utm", {{"name", text(120)}, {"active", t("boolean")}}, {"name"});
    const json rate = {{"type", "string"}, {"pattern", "^[0-9]+(\\.[0-9]{1,9})?$"},
                       {"description", "company-currency units for one unit of this currency, e.g. \"3450.25\""}};
    add_record(out, "Currency", {{"name", {{"type", "string"}, {"pattern", "^[A-Za-z]{3}$"}, {"description", "ISO 4217 code"}}},
                                 {"rate", rate}, {"active", t("boolean")}}, {"name", "rate"});
    out["CompanyCurrency"] = obj({{"currency", {{"type", "string"}, {"pattern", "^[A-Z]{3}$"}}}}, {"currency"});

    // The search bar's favourites (issue 5): the route's query string under a name; no version (owner's own).
    const json saved = {{"name", text(120)},
                        {"query", {{"type", "string"}, {"maxLength", 4000}, {"description", "the view's route query string"}}},
                        {"shared", t("boolean")},
                        {"default", {{"type", "boolean"}, {"description", "applied when the view opens without a query"}}}};
    json saved_record = obj(saved);
    saved_record["properties"]["id"] = t("integer");
    saved_record["properties"]["user_id"] = t("integer");
    saved_record["properties"]["view"] = {{"type", "string"}, {"enum", json::array({"list", "board"})}};
    saved_record["properties"]["own"] = t("boolean");
    saved_record["properties"]["create_date"] = {{"type", "string"}, {"format", "date-time"}};
    saved_record["properties"]["write_date"] = {{"type", "string"}, {"format", "date-time"}};
    json saved_input = obj(saved, json::array({"name", "view"}));
    saved_input["properties"]["view"] = {{"type", "string"}, {"enum", json::array({"list", "board"})}};
    out["SavedSearch"] = saved_record;
    out["SavedSearchInput"] = saved_input;
    out["SavedSearchPatch"] = obj(saved);
    out["SavedSearchList"] = obj({{"items", array_of(ref("SavedSearch"))}}, {"items"});
    return out;
}

}  // namespace tumen::api
