// Live updates in the view models, with a fake event channel: the stream opens on sign-in and closes on sign-out,
// reconnects with doubling backoff and ?last_event_id=, and its events move, add and remove board cards in place,
// refresh list rows, and reload an open lead form, or, when it holds unsaved edits, show "changed elsewhere"
// without touching them.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

class FakeChannel : public LiveChannel {
public:
    void open(const std::string& url, StreamHandlers h) override {
        urls.push_back(url);
        handlers = std::move(h);
        is_open = true;
    }
    void close() override {
        is_open = false;
        ++closes;
    }
    void after(int ms, std::function<void()> fn) override { timers.push_back({ms, std::move(fn)}); }

    void send(int64_t id, const std::string& event, const json& data) { handlers.event(std::to_string(id), event, data.dump()); }
    // Runs the oldest timer; returns its delay.
    int fire() {
        REQUIRE_FALSE(timers.empty());
        auto t = std::move(timers.front());
        timers.erase(timers.begin());
        t.second();
        return t.first;
    }

    std::vector<std::string> urls;
    StreamHandlers handlers;
    bool is_open = false;
    int closes = 0;
    std::vector<std::pair<int, std::function<void()>>> timers;
};

const char* live_session_body = R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})";

json live_stage(int64_t id, const char* name, int seq, bool won = false) {
    return {{"id", id}, {"name", name}, {"team_id", 3}, {"sequence", seq}, {"fold", false}, {"is_won", won}, {"version", 1}};
}

json live_card(int64_t id, const char* name, int64_t stage_id, int priority = 0, int64_t version = 1, int64_t team = 3) {
    return {{"id", id}, {"version", version}, {"name", name}, {"stage_id", stage_id}, {"priority", priority},
            {"expected_revenue", {{"amount", 100000}, {"currency", "MNT"}}}, {"probability", 50.0},
            {"user_id", 7}, {"team_id", team}, {"active", true}};
}

json lead_event(int64_t id, const char* action, const json& lead) {
    json d = {{"entity", "lead"}, {"id", id}, {"action", action}, {"team_id", 3}, {"by", 9}};
    if (!lead.is_null()) {
        d["lead"] = lead;
        d["version"] = lead["version"];
    }
    return d;
}

struct LiveFixture {
    FakeTransport net;
    FakeHost host;
    FakeChannel channel;
    AppState app{net, host};

    explicit LiveFixture(const std::string& hash = "#/pipeline") {
        app.set_live_channel(&channel);
        host.history = {hash};
        app.start(hash, "en-US", "");
        net.answer(200, live_session_body);
    }

    HttpRequest reply(const std::string& prefix, int status, const json& body) {
        return net.answer_path(prefix, status, body.dump());
    }

    bool requested(const std::string& prefix) const {
        for (const auto& p : net.pending)
            if (p.request.path.rfind(prefix, 0) == 0) return true;
        return false;
    }

    // Team 3's board: "New" (10) with cards 105 (3 stars), 104 (1 star), 103 loaded of 5; "Won" (20) empty.
    void open_board() {
        app.board().sync(app.route());
        reply("/api/v1/teams", 200, {{"items", json::array({{{"id", 3}, {"name", "Улаанбаатар"}}})}});
        reply("/api/v1/tags", 200, {{"items", json::array()}});
        reply("/api/v1/users/directory", 200, {{"items", json::array()}});
        reply("/api/v1/stages", 200, {{"items", json::array({live_stage(10, "New", 1), live_stage(20, "Won", 2, true)})}});
        json groups = {{"groups", json::array({{{"key", 10},
                                                {"count", 5},
                                                {"sums", json::array({{{"currency", "MNT"}, {"expected_revenue", 500000},
                                                                       {"weighted_revenue", 250000}}})},
                                                {"items", json::array({live_card(105, "Таван", 10, 3), live_card(104, "Дөрөв", 10, 1),
                                                                       live_card(103, "Гурав", 10)})},
                                                {"next", "cursor-103"}}})}};
        reply("/api/v1/leads/groups", 200, groups);
        REQUIRE(app.board().status() == BoardStatus::ready);
    }

    const BoardColumn& col(int64_t stage_id) { return *app.board().column(stage_id); }
    std::vector<int64_t> ids(int64_t stage_id) {
        std::vector<int64_t> out;
        for (const auto& c : col(stage_id).cards) out.push_back(c.id);
        return out;
    }
};

}  // namespace

TEST_CASE_FIXTURE(LiveFixture, "the stream opens on sign-in, remembers the last id and closes on sign-out") {
    REQUIRE(channel.urls.size() == 1);
    CHECK(channel.urls[0] == "/api/v1/events");
    CHECK(app.live().status() == LiveStatus::connecting);
    channel.handlers.opened();
    CHECK(app.live().status() == LiveStatus::live);
    channel.send(41, "hello", {{"last_event_id", 41}});
    CHECK(app.live().last_event_id() == 41);

    app.session_expired();
    CHECK(app.live().status() == LiveStatus::off);
    CHECK_FALSE(channel.is_open);
    CHECK(app.live().last_event_id() == 0);
}

TEST_CASE_FIXTURE(LiveFixture, "a broken stream reconnects with doubling backoff and asks for what it missed") {
    channel.handlers.opened();
    channel.send(12, "hello", {{"last_event_id", 12}});
    channel.handlers.failed();
    CHECK(app.live().status() == LiveStatus::reconnecting);
    REQUIRE(channel.timers.size() == 1);
    CHECK(channel.fire() == 1000);
    REQUIRE(channel.urls.size() == 2);
    CHECK(channel.urls[1] == "/api/v1/events?last_event_id=12");
    CHECK(app.live().status() == LiveStatus::reconnecting);  // until the server answers

    std::vector<int> delays;
    for (int i = 0; i < 7; ++i) {
        channel.handlers.failed();
        delays.push_back(channel.fire());
    }
    CHECK(delays == std::vector<int>{2000, 4000, 8000, 16000, 30000, 30000, 30000});
    channel.handlers.opened();
    CHECK(app.live().status() == LiveStatus::live);
    CHECK(app.live().retry_ms() == LiveUpdates::first_retry_ms);
}

TEST_CASE_FIXTURE(LiveFixture, "a reconnect scheduled before sign-out never opens a stream") {
    channel.handlers.failed();
    app.session_expired();
    const auto opened_before = channel.urls.size();
    channel.fire();
    CHECK(channel.urls.size() == opened_before);
    CHECK(app.live().status() == LiveStatus::off);
}

TEST_CASE_FIXTURE(LiveFixture, "a card moved by someone else moves on the board, with counts and sums") {
    open_board();
    channel.send(50, "lead.moved", lead_event(104, "moved", live_card(104, "Дөрөв", 20, 1, 2)));
    CHECK(ids(10) == std::vector<int64_t>{105, 103});
    CHECK(ids(20) == std::vector<int64_t>{104});
    CHECK(col(10).count == 4);
    CHECK(col(20).count == 1);
    CHECK(col(10).sums[0].expected == 400000);
    CHECK(col(20).sums[0].expected == 100000);
    CHECK(app.board().column(20)->cards[0].version == 2);
    CHECK(app.live().last_event_id() == 50);
    CHECK(net.pending.empty());  // in place, no reload
}

TEST_CASE_FIXTURE(LiveFixture, "an event no newer than the card (our own move coming back) changes nothing") {
    open_board();
    channel.send(50, "lead.updated", lead_event(105, "updated", live_card(105, "Хуучин нэр", 20, 3, 1)));
    CHECK(ids(10) == std::vector<int64_t>{105, 104, 103});
    CHECK(col(10).cards[0].name == "Таван");
}

TEST_CASE_FIXTURE(LiveFixture, "new leads of this board appear in order; other teams' do not; deleted ones go") {
    open_board();
    // 2 stars: between 105 (3) and 104 (1).
    channel.send(51, "lead.created", lead_event(200, "created", live_card(200, "Шинэ", 10, 2)));
    CHECK(ids(10) == std::vector<int64_t>{105, 200, 104, 103});
    CHECK(col(10).count == 6);
    // After the last loaded card of a column with more to load: counted, shown after "load more".
    channel.send(52, "lead.created", lead_event(50, "created", live_card(50, "Хуучин", 10, 0)));
    CHECK(ids(10) == std::vector<int64_t>{105, 200, 104, 103});
    CHECK(col(10).count == 7);
    channel.send(53, "lead.created", lead_event(201, "created", live_card(201, "Өөр баг", 10, 0, 1, 4)));
    CHECK(col(10).count == 7);
    channel.send(54, "lead.deleted", lead_event(104, "deleted", json()));
    CHECK(ids(10) == std::vector<int64_t>{105, 200, 103});
    CHECK(col(10).count == 6);
    // Moved to another team: off this board.
    channel.send(55, "lead.updated", lead_event(200, "updated", live_card(200, "Шинэ", 10, 2, 2, 4)));
    CHECK(ids(10) == std::vector<int64_t>{105, 103});
    CHECK(col(10).count == 5);
}

TEST_CASE_FIXTURE(LiveFixture, "our quick-created lead is counted once whether its event or the reply comes first") {
    open_board();
    SUBCASE("the event first") {
        app.board().quick_create(10, "Шинэ");
        channel.send(70, "lead.created", lead_event(300, "created", live_card(300, "Шинэ", 10)));
        reply("/api/v1/leads", 201, live_card(300, "Шинэ", 10));
    }
    SUBCASE("the reply first") {
        app.board().quick_create(10, "Шинэ");
        reply("/api/v1/leads", 201, live_card(300, "Шинэ", 10));
        channel.send(70, "lead.created", lead_event(300, "created", live_card(300, "Шинэ", 10)));
    }
    CHECK(col(10).count == 6);
    CHECK(col(10).sums[0].expected == 600000);
    const auto shown = ids(10);
    CHECK(std::count(shown.begin(), shown.end(), 300) == 1);
}

TEST_CASE_FIXTURE(LiveFixture, "a lead reassigned out of our sight leaves the board") {
    open_board();
    channel.send(80, "lead.hidden", {{"entity", "lead"}, {"id", 104}, {"action", "hidden"}});
    CHECK(ids(10) == std::vector<int64_t>{105, 103});
    CHECK(col(10).count == 4);
    CHECK(col(10).sums[0].expected == 400000);
}

TEST_CASE_FIXTURE(LiveFixture, "a stage change or a reload event loads the board again") {
    open_board();
    channel.send(60, "stage.updated", {{"entity", "stage"}, {"id", 10}, {"action", "updated"}, {"payload", json::object()}});
    CHECK(requested("/api/v1/stages"));
    CHECK(requested("/api/v1/leads/groups"));
}

TEST_CASE_FIXTURE(LiveFixture, "a tag renamed elsewhere renames the board's chips without reloading the cards") {
    open_board();
    CHECK(app.board().tags().empty());
    channel.send(61, "tag.updated", {{"entity", "tag"}, {"id", 7}, {"action", "updated"}, {"payload", json::object()}});
    CHECK_FALSE(requested("/api/v1/leads/groups"));  // the cards stay
    reply("/api/v1/tags", 200, {{"items", json::array({{{"id", 7}, {"name", "Яаралтай"}, {"color", 4}}})}});
    REQUIRE(app.board().tags().size() == 1);
    CHECK(app.board().tags()[0].name == "Яаралтай");
    CHECK(app.board().tags()[0].color == 4);
    CHECK(app.board().status() == BoardStatus::ready);
    CHECK(ids(10) == std::vector<int64_t>{105, 104, 103});
}

TEST_CASE("a lead form without edits reloads in place; with edits it says someone else changed it") {
    LiveFixture f("#/lead/104");
    LeadForm& form = f.app.lead_form();
    auto open_form = [&] {
        form.show(104);
        while (!f.net.pending.empty()) {
            const std::string path = f.net.pending.front().request.path;
            if (path == "/api/v1/leads/104") f.net.answer(200, live_card(104, "Дөрөв", 10, 1, 3).dump());
            else f.net.answer(200, R"({"items":[]})");
        }
        REQUIRE(form.lead().has_value());
    };
    open_form();

    SUBCASE("no edits: reloaded") {
        f.channel.send(70, "lead.updated", lead_event(104, "updated", live_card(104, "Өөрчилсөн", 10, 1, 4)));
        CHECK_FALSE(form.conflict());
        f.reply("/api/v1/leads/104", 200, live_card(104, "Өөрчилсөн", 10, 1, 4));
        CHECK(form.lead()->name == "Өөрчилсөн");
        CHECK(form.lead()->version == 4);
    }
    SUBCASE("unsaved edits: kept, and the notice offers a reload") {
        form.field("name") = "Миний засвар";
        REQUIRE(form.dirty());
        f.channel.send(70, "lead.updated", lead_event(104, "updated", live_card(104, "Өөрчилсөн", 10, 1, 4)));
        CHECK(form.conflict());
        CHECK(form.banner().render(f.app.language()) ==
              std::string(i18n::tr(i18n::Lang::en, "lead.changed_elsewhere")));
        CHECK(form.value("name") == "Миний засвар");
        CHECK(form.lead()->version == 3);
        CHECK_FALSE(f.requested("/api/v1/leads/104"));
    }
    SUBCASE("our own save coming back as an event is not news") {
        form.field("name") = "Миний засвар";
        form.save();
        f.channel.send(70, "lead.updated", lead_event(104, "updated", live_card(104, "Миний засвар", 10, 1, 4)));
        CHECK_FALSE(form.conflict());
        f.reply("/api/v1/leads/104", 200, live_card(104, "Миний засвар", 10, 1, 4));
        CHECK_FALSE(form.dirty());
        f.reply("/api/v1/leads/104/messages", 200, json{{"items", json::array()}});  // what the save tracked
        f.channel.send(70, "lead.updated", lead_event(104, "updated", live_card(104, "Миний засвар", 10, 1, 4)));
        CHECK(f.net.pending.empty());
    }
    SUBCASE("deleted elsewhere: a notice") {
        f.channel.send(71, "lead.deleted", lead_event(104, "deleted", json()));
        CHECK(form.banner().render(f.app.language()) == std::string(i18n::tr(i18n::Lang::en, "lead.deleted_elsewhere")));
    }
    SUBCASE("a note posted elsewhere shows up in the chatter") {
        f.channel.send(72, "lead.message", lead_event(104, "message", live_card(104, "Дөрөв", 10, 1, 3)));
        CHECK(f.requested("/api/v1/leads/104/messages"));
        for (const auto& p : f.net.pending) CHECK(p.request.path != "/api/v1/leads/104");  // the record is not reloaded
    }
}

TEST_CASE("the leads list refreshes a row changed elsewhere and drops a deleted one") {
    LiveFixture f("#/leads");
    f.app.list().sync(f.app.route());
    while (!f.net.pending.empty()) {
        const std::string path = f.net.pending.front().request.path;
        if (path.rfind("/api/v1/leads?", 0) == 0)
            f.net.answer(200, json({{"items", json::array({live_card(2, "Хоёр", 10), live_card(1, "Нэг", 10)})}, {"total", 2}}).dump());
        else f.net.answer(200, R"({"items":[]})");
    }
    REQUIRE(f.app.list().status() == ListStatus::ready);
    f.channel.send(80, "lead.updated", lead_event(1, "updated", live_card(1, "Нэг — шинэ", 20, 2, 2)));
    REQUIRE(f.app.list().rows().size() == 2);
    CHECK(f.app.list().rows()[1].name == "Нэг — шинэ");
    CHECK(f.app.list().rows()[1].stage_id == 20);
    f.channel.send(81, "lead.deleted", lead_event(2, "deleted", json()));
    REQUIRE(f.app.list().rows().size() == 1);
    CHECK(f.app.list().rows()[0].id == 1);
    CHECK(f.app.list().total() == 1);
}

TEST_CASE("a tag made elsewhere reaches the list's pickers and the open lead form's without a reload") {
    LiveFixture f("#/leads");
    f.app.list().sync(f.app.route());
    while (!f.net.pending.empty()) f.net.answer(200, R"({"items":[],"total":0})");
    REQUIRE(f.app.list().status() == ListStatus::ready);
    CHECK(f.app.list().tags().empty());
    f.app.lead_form().show(104);
    while (!f.net.pending.empty()) {
        const std::string path = f.net.pending.front().request.path;
        if (path == "/api/v1/leads/104") f.net.answer(200, live_card(104, "Дөрөв", 10, 1, 3).dump());
        else f.net.answer(200, R"({"items":[]})");
    }
    f.channel.send(90, "tag.created", {{"entity", "tag"}, {"id", 7}, {"action", "created"}, {"payload", json::object()}});
    const json tags = {{"items", json::array({{{"id", 7}, {"name", "Шинэ шошго"}, {"color", 2}}})}};
    int tag_requests = 0;
    while (!f.net.pending.empty()) {
        const std::string path = f.net.pending.front().request.path;
        if (path == "/api/v1/tags") {
            ++tag_requests;
            f.net.answer(200, tags.dump());
        } else f.net.answer(200, R"({"items":[]})");
    }
    CHECK(tag_requests == 2);  // the list's and the form's
    REQUIRE(f.app.list().tags().size() == 1);
    CHECK(f.app.list().tags()[0].name == "Шинэ шошго");
    REQUIRE(f.app.lead_form().refs().tags.size() == 1);
    CHECK(f.app.lead_form().refs().tags[0].name == "Шинэ шошго");
    // A lead's own event is not a reference change: no picker reloads.
    f.channel.send(91, "lead.updated", lead_event(104, "updated", live_card(104, "Дөрөв", 10, 1, 4)));
    for (const auto& p : f.net.pending) CHECK(p.request.path != "/api/v1/tags");
}

TEST_CASE("the lead form's Activities block and My activities follow activity events") {
    LiveFixture f("#/lead/104");
    ActivitiesState& acts = f.app.activities();
    auto activity = [](int64_t id, int64_t lead, const char* due, int64_t version) {
        return json{{"id", id}, {"lead_id", lead}, {"summary", "Залгах"}, {"note", ""}, {"due_date", due},
                    {"state", "open"}, {"created_at", "2026-11-20T10:00:00Z"}, {"version", version}, {"due_state", "planned"}};
    };
    auto drain = [&] {
        while (!f.net.pending.empty()) f.net.answer(200, R"({"items":[]})");
    };
    drain();
    acts.show_lead(104);
    f.reply("/api/v1/activity-types", 200, {{"items", json::array()}});
    f.reply("/api/v1/leads/104/activities", 200, {{"items", json::array({activity(5, 104, "2026-12-01", 1)})}, {"today", "2026-11-28"}});
    drain();
    REQUIRE(acts.lead_items().size() == 1);

    // Snoozed by someone else: the lead's "activity" event (its version unchanged) reloads the block.
    f.channel.send(90, "lead.activity", lead_event(104, "activity", live_card(104, "Дөрөв", 10, 1, 3)));
    REQUIRE(f.requested("/api/v1/leads/104/activities"));
    f.reply("/api/v1/leads/104/activities", 200,
            {{"items", json::array({activity(5, 104, "2026-12-08", 2), activity(6, 104, "2026-12-02", 1)})}, {"today", "2026-11-28"}});
    REQUIRE(acts.lead_items().size() == 2);
    CHECK(acts.lead_items()[0].activity.version == 2);

    // Another lead's activity, or a change of this lead that is no activity: the block stays as it is.
    f.channel.send(91, "lead.activity", lead_event(200, "activity", live_card(200, "Өөр", 10, 1, 1)));
    f.channel.send(92, "lead.updated", lead_event(104, "updated", live_card(104, "Дөрөв", 10, 1, 3)));
    CHECK_FALSE(f.requested("/api/v1/leads/104/activities"));
    drain();

    // My activities: any lead's activity event may be one of the list's; a missed-events "reload" loads both.
    acts.load_mine();
    f.reply("/api/v1/activities/mine", 200,
            {{"user_id", 7}, {"today", "2026-11-28"},
             {"groups", {{"overdue", json::array()}, {"today", json::array()}, {"planned", json::array()}}}});
    drain();
    REQUIRE(acts.mine_loaded());
    f.channel.send(93, "lead.activity", lead_event(200, "activity", live_card(200, "Өөр", 10, 1, 1)));
    CHECK(f.requested("/api/v1/activities/mine"));
    CHECK_FALSE(f.requested("/api/v1/leads/104/activities"));
    drain();
    f.channel.send(94, "reload", json::object());
    CHECK(f.requested("/api/v1/activities/mine"));
    CHECK(f.requested("/api/v1/leads/104/activities"));
}

TEST_CASE("an open contact follows live events: reloads in place, or with edits says someone else changed it") {
    LiveFixture f("#/contact/11");
    ContactForm& form = f.app.contact_form();
    const json contact = {{"id", 11}, {"is_company", false}, {"name", "Бат"}, {"active", true}, {"version", 3}};
    form.show(11);
    f.net.answer_path("/api/v1/contacts/11", 200, contact.dump());  // the contact itself: asked first
    while (!f.net.pending.empty()) f.net.answer(200, R"({"items":[]})");
    REQUIRE(form.contact());
    auto event = [&](int64_t id, const char* action, int64_t version) {
        f.channel.send(90 + version, std::string("contact.") + action,
                       {{"entity", "contact"}, {"id", id}, {"action", action}, {"payload", {{"version", version}}}});
    };
    event(12, "updated", 9);  // another contact: nothing
    CHECK_FALSE(f.requested("/api/v1/contacts"));
    event(11, "updated", 3);  // our own save coming back: nothing
    CHECK_FALSE(f.requested("/api/v1/contacts"));
    event(11, "updated", 4);
    json changed = contact;
    changed["name"] = "Бат-Эрдэнэ";
    changed["version"] = 4;
    f.net.answer_path("/api/v1/contacts/11", 200, changed.dump());
    while (!f.net.pending.empty()) f.net.answer(200, R"({"items":[]})");
    CHECK(form.contact()->name == "Бат-Эрдэнэ");
    CHECK(form.banner().empty());

    event(11, "attached", 4);
    CHECK(f.requested("/api/v1/contacts/11/attachments"));
    while (!f.net.pending.empty()) f.net.answer(200, R"({"items":[]})");

    form.field("city") = "Дархан";
    REQUIRE(form.dirty());
    event(11, "updated", 5);
    CHECK_FALSE(f.requested("/api/v1/contacts/11"));
    CHECK(form.conflict());
    CHECK(form.banner().render(i18n::Lang::en).find("Someone else changed this contact") == 0);
    CHECK(form.value("city") == "Дархан");  // the edits stay
}
