// The contact form (#/contact/<id>): the record, the user's unsaved edits (contact_draft.hpp), saving with the
// version read (422 -> the error under the field the server names; 409 -> the edits stay and reload is offered),
// the company picker, a company's people, the contact's leads and opportunities ("New opportunity" prefilled
// with the contact), archive / unarchive, delete (managers), and the chatter (chatter_feed.hpp). Pure C++.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "attachment_shelf.hpp"
#include "chatter_feed.hpp"
#include "contact_draft.hpp"
#include "contact_list.hpp"
#include "contact_search.hpp"
#include "lead_form.hpp"
#include "message.hpp"
#include "transport.hpp"
#include "tumen/contact.hpp"
#include "tumen/money.hpp"

namespace tumen::client {

class AppState;

// A lead or opportunity of the contact, as its block lists it.
struct ContactLead {
    std::int64_t id = 0;
    std::string name;
    bool opportunity = false;
    std::optional<std::int64_t> stage_id;
    Money expected_revenue;
    double probability = 0;
};

class ContactForm {
public:
    explicit ContactForm(AppState& app);

    // Opens contact `id` (the record, its company's name, its people, leads, chatter) unless it is open already.
    void show(std::int64_t id);
    void close();

    std::int64_t id() const { return id_; }
    bool loading() const { return loading_; }
    const std::optional<Contact>& contact() const { return contact_; }

    // --- editing ---
    std::string& field(const std::string& name) { return draft_[name]; }
    std::string value(const std::string& name) const;
    bool changed(const std::string& name) const;
    bool dirty() const;
    const Message* field_error(const std::string& name) const;
    void clear_field_error(const std::string& name) { field_errors_.erase(name); }
    void save();
    void discard();
    bool saving() const { return saving_; }
    bool conflict() const { return conflict_; }
    void reload_current();
    // A live event about a contact (entity "contact"): the open one reloads in place, its chatter or its files;
    // with unsaved edits it only says that someone else changed it.
    void apply_live(std::int64_t id, const std::string& action, std::optional<std::int64_t> version);
    bool busy() const { return saving_ || busy_; }

    // The company (parent) picker: the name of the chosen company, the search, and the choice.
    ContactSearch& parent_search() { return parent_search_; }
    std::string parent_name() const;
    void set_parent(std::optional<std::int64_t> id, const std::string& name);

    // Contact types and salespeople for the pickers.
    const std::vector<RefItem>& categories() const { return categories_; }
    const std::vector<RefItem>& users() const { return users_; }
    std::vector<std::int64_t> category_ids() const;
    void toggle_category(std::int64_t id);
    std::string stage_name(std::optional<std::int64_t> id) const;

    // A company's people (active), by name.
    const std::vector<ContactRow>& people() const { return people_; }
    // The leads and opportunities of the contact (a company's: its people's too), newest first.
    const std::vector<ContactLead>& leads() const { return leads_; }
    bool leads_loaded() const { return leads_loaded_; }
    // Creates an opportunity for this contact and opens it.
    void new_opportunity();
    // Opens the "New contact" dialog of the list for a person of this company.
    void new_person();

    void archive();
    void unarchive();
    // Deletes the contact (managers; the server refuses others) and goes back to the list.
    void remove();

    ChatterFeed& chatter() { return chatter_; }
    AttachmentShelf& attachments() { return attachments_; }
    const ChatterFeed& chatter() const { return chatter_; }
    std::string author_of(const ChatterMessage& m) const;
    std::string tracked_value_text(const std::string& field, const nlohmann::json& value) const;

    const Message& banner() const { return banner_; }
    void dismiss_banner() { banner_ = {}; }

private:
    HttpRequest request(const std::string& method, const std::string& path, std::string body = {}) const;
    void send(HttpRequest r, std::function<void(const HttpResponse&)> done);
    std::string path(const std::string& tail = {}) const;
    void load_contact();
    void load_references();
    void load_related();
    void load_leads(const std::vector<std::int64_t>& ids);
    void take(Contact c, bool reset_draft);
    void set_active(bool active);
    void failed(const HttpResponse& reply);

    AppState& app_;
    std::int64_t id_ = 0;
    std::uint64_t generation_ = 0;
    bool loading_ = false;
    std::optional<Contact> contact_;
    Draft base_, draft_;
    std::map<std::string, Message> field_errors_;
    Message banner_;
    bool saving_ = false, busy_ = false, conflict_ = false;
    ContactSearch parent_search_{true};
    std::map<std::int64_t, std::string> names_;  // contact ids -> names (the company)
    std::vector<RefItem> categories_, users_, stages_;
    bool refs_requested_ = false;
    std::vector<ContactRow> people_;
    std::vector<ContactLead> leads_;
    bool leads_loaded_ = false;
    ChatterFeed chatter_;
    AttachmentShelf attachments_;
};

}  // namespace tumen::client
