#include "chatter_feed.hpp"

#include <nlohmann/json.hpp>

#include "api_io.hpp"

namespace tumen::client {

void ChatterFeed::open(std::string record_path, Send send, Done on_fail) {
    close();
    path_ = std::move(record_path);
    send_ = std::move(send);
    on_fail_ = std::move(on_fail);
    load_page(false);
}

void ChatterFeed::close() {
    messages_.clear();
    more_ = loading_ = posting_ = false;
    note.clear();
    note_error_ = {};
}

void ChatterFeed::refresh() {
    if (send_) load_page(false);
}

void ChatterFeed::load_more() {
    if (loading_ || !more_ || messages_.empty()) return;
    load_page(true);
}

void ChatterFeed::load_page(bool older) {
    loading_ = true;
    std::string q = "/messages?limit=" + std::to_string(page);
    if (older) q += "&before_id=" + std::to_string(messages_.back().id);
    send_("GET", path_ + q, "", [this, older](const HttpResponse& reply) {
        loading_ = false;
        if (!reply.ok()) {
            if (on_fail_) on_fail_(reply);
            return;
        }
        auto j = nlohmann::json::parse(reply.body, nullptr, false);
        std::vector<ChatterMessage> got;
        int n = 0;
        if (j.is_object() && j.contains("items") && j["items"].is_array())
            for (const auto& it : j["items"]) {
                ++n;
                if (auto m = chatter_message_from_json(it)) got.push_back(std::move(m).value());
            }
        more_ = n == page;
        if (!older) messages_.clear();
        messages_.insert(messages_.end(), got.begin(), got.end());
    });
}

void ChatterFeed::post_note() {
    if (posting_ || !send_) return;
    if (note.find_first_not_of(" \t\r\n") == std::string::npos) {
        note_error_ = Message::from_key("lead.chatter.empty_note");
        return;
    }
    note_error_ = {};
    posting_ = true;
    send_("POST", path_ + "/messages", nlohmann::json{{"body", note}}.dump(), [this](const HttpResponse& reply) {
        posting_ = false;
        if (!reply.ok()) {
            note_error_ = problem_message(reply);
            return;
        }
        note.clear();
        if (auto m = chatter_message_from_json(nlohmann::json::parse(reply.body, nullptr, false)))
            messages_.insert(messages_.begin(), std::move(m).value());
        else load_page(false);
    });
}

}  // namespace tumen::client
