#include "lead_list.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api_io.hpp"
#include "app_state.hpp"
#include "board_query.hpp"
#include "json_fields.hpp"
#include "search_chips.hpp"
#include "tumen/api.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

constexpr const char* row_fields = list_row_fields;
// The export holds the list's columns, with names instead of ids (and imports back without a mapping).
constexpr const char* lead_list_export_fields =
    "name,partner_name,contact_name,email,phone,user,team,stage,expected_revenue,currency,probability,priority,"
    "create_date";

std::optional<std::int64_t> lead_list_opt_id(const json& j, const char* key) {
    if (j.contains(key) && j[key].is_number_integer()) return j[key].get<std::int64_t>();
    return std::nullopt;
}

std::vector<NamedRef> named_items(const HttpResponse& reply) {
    std::vector<NamedRef> out;
    auto j = json::parse(reply.body, nullptr, false);
    if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return out;
    for (const auto& t : j["items"])
        if (t.is_object() && t.contains("id") && t["id"].is_number_integer())
            out.push_back({t["id"].get<std::int64_t>(), str(t, "name"),
                           t.contains("color") && t["color"].is_number_integer() ? t["color"].get<int>() : -1});
    return out;
}

std::string name_of(const std::vector<NamedRef>& refs, std::optional<std::int64_t> id) {
    if (!id) return {};
    for (const auto& r : refs)
        if (r.id == *id) return r.name;
    return {};
}

}  // namespace

std::optional<ListRow> list_row_from_json(const json& j) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer()) return std::nullopt;
    ListRow r;
    r.id = j["id"].get<std::int64_t>();
    r.version = j.value("version", std::int64_t{0});
    r.name = str(j, "name");
    r.partner_name = str(j, "partner_name");
    r.contact_name = str(j, "contact_name");
    r.email = str(j, "email");
    r.phone = str(j, "phone");
    r.user_id = lead_list_opt_id(j, "user_id");
    r.team_id = lead_list_opt_id(j, "team_id");
    r.stage_id = lead_list_opt_id(j, "stage_id");
    if (j.contains("expected_revenue") && j["expected_revenue"].is_object()) {
        const auto& m = j["expected_revenue"];
        r.expected_revenue.amount = m.value("amount", std::int64_t{0});
        if (m.contains("currency") && m["currency"].is_string()) r.expected_revenue.currency = m["currency"];
    }
    if (j.contains("probability") && j["probability"].is_number()) r.probability = j["probability"].get<double>();
    if (j.contains("priority") && j["priority"].is_number_integer()) r.priority = j["priority"].get<int>();
    if (j.contains("create_date")) {
        if (j["create_date"].is_string()) r.create_date = parse_timestamp(j["create_date"].get<std::string>()).value_or(0);
        else if (j["create_date"].is_number_integer()) r.create_date = j["create_date"].get<Timestamp>();
    }
    if (j.contains("active") && j["active"].is_boolean()) r.active = j["active"].get<bool>();
    return r;
}

LeadList::LeadList(AppState& app) : app_(app) {}

void LeadList::sync(const Route& route) {
    const auto& s = app_.session();
    if (!s) return;
    Key k{s->user.id, route.query};
    if (has_wanted_ && k == wanted_) return;
    const bool new_user = !has_wanted_ || k.user != wanted_.user;
    wanted_ = std::move(k);
    has_wanted_ = true;
    const std::string old_group = query_.group, old_subgroup = query_.subgroup;
    query_ = parse_list_query(route.query);
    if (query_.group != old_group || query_.subgroup != old_subgroup) {
        // Other groups (or none): the old ones' names would be read with the new key.
        groups_.clear();
        relayout();
    }
    // Another search shows other rows: what was selected is no longer in view.
    selection_.clear();
    anchor_.reset();
    group_anchor_.reset();
    failed_.clear();
    notice_ = {};
    if (new_user) {
        references_loaded_ = false;
        load_references();
    }
    load_first(0);
}

void LeadList::reload() {
    if (!grouped()) return load_first(rows_.size());
    // The groups open now stay open (both levels), with as many rows as they show.
    ++generation_;
    load_groups(open_paths());
}

void LeadList::request(std::string_view endpoint, std::string query, std::string body,
                       std::function<void(const HttpResponse&)> on_ok, std::function<void(const HttpResponse&)> on_fail,
                       bool gated) {
    const auto& s = app_.session();
    HttpRequest r = api_request(endpoint, std::move(body), app_.language(), s ? s->csrf_token : std::string());
    if (!query.empty()) r.path += "?" + query;
    app_.transport().send(std::move(r), [this, gated, gen = generation_, on_ok = std::move(on_ok),
                                         on_fail = std::move(on_fail)](const HttpResponse& reply) {
        if (reply.status == 401) {
            app_.session_expired();
            return;
        }
        if (gated && gen != generation_) return;  // an answer about an earlier search
        if (reply.ok()) on_ok(reply);
        else {
            if (on_fail) on_fail(reply);
            else app_.show_error(problem_message(reply));
        }
    });
}

void LeadList::load_countries() {
    if (countries_requested_) return;
    countries_requested_ = true;
    request("leads.groups", std::string(countries_query), "", [this](const HttpResponse& reply) {
        countries_ = countries_from_groups(reply.body);
    }, [this](const HttpResponse&) { countries_requested_ = false; }, false);
}

void LeadList::load_references() {
    auto keep = [this](std::vector<NamedRef>& into) {
        return [&into](const HttpResponse& reply) { into = named_items(reply); };
    };
    // Names only decorate rows: the list does not wait for them, and a failure shows in the banner.
    request("users.directory", "", "", keep(users_), nullptr, false);
    request("teams.list", "", "", keep(teams_), nullptr, false);
    request("tags.list", "", "", keep(tags_), nullptr, false);
    request("lost_reasons.list", "", "", keep(lost_reasons_), nullptr, false);
    request("stages.list", "", "", [this](const HttpResponse& reply) {
        stages_ = named_items(reply);
        won_stages_.clear();
        stage_teams_.clear();
        auto j = json::parse(reply.body, nullptr, false);
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& s : j["items"]) {
                if (!s.is_object() || !s.contains("id") || !s["id"].is_number_integer()) continue;
                const auto id = s["id"].get<std::int64_t>();
                if (s.value("is_won", false)) won_stages_.insert(id);
                if (auto team = lead_list_opt_id(s, "team_id")) stage_teams_[id] = *team;
            }
        order_groups();  // grouped by stage before the stages came: their order now
        relayout();
    }, nullptr, false);
    references_loaded_ = true;
}

void LeadList::load_first(std::size_t keep) {
    ++generation_;
    status_ = ListStatus::loading;
    loading_more_ = false;
    if (grouped()) return load_groups({});
    const int limit = static_cast<int>(std::clamp<std::size_t>(keep, page_size, max_page));
    const std::string q = query_string({{"filter", list_filter(query_)},
                                        {"q", query_.text},
                                        {"active", std::string(list_active(query_))},
                                        {"sort", list_sort(query_)},
                                        {"limit", std::to_string(limit)},
                                        {"total", "true"},
                                        {"fields", row_fields}});
    request("leads.list", q, "", [this](const HttpResponse& reply) {
        rows_.clear();
        next_.clear();
        groups_.clear();
        relayout();
        auto j = json::parse(reply.body, nullptr, false);
        total_ = j.is_object() && j.contains("total") && j["total"].is_number_integer() ? j["total"].get<std::int64_t>() : -1;
        take_page(reply);
        status_ = ListStatus::ready;
    }, [this](const HttpResponse& reply) {
        status_ = ListStatus::failed;
        app_.show_error(problem_message(reply));
    });
}

void LeadList::take_page(const HttpResponse& reply) {
    auto j = json::parse(reply.body, nullptr, false);
    if (!j.is_object()) return;
    if (j.contains("items") && j["items"].is_array())
        for (const auto& item : j["items"])
            if (auto row = list_row_from_json(item)) rows_.push_back(std::move(*row));
    next_ = j.contains("next") && j["next"].is_string() ? j["next"].get<std::string>() : std::string();
    // The count was taken with the first page; rows created meanwhile may come on later pages.
    if (total_ >= 0 && static_cast<std::int64_t>(rows_.size()) > total_) total_ = static_cast<std::int64_t>(rows_.size());
    if (next_.empty()) total_ = static_cast<std::int64_t>(rows_.size());
}

void LeadList::want_rows(std::size_t count) {
    if (status_ != ListStatus::ready || loading_more_ || next_.empty()) return;
    if (count + prefetch <= rows_.size()) return;
    loading_more_ = true;
    // Far behind (the scrollbar was dragged down): bigger pages to get there sooner.
    const int limit = count > rows_.size() + page_size ? max_page : page_size;
    const std::string q = query_string({{"filter", list_filter(query_)},
                                        {"q", query_.text},
                                        {"active", std::string(list_active(query_))},
                                        {"sort", list_sort(query_)},
                                        {"limit", std::to_string(limit)},
                                        {"after", next_},
                                        {"fields", row_fields}});
    request("leads.list", q, "", [this](const HttpResponse& reply) {
        loading_more_ = false;
        take_page(reply);
    }, [this](const HttpResponse& reply) {
        loading_more_ = false;
        app_.show_error(problem_message(reply));
    });
}

Route LeadList::route_for(const LeadListQuery& q) const {
    Route r = Route::leads();
    r.query = format_list_query(q);
    return r;
}

void LeadList::apply(const LeadListQuery& q) { app_.navigate(route_for(q)); }

void LeadList::sort_by(std::string_view field) {
    LeadListQuery q = query_;
    q.toggle_sort(field);
    if (q != query_) apply(q);
}

void LeadList::click_check(std::size_t index, bool shift) {
    if (index >= rows_.size()) return;
    if (shift && anchor_ && *anchor_ < rows_.size()) {
        const bool on = selected(rows_[*anchor_].id);
        const std::size_t lo = std::min(*anchor_, index), hi = std::max(*anchor_, index);
        for (std::size_t i = lo; i <= hi; ++i) {
            if (on) selection_.insert(rows_[i].id);
            else selection_.erase(rows_[i].id);
        }
    } else {
        const std::int64_t id = rows_[index].id;
        if (!selection_.erase(id)) selection_.insert(id);
    }
    anchor_ = index;
}

HeaderCheck LeadList::header_check() const {
    if (selection_.empty()) return HeaderCheck::none;
    std::size_t loaded = 0, loaded_selected = 0;
    for_each_row([&](const ListRow& r) {
        ++loaded;
        loaded_selected += selected(r.id) ? 1 : 0;
    });
    if (loaded == 0) return HeaderCheck::none;
    return loaded_selected == loaded ? HeaderCheck::all : HeaderCheck::some;
}

void LeadList::toggle_all() {
    if (header_check() == HeaderCheck::all) selection_.clear();
    else
        for_each_row([this](const ListRow& r) { selection_.insert(r.id); });
    anchor_.reset();
    group_anchor_.reset();
}

void LeadList::clear_selection() {
    selection_.clear();
    anchor_.reset();
    group_anchor_.reset();
}

void LeadList::bulk(const std::string& action, json params) {
    if (selection_.empty() || busy_) return;
    json body = std::move(params);
    body["ids"] = json(std::vector<std::int64_t>(selection_.begin(), selection_.end()));
    body["action"] = action;
    busy_ = true;
    failed_.clear();
    notice_ = {};
    app_.dismiss_banner();
    request("leads.bulk", "", body.dump(), [this](const HttpResponse& reply) {
        busy_ = false;
        auto j = json::parse(reply.body, nullptr, false);
        const auto n = j.is_object() ? j.value("updated", std::int64_t{0}) : 0;
        notice_ = Message::from_key("list.bulk_done", {{"count", std::to_string(n)}});
        clear_selection();
        reload();
    }, [this](const HttpResponse& reply) {
        busy_ = false;
        // 422 with details.ids: those leads cannot take the action (nothing changed); name them in the banner
        // and mark their rows, keeping the selection so the user can untick them and try again.
        auto j = json::parse(reply.body, nullptr, false);
        const json* details = nullptr;
        if (reply.status == 422 && j.is_object() && j.contains("error") && j["error"].is_object() &&
            j["error"].contains("details") && j["error"]["details"].is_object())
            details = &j["error"]["details"];
        if (!details || !details->contains("ids") || !(*details)["ids"].is_array()) {
            app_.show_error(problem_message(reply));
            return;
        }
        std::string names;
        for (const auto& id : (*details)["ids"]) {
            if (!id.is_number_integer()) continue;
            const auto v = id.get<std::int64_t>();
            failed_.insert(v);
            std::string why;
            if (details->contains("errors") && (*details)["errors"].is_array())
                for (const auto& e : (*details)["errors"])
                    if (e.is_object() && e.value("id", std::int64_t{0}) == v) why = str(e, "message");
            std::string name = "#" + std::to_string(v);
            for_each_row([&](const ListRow& r) {
                if (r.id == v && !r.name.empty()) name = r.name;
            });
            if (!names.empty()) names += "; ";
            names += name + (why.empty() ? "" : " — " + why);
        }
        app_.show_error(Message::from_key("list.bulk_failed", {{"count", std::to_string(failed_.size())}, {"leads", names}}));
    });
}

void LeadList::assign_user(std::optional<std::int64_t> user_id) {
    bulk("assign", {{"user_id", user_id ? json(*user_id) : json(nullptr)}});
}
void LeadList::assign_team(std::int64_t team_id) { bulk("assign", {{"team_id", team_id}}); }
void LeadList::add_tag(std::int64_t tag_id) { bulk("add_tag", {{"tag_id", tag_id}}); }
void LeadList::set_stage(std::int64_t stage_id) { bulk("set_stage", {{"stage_id", stage_id}}); }
void LeadList::mark_lost(std::optional<std::int64_t> reason_id, const std::string& note) {
    json p = json::object();
    if (reason_id) p["lost_reason_id"] = *reason_id;
    if (!note.empty()) p["note"] = note;
    bulk("lost", std::move(p));
}
void LeadList::archive() { bulk("archive", json::object()); }
void LeadList::restore() { bulk("restore", json::object()); }

void LeadList::merge() {
    if (selection_.size() < 2 || busy_) return;
    busy_ = true;
    failed_.clear();
    notice_ = {};
    app_.dismiss_banner();
    const json body = {{"ids", std::vector<std::int64_t>(selection_.begin(), selection_.end())}};
    request("leads.merge", "", body.dump(), [this](const HttpResponse& reply) {
        busy_ = false;
        auto j = json::parse(reply.body, nullptr, false);
        clear_selection();
        if (j.is_object() && j.contains("id") && j["id"].is_number_integer()) {
            has_wanted_ = false;  // the list changed: load it again when the user comes back
            app_.navigate(Route::lead(j["id"].get<std::int64_t>()));
        } else {
            reload();
        }
    }, [this](const HttpResponse& reply) {
        busy_ = false;
        app_.show_error(problem_message(reply));
    });
}

std::string LeadList::export_url(std::string_view format) const {
    const std::string_view endpoint = format == "xlsx" ? "leads.export_xlsx" : "leads.export_csv";
    const api::Endpoint* e = api::find_endpoint(endpoint);
    std::string path = e ? std::string(e->path) : std::string();
    const std::string q = query_string({{"filter", list_filter(query_)},
                                        {"q", query_.text},
                                        {"active", std::string(list_active(query_))},
                                        {"sort", list_sort(query_)},
                                        {"fields", lead_list_export_fields},
                                        {"header", std::string(i18n::code(app_.language()))}});
    return q.empty() ? path : path + "?" + q;
}

void LeadList::export_file(std::string_view format) {
    if (exporting_) return;
    exporting_ = true;
    notice_ = Message::from_key("list.export_started");
    // Fetched here rather than followed as a link, so a refused export shows in the banner instead of being
    // saved as a file holding an error.
    const bool xlsx = format == "xlsx";
    const std::string url = export_url(format);
    const auto q = url.find('?');
    request(xlsx ? "leads.export_xlsx" : "leads.export_csv", q == std::string::npos ? "" : url.substr(q + 1), "",
        [this, xlsx](const HttpResponse& reply) {
            exporting_ = false;
            notice_ = Message::from_key("list.export_done");
            app_.host().save_file(xlsx ? "leads.xlsx" : "leads.csv",
                                  xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                                       : "text/csv;charset=utf-8",
                                  reply.body);
        },
        [this](const HttpResponse& reply) {
            exporting_ = false;
            notice_ = {};
            app_.show_error(problem_message(reply));
        }, false);
}

std::string LeadList::user_name(std::optional<std::int64_t> id) const { return name_of(users_, id); }
std::string LeadList::team_name(std::optional<std::int64_t> id) const { return name_of(teams_, id); }
std::string LeadList::stage_name(std::optional<std::int64_t> id) const { return name_of(stages_, id); }
bool LeadList::stage_won(std::optional<std::int64_t> id) const { return id && won_stages_.count(*id) > 0; }

}  // namespace tumen::client
