#include "contact_search.hpp"

#include <nlohmann/json.hpp>

#include "app_state.hpp"
#include "board_query.hpp"
#include "json_fields.hpp"

namespace tumen::client {

void ContactSearch::update(AppState& app) {
    if (has_asked_ && asked_ == text) return;
    asked_ = text;
    has_asked_ = true;
    searching_ = true;
    const auto& s = app.session();
    HttpRequest r = api_request("contacts.list", "", app.language(), s ? s->csrf_token : std::string());
    r.path += "?" + query_string({{"q", text},
                                  {"filter", companies_only_ ? "is_company = true" : ""},
                                  {"sort", "name asc"},
                                  {"limit", std::to_string(max_hits + 1)}});
    app.transport().send(std::move(r), [this, &app, asked = text](const HttpResponse& reply) {
        if (asked != asked_) return;  // the user typed on since
        searching_ = false;
        if (reply.status == 401) return app.session_expired();
        if (!reply.ok()) return app.show_error(problem_message(reply));
        hits_.clear();
        auto j = nlohmann::json::parse(reply.body, nullptr, false);
        if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return;
        for (const auto& it : j["items"]) {
            auto id = opt_int(it, "id");
            if (!id || *id == exclude || static_cast<int>(hits_.size()) >= max_hits) continue;
            hits_.push_back({*id, str(it, "name"), it.value("is_company", false)});
        }
    });
}

}  // namespace tumen::client
