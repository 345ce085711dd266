// A record's attached files as the lead and contact forms show them (GET/POST <record>/attachments, GET and DELETE
// /attachments/{id}): the list newest first, "Attach file" (the browser's file picker, then a multipart upload),
// download (opens the file's URL: the server sends it as an attachment) and delete. The form gives how to build and
// send its requests (its own guard), so a reply about a record no longer shown is dropped by the form.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "message.hpp"
#include "transport.hpp"

namespace tumen::client {

class Host;

struct Attachment {
    std::int64_t id = 0;
    std::string name;
    std::string mimetype;
    std::int64_t size = 0;
    std::int64_t create_date = 0;  // UTC seconds
};

class AttachmentShelf {
public:
    // Bigger files are refused before they are read whole into the page (the server has its own, lower, limit).
    static constexpr std::size_t max_bytes = std::size_t{64} << 20;
    using Done = std::function<void(const HttpResponse&)>;
    using Make = std::function<HttpRequest(const std::string& method, const std::string& path, std::string body)>;
    using Send = std::function<void(HttpRequest, Done)>;

    explicit AttachmentShelf(Host& host) : host_(host) {}

    // Shows the files of the record at `record_path` ("/api/v1/leads/5").
    void open(std::string record_path, Make make, Send send);
    void close();
    void reload();  // after a live "attached" / "detached" event of the record

    const std::vector<Attachment>& items() const { return items_; }
    bool loaded() const { return loaded_; }
    // The file being sent now ("" when none): the block shows "Uploading <name>…".
    const std::string& uploading() const { return uploading_; }
    // The last failure (list, upload, delete): shown in the block, cleared by the next action.
    const Message& error() const { return error_; }

    void attach();  // the file picker; the chosen file is uploaded
    void upload(const std::string& file_name, const std::string& bytes);
    void download(std::int64_t id) const;
    void remove(std::int64_t id);

private:
    Host& host_;
    std::string path_;
    Make make_;
    Send send_;
    std::uint64_t generation_ = 0;  // a reply for a record closed since is dropped
    std::vector<Attachment> items_;
    bool loaded_ = false;
    std::string uploading_;
    Message error_;
};

}  // namespace tumen::client
