// The web client's files (index.html, tumen.js, tumen.wasm, fonts) served from memory: each file is read and gzipped
// once per version (size + modification time) and carries an ETag, so a second visit revalidates with 304s and the
// browser can reuse its compiled wasm. Why not httplib's mount point alone: it reads the file on every request and
// compresses text types with brotli at its highest quality each time (~1 s for tumen.js on a loaded machine, issue 5).
#pragma once
#include <httplib.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

namespace tumen::server {

class StaticFiles {
public:
    explicit StaticFiles(std::string root);
    ~StaticFiles();  // stops the warm-up (even in the middle of a file) and joins it
    StaticFiles(const StaticFiles&) = delete;
    StaticFiles& operator=(const StaticFiles&) = delete;

    // Reads and gzips every file of the bundle on a background thread, so the first visit after a start does not
    // wait for the wasm's compression (~0.1-0.5 s). The server listens meanwhile; a request for a file not yet
    // warmed loads it itself.
    void warm_in_background();

    // Answers a GET/HEAD of a regular file under the root ("/" and "dir/" mean their index.html). False = not ours:
    // an API path, a missing file, a Range request; the caller's mount point and routes take it.
    bool serve(const httplib::Request& req, httplib::Response& res);

private:
    struct Entry;
    std::shared_ptr<const Entry> load(const std::string& rel, bool warming = false);

    std::string root_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;
    std::atomic<bool> stopping_{false};
    std::thread warmer_;
};

}  // namespace tumen::server
