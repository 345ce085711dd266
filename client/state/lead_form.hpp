// The lead form (#/lead/<id>): the record, the user's unsaved edits (lead_draft.hpp), saving with the version
// read, field errors from 422, the 409 "changed by someone else" state, the lifecycle actions (stage, won, lost,
// restore, archive, convert, merge) with their dialogs, and the chatter. Pure C++; the view draws it.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "attachment_shelf.hpp"
#include "lead_draft.hpp"
#include "lead_probability.hpp"
#include "mail_compose.hpp"
#include "mail_status.hpp"
#include "sms_compose.hpp"
#include "message.hpp"
#include "transport.hpp"
#include "tumen/chatter.hpp"
#include "tumen/lead.hpp"
#include "tumen/stage.hpp"

namespace tumen::client {

class AppState;
struct LiveLead;

// One entry of a picker: a team, tag, salesperson, lost reason, UTM value.
struct RefItem {
    std::int64_t id = 0;
    std::string name;
    int color = 0;  // tags
};

// The lists the pickers offer and the chatter names ids with; loaded once per sign-in.
struct LeadReferences {
    bool loaded = false;
    std::vector<Stage> stages;
    std::vector<RefItem> teams, tags, lost_reasons, users, sources, mediums, campaigns;
    // The name of `id` in `list`, or "#id" when the list does not know it (archived, not loaded yet).
    static std::string name_in(const std::vector<RefItem>& list, std::int64_t id);
    std::string stage_name(std::int64_t id) const;
};

// A possible duplicate (GET /leads/{id}/duplicates and the convert proposal).
struct Duplicate {
    std::int64_t id = 0;
    std::string name, type, partner_name, contact_name, email, reason;
    bool strict = false;
    bool checked = false;
};

enum class Dialog { none, lost, convert, merge };

struct LostDialog {
    std::optional<std::int64_t> reason_id;
    std::string note;
};

struct ConvertDialog {
    bool loading = true;
    std::string action = "create";  // "create" a customer, link an "exist"ing contact, or "nothing"
    std::optional<std::int64_t> partner_id;
    std::string partner_name;  // the proposed existing contact, shown next to "link"
    std::optional<std::int64_t> team_id, user_id;
    std::vector<Duplicate> duplicates;
};

struct MergeDialog {
    bool loading = true;
    std::vector<Duplicate> duplicates;
};

class LeadForm {
public:
    explicit LeadForm(AppState& app);

    // Opens lead `id` (loads it, its chatter and the pickers' lists) unless it is the one already open.
    void show(std::int64_t id);
    // Forgets the open lead, so the next show() loads it afresh.
    void close();

    std::int64_t id() const { return id_; }
    bool loading() const { return loading_; }
    const std::optional<Lead>& lead() const { return lead_; }
    const LeadReferences& refs() const { return refs_; }
    // The stages of the lead's pipeline (its team's and the shared ones), in order.
    std::vector<Stage> pipeline() const;
    // won / lost / archived / "" (open): what the header ribbon says.
    std::string status() const;

    // --- editing ---
    std::string& field(const std::string& name) { return draft_[name]; }
    std::string value(const std::string& name) const;
    bool changed(const std::string& name) const;
    bool dirty() const;
    void set_priority(int stars);
    void add_tag(std::int64_t tag_id);
    void remove_tag(std::int64_t tag_id);
    std::vector<std::int64_t> tag_ids() const;
    // The message under a field (local check or the server's 422), or nullptr.
    const Message* field_error(const std::string& name) const;
    void clear_field_error(const std::string& name) { field_errors_.erase(name); }
    // PATCH of the changed fields with the version read. 422 -> field errors; 409 -> conflict(), edits kept.
    void save();
    void discard();
    bool saving() const { return saving_; }
    // Someone else saved the lead since it was read: the form offers reload_current() (the edits are lost then).
    bool conflict() const { return conflict_; }
    void reload_current();
    // Live events (live_form.cpp): the open lead changed elsewhere: reloaded in place without unsaved edits, else
    // the conflict banner ("changed by someone else") and the edits stay; deleted: a notice; new chatter shown.
    void apply_live(const LiveLead& event);
    void live_reload();
    void live_references();  // a tag, stage, team ... changed elsewhere: the open form's pickers load again

    // --- probability (lead_form_probability.cpp): the automatic value and its explanation, reloaded with the lead ---
    const ProbabilityInfo& probability() const { return probability_; }
    // Asks for the explanation unless it was asked for this version of the lead (the view calls it each frame).
    void ensure_probability();
    // Back to the automatic probability (POST .../probability/reset with the version read).
    void reset_probability();

    // --- header actions (all send the version read) ---
    void move_to(std::int64_t stage_id);
    void mark_won();
    void archive();
    void restore();
    bool busy() const { return busy_ || saving_; }

    // --- dialogs ---
    Dialog dialog() const { return dialog_; }
    void close_dialog();
    const Message& dialog_error() const { return dialog_error_; }
    bool dialog_busy() const { return dialog_busy_; }
    void open_lost();
    LostDialog& lost() { return lost_; }
    void submit_lost();
    void open_convert();
    ConvertDialog& convert() { return convert_; }
    void submit_convert();
    void open_merge();
    MergeDialog& merge() { return merge_; }
    void submit_merge();

    // --- chatter ---
    AttachmentShelf& attachments() { return attachments_; }
    const std::vector<ChatterMessage>& messages() const { return messages_; }
    bool more_messages() const { return more_messages_; }
    bool loading_messages() const { return loading_messages_; }
    void load_more_messages();
    std::string note;
    void post_note();
    bool posting_note() const { return posting_note_; }
    const Message& note_error() const { return note_error_; }
    // Display text of a tracked value ("Qualified", "1,500,000 ₮", "40%", "—").
    std::string tracked_value_text(const std::string& field, const nlohmann::json& value) const;
    std::string author_of(const ChatterMessage& m) const;

    // --- e-mail (lead_form_mail.cpp) ---
    // "Send e-mail": the compose dialog, opened on the lead shown.
    MailCompose& compose() { return compose_; }
    const MailCompose& compose() const { return compose_; }
    void open_compose();
    // The delivery state of an e-mail message of the timeline (nullptr for other messages).
    const MailStatus* mail_of(std::int64_t message_id) const;
    // While an e-mail of the timeline is queued or sending, reloads the newest page every `every_ms` (the caller's
    // clock) so its state changes without live updates; nothing is asked once every mail has settled.
    void poll_mail(double now_ms, double every_ms = 3000);
    bool mail_pending() const;  // an e-mail or an SMS of the timeline is still queued or sending

    // --- SMS (lead_form_mail.cpp) ---
    SmsCompose& sms_compose() { return sms_compose_; }
    const SmsCompose& sms_compose() const { return sms_compose_; }
    void open_sms();
    // The delivery state of an SMS message of the timeline (nullptr for other messages).
    const SmsStatus* sms_of(std::int64_t message_id) const;

    // The error banner over the form ("" = none) and what the test interface shows.
    const Message& banner() const { return banner_; }
    void dismiss_banner() { banner_ = {}; }
    nlohmann::json probe() const;

    // How many messages one chatter page holds.
    static constexpr int message_page = 30;

private:
    HttpRequest request(const std::string& method, const std::string& path, std::string body = {}) const;
    // Sends `r`; `done` runs only if the form still shows the same lead (and never after a 401: the session ended).
    void send(HttpRequest r, std::function<void(const HttpResponse&)> done);
    std::string lead_path(const std::string& tail = {}) const;
    void load_lead();
    void load_references();
    void load_messages(bool newer_only);
    // A new version of the lead from the server: unsaved edits are carried over unless `reset_draft`.
    void take(Lead lead, bool reset_draft);
    // The reply of an action that answers with the lead (move, won, lost, restore, archive, convert).
    void lead_action(const std::string& tail, nlohmann::json body, bool in_dialog);
    // A failed reply: field errors, conflict, or banner (`in_dialog`: the dialog's banner).
    void failed(const HttpResponse& reply, bool in_dialog);
    static std::vector<Duplicate> parse_duplicates(const nlohmann::json& items);

    AppState& app_;
    std::int64_t id_ = 0;
    std::uint64_t generation_ = 0;  // bumped by show()/close(): late replies for another lead are dropped
    bool loading_ = false;
    std::optional<Lead> lead_;
    Draft base_, draft_;
    std::map<std::string, Message> field_errors_;
    Message banner_;
    bool saving_ = false, busy_ = false, conflict_ = false;
    LeadReferences refs_;
    AttachmentShelf attachments_;
    bool refs_requested_ = false;
    ProbabilityInfo probability_;
    std::int64_t probability_version_ = -1;  // the lead version the explanation was asked for

    Dialog dialog_ = Dialog::none;
    Message dialog_error_;
    bool dialog_busy_ = false;
    LostDialog lost_;
    ConvertDialog convert_;
    MergeDialog merge_;

    // A chatter message from the server's JSON, its e-mail state noted in mail_.
    std::optional<ChatterMessage> take_message(const nlohmann::json& j);

    std::vector<ChatterMessage> messages_;
    std::map<std::int64_t, MailStatus> mail_;  // by message id
    MailCompose compose_;
    std::map<std::int64_t, SmsStatus> sms_;  // by message id
    SmsCompose sms_compose_;
    double last_mail_poll_ms_ = 0;
    bool polling_mail_ = false;
    bool more_messages_ = false, loading_messages_ = false, posting_note_ = false;
    Message note_error_;
};

}  // namespace tumen::client
