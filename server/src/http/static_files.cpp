#include "http/static_files.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace tumen::server {

namespace fs = std::filesystem;

struct StaticFiles::Entry {
    std::uintmax_t size = 0;
    fs::file_time_type mtime;
    std::string etag;
    std::string type;
    std::string body;
    std::string gzip;  // empty: not worth it (already compressed formats, or no gain)
};

namespace {

struct Kind {
    const char* ext;
    const char* type;
    bool compress;
};

// The types the client bundle holds; other files are left to httplib's mount point.
constexpr Kind kinds[] = {
    {".html", "text/html; charset=utf-8", true},  {".js", "text/javascript; charset=utf-8", true},
    {".wasm", "application/wasm", true},          {".css", "text/css; charset=utf-8", true},
    {".ttf", "font/ttf", true},                   {".otf", "font/otf", true},
    {".svg", "image/svg+xml", true},              {".json", "application/json", true},
    {".txt", "text/plain; charset=utf-8", true},  {".woff2", "font/woff2", false},
    {".woff", "font/woff", false},                {".png", "image/png", false},
    {".ico", "image/x-icon", false},
};

const Kind* kind_of(const std::string& path) {
    for (const auto& k : kinds) {
        const std::string ext = k.ext;
        if (path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0) return &k;
    }
    return nullptr;
}

// Only plain relative paths: no "..", no backslashes or NULs (httplib has already URL-decoded req.path).
bool safe_path(const std::string& p) {
    if (p.empty() || p[0] != '/' || p.find('\\') != std::string::npos || p.find('\0') != std::string::npos) return false;
    std::size_t start = 1;
    while (start <= p.size()) {
        const std::size_t end = std::min(p.find('/', start), p.size());
        const std::string seg = p.substr(start, end - start);
        if (seg == ".." || seg == ".") return false;
        start = end + 1;
    }
    return true;
}

bool accepts_gzip(const httplib::Request& req) {
    // "gzip" named and not refused with q=0 (browsers send "gzip, deflate, br").
    const std::string ae = req.get_header_value("Accept-Encoding");
    const auto at = ae.find("gzip");
    if (at == std::string::npos) return false;
    const auto end = ae.find(',', at);
    const std::string item = ae.substr(at, end == std::string::npos ? std::string::npos : end - at);
    return item.find("q=0") == std::string::npos || item.find("q=0.") != std::string::npos;
}

// If-None-Match: a list of entity tags, or "*"; compared weakly (the W/ prefix ignored), as RFC 9110 asks.
bool matches(const std::string& header, const std::string& etag) {
    auto strip = [](std::string t) {
        while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.erase(t.begin());
        while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.pop_back();
        if (t.rfind("W/", 0) == 0) t.erase(0, 2);
        return t;
    };
    const std::string mine = strip(etag);
    std::stringstream in(header);
    std::string tag;
    while (std::getline(in, tag, ','))
        if (strip(tag) == mine || strip(tag) == "*") return true;
    return false;
}

}  // namespace

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

StaticFiles::~StaticFiles() {
    stopping_ = true;
    if (warmer_.joinable()) warmer_.join();
}

void StaticFiles::warm_in_background() {
    if (warmer_.joinable()) return;
    warmer_ = std::thread([this] {
        std::error_code ec;
        for (fs::recursive_directory_iterator it(root_, ec), end; !ec && it != end && !stopping_; it.increment(ec)) {
            if (!it->is_regular_file(ec)) continue;
            const std::string rel = fs::relative(it->path(), root_, ec).generic_string();
            if (!ec && kind_of(rel)) load(rel, true);
        }
    });
}

std::shared_ptr<const StaticFiles::Entry> StaticFiles::load(const std::string& rel, bool warming) {
    std::error_code ec;
    const fs::path file = fs::path(root_) / rel;
    if (!kind_of(rel) || !fs::is_regular_file(file, ec)) return nullptr;
    const auto size = fs::file_size(file, ec);
    if (ec) return nullptr;
    const auto mtime = fs::last_write_time(file, ec);
    if (ec) return nullptr;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = cache_.find(rel);
        if (it != cache_.end() && it->second->size == size && it->second->mtime == mtime) return it->second;
    }
    // A new version: read and compress outside the lock (the wasm takes ~100 ms to gzip; other files keep flowing).
    auto e = std::make_shared<Entry>();
    e->size = size;
    e->mtime = mtime;
    std::ifstream in(file, std::ios::binary);
    e->body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) return nullptr;
    if (e->body.size() != size) return nullptr;  // changing under us (a build is writing it): let the mount point serve
    char tag[64];
    std::snprintf(tag, sizeof tag, "W/\"%llx-%llx\"", static_cast<unsigned long long>(size),
                  static_cast<unsigned long long>(mtime.time_since_epoch().count()));
    e->etag = tag;
    const Kind* k = kind_of(rel);
    e->type = k->type;
    if (k->compress && e->body.size() > 1024) {
        httplib::detail::gzip_compressor gz;
        std::string out;
        // The warm-up gives up mid-file when the server stops, so a short-lived server (tests) never waits for it.
        const bool ok = gz.compress(e->body.data(), e->body.size(), true, [&](const char* d, std::size_t n) {
            out.append(d, n);
            return !(warming && stopping_);
        });
        if (warming && stopping_) return nullptr;
        if (ok && out.size() < e->body.size() - e->body.size() / 10) e->gzip = std::move(out);
    }
    std::lock_guard<std::mutex> lock(mutex_);
    cache_[rel] = e;
    return e;
}

bool StaticFiles::serve(const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") return false;
    if (req.path.rfind("/api/", 0) == 0 || req.has_header("Range") || !safe_path(req.path)) return false;
    std::string rel = req.path.substr(1);
    if (rel.empty() || rel.back() == '/') rel += "index.html";
    const auto e = load(rel);
    if (!e) return false;

    res.set_header("Cache-Control", "no-cache");  // names carry no version: always revalidate (cheap with the ETag)
    res.set_header("ETag", e->etag);
    res.set_header("Vary", "Accept-Encoding");
    if (req.has_header("If-None-Match") && matches(req.get_header_value("If-None-Match"), e->etag)) {
        res.status = 304;
        return true;
    }
    const bool gzipped = !e->gzip.empty() && accepts_gzip(req);
    if (gzipped) res.set_header("Content-Encoding", "gzip");
    const std::string& bytes = gzipped ? e->gzip : e->body;
    res.status = 200;
    if (bytes.empty()) {
        res.set_content("", e->type);
        return true;
    }
    // Written from the cached entry with its length: httplib compresses a body (text/* with brotli at its highest
    // quality, on every request) but never a content provider of known length, and the entry is not copied.
    res.set_content_provider(bytes.size(), e->type,
                             [e, &bytes](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                                 return sink.write(bytes.data() + offset, length);
                             });
    return true;
}

}  // namespace tumen::server
