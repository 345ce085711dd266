#include "net/http_post.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace tumen::server::net {

namespace {

void ensure_curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Sink {
    std::string body;
    bool capped = false;
};

// Returning less than given makes curl stop with CURLE_WRITE_ERROR: past the cap we stop reading rather than
// drain an endless answer, and report the answer as received (capped).
size_t on_write(char* data, size_t size, size_t count, void* user) {
    auto* s = static_cast<Sink*>(user);
    const size_t n = size * count;
    const size_t room = http_body_cap - s->body.size();
    if (n > room) {
        s->body.append(data, room);
        s->capped = true;
        return 0;
    }
    s->body.append(data, n);
    return n;
}

// "host:port:ip" for CURLOPT_RESOLVE; the host and port as curl itself parses the URL.
std::optional<std::string> resolve_entry(const std::string& url, const std::string& ip) {
    std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> u(curl_url(), curl_url_cleanup);
    if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
    char* host = nullptr;
    char* port = nullptr;
    if (curl_url_get(u.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) return std::nullopt;
    if (curl_url_get(u.get(), CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
        curl_free(host);
        return std::nullopt;
    }
    const bool v6 = ip.find(':') != std::string::npos && ip.front() != '[';
    std::string entry = std::string(host) + ":" + port + ":" + (v6 ? "[" + ip + "]" : ip);
    curl_free(host);
    curl_free(port);
    return entry;
}

}  // namespace

HttpResponse http_send(const HttpRequest& request) {
    ensure_curl();
    HttpResponse r;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> handle(curl_easy_init(), curl_easy_cleanup);
    if (!handle) {
        r.error = "curl_easy_init failed";
        return r;
    }
    CURL* c = handle.get();
    char error[CURL_ERROR_SIZE] = {};
    Sink sink;

    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, request.timeout_s);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);

    curl_slist* resolve = nullptr;
    if (request.pinned_ip) {
        const auto entry = resolve_entry(request.url, *request.pinned_ip);
        if (!entry) {
            r.error = "invalid URL";
            return r;
        }
        resolve = curl_slist_append(resolve, entry->c_str());
        curl_easy_setopt(c, CURLOPT_RESOLVE, resolve);
    }
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> resolve_guard(resolve, curl_slist_free_all);

    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers)
        headers = curl_slist_append(headers, (name + ": " + value).c_str());
    // curl adds "Expect: 100-continue" to larger POSTs; gateways and hooks need not understand it.
    headers = curl_slist_append(headers, "Expect:");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_guard(headers, curl_slist_free_all);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);

    if (request.method == "GET") {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else {
        if (request.method != "POST") curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        if (request.method == "POST" || !request.body.empty()) {
            curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
        }
    }

    const CURLcode res = curl_easy_perform(c);
    if (res == CURLE_OK || (res == CURLE_WRITE_ERROR && sink.capped)) {
        r.transport_ok = true;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
        r.body = std::move(sink.body);
        return r;
    }
    r.error = error[0] ? error : curl_easy_strerror(res);
    return r;
}

}  // namespace tumen::server::net
