// The quotation view models against a fake server: "New quotation" from an opportunity opens the editor, lines
// are typed as text with live totals from shared/, errors name "lines[i].field" before anything is sent, a
// dirty editor saves (PATCH with the version read) before Confirm, a 409 shows the server's version, the lead's
// block reads counts and the order amount, and Preview opens the PDF through the host. Then the list's filters
// (state, invoicing, opportunity), a sales order's invoicing status, the editor's chatter and live changes.
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

json quotation_json(int version = 1, const std::string& state = "draft", json lines = json::array()) {
    Quotation q;
    q.id = 7;
    q.number = "S2026-0007";
    q.lead_id = 42;
    q.partner_id = 3;
    q.version = version;
    q.state = *quotation_state_from(state);
    json j = q;
    j["lines"] = std::move(lines);
    return j;
}

struct QuotationFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    QuotesState& st = app.quotations();

    explicit QuotationFixture(const char* hash = "#/pipeline", LiveChannel* stream = nullptr) {
        if (stream) app.set_live_channel(stream);
        host.history = {hash};
        app.start(hash, "en-US", "");
        net.answer(200, R"({"user":{"id":1,"login":"admin","name":"Admin","role":"admin"},"csrf_token":"tok-1"})");
    }
    // Answers whatever the other views asked for while signing in, keeping the quotation requests in order.
    void drain_other() {
        for (int guard = 0; guard < 20; ++guard) {
            auto it = std::find_if(net.pending.begin(), net.pending.end(), [](const FakeTransport::Pending& p) {
                return p.request.path.find("quotation") == std::string::npos;
            });
            if (it == net.pending.end()) return;
            auto p = std::move(*it);
            net.pending.erase(it);
            p.done(HttpResponse{200, R"({"items":[]})"});
        }
    }
};

}  // namespace

TEST_CASE("quotations: New quotation from the opportunity opens the editor") {
    QuotationFixture f;
    f.drain_other();
    f.st.create_for_lead(42);
    REQUIRE(f.net.pending.size() == 1);
    auto sent = f.net.answer(201, quotation_json().dump());
    CHECK(sent.method == "POST");
    CHECK(sent.path == "/api/v1/quotations");
    CHECK(json::parse(sent.body) == json({{"lead_id", 42}}));
    CHECK(header(sent, "X-CSRF-Token") == "tok-1");
    CHECK(f.app.route() == Route::quotation(7));
    CHECK(f.host.url() == "#/quotation/7");
    CHECK(f.st.loaded());  // the reply is the record: no second GET
    CHECK(f.st.current().number == "S2026-0007");
}

TEST_CASE("quotations: lines typed as text give live totals; bad cells are named before sending") {
    QuotationFixture f("#/quotation/7");
    f.drain_other();
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.answer(200, quotation_json().dump()).path == "/api/v1/quotations/7");
    REQUIRE(f.st.loaded());
    CHECK_FALSE(f.st.dirty());

    f.st.add_line();
    auto& l = f.st.lines()[0];
    l.description = "Ноутбук";
    l.quantity = "2.5";
    l.price = "19.99";
    l.discount = "5";
    l.tax = "10";
    CHECK(f.st.dirty());
    REQUIRE(f.st.totals());
    // 2.5 × 19.99 × 0.95 = 47.47625 -> 47.48; tax 4.748 -> 4.75 (shared/'s rule, as on the server)
    CHECK(*f.st.totals() == Amounts{4748, 475, 5223});

    f.st.add_line();
    f.st.lines()[1].description = "";
    f.st.lines()[1].quantity = "1.0001";
    CHECK_FALSE(f.st.totals());
    f.st.save();
    CHECK(f.net.pending.empty());  // nothing sent
    CHECK(f.st.errors().count("lines[1].quantity") == 1);
    CHECK(f.st.errors().count("lines[1].description") == 1);
    CHECK(f.st.errors().count("lines[0].quantity") == 0);
}

TEST_CASE("quotations: Confirm saves a dirty editor first, then confirms with the new version") {
    QuotationFixture f("#/quotation/7");
    f.drain_other();
    f.net.answer(200, quotation_json(3).dump());
    f.st.add_line();
    f.st.lines()[0].description = "Суурилуулалт";
    f.st.lines()[0].price = "115";
    f.st.lines()[0].tax = "15";
    f.st.lines()[0].tax_included = true;
    f.st.confirm();
    REQUIRE(f.net.pending.size() == 1);
    const json line = {{"description", "Суурилуулалт"}, {"quantity", "1"}, {"price_unit", 11500}, {"discount_bp", 0},
                       {"tax_bp", 1500}, {"tax_included", true}, {"product_id", nullptr}};
    auto patch = f.net.answer(200, quotation_json(4, "draft", json::array({line})).dump());
    CHECK(patch.method == "PATCH");
    CHECK(patch.path == "/api/v1/quotations/7");
    const json body = json::parse(patch.body);
    CHECK(body["version"] == 3);
    CHECK(body["lines"] == json::array({line}));
    REQUIRE(f.net.pending.size() == 1);
    auto confirm = f.net.answer(200, quotation_json(5, "sale", json::array({line})).dump());
    CHECK(confirm.path == "/api/v1/quotations/7/confirm");
    CHECK(json::parse(confirm.body)["version"] == 4);
    CHECK(f.st.current().state == QuotationState::sale);
    CHECK_FALSE(f.st.editable());
    CHECK(f.st.notice().key == "quote.done_confirm");
}

TEST_CASE("quotations: a stale save shows the server's version with a message; field errors come back by name") {
    QuotationFixture f("#/quotation/7");
    f.drain_other();
    f.net.answer(200, quotation_json(2).dump());
    f.st.notes() = "mine";
    f.st.save();
    json current = quotation_json(3);
    current["notes"] = "theirs";
    f.net.answer(409, json{{"error", {{"code", "conflict"}, {"message", "stale"}, {"current", current}}}}.dump());
    CHECK(f.st.banner().key == "quote.stale");
    CHECK(f.st.notes() == "theirs");
    CHECK(f.st.current().version == 3);

    f.st.validity() = "2026-02-30";
    f.st.save();
    f.net.answer(422, json{{"error", {{"code", "validation"}, {"message", "bad"}, {"field", "validity_date"},
                                      {"details", json::array({{{"field", "validity_date"}, {"message", "must be a date"}, {"key", "error.date"}}})}}}}
                          .dump());
    CHECK(f.st.errors().count("validity_date") == 1);
}

TEST_CASE("quotations: the lead's block and the PDF preview") {
    QuotationFixture f;
    f.drain_other();
    f.st.load_for_lead(42);
    auto r = f.net.answer(200, json{{"items", json::array({quotation_json(1, "sale")})}, {"quotation_count", 1}, {"order_count", 1},
                                    {"quotation_amounts", json::array({{{"amount", 500}, {"currency", "MNT"}}})},
                                    {"order_amounts", json::array({{{"amount", 11500}, {"currency", "MNT"}}})}}
                                   .dump());
    CHECK(r.path == "/api/v1/leads/42/quotations");
    const auto& b = f.st.for_lead();
    CHECK(b.loaded);
    CHECK(b.order_count == 1);
    REQUIRE(b.order_amounts.size() == 1);
    CHECK(b.order_amounts[0].amount == 11500);
    CHECK(b.items.size() == 1);
    CHECK(amount_label(11500, "MNT", i18n::Lang::mn) == "115.00 ₮");  // amount_format: the board's convention
    CHECK(amount_label(123456789, "MNT", i18n::Lang::en) == "1,234,567.89 ₮");

    f.app.navigate(Route::quotation(7));
    f.net.answer(200, quotation_json().dump());
    f.st.preview();
    CHECK(f.net.pending.empty());  // nothing to save first
    CHECK(f.host.opened == std::vector<std::string>{"/api/v1/quotations/7/pdf"});
}

TEST_CASE("quotations: the list's filters live in the address and go to the API as they are") {
    client::QuoteFilter f;
    CHECK(f.query().empty());
    f.state = "sale";
    f.invoice_status = "to_invoice";
    f.lead_id = 42;
    CHECK(f.query() == "state=sale&invoice_status=to_invoice&lead_id=42");
    CHECK(client::QuoteFilter::from_query(f.query()) == f);
    CHECK(client::QuoteFilter::from_query("lead_id=4x").lead_id == 0);

    QuotationFixture fx("#/quotations?invoice_status=to_invoice&lead_id=42");
    fx.drain_other();
    REQUIRE(fx.net.pending.size() == 1);
    auto r = fx.net.answer(200, json{{"items", json::array({quotation_json(2, "sale")})}}.dump());
    CHECK(r.path == "/api/v1/quotations?invoice_status=to_invoice&lead_id=42");
    CHECK(fx.st.list().size() == 1);
    CHECK(fx.st.list_filter().lead_id == 42);
    CHECK(fx.st.list_filter().invoice_status == "to_invoice");
    CHECK(client::quotations_route(fx.st.list_filter()).query == "invoice_status=to_invoice&lead_id=42");
}

TEST_CASE("quotations: a sales order's invoicing status is set with the version read; a quotation has none") {
    QuotationFixture f("#/quotation/7");
    f.drain_other();
    f.net.answer(200, quotation_json(2).dump());
    f.st.set_invoicing("invoiced");
    CHECK(f.net.pending.empty());  // a draft is not an order

    f.app.navigate(Route::quotation(8));
    f.drain_other();
    json order = quotation_json(5, "sale");
    order["id"] = 8;
    order["invoice_status"] = "to_invoice";
    f.net.answer(200, order.dump());
    REQUIRE(f.st.current().invoice_status == InvoiceStatus::to_invoice);
    f.st.set_invoicing("to_invoice");
    CHECK(f.net.pending.empty());  // unchanged
    f.st.set_invoicing("invoiced");
    REQUIRE(f.net.pending.size() == 1);
    order["version"] = 6;
    order["invoice_status"] = "invoiced";
    auto sent = f.net.answer(200, order.dump());
    CHECK(sent.method == "POST");
    CHECK(sent.path == "/api/v1/quotations/8/invoicing");
    CHECK(json::parse(sent.body) == json({{"version", 5}, {"invoice_status", "invoiced"}}));
    CHECK(f.st.current().invoice_status == InvoiceStatus::invoiced);
    CHECK(f.st.notice().key == "quote.done_invoicing");

    // A seller's 403 shows as the banner; the status stays.
    f.st.set_invoicing("nothing");
    f.net.answer(403, json{{"error", {{"code", "forbidden"}, {"message", "Managers set the invoicing status"}, {"field", nullptr}}}}.dump());
    CHECK(f.st.banner().render(i18n::Lang::en) == "Managers set the invoicing status");
    CHECK(f.st.current().invoice_status == InvoiceStatus::invoiced);
    CHECK_FALSE(f.st.busy());
}

TEST_CASE("quotations: the editor's chatter loads with authors' names and follows the quotation's version") {
    QuotationFixture f("#/quotation/7");
    f.drain_other();
    f.net.answer(200, quotation_json(1, "sent").dump());
    f.st.ensure_chatter();
    f.st.ensure_chatter();  // once per version
    REQUIRE(f.net.pending.size() == 2);
    CHECK(f.net.answer(200, json{{"items", json::array({{{"id", 5}, {"name", "Сараа"}}})}}.dump()).path == "/api/v1/users/directory");
    const json sent = {{"id", 31}, {"res_model", "quotation"}, {"res_id", 7}, {"kind", "note"}, {"subject", ""},
                       {"body", "Quotation S2026-0007 sent by e-mail to a@b.mn"}, {"author_id", 5},
                       {"author_name", ""}, {"date", "2026-11-27T10:00:00Z"}, {"tracking_values", json::array()}};
    auto r = f.net.answer(200, json{{"items", json::array({sent})}}.dump());
    CHECK(r.path == "/api/v1/quotations/7/messages?limit=50");
    REQUIRE(f.st.chatter().size() == 1);
    CHECK(f.st.author_of(f.st.chatter()[0]) == "Сараа");
    f.st.ensure_chatter();
    CHECK(f.net.pending.empty());

    f.st.confirm();
    f.net.answer(200, quotation_json(2, "sale").dump());
    f.st.ensure_chatter();  // a new version: the "confirmed" message is there now
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.pending.front().request.path == "/api/v1/quotations/7/messages?limit=50");
    CHECK(f.st.chatter().size() == 1);  // the old page stays until the new one comes
    CHECK_FALSE(f.st.chatter_has_more());  // one message: the whole history
}

TEST_CASE("quotations: a history longer than a page loads its older messages below, a page at a time") {
    QuotationFixture f("#/quotation/7");
    f.drain_other();
    f.net.answer(200, quotation_json(1, "sale").dump());
    f.st.ensure_chatter();
    f.net.answer(200, json{{"items", json::array()}}.dump());  // the directory
    auto page = [](std::int64_t newest, int n) {
        json items = json::array();
        for (int i = 0; i < n; ++i)
            items.push_back({{"id", newest - i}, {"res_model", "quotation"}, {"res_id", 7}, {"kind", "note"}, {"subject", ""},
                             {"body", "Сэтгэгдэл " + std::to_string(newest - i)}, {"author_id", nullptr},
                             {"author_name", ""}, {"date", "2026-11-27T10:00:00Z"}, {"tracking_values", json::array()}});
        return json{{"items", items}}.dump();
    };
    f.net.answer(200, page(120, 50));
    CHECK(f.st.chatter().size() == 50);
    REQUIRE(f.st.chatter_has_more());
    f.st.load_more_chatter();
    f.st.load_more_chatter();  // one page at a time
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.answer(200, page(70, 20)).path == "/api/v1/quotations/7/messages?limit=50&before_id=71");
    REQUIRE(f.st.chatter().size() == 70);
    CHECK(f.st.chatter().back().id == 51);
    CHECK_FALSE(f.st.chatter_has_more());
    f.st.load_more_chatter();
    CHECK(f.net.pending.empty());
}

namespace {
// An event stream that only hands its frames to the test.
struct StreamStub : LiveChannel {
    StreamHandlers handlers;
    void open(const std::string&, StreamHandlers h) override { handlers = std::move(h); }
    void close() override {}
    void after(int, std::function<void()>) override {}
};
}  // namespace

TEST_CASE("quotations: a live change of the open quotation reloads it, or keeps what is typed") {
    StreamStub stream;
    QuotationFixture f("#/quotation/7", &stream);
    f.drain_other();
    f.net.answer(200, quotation_json(2).dump());
    REQUIRE(stream.handlers.event);
    stream.handlers.opened();
    f.drain_other();
    auto event = [&](int version) {
        stream.handlers.event("90", "quotation.updated",
                              json{{"entity", "quotation"}, {"id", 7}, {"action", "updated"}, {"team_id", nullptr},
                                   {"payload", {{"version", version}, {"state", "draft"}}}}
                                  .dump());
    };
    event(2);  // our own save's echo: nothing to do
    CHECK(f.net.pending.empty());
    event(3);
    REQUIRE(f.net.pending.size() == 1);
    json theirs = quotation_json(3);
    theirs["notes"] = "theirs";
    CHECK(f.net.answer(200, theirs.dump()).path == "/api/v1/quotations/7");
    CHECK(f.st.current().version == 3);
    CHECK(f.st.notes() == "theirs");
    CHECK(f.st.notice().key == "quote.reloaded");

    f.st.notes() = "mine";
    event(4);
    CHECK(f.net.pending.empty());
    CHECK(f.st.banner().key == "quote.changed_elsewhere");
    CHECK(f.st.notes() == "mine");
}
