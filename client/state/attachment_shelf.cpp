#include "attachment_shelf.hpp"

#include <nlohmann/json.hpp>

#include "api_io.hpp"
#include "host.hpp"
#include "json_fields.hpp"
#include "multipart.hpp"
#include "tumen/api.hpp"
#include "tumen/datetime.hpp"

namespace tumen::client {

namespace {

std::vector<Attachment> parse_attachments(const std::string& body) {
    std::vector<Attachment> out;
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) return out;
    for (const auto& it : j["items"]) {
        if (!it.is_object() || !it.contains("id") || !it["id"].is_number_integer()) continue;
        Attachment a;
        a.id = it["id"].get<std::int64_t>();
        a.name = str(it, "name");
        a.mimetype = str(it, "mimetype");
        a.size = it.contains("size") && it["size"].is_number_integer() ? it["size"].get<std::int64_t>() : 0;
        if (auto t = parse_timestamp(str(it, "create_date"))) a.create_date = *t;
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace

void AttachmentShelf::open(std::string record_path, Make make, Send send) {
    close();
    path_ = std::move(record_path);
    make_ = std::move(make);
    send_ = std::move(send);
    reload();
}

void AttachmentShelf::close() {
    ++generation_;
    path_.clear();
    items_.clear();
    loaded_ = false;
    uploading_.clear();
    error_ = {};
}

void AttachmentShelf::reload() {
    if (path_.empty()) return;
    send_(make_("GET", path_ + "/attachments", ""), [this, gen = generation_](const HttpResponse& reply) {
        if (gen != generation_) return;
        if (!reply.ok()) {
            error_ = problem_message(reply);
            return;
        }
        items_ = parse_attachments(reply.body);
        loaded_ = true;
    });
}

void AttachmentShelf::attach() {
    if (path_.empty() || !uploading_.empty()) return;
    host_.pick_file("", max_bytes, [this, gen = generation_](std::string name, std::string bytes) {
        if (gen != generation_) return;
        upload(name, bytes);
    });
}

void AttachmentShelf::upload(const std::string& file_name, const std::string& bytes) {
    if (path_.empty() || !uploading_.empty()) return;
    error_ = {};
    if (bytes.size() > max_bytes) {
        error_ = Message::from_key("attachments.too_large", {{"name", file_name}, {"mb", std::to_string(max_bytes >> 20)}});
        return;
    }
    if (bytes.empty()) {
        error_ = Message::from_key("attachments.empty", {{"name", file_name}});
        return;
    }
    MultipartBody upload = multipart_file(file_name, "application/octet-stream", bytes);
    HttpRequest r = make_("POST", path_ + "/attachments", std::move(upload.body));
    for (auto& [k, v] : r.headers)
        if (k == "Content-Type") v = upload.content_type;
    uploading_ = file_name;
    send_(std::move(r), [this, gen = generation_](const HttpResponse& reply) {
        if (gen != generation_) return;
        uploading_.clear();
        if (!reply.ok()) {
            error_ = problem_message(reply);
            return;
        }
        reload();
    });
}

void AttachmentShelf::download(std::int64_t id) const {
    host_.open_url(std::string(api::prefix) + "/attachments/" + std::to_string(id));
}

void AttachmentShelf::remove(std::int64_t id) {
    if (path_.empty()) return;
    error_ = {};
    send_(make_("DELETE", std::string(api::prefix) + "/attachments/" + std::to_string(id), ""),
          [this, gen = generation_](const HttpResponse& reply) {
              if (gen != generation_) return;
              if (!reply.ok()) {
                  error_ = problem_message(reply);
                  return;
              }
              reload();
          });
}

}  // namespace tumen::client
