// One file as a multipart/form-data body (the part "file"), as the server's uploads read it (imports, attachments).
#pragma once
#include <string>

namespace tumen::client {

struct MultipartBody {
    std::string content_type;  // "multipart/form-data; boundary=..."
    std::string body;
};

// The boundary is chosen so that it does not occur in the file; quotes and line breaks in the name become "_".
MultipartBody multipart_file(const std::string& file_name, const std::string& part_type, const std::string& bytes);

}  // namespace tumen::client
