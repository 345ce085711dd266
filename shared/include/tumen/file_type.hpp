// Uploaded files: the type read from the content's first bytes (never the client's word for it), a safe file
// name, and the Content-Disposition header a download is sent with.
#pragma once
#include <string>
#include <string_view>

namespace tumen::files {

// MIME type from magic bytes: images (PNG, JPEG, GIF, WebP, BMP, TIFF, ICO), PDF, ZIP-based office files
// (docx/xlsx/pptx/odt/ods by their member names), old OLE office files, RTF, archives (zip, gzip, 7z, rar),
// audio/video (mp3, mp4/m4a/mov, ogg, wav, webm), SQLite; text that is valid UTF-8 without NUL bytes is
// text/plain (text/csv when the name ends in .csv); anything else application/octet-stream.
// SVG, HTML and XML are reported as text/plain on purpose: they must never be served as active content.
std::string sniff_mime_type(std::string_view head, std::string_view file_name = {});

// The last path segment, without control characters and / \ : * ? " < > |, white space collapsed, leading
// dots and trailing dots/spaces removed, at most 180 code points (the extension kept); "file" when nothing
// is left. Invalid UTF-8 bytes are dropped.
std::string sanitize_file_name(std::string_view name);

// attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded name> (RFC 6266 / 5987).
std::string content_disposition(std::string_view file_name, bool inline_display = false);

}  // namespace tumen::files
