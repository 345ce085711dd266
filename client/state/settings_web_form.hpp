// Settings › Website form (administrators): switch the public contact form on, choose the team and salesperson of
// its leads, the sites allowed to post with JavaScript (one origin a line), the thank-you page and the rate limit;
// the embed snippet to copy and the web_form channel's counters (received, leads, rejected, spam, throttled).
#pragma once
#include <cstdint>
#include <string>

#include "message.hpp"
#include "settings_io.hpp"

namespace tumen::client {

struct WebFormEdit {
    bool enabled = false;
    std::int64_t team_id = 0;  // 0 = none
    std::int64_t user_id = 0;  // 0 = nobody (unassigned)
    std::string origins;       // one origin a line, as typed
    std::string thank_you_url;
    std::string rate_limit = "10";
    std::int64_t version = 0;
};

struct WebFormCounters {
    std::int64_t received = 0, created = 0, rejected = 0, spam = 0, throttled = 0;
    std::string state, last_error;
    bool in_error() const { return state == "error"; }
};

class WebFormAdmin {
public:
    explicit WebFormAdmin(SettingsIo& io) : io_(io) {}

    void ensure_loaded();
    void reload();
    void reset();

    WebFormEdit form;
    bool loaded() const { return loaded_; }
    bool saving() const { return saving_; }
    void save();
    const WebFormCounters& counters() const { return counters_; }

    // From the server (which knows the address it is reached at): the form page and what a site owner pastes.
    const std::string& form_url() const { return form_url_; }
    const std::string& snippet() const { return snippet_; }

    const FieldMessages& errors() const { return errors_; }
    const Message* error(const std::string& field) const;
    const Message& banner() const { return banner_; }
    const Message& notice() const { return notice_; }
    void set_notice(Message m) { notice_ = std::move(m); }

private:
    void take(const nlohmann::json& j);
    SettingsIo& io_;
    bool requested_ = false, loaded_ = false, saving_ = false;
    WebFormCounters counters_;
    std::string form_url_, snippet_;
    FieldMessages errors_;
    Message banner_, notice_;
};

}  // namespace tumen::client
