// The lead form's header actions and dialogs: stage moves, won, lost (reason + note), restore, archive, convert
// to opportunity (contact, team, salesperson, duplicates to merge) and merge.
#include <algorithm>

#include "app_state.hpp"
#include "json_fields.hpp"
#include "lead_form.hpp"
#include "tumen/api.hpp"

namespace tumen::client {

namespace {

nlohmann::json id_or_null(const std::optional<std::int64_t>& id) { return id ? nlohmann::json(*id) : nlohmann::json(); }

std::optional<std::int64_t> optional_id(const nlohmann::json& j, const char* key) {
    if (j.contains(key) && j[key].is_number_integer()) return j[key].get<std::int64_t>();
    return std::nullopt;
}

}  // namespace

std::vector<Duplicate> LeadForm::parse_duplicates(const nlohmann::json& items) {
    std::vector<Duplicate> out;
    if (!items.is_array()) return out;
    for (const auto& it : items) {
        if (!it.is_object() || !it.contains("id") || !it["id"].is_number_integer()) continue;
        Duplicate d;
        d.id = it["id"].get<std::int64_t>();
        d.name = str(it, "name");
        d.type = str(it, "type");
        d.partner_name = str(it, "partner_name");
        d.contact_name = str(it, "contact_name");
        d.email = str(it, "email_from");
        d.reason = str(it, "reason");
        d.strict = it.value("strict", false);
        d.checked = d.strict;  // what convert would merge anyway is proposed checked
        out.push_back(std::move(d));
    }
    return out;
}

void LeadForm::lead_action(const std::string& tail, nlohmann::json body, bool in_dialog) {
    if (!lead_ || busy_) return;
    body["version"] = lead_->version;
    busy_ = true;
    if (in_dialog) dialog_busy_ = true;
    banner_ = {};
    send(request("POST", lead_path(tail), body.dump()), [this, in_dialog](const HttpResponse& reply) {
        busy_ = false;
        dialog_busy_ = false;
        if (!reply.ok()) return failed(reply, in_dialog);
        auto lead = lead_from_json(nlohmann::json::parse(reply.body, nullptr, false));
        if (!lead) {
            (in_dialog ? dialog_error_ : banner_) = Message::from_key("error.bad_response");
            return;
        }
        if (in_dialog) close_dialog();
        take(std::move(lead).value(), false);
        load_messages(true);  // the action left tracked changes in the chatter
    });
}

void LeadForm::move_to(std::int64_t stage_id) {
    if (lead_ && lead_->stage_id == stage_id) return;
    lead_action("/move", {{"stage_id", stage_id}}, false);
}

void LeadForm::mark_won() { lead_action("/won", nlohmann::json::object(), false); }
void LeadForm::archive() { lead_action("/archive", nlohmann::json::object(), false); }
void LeadForm::restore() { lead_action("/restore", nlohmann::json::object(), false); }

void LeadForm::close_dialog() {
    dialog_ = Dialog::none;
    dialog_error_ = {};
    dialog_busy_ = false;
}

void LeadForm::open_lost() {
    if (!lead_) return;
    lost_ = {};
    dialog_error_ = {};
    dialog_ = Dialog::lost;
}

void LeadForm::submit_lost() {
    if (dialog_ != Dialog::lost) return;
    lead_action("/lost", {{"lost_reason_id", id_or_null(lost_.reason_id)}, {"note", lost_.note}}, true);
}

void LeadForm::open_convert() {
    if (!lead_) return;
    convert_ = {};
    convert_.team_id = lead_->team_id;
    convert_.user_id = lead_->user_id;
    dialog_error_ = {};
    dialog_ = Dialog::convert;
    send(request("GET", lead_path("/convert")), [this](const HttpResponse& reply) {
        convert_.loading = false;
        if (!reply.ok()) return failed(reply, true);
        auto j = nlohmann::json::parse(reply.body, nullptr, false);
        if (!j.is_object()) {
            dialog_error_ = Message::from_key("error.bad_response");
            return;
        }
        const std::string action = str(j, "action");
        if (action == "create" || action == "exist" || action == "nothing") convert_.action = action;
        convert_.partner_id = optional_id(j, "partner_id");
        if (j.contains("partner") && j["partner"].is_object()) convert_.partner_name = str(j["partner"], "name");
        if (auto t = optional_id(j, "team_id")) convert_.team_id = t;
        if (auto u = optional_id(j, "user_id")) convert_.user_id = u;
        convert_.duplicates = parse_duplicates(j.value("duplicates", nlohmann::json::array()));
    });
}

void LeadForm::submit_convert() {
    if (dialog_ != Dialog::convert || !lead_ || dialog_busy_) return;
    nlohmann::json body = {{"version", lead_->version},
                           {"action", convert_.action},
                           {"partner_id", convert_.action == "exist" ? id_or_null(convert_.partner_id) : nlohmann::json()},
                           {"team_id", id_or_null(convert_.team_id)},
                           {"user_id", id_or_null(convert_.user_id)},
                           {"merge_ids", nlohmann::json::array()}};
    for (const auto& d : convert_.duplicates)
        if (d.checked) body["merge_ids"].push_back(d.id);
    dialog_busy_ = true;
    dialog_error_ = {};
    send(request("POST", lead_path("/convert"), body.dump()), [this](const HttpResponse& reply) {
        dialog_busy_ = false;
        if (!reply.ok()) return failed(reply, true);
        auto lead = lead_from_json(nlohmann::json::parse(reply.body, nullptr, false));
        if (!lead) {
            dialog_error_ = Message::from_key("error.bad_response");
            return;
        }
        close_dialog();
        if (lead->id != id_) {
            app_.navigate(Route::lead(lead->id));  // merged into another lead: that one is the result
            return;
        }
        take(std::move(lead).value(), false);
        load_messages(true);
    });
}

void LeadForm::open_merge() {
    if (!lead_) return;
    merge_ = {};
    dialog_error_ = {};
    dialog_ = Dialog::merge;
    send(request("GET", lead_path("/duplicates")), [this](const HttpResponse& reply) {
        merge_.loading = false;
        if (!reply.ok()) return failed(reply, true);
        auto j = nlohmann::json::parse(reply.body, nullptr, false);
        if (!j.is_object()) {
            dialog_error_ = Message::from_key("error.bad_response");
            return;
        }
        merge_.duplicates = parse_duplicates(j.value("items", nlohmann::json::array()));
    });
}

void LeadForm::submit_merge() {
    if (dialog_ != Dialog::merge || !lead_ || dialog_busy_) return;
    nlohmann::json ids = nlohmann::json::array({id_});
    for (const auto& d : merge_.duplicates)
        if (d.checked) ids.push_back(d.id);
    if (ids.size() < 2) {
        dialog_error_ = Message::from_key("lead.merge.pick_one");
        return;
    }
    dialog_busy_ = true;
    dialog_error_ = {};
    send(request("POST", std::string(api::prefix) + "/leads/merge", nlohmann::json{{"ids", ids}}.dump()),
         [this](const HttpResponse& reply) {
             dialog_busy_ = false;
             if (!reply.ok()) return failed(reply, true);
             auto j = nlohmann::json::parse(reply.body, nullptr, false);
             auto lead = lead_from_json(j);
             if (!lead) {
                 dialog_error_ = Message::from_key("error.bad_response");
                 return;
             }
             close_dialog();
             if (lead->id != id_) {
                 app_.navigate(Route::lead(lead->id));
                 return;
             }
             // Kept this one: reload, since descriptions, tags and the chatter now hold the merged leads' too.
             take(std::move(lead).value(), false);
             load_messages(false);
         });
}

}  // namespace tumen::client
