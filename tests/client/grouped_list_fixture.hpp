// What the grouped leads-list tests share (lead_list_groups_test, lead_list_nested_test): a signed-in salesperson on
// #/leads, the list's lookups answered (stages New 10 and Won 20, in the pipeline's order Won-first on the wire),
// and builders for the /leads and /leads/groups replies.
#pragma once
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "tumen/route.hpp"

namespace tumen::client::testing {

// A page of `count` leads counting down from id `first` in `stage`; `next` empty ends the list.
inline nlohmann::json grouped_list_rows(int64_t first, int count, int64_t stage, const std::string& next) {
    nlohmann::json items = nlohmann::json::array();
    for (int i = 0; i < count; ++i)
        items.push_back({{"id", first - i},    {"version", 1},        {"name", "Сэжим " + std::to_string(first - i)},
                         {"user_id", 7},       {"stage_id", stage},   {"expected_revenue", {{"amount", 100000}, {"currency", "MNT"}}},
                         {"probability", 20},  {"active", true}});
    return {{"items", items}, {"next", next.empty() ? nlohmann::json(nullptr) : nlohmann::json(next)}};
}

inline nlohmann::json grouped_list_group(nlohmann::json key, int64_t count, int64_t expected, int64_t weighted) {
    return {{"key", key},
            {"count", count},
            {"sums", nlohmann::json::array({{{"currency", "MNT"}, {"expected_revenue", expected}, {"weighted_revenue", weighted}}})},
            {"items", nlohmann::json::array()},
            {"next", nullptr}};
}

// A query parameter of a request the list sent.
inline std::string grouped_list_param(const HttpRequest& r, const std::string& key) {
    const auto q = r.path.find('?');
    return q == std::string::npos ? std::string() : query_value(std::string_view(r.path).substr(q + 1), key);
}

struct GroupedListFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    GroupedListFixture() {
        host.history = {"#/leads"};
        app.start("#/leads", "en-US", "");
        net.answer(200, R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})");
    }

    HttpRequest reply(const std::string& prefix, int status, const nlohmann::json& body) {
        return net.answer_path(prefix, status, body.dump());
    }

    // Goes to `hash` and answers the list's lookups: the salespeople `users`, no teams, tags or lost reasons.
    void open_with_lookups(const std::string& hash, const nlohmann::json& users) {
        app.on_url_changed(hash);
        app.list().sync(app.route());
        reply("/api/v1/users/directory", 200, {{"items", users}});
        reply("/api/v1/teams", 200, {{"items", nlohmann::json::array()}});
        reply("/api/v1/tags", 200, {{"items", nlohmann::json::array()}});
        reply("/api/v1/lost-reasons", 200, {{"items", nlohmann::json::array()}});
        reply("/api/v1/stages", 200, {{"items", nlohmann::json::array({{{"id", 20}, {"name", "Won"}, {"is_won", true}},
                                                                       {{"id", 10}, {"name", "New"}, {"is_won", false}}})}});
    }
};

}  // namespace tumen::client::testing
