// A record's files in its form (AttachmentShelf in the lead and contact forms): the list, "Attach file" through the
// browser's file picker and a multipart upload, download through a new tab, remove, refusals shown, and replies
// about a record no longer shown dropped.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/live_event.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* attachments_session_body = R"({"user":{"id":7,"login":"bold","name":"Болд Бат","role":"sales_all"},"csrf_token":"tok-7"})";

json file(int64_t id, const std::string& name, int64_t size) {
    return {{"id", id},         {"res_model", "contact"}, {"res_id", 11},   {"name", name}, {"mimetype", "application/pdf"},
            {"size", size},     {"sha256", "00"},         {"created_by", 7}, {"create_date", "2026-11-29T08:00:00Z"}};
}

struct AttachmentsFixture {
    FakeTransport net;
    PickingHost host;
    AppState app{net, host};

    AttachmentsFixture() {
        host.history = {"#/contact/11"};
        app.start("#/contact/11", "en-US", "");
        net.answer(200, attachments_session_body);
        app.contact_form().show(11);
    }
    HttpRequest reply(const std::string& prefix, int status, const json& body) {
        return net.answer_path(prefix, status, body.dump());
    }
    AttachmentShelf& shelf() { return app.contact_form().attachments(); }
    bool uploading() const {
        for (const auto& p : net.pending)
            if (p.request.method == "POST") return true;
        return false;
    }
};

}  // namespace

TEST_CASE_FIXTURE(AttachmentsFixture, "the contact's files are listed; one is attached from the picker as multipart and the list reloads") {
    auto list = reply("/api/v1/contacts/11/attachments", 200, {{"items", json::array({file(3, "Гэрээ.pdf", 2048)})}});
    CHECK(list.method == "GET");
    REQUIRE(shelf().items().size() == 1);
    CHECK(shelf().items()[0].name == "Гэрээ.pdf");
    CHECK(shelf().items()[0].size == 2048);
    CHECK(shelf().items()[0].create_date == 1795939200);  // 2026-11-29T08:00:00Z

    shelf().attach();
    CHECK(host.accept.empty());  // any type: the server reads it from the content
    CHECK(host.max == AttachmentShelf::max_bytes);
    REQUIRE(host.chosen);
    host.chosen("Үнийн санал \"2\".pdf", std::string("%PDF-1.4\0body", 13));
    CHECK(shelf().uploading() == "Үнийн санал \"2\".pdf");
    auto post = reply("/api/v1/contacts/11/attachments", 201, file(4, "Үнийн санал _2_.pdf", 13));
    CHECK(post.method == "POST");
    const std::string type = header(post, "Content-Type");
    REQUIRE(type.rfind("multipart/form-data; boundary=", 0) == 0);
    const std::string boundary = type.substr(type.find('=') + 1);
    CHECK(post.body.rfind("--" + boundary + "\r\n", 0) == 0);
    CHECK(post.body.find("filename=\"Үнийн санал _2_.pdf\"") != std::string::npos);
    CHECK(post.body.find(std::string("%PDF-1.4\0body", 13)) != std::string::npos);
    CHECK(header(post, "X-CSRF-Token") == "tok-7");
    CHECK(shelf().uploading().empty());
    reply("/api/v1/contacts/11/attachments", 200, {{"items", json::array({file(4, "Үнийн санал _2_.pdf", 13), file(3, "Гэрээ.pdf", 2048)})}});
    CHECK(shelf().items().size() == 2);

    shelf().download(4);
    REQUIRE(host.opened.size() == 1);
    CHECK(host.opened[0] == "/api/v1/attachments/4");

    shelf().remove(3);
    auto del = reply("/api/v1/attachments/3", 204, json());
    CHECK(del.method == "DELETE");
    reply("/api/v1/contacts/11/attachments", 200, {{"items", json::array({file(4, "Үнийн санал _2_.pdf", 13)})}});
    CHECK(shelf().items().size() == 1);
}

TEST_CASE_FIXTURE(AttachmentsFixture, "refusals are shown: too large for the server, empty or too large before sending") {
    reply("/api/v1/contacts/11/attachments", 200, {{"items", json::array()}});
    shelf().upload("big.zip", "PK..");
    reply("/api/v1/contacts/11/attachments", 413,
          {{"error", {{"code", "payload_too_large"}, {"message", "The file is larger than the limit of 20 MiB"}, {"field", "file"}}}});
    CHECK(shelf().error().render(i18n::Lang::en).find("20 MiB") != std::string::npos);
    CHECK(shelf().uploading().empty());

    shelf().upload("empty.txt", "");
    CHECK_FALSE(uploading());
    CHECK(shelf().error().render(i18n::Lang::en) == "empty.txt is empty and was not attached.");
    CHECK(shelf().error().render(i18n::Lang::mn) == "empty.txt хоосон тул хавсаргасангүй.");
    shelf().upload("huge.iso", std::string(AttachmentShelf::max_bytes + 1, 'x'));
    CHECK_FALSE(uploading());
    CHECK(shelf().error().render(i18n::Lang::en) == "huge.iso is larger than 64 MB and was not attached.");
}

TEST_CASE_FIXTURE(AttachmentsFixture, "a file chosen after the form moved to another record is not attached to either") {
    reply("/api/v1/contacts/11/attachments", 200, {{"items", json::array()}});
    shelf().attach();
    REQUIRE(host.chosen);
    app.contact_form().show(12);
    while (!net.pending.empty()) net.answer(200, R"({"items":[]})");
    host.chosen("late.pdf", "%PDF");
    CHECK_FALSE(uploading());
    CHECK(shelf().uploading().empty());
}

TEST_CASE("the lead form lists the lead's files and reloads them on a live 'attached' event") {
    FakeTransport net;
    PickingHost host;
    AppState app{net, host};
    host.history = {"#/lead/5"};
    app.start("#/lead/5", "en-US", "");
    net.answer(200, attachments_session_body);
    app.lead_form().show(5);
    const json lead = {{"id", 5},        {"version", 2},      {"name", "Сэжим"}, {"stage_id", 10}, {"priority", 0},
                       {"expected_revenue", {{"amount", 0}, {"currency", "MNT"}}}, {"probability", 10.0}, {"active", true}};
    net.answer_path("/api/v1/leads/5", 200, lead.dump());  // the lead itself: asked first
    auto list = net.answer_path("/api/v1/leads/5/attachments", 200, json({{"items", json::array({file(8, "Танилцуулга.pptx", 4 << 20)})}}).dump());
    CHECK(list.method == "GET");
    while (!net.pending.empty()) net.answer(200, R"({"items":[]})");
    REQUIRE(app.lead_form().lead());
    REQUIRE(app.lead_form().attachments().items().size() == 1);
    CHECK(app.lead_form().attachments().items()[0].name == "Танилцуулга.pptx");

    LiveLead ev;
    ev.id = 5;
    ev.action = "attached";
    ev.version = 2;
    ev.lead = lead;
    app.lead_form().apply_live(ev);
    net.answer_path("/api/v1/leads/5/attachments", 200,
                    json({{"items", json::array({file(9, "Шинэ.pdf", 10), file(8, "Танилцуулга.pptx", 4 << 20)})}}).dump());
    CHECK(app.lead_form().attachments().items().size() == 2);
}

TEST_CASE_FIXTURE(AttachmentsFixture, "a dropped file goes to the open contact's files, the import, or the banner says where files go") {
    const json contact = {{"id", 11}, {"is_company", false}, {"name", "Бат"}, {"active", true}, {"version", 3}};
    net.answer_path("/api/v1/contacts/11", 200, contact.dump());  // the contact itself: asked first
    while (!net.pending.empty()) net.answer(200, R"({"items":[]})");
    REQUIRE(app.contact_form().contact());
    app.take_dropped_file("Гэрээ.pdf", "%PDF-1.4");
    REQUIRE(uploading());
    CHECK(net.pending.back().request.path == "/api/v1/contacts/11/attachments");
    while (!net.pending.empty()) net.answer(200, R"({"items":[]})");

    app.on_url_changed("#/import");
    app.take_dropped_file("leads.csv", "Нэр,Имэйл хаяг\nБат,bat@gobi.mn\n");
    CHECK(app.import_wizard().file_name() == "leads.csv");
    CHECK(app.banner().empty());
    while (!net.pending.empty()) net.answer(200, R"({"items":[]})");

    app.on_url_changed("#/leads");
    app.take_dropped_file("photo.jpg", "\xff\xd8\xff");
    CHECK_FALSE(uploading());
    CHECK(app.banner().render(i18n::Lang::en) == "Files can be dropped on the import page, a lead or a contact: photo.jpg was not used.");
}

TEST_CASE_FIXTURE(AttachmentsFixture, "while files are dragged over the page the hint names where a drop would go") {
    const json contact = {{"id", 11}, {"is_company", false}, {"name", "Бат"}, {"active", true}, {"version", 3}};
    net.answer_path("/api/v1/contacts/11", 200, contact.dump());
    while (!net.pending.empty()) net.answer(200, R"({"items":[]})");
    REQUIRE(app.contact_form().contact());
    CHECK(app.drop_hint().empty());  // nothing dragged
    app.set_file_drag(true);
    CHECK(app.drop_hint() == "Drop to attach the file to “Бат”");
    app.on_url_changed("#/import");
    CHECK(app.drop_hint() == "Drop the file to import it");
    app.on_url_changed("#/leads");
    while (!net.pending.empty()) net.answer(200, R"({"items":[],"total":0})");
    CHECK(app.drop_hint() == "Open a lead or a contact to attach files, or Import to import them");
    app.set_language(i18n::Lang::mn);
    CHECK(app.drop_hint() == "Файл хавсаргахын тулд сэжим эсвэл харилцагч нээнэ үү, импортлохын тулд Импорт руу орно уу");
    app.set_file_drag(false);
    CHECK(app.drop_hint().empty());
}
