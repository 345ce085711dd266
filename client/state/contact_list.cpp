#include "contact_list.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "api_io.hpp"
#include "app_state.hpp"
#include "board_query.hpp"
#include "command_palette.hpp"
#include "json_fields.hpp"
#include "list_focus.hpp"
#include "tumen/api.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

// The export holds the list's columns (and imports back without a mapping).
constexpr const char* contact_list_export_fields = "name,is_company,parent_name,function,email,phone,mobile,street,city,zip,country";

}  // namespace

std::optional<ContactRow> contact_row_from_json(const json& j) {
    if (!j.is_object() || !opt_int(j, "id")) return std::nullopt;
    ContactRow r;
    r.id = *opt_int(j, "id");
    r.is_company = j.value("is_company", false);
    r.name = str(j, "name");
    r.parent_id = opt_int(j, "parent_id");
    r.function = str(j, "function");
    r.email = str(j, "email");
    r.phone = str(j, "phone");
    if (r.phone.empty()) r.phone = str(j, "mobile");
    r.city = str(j, "city");
    r.country = str(j, "country");
    r.opportunities = opt_int(j, "opportunity_count").value_or(0);
    if (j.contains("active") && j["active"].is_boolean()) r.active = j["active"].get<bool>();
    return r;
}

std::string contact_display_name(const std::string& name, const std::string& company) {
    return company.empty() ? name : company + ", " + name;
}

ContactList::ContactList(AppState& app) : app_(app) {}

void ContactList::sync(const Route& route) {
    const auto& s = app_.session();
    if (!s) return;
    if (has_wanted_ && wanted_ == route.query && wanted_user_ == s->user.id) return;
    wanted_ = route.query;
    wanted_user_ = s->user.id;
    has_wanted_ = true;
    query_ = parse_contact_query(route.query);
    notice_ = {};
    focused_ = -1;  // the keyboard's row belonged to the old rows
    load_first(0);
}

bool ContactList::take_keys(Keyboard& kb) {
    const int loaded = static_cast<int>(rows_.size());
    const int delta = kb.take("row.down") ? 1 : kb.take("row.up") ? -1 : 0;
    if (delta != 0) focused_ = move_focus(focused_, delta, loaded);
    if (kb.take("row.open") && focused_ >= 0 && focused_ < loaded)
        app_.navigate(Route::contact(rows_[static_cast<size_t>(focused_)].id));
    return delta != 0;
}

void ContactList::reload() { load_first(rows_.size()); }

void ContactList::request(std::string_view endpoint, std::string query, std::string body,
                          std::function<void(const HttpResponse&)> on_ok,
                          std::function<void(const HttpResponse&)> on_fail, bool gated) {
    const auto& s = app_.session();
    HttpRequest r = api_request(endpoint, std::move(body), app_.language(), s ? s->csrf_token : std::string());
    if (!query.empty()) r.path += "?" + query;
    app_.transport().send(std::move(r), [this, gated, gen = generation_, on_ok = std::move(on_ok),
                                         on_fail = std::move(on_fail)](const HttpResponse& reply) {
        if (reply.status == 401) return app_.session_expired();
        if (gated && gen != generation_) return;  // an answer about an earlier search
        if (reply.ok()) on_ok(reply);
        else if (on_fail) on_fail(reply);
        else app_.show_error(problem_message(reply));
    });
}

std::string ContactList::api_query(int limit, const std::string& after, bool first) const {
    return query_string({{"filter", contact_filter(query_)},
                         {"q", query_.text},
                         {"active", std::string(contact_active(query_))},
                         {"sort", contact_sort(query_)},
                         {"limit", std::to_string(limit)},
                         {"after", after},
                         {"total", first ? "true" : ""},
                         {"counts", "true"}});
}

void ContactList::load_first(std::size_t keep) {
    ++generation_;
    status_ = ListStatus::loading;
    loading_more_ = false;
    const int limit = static_cast<int>(std::clamp<std::size_t>(keep, page_size, max_page));
    request("contacts.list", api_query(limit, "", true), "", [this](const HttpResponse& reply) {
        rows_.clear();
        next_.clear();
        auto j = json::parse(reply.body, nullptr, false);
        total_ = j.is_object() ? opt_int(j, "total").value_or(-1) : -1;
        take_page(reply);
        status_ = ListStatus::ready;
    }, [this](const HttpResponse& reply) {
        status_ = ListStatus::failed;
        app_.show_error(problem_message(reply));
    });
}

void ContactList::take_page(const HttpResponse& reply) {
    auto j = json::parse(reply.body, nullptr, false);
    if (!j.is_object()) return;
    if (j.contains("items") && j["items"].is_array())
        for (const auto& item : j["items"])
            if (auto row = contact_row_from_json(item)) rows_.push_back(std::move(*row));
    next_ = str(j, "next");
    if (total_ >= 0 && static_cast<std::int64_t>(rows_.size()) > total_) total_ = static_cast<std::int64_t>(rows_.size());
    if (next_.empty()) total_ = static_cast<std::int64_t>(rows_.size());
    load_company_names();
}

// The companies of the people on the rows, in one request (ids not asked before).
void ContactList::load_company_names() {
    std::vector<std::int64_t> ids;
    for (const auto& r : rows_)
        if (r.parent_id && !names_asked_.count(*r.parent_id)) {
            names_asked_.insert(*r.parent_id);
            ids.push_back(*r.parent_id);
        }
    if (ids.empty()) return;
    std::string in;
    for (auto id : ids) in += (in.empty() ? "" : ", ") + std::to_string(id);
    const std::string q = query_string({{"filter", "id in (" + in + ")"},
                                        {"active", "all"},
                                        {"limit", std::to_string(std::min<std::size_t>(ids.size(), max_page))}});
    request("contacts.list", q, "", [this](const HttpResponse& reply) {
        auto j = json::parse(reply.body, nullptr, false);
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& it : j["items"])
                if (auto id = opt_int(it, "id")) company_names_[*id] = str(it, "name");
    }, nullptr, false);
}

std::string ContactList::display_name(const ContactRow& r) const {
    if (!r.parent_id) return r.name;
    auto it = company_names_.find(*r.parent_id);
    return contact_display_name(r.name, it == company_names_.end() ? std::string() : it->second);
}

void ContactList::want_rows(std::size_t count) {
    if (status_ != ListStatus::ready || loading_more_ || next_.empty()) return;
    if (count + prefetch <= rows_.size()) return;
    loading_more_ = true;
    const int limit = count > rows_.size() + page_size ? max_page : page_size;
    request("contacts.list", api_query(limit, next_, false), "", [this](const HttpResponse& reply) {
        loading_more_ = false;
        take_page(reply);
    }, [this](const HttpResponse& reply) {
        loading_more_ = false;
        app_.show_error(problem_message(reply));
    });
}

Route ContactList::route_for(const ContactListQuery& q) const {
    Route r = Route::contacts();
    r.query = format_contact_query(q);
    return r;
}

void ContactList::apply(const ContactListQuery& q) { app_.navigate(route_for(q)); }

void ContactList::sort_by(std::string_view field) {
    ContactListQuery q = query_;
    q.toggle_sort(field);
    if (q != query_) apply(q);
}

std::string ContactList::export_url(std::string_view format) const {
    const api::Endpoint* e = api::find_endpoint(format == "xlsx" ? "contacts.export_xlsx" : "contacts.export_csv");
    std::string path = e ? std::string(e->path) : std::string();
    const std::string q = query_string({{"filter", contact_filter(query_)},
                                        {"q", query_.text},
                                        {"active", std::string(contact_active(query_))},
                                        {"sort", contact_sort(query_)},
                                        {"fields", contact_list_export_fields},
                                        {"header", std::string(i18n::code(app_.language()))}});
    return q.empty() ? path : path + "?" + q;
}

void ContactList::export_file(std::string_view format) {
    if (exporting_) return;
    exporting_ = true;
    notice_ = Message::from_key("list.export_started");
    const bool xlsx = format == "xlsx";
    const std::string url = export_url(format);
    const auto q = url.find('?');
    request(xlsx ? "contacts.export_xlsx" : "contacts.export_csv", q == std::string::npos ? "" : url.substr(q + 1), "",
        [this, xlsx](const HttpResponse& reply) {
            exporting_ = false;
            notice_ = Message::from_key("list.export_done");
            app_.host().save_file(xlsx ? "contacts.xlsx" : "contacts.csv",
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

void ContactList::open_new(bool is_company) {
    new_ = NewContactDialog{};
    new_.open = true;
    new_.is_company = is_company;
}

void ContactList::submit_new() {
    if (new_.busy) return;
    if (new_.name.find_first_not_of(" \t") == std::string::npos) {
        new_.error = Message::from_key("contact.name_required", {}, "name");
        return;
    }
    json body = {{"name", new_.name}, {"is_company", new_.is_company}};
    if (!new_.is_company && new_.parent_id) body["parent_id"] = *new_.parent_id;
    new_.busy = true;
    new_.error = {};
    request("contacts.create", "", body.dump(), [this](const HttpResponse& reply) {
        new_.busy = false;
        auto j = json::parse(reply.body, nullptr, false);
        const auto id = j.is_object() ? opt_int(j, "id") : std::nullopt;
        if (!id) {
            new_.error = Message::from_key("error.bad_response");
            return;
        }
        new_ = NewContactDialog{};
        has_wanted_ = false;  // the list has a new row when the user comes back
        app_.navigate(Route::contact(*id));
    }, [this](const HttpResponse& reply) {
        new_.busy = false;
        new_.error = problem_message(reply);
    }, false);
}

}  // namespace tumen::client
