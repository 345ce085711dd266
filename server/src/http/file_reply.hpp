// Replies that send a file from disk (attachments, backups, XLSX exports) in 64 KiB pieces with a known
// Content-Length, so a large file never sits in memory; `remove_after` deletes a temporary file once sent.
#pragma once
#include <string>

#include "http/router.hpp"

namespace tumen::server {

// 500 when the file cannot be opened.
Result<Reply> file_reply(const std::string& path, const std::string& content_type, const std::string& disposition,
                         bool remove_after = false);

}  // namespace tumen::server
