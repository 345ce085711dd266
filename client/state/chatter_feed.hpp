// A record's chatter as any form shows it: the timeline newest first in pages (GET <record>/messages?limit&before_id),
// "load older", and the note composer (POST <record>/messages). The form gives the record's path and how to send
// (its own request guard), so a reply about a record no longer shown is dropped by the form.
// (The lead form keeps its own copy for now: its timeline also tracks e-mail and SMS delivery.)
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "message.hpp"
#include "transport.hpp"
#include "tumen/chatter.hpp"

namespace tumen::client {

class ChatterFeed {
public:
    static constexpr int page = 30;
    using Done = std::function<void(const HttpResponse&)>;
    using Send = std::function<void(const std::string& method, const std::string& path, std::string body, Done done)>;

    // Shows the chatter of the record at `record_path` ("/api/v1/contacts/5"): loads its newest page. A page that
    // cannot be read goes to `on_fail` (the form's banner).
    void open(std::string record_path, Send send, Done on_fail);
    void close();
    // The newest page again (after a save that tracked changes).
    void refresh();

    const std::vector<ChatterMessage>& messages() const { return messages_; }
    bool more() const { return more_; }
    bool loading() const { return loading_; }
    void load_more();

    std::string note;
    void post_note();
    bool posting() const { return posting_; }
    const Message& note_error() const { return note_error_; }

private:
    void load_page(bool older);

    std::string path_;
    Send send_;
    Done on_fail_;
    std::vector<ChatterMessage> messages_;
    bool more_ = false, loading_ = false, posting_ = false;
    Message note_error_;
};

}  // namespace tumen::client
