#include "multipart.hpp"

namespace tumen::client {

MultipartBody multipart_file(const std::string& file_name, const std::string& part_type, const std::string& bytes) {
    std::string boundary = "tumen-part-5c1f9a7e03d24b68";
    while (bytes.find(boundary) != std::string::npos || file_name.find(boundary) != std::string::npos) boundary += "x";
    std::string name;
    for (char c : file_name) name += (c == '"' || c == '\r' || c == '\n') ? '_' : c;
    MultipartBody out;
    out.content_type = "multipart/form-data; boundary=" + boundary;
    out.body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
               "\"\r\nContent-Type: " + part_type + "\r\n\r\n";
    out.body.reserve(out.body.size() + bytes.size() + boundary.size() + 8);
    out.body += bytes;
    out.body += "\r\n--" + boundary + "--\r\n";
    return out;
}

}  // namespace tumen::client
