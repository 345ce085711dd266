#include "services/saved_search_service.hpp"

#include "services/auth_service.hpp"  // unix_now
#include "services/record_support.hpp"
#include "tumen/datetime.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

namespace {

constexpr const char* saved_search_what = "saved search";
constexpr std::size_t max_name = 120;    // characters
constexpr std::size_t max_query = 4000;  // bytes: the address's query string

bool saved_search_internal(const Caller& caller) { return caller.user_id > 0 && !caller.is_kiosk() && caller.role != "portal"; }

Error not_for_portal() {
    return Error::make(ErrorCode::forbidden, "Saved searches are for internal users only");
}

// Reads the writable fields present in `body` into `s`; every problem names its field.
void apply_fields(const nlohmann::json& body, store::SavedSearch& s, FieldErrors& fe) {
    if (body.contains("name")) {
        const auto& v = body["name"];
        if (!v.is_string()) fe.add("name", "must be text", "error.invalid");
        else {
            std::string name(text::trim(v.get_ref<const std::string&>()));
            if (name.empty()) fe.add("name", "is required", "error.required");
            else if (!utf8::is_valid(name) || utf8::length(name) > max_name)
                fe.add("name", "must be at most 120 characters of text", "error.invalid");
            else s.name = std::move(name);
        }
    }
    if (body.contains("query")) {
        const auto& v = body["query"];
        if (!v.is_string()) fe.add("query", "must be text (the view's query string)", "error.invalid");
        else if (v.get_ref<const std::string&>().size() > max_query) fe.add("query", "must be at most 4000 bytes", "error.invalid");
        else s.query = v.get<std::string>();
    }
    for (const char* flag : {"shared", "default"}) {
        if (!body.contains(flag)) continue;
        if (!body[flag].is_boolean()) {
            fe.add(flag, "must be true or false", "error.invalid");
            continue;
        }
        (std::string_view(flag) == "shared" ? s.shared : s.is_default) = body[flag].get<bool>();
    }
}

}  // namespace

nlohmann::json saved_search_json(const store::SavedSearch& s, int64_t caller_id) {
    return {{"id", s.id},           {"user_id", s.user_id},   {"view", s.view},
            {"name", s.name},       {"query", s.query},       {"shared", s.shared},
            {"default", s.is_default}, {"own", s.user_id == caller_id},
            {"create_date", format_timestamp(s.create_date)}, {"write_date", format_timestamp(s.write_date)}};
}

Result<std::vector<nlohmann::json>> SavedSearchService::list(const Caller& caller, const std::string& view) {
    if (!saved_search_internal(caller)) return not_for_portal();
    if (!view.empty() && view != "list" && view != "board")
        return Error::make(ErrorCode::bad_request, "view must be list or board", "view");
    std::vector<nlohmann::json> out;
    for (const auto& s : store::list_saved_searches(db_.reader(), caller.user_id, view))
        out.push_back(saved_search_json(s, caller.user_id));
    return out;
}

Result<nlohmann::json> SavedSearchService::create(const Caller& caller, const nlohmann::json& body) {
    if (!saved_search_internal(caller)) return not_for_portal();
    if (!body.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    store::SavedSearch s;
    FieldErrors fe;
    if (!body.contains("name")) fe.add("name", "is required", "error.required");
    if (!body.contains("view")) fe.add("view", "is required", "error.required");
    else if (!body["view"].is_string() || (body["view"] != "list" && body["view"] != "board"))
        fe.add("view", "must be list or board", "error.invalid");
    else s.view = body["view"].get<std::string>();
    apply_fields(body, s, fe);
    for (const auto& [key, value] : body.items())
        if (key != "name" && key != "view" && key != "query" && key != "shared" && key != "default")
            fe.add(key, "is not a field of a saved search", "error.invalid");
    if (!fe.empty()) return fe.to_error();
    s.user_id = caller.user_id;
    s.create_date = s.write_date = unix_now();
    return db_.write([&](store::Connection& c) -> Result<nlohmann::json> {
        store::insert_saved_search(c, s);
        if (s.is_default) store::clear_saved_search_defaults(c, s.user_id, s.view, s.id);
        return saved_search_json(s, caller.user_id);
    });
}

Result<nlohmann::json> SavedSearchService::update(const Caller& caller, int64_t id, const nlohmann::json& patch) {
    if (!saved_search_internal(caller)) return not_for_portal();
    if (!patch.is_object()) return Error::make(ErrorCode::bad_request, "Expected a JSON object");
    return db_.write([&](store::Connection& c) -> Result<nlohmann::json> {
        auto s = store::find_saved_search(c, id);
        // Someone else's private favourite does not exist for this caller.
        if (!s || (s->user_id != caller.user_id && !s->shared && caller.role != "admin")) return record_not_found(saved_search_what, id);
        if (s->user_id != caller.user_id && caller.role != "admin")
            return Error::make(ErrorCode::forbidden, "Only its owner or an administrator can change a shared search");
        FieldErrors fe;
        for (const auto& [key, value] : patch.items())
            if (key != "name" && key != "query" && key != "shared" && key != "default")
                fe.add(key, key == "view" ? "cannot change: save a new search for the other view" : "is not a field of a saved search",
                       "error.invalid");
        apply_fields(patch, *s, fe);
        if (!fe.empty()) return fe.to_error();
        s->write_date = unix_now();
        store::update_saved_search(c, *s);
        if (s->is_default) store::clear_saved_search_defaults(c, s->user_id, s->view, s->id);
        return saved_search_json(*s, caller.user_id);
    });
}

Result<bool> SavedSearchService::remove(const Caller& caller, int64_t id) {
    if (!saved_search_internal(caller)) return not_for_portal();
    return db_.write([&](store::Connection& c) -> Result<bool> {
        auto s = store::find_saved_search(c, id);
        if (!s || (s->user_id != caller.user_id && !s->shared && caller.role != "admin")) return record_not_found(saved_search_what, id);
        if (s->user_id != caller.user_id && caller.role != "admin")
            return Error::make(ErrorCode::forbidden, "Only its owner or an administrator can delete a shared search");
        store::delete_saved_search(c, id);
        return true;
    });
}

}  // namespace tumen::server
