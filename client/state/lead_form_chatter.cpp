// The lead form's chatter (timeline pages, posting notes, how tracked values read) and the lists behind its
// pickers (stages, teams, tags, salespeople, lost reasons, UTM values).
#include <algorithm>

#include "app_state.hpp"
#include "lead_form.hpp"
#include "money_text.hpp"
#include "tumen/api.hpp"
#include "tumen/money.hpp"

namespace tumen::client {

namespace {

std::vector<RefItem> parse_items(const std::string& body) {
    std::vector<RefItem> out;
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return out;
    for (const auto& it : j["items"]) {
        if (!it.is_object() || !it.contains("id") || !it["id"].is_number_integer()) continue;
        RefItem r;
        r.id = it["id"].get<std::int64_t>();
        r.name = it.contains("name") && it["name"].is_string() ? it["name"].get<std::string>() : std::string();
        if (r.name.empty() && it.contains("login") && it["login"].is_string()) r.name = it["login"].get<std::string>();
        if (it.contains("color") && it["color"].is_number_integer()) r.color = it["color"].get<int>();
        if (it.contains("active") && it["active"] == false) continue;  // pickers offer active entries only
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

std::string LeadReferences::name_in(const std::vector<RefItem>& list, std::int64_t id) {
    for (const auto& r : list)
        if (r.id == id) return r.name;
    return "#" + std::to_string(id);
}

std::string LeadReferences::stage_name(std::int64_t id) const {
    for (const auto& s : stages)
        if (s.id == id) return s.name;
    return "#" + std::to_string(id);
}

void LeadForm::load_references() {
    const std::string p(api::prefix);
    struct Source {
        const char* path;
        std::vector<RefItem> LeadReferences::*list;
    };
    static const Source sources[] = {
        {"/teams", &LeadReferences::teams},
        {"/tags", &LeadReferences::tags},
        {"/lost-reasons", &LeadReferences::lost_reasons},
        {"/users/directory", &LeadReferences::users},
        {"/utm/sources", &LeadReferences::sources},
        {"/utm/mediums", &LeadReferences::mediums},
        {"/utm/campaigns", &LeadReferences::campaigns},
    };
    for (const auto& s : sources) {
        auto list = s.list;
        send(request("GET", p + s.path), [this, list](const HttpResponse& reply) {
            // A list the user may not read leaves its picker empty; the form itself still works.
            if (reply.ok()) refs_.*list = parse_items(reply.body);
        });
    }
    send(request("GET", p + "/stages"), [this](const HttpResponse& reply) {
        if (!reply.ok()) return failed(reply, false);
        auto j = nlohmann::json::parse(reply.body, nullptr, false);
        refs_.stages.clear();
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& it : j["items"])
                if (auto s = stage_from_json(it)) refs_.stages.push_back(std::move(s).value());
        refs_.loaded = true;
    });
}

void LeadForm::load_messages(bool newer_only) {
    if (!newer_only) loading_messages_ = true;
    send(request("GET", lead_path("/messages?limit=" + std::to_string(message_page))),
         [this, newer_only](const HttpResponse& reply) {
             loading_messages_ = polling_mail_ = false;
             if (!reply.ok()) return failed(reply, false);
             auto j = nlohmann::json::parse(reply.body, nullptr, false);
             std::vector<ChatterMessage> page;
             if (j.is_object() && j.contains("items") && j["items"].is_array())
                 for (const auto& it : j["items"])
                     if (auto m = take_message(it)) page.push_back(std::move(m).value());
             if (!newer_only) {
                 more_messages_ = static_cast<int>(page.size()) == message_page;
                 messages_ = std::move(page);
                 return;
             }
             // Merged by id (newest first): a message not shown yet goes where its id puts it, also below one
             // put on top at once (a posted note, above the change a save tracked before it); one already shown
             // is replaced (an e-mail's delivery state changes after it was posted). Older than the pages loaded
             // so far: left to "load more".
             for (auto& m : page) {
                 auto at = std::find_if(messages_.begin(), messages_.end(),
                                        [&](const ChatterMessage& shown) { return shown.id <= m.id; });
                 if (at != messages_.end() && at->id == m.id) *at = std::move(m);
                 else if (at != messages_.end() || !more_messages_) messages_.insert(at, std::move(m));
             }
         });
}

void LeadForm::load_more_messages() {
    if (loading_messages_ || !more_messages_ || messages_.empty()) return;
    loading_messages_ = true;
    const std::string q = "/messages?limit=" + std::to_string(message_page) +
                          "&before_id=" + std::to_string(messages_.back().id);
    send(request("GET", lead_path(q)), [this](const HttpResponse& reply) {
        loading_messages_ = false;
        if (!reply.ok()) return failed(reply, false);
        auto j = nlohmann::json::parse(reply.body, nullptr, false);
        int n = 0;
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& it : j["items"]) {
                ++n;
                if (auto m = take_message(it)) messages_.push_back(std::move(m).value());
            }
        more_messages_ = n == message_page;
    });
}

void LeadForm::post_note() {
    if (posting_note_ || !lead_) return;
    if (note.find_first_not_of(" \t\r\n") == std::string::npos) {
        note_error_ = Message::from_key("lead.chatter.empty_note");
        return;
    }
    note_error_ = {};
    posting_note_ = true;
    send(request("POST", lead_path("/messages"), nlohmann::json{{"body", note}}.dump()),
         [this](const HttpResponse& reply) {
             posting_note_ = false;
             if (!reply.ok()) {
                 note_error_ = problem_message(reply);
                 return;
             }
             note.clear();
             auto m = take_message(nlohmann::json::parse(reply.body, nullptr, false));
             if (m) messages_.insert(messages_.begin(), std::move(m).value());
             load_messages(true);  // and whatever was tracked meanwhile, below it (see on_sent)
         });
}

std::string LeadForm::tracked_value_text(const std::string& field, const nlohmann::json& v) const {
    if (v.is_null()) return "—";
    if (v.is_number_integer()) {
        const auto id = v.get<std::int64_t>();
        if (field == "stage_id") return refs_.stage_name(id);
        if (field == "user_id") return LeadReferences::name_in(refs_.users, id);
        if (field == "team_id") return LeadReferences::name_in(refs_.teams, id);
        if (field == "lost_reason_id") return LeadReferences::name_in(refs_.lost_reasons, id);
        if (field == "priority") return app_.tr("lead.priority." + std::to_string(std::clamp<std::int64_t>(id, 0, 3)));
    }
    if (field == "probability" && v.is_number()) return percent_text(v.get<double>()) + "%";
    if (v.is_object() && v.contains("amount") && v["amount"].is_number_integer()) {
        Money m;
        m.amount = v["amount"].get<std::int64_t>();
        if (v.contains("currency") && v["currency"].is_string()) m.currency = v["currency"].get<std::string>();
        return money_text(m, app_.language());  // as the board writes money
    }
    if (v.is_boolean()) return app_.tr(v.get<bool>() ? "lead.yes" : "lead.no");
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

std::string LeadForm::author_of(const ChatterMessage& m) const {
    if (m.author_id) {
        const auto& s = app_.session();
        if (s && s->user.id == *m.author_id) return s->user.name;
        return LeadReferences::name_in(refs_.users, *m.author_id);
    }
    return m.author_name.empty() ? app_.tr("lead.chatter.system") : m.author_name;
}

}  // namespace tumen::client
