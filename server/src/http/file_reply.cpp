#include "http/file_reply.hpp"

#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

namespace tumen::server {

Result<Reply> file_reply(const std::string& path, const std::string& content_type, const std::string& disposition,
                         bool remove_after) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
    if (ec || !*in) return Error::make(ErrorCode::internal, "cannot read a file the server holds; see the server log");
    Reply r;
    r.content_type = content_type;
    r.headers.push_back({"Content-Disposition", disposition});
    r.headers.push_back({"Cache-Control", "private, no-store"});
    r.stream_length = static_cast<size_t>(size);
    r.stream = [in](size_t offset, httplib::DataSink& sink) {
        std::vector<char> buffer(64 * 1024);
        in->seekg(static_cast<std::streamoff>(offset));
        in->read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = in->gcount();
        if (got <= 0) return false;  // the file shrank under us: abort rather than send garbage
        return sink.write(buffer.data(), static_cast<size_t>(got));
    };
    // The open stream keeps the data readable after the name is gone (POSIX), so a temporary file is removed at
    // once: nothing is left behind, whether the client reads it all, goes away, or the server stops.
    if (remove_after) std::filesystem::remove(path, ec);
    r.on_stream_end = [in](bool) { in->close(); };
    return r;
}

}  // namespace tumen::server
