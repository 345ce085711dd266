// A record's chatter as the forms draw it (lead form, contact form): the note composer, and the timeline newest
// first (notes, e-mails and SMS with their delivery state, tracked changes as "Field: old → new") with "load
// older" at the end. What differs per record (who wrote it, how a tracked value reads) comes in a ChatterLook.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "state/app_state.hpp"
#include "ui.hpp"

namespace tumen::app {

struct ChatterLook {
    std::string id;         // widget ids: <id>.message.<n>..., <id>.note, <id>.note.post, <id>.chatter.more
    std::string field_key;  // catalog prefix of tracked field labels ("lead.field.")
    std::function<std::string(const ChatterMessage&)> author;
    std::function<std::string(const std::string& field, const nlohmann::json& value)> value_text;
    std::function<const client::MailStatus*(std::int64_t)> mail;  // optional: e-mail delivery state
    std::function<const client::SmsStatus*(std::int64_t)> sms;    // optional: SMS delivery state
};

// The note field (with its hint and error) and the Post button; returns true when Post was clicked. Buttons may
// follow on the same line (ImGui::SameLine).
bool chatter_composer(client::AppState& app, Ui& ui, const ChatterLook& look, std::string& note,
                      const client::Message& error, bool posting, float width);
// The messages (or "no messages yet" / loading) and "load older"; returns true when "load older" was clicked.
bool chatter_timeline(client::AppState& app, Ui& ui, const ChatterLook& look, const std::vector<ChatterMessage>& messages,
                      bool more, bool loading, float width);

}  // namespace tumen::app
