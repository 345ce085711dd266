// The contacts list and the contact form against a fake server: the search kept in the address (round trip, API
// parameters), keyset paging, "Company, Person" names, the new-contact dialog, saving with the version (422 at the
// field, 409 keeping the edits), a company's people and leads, and the chatter's pages and notes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/shortcuts.hpp"
#include "tumen/route.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* contacts_session_body = R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})";

json person(int64_t id, const std::string& name, std::optional<int64_t> parent = std::nullopt, int64_t version = 3) {
    return {{"id", id},          {"is_company", false}, {"name", name},     {"parent_id", parent ? json(*parent) : json(nullptr)},
            {"email", "bat@gobi.mn"}, {"phone", "+976 9911 2233"}, {"city", "Улаанбаатар"}, {"country", "MN"},
            {"active", true},    {"version", version},  {"opportunity_count", 2}};
}

json company(int64_t id, const std::string& name) {
    json j = person(id, name);
    j["is_company"] = true;
    return j;
}

struct ContactsFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};

    ContactsFixture() {
        host.history = {"#/contacts"};
        app.start("#/contacts", "en-US", "");
        net.answer(200, contacts_session_body);
    }

    // Answers the first pending request whose path starts with `prefix`.
    HttpRequest reply(const std::string& prefix, int status, const json& body) {
        return net.answer_path(prefix, status, body.dump());
    }
    void drain() {
        while (!net.pending.empty()) net.answer(200, R"({"items":[]})");
    }
};

bool has(const HttpRequest& r, const std::string& part) { return r.path.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the contacts search round-trips through the address and becomes the API's parameters") {
    ContactListQuery q;
    q.text = "Болд ХХК";
    q.companies = true;
    q.archived = true;
    q.toggle_sort("city");
    q.toggle_sort("city");  // descending
    const std::string s = format_contact_query(q);
    CHECK(parse_contact_query(s) == q);
    CHECK(contact_filter(q) == "is_company = true");
    CHECK(contact_active(q) == "false");
    CHECK(contact_sort(q) == "city desc");
    q.toggle_sort("city");  // third click: back to the default
    CHECK(contact_sort(q) == "name asc");
    CHECK(format_contact_query(ContactListQuery{}).empty());
    // Unknown chips and sort fields are ignored; both kinds at once means either.
    const auto odd = parse_contact_query("f=people,companies,bogus&sort=password%20asc");
    CHECK(odd == ContactListQuery{});
}

TEST_CASE_FIXTURE(ContactsFixture, "the list asks for the search of the address, pages on, and names people with their company") {
    app.on_url_changed("#/contacts?q=%D0%B1%D0%BE%D0%BB%D0%B4&f=people");
    app.contacts().sync(app.route());
    json items = json::array({person(11, "Бат", 5), company(5, "Говь ХК")});
    auto first = reply("/api/v1/contacts?", 200, {{"items", items}, {"next", "c-2"}, {"total", 450}});
    CHECK(has(first, "q=%D0%B1%D0%BE%D0%BB%D0%B4"));
    CHECK(has(first, "filter=is_company%20%3D%20false"));
    CHECK(has(first, "total=true"));
    CHECK(has(first, "counts=true"));
    CHECK(has(first, "sort=name%20asc"));
    auto& list = app.contacts();
    REQUIRE(list.status() == ListStatus::ready);
    CHECK(list.total() == 450);
    CHECK(list.rows()[0].opportunities == 2);
    // The companies of the rows, in one request.
    auto names = reply("/api/v1/contacts?", 200, {{"items", json::array({company(5, "Говь ХК")})}});
    CHECK(has(names, "filter=id%20in%20%285%29"));
    CHECK(list.display_name(list.rows()[0]) == "Говь ХК, Бат");
    CHECK(list.display_name(list.rows()[1]) == "Говь ХК");
    // Scrolling near the end of what is loaded asks for the next page once.
    list.want_rows(2);
    list.want_rows(2);
    auto next = reply("/api/v1/contacts?", 200, {{"items", json::array({person(12, "Сараа")})}, {"next", nullptr}});
    CHECK(has(next, "after=c-2"));
    CHECK_FALSE(has(next, "total=true"));
    CHECK(net.pending.empty());
    CHECK(list.rows().size() == 3);
    CHECK(list.total() == 3);  // the last page: every row is loaded
    // A chip click is a new address (history entry); reload restores it.
    ContactListQuery q = list.query();
    q.people = false;
    q.companies = true;
    list.apply(q);
    CHECK(host.url() == "#/contacts?q=%D0%B1%D0%BE%D0%BB%D0%B4&f=companies");
}

TEST_CASE_FIXTURE(ContactsFixture, "a failed page is shown, and New contact creates the person and opens the form") {
    app.contacts().sync(app.route());
    reply("/api/v1/contacts?", 500, {{"error", {{"code", "internal"}, {"message", "Disk full"}}}});
    CHECK(app.contacts().status() == ListStatus::failed);
    CHECK(app.last_error() == "Disk full");

    auto& list = app.contacts();
    list.open_new(false);
    list.submit_new();
    CHECK(net.pending.empty());  // no name: nothing sent
    CHECK_FALSE(list.new_dialog().error.empty());
    list.new_dialog().name = "Бат Болд";
    list.new_dialog().parent_id = 5;
    list.submit_new();
    auto post = reply("/api/v1/contacts", 201, person(31, "Бат Болд", 5, 1));
    CHECK(post.method == "POST");
    const auto body = json::parse(post.body);
    CHECK(body["name"] == "Бат Болд");
    CHECK(body["is_company"] == false);
    CHECK(body["parent_id"] == 5);
    CHECK(host.url() == "#/contact/31");
    CHECK_FALSE(list.new_dialog().open);
}

TEST_CASE_FIXTURE(ContactsFixture, "the form saves the changed fields with the version; 422 lands at the field, 409 keeps the edits") {
    app.on_url_changed("#/contact/11");
    auto& form = app.contact_form();
    form.show(11);
    reply("/api/v1/contacts/11", 200, person(11, "Бат", 5));
    drain();  // company name, leads, pickers, chatter
    REQUIRE(form.contact());
    CHECK_FALSE(form.dirty());
    form.field("city") = "Дархан";
    form.field("opt_out") = "1";
    form.save();
    auto patch = reply("/api/v1/contacts/11", 422, {{"error", {{"code", "validation"}, {"message", "1 field is invalid"},
                                                               {"field", "city"},
                                                               {"details", json::array({{{"field", "city"}, {"message", "is too long"}}})}}}});
    CHECK(patch.method == "PATCH");
    const auto sent = json::parse(patch.body);
    CHECK(sent["city"] == "Дархан");
    CHECK(sent["opt_out"] == true);
    CHECK(sent["version"] == 3);
    CHECK_FALSE(sent.contains("name"));
    REQUIRE(form.field_error("city"));
    CHECK(form.field_error("city")->render(i18n::Lang::en) == "is too long");
    CHECK(form.value("city") == "Дархан");

    form.save();
    auto current = person(11, "Бат", 5, 4);
    current["city"] = "Эрдэнэт";
    reply("/api/v1/contacts/11", 409, {{"error", {{"code", "conflict"}, {"message", "changed"}, {"current", current}}}});
    CHECK(form.conflict());
    CHECK(form.value("city") == "Дархан");  // the edits stay
    CHECK(net.pending.empty());              // nothing overwritten
    CHECK(app.last_error().find("Someone else changed") == 0);
    form.reload_current();
    reply("/api/v1/contacts/11", 200, current);
    drain();
    CHECK_FALSE(form.conflict());
    CHECK(form.value("city") == "Эрдэнэт");

    form.field("function") = "Захирал";
    form.save();
    auto saved = current;
    saved["function"] = "Захирал";
    saved["version"] = 5;
    reply("/api/v1/contacts/11", 200, saved);
    CHECK_FALSE(form.dirty());
    CHECK(form.contact()->version == 5);
}

TEST_CASE_FIXTURE(ContactsFixture, "a company's form lists its people and the leads of the company and its people") {
    app.on_url_changed("#/contact/5");
    auto& form = app.contact_form();
    form.show(5);
    reply("/api/v1/contacts/5", 200, company(5, "Говь ХК"));
    auto people = reply("/api/v1/contacts?", 200, {{"items", json::array({person(11, "Бат", 5), person(12, "Сараа", 5)})}});
    CHECK(has(people, "filter=parent_id%20%3D%205"));
    REQUIRE(form.people().size() == 2);
    auto leads = reply("/api/v1/leads?", 200,
                       {{"items", json::array({{{"id", 70}, {"name", "Сервер"}, {"type", "opportunity"}, {"stage_id", 2},
                                                {"expected_revenue", {{"amount", 500000000}, {"currency", "MNT"}}}}})}});
    CHECK(has(leads, "filter=partner_id%20in%20%285%2C%2011%2C%2012%29"));
    REQUIRE(form.leads().size() == 1);
    CHECK(form.leads()[0].opportunity);
    CHECK(form.leads()[0].expected_revenue.amount == 500000000);
    drain();

    // New opportunity: prefilled with the company, then opened.
    form.new_opportunity();
    auto post = reply("/api/v1/leads", 201, {{"id", 71}});
    const auto body = json::parse(post.body);
    CHECK(body["partner_id"] == 5);
    CHECK(body["partner_name"] == "Говь ХК");
    CHECK(body["type"] == "opportunity");
    CHECK(host.url() == "#/lead/71");
}

TEST_CASE_FIXTURE(ContactsFixture, "the contact's chatter pages back and posts notes") {
    app.on_url_changed("#/contact/11");
    auto& form = app.contact_form();
    form.show(11);
    json page = json::array();
    for (int i = 0; i < ChatterFeed::page; ++i)
        page.push_back({{"id", 100 - i}, {"res_model", "contact"}, {"res_id", 11}, {"kind", "note"}, {"body", "n"},
                        {"date", "2026-11-27T10:00:00Z"}});
    auto first = reply("/api/v1/contacts/11/messages", 200, {{"items", page}});
    CHECK(has(first, "limit=30"));
    reply("/api/v1/contacts/11", 200, person(11, "Бат"));
    drain();
    auto& feed = form.chatter();
    REQUIRE(feed.messages().size() == 30);
    CHECK(feed.more());
    feed.load_more();
    auto older = reply("/api/v1/contacts/11/messages", 200, {{"items", json::array()}});
    CHECK(has(older, "before_id=71"));
    CHECK_FALSE(feed.more());
    feed.post_note();
    CHECK(net.pending.empty());  // an empty note is not sent
    CHECK_FALSE(feed.note_error().empty());
    feed.note = "Утсаар ярьсан";
    feed.post_note();
    auto post = reply("/api/v1/contacts/11/messages", 201,
                      {{"id", 101}, {"res_model", "contact"}, {"res_id", 11}, {"kind", "note"}, {"body", "Утсаар ярьсан"},
                       {"date", "2026-11-28T10:00:00Z"}});
    CHECK(post.method == "POST");
    CHECK(feed.messages().front().id == 101);
    CHECK(feed.note.empty());
}

TEST_CASE_FIXTURE(ContactsFixture, "the keyboard moves through the contacts like the leads list: Down/Up (j/k), Enter opens") {
    // The keys reach the list through the shortcut table (contacts scope) and Keyboard::request.
    KeyContext ctx;
    ctx.view = View::contacts;
    KeyPress down;
    down.key = key::down;
    REQUIRE(find_shortcut(down, ctx));
    CHECK(find_shortcut(down, ctx)->action == "row.down");
    KeyPress k;
    k.key = key::letter('k');
    CHECK(find_shortcut(k, ctx)->action == "row.up");
    KeyPress enter;
    enter.key = key::enter;
    CHECK(find_shortcut(enter, ctx)->action == "row.open");
    KeyPress space;
    space.key = key::space;
    CHECK_FALSE(find_shortcut(space, ctx));  // no ticks in this list

    auto& list = app.contacts();
    auto& kb = app.keyboard();
    list.sync(app.route());
    CHECK(list.focused() == -1);
    CHECK_FALSE(list.take_keys(kb));
    reply("/api/v1/contacts?", 200, {{"items", json::array({person(11, "Бат"), person(12, "Сараа"), person(13, "Зул")})}});
    drain();
    REQUIRE(list.rows().size() == 3);
    CHECK(run_command(app, "row.down"));
    CHECK(list.take_keys(kb));
    CHECK(list.focused() == 0);
    for (int i = 0; i < 4; ++i) {
        kb.request = "row.down";
        list.take_keys(kb);
    }
    CHECK(list.focused() == 2);  // stays on the last row
    kb.request = "row.up";
    list.take_keys(kb);
    CHECK(list.focused() == 1);
    CHECK(kb.request.empty());  // taken
    kb.request = "row.open";
    CHECK_FALSE(list.take_keys(kb));  // opening is no move
    CHECK(app.route() == Route::contact(12));
    CHECK(host.url() == "#/contact/12");

    // Back on the list with another search: no row focused, Up starts at the last row.
    app.navigate(Route::contacts());
    ContactListQuery q;
    q.text = "з";
    list.apply(q);
    list.sync(app.route());
    CHECK(list.focused() == -1);
    reply("/api/v1/contacts?", 200, {{"items", json::array({person(13, "Зул"), person(14, "Зоригт")})}});
    drain();
    kb.request = "row.up";
    list.take_keys(kb);
    CHECK(list.focused() == 1);
}
