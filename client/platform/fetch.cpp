#include "fetch.hpp"

#include <emscripten.h>
#include <emscripten/fetch.h>

#include <cstring>
#include <memory>

#include "browser.hpp"

namespace tumen::platform {

namespace {

// Everything a request needs to stay alive until its callback: the body (XHR copies it when it starts, but
// emscripten_fetch may defer the start) and the header strings the NULL-terminated pointer array refers to.
struct Pending {
    client::HttpRequest request;
    std::vector<const char*> header_ptrs;
    std::function<void(int status, const char* data, size_t size)> done;
};

void finish(emscripten_fetch_t* f) {
    std::unique_ptr<Pending> p(static_cast<Pending*>(f->userData));
    const int status = static_cast<int>(f->status);
    // The callback copies what it keeps; f->data is freed by emscripten_fetch_close, so close only after it. (A copy
    // here as well cost fresh wasm memory per reply: the fonts alone are 1.4 MB, issue 5's start-up.)
    const bool has_body = f->data && f->numBytes > 0;
    p->done(status, has_body ? f->data : "", has_body ? static_cast<size_t>(f->numBytes) : 0);
    emscripten_fetch_close(f);
}

void start(std::unique_ptr<Pending> p) {
    emscripten_fetch_attr_t attr;
    emscripten_fetch_attr_init(&attr);
    std::strncpy(attr.requestMethod, p->request.method.c_str(), sizeof(attr.requestMethod) - 1);
    attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
    attr.timeoutMSecs = 20000;
    for (const auto& [k, v] : p->request.headers) {
        p->header_ptrs.push_back(k.c_str());
        p->header_ptrs.push_back(v.c_str());
    }
    p->header_ptrs.push_back(nullptr);
    attr.requestHeaders = p->header_ptrs.data();
    if (!p->request.body.empty()) {
        attr.requestData = p->request.body.data();
        attr.requestDataSize = p->request.body.size();
    }
    // onsuccess fires for 2xx only; every other completed reply (with its body) and network failures (status 0)
    // come through onerror. Both are just "the answer" here.
    attr.onsuccess = finish;
    attr.onerror = finish;
    Pending* raw = p.release();
    attr.userData = raw;
    if (!emscripten_fetch(&attr, raw->request.path.c_str())) {
        // Could not even start: answer "no reply" asynchronously, as the Transport contract asks.
        emscripten_async_call(
            [](void* arg) {
                std::unique_ptr<Pending> q(static_cast<Pending*>(arg));
                q->done(0, "", 0);
            },
            raw, 0);
    }
}

}  // namespace

void FetchTransport::send(client::HttpRequest request, client::HttpCallback done) {
    auto p = std::make_unique<Pending>();
    p->request = std::move(request);
    p->done = [done = std::move(done), wake = wake_, path = p->request.path](int status, const char* data, size_t size) {
        const double start = emscripten_get_now();
        done(client::HttpResponse{status, std::string(data, size)});
        if (wake) wake();
        // How long the page's first seconds spend on each reply (bench/board_browser.mjs prints these).
        if (start < 10000) startup_measure("reply " + path.substr(0, path.find('?')), start);
    };
    start(std::move(p));
}

void fetch_file(const std::string& url, std::function<void(bool, std::vector<unsigned char>)> done) {
    auto p = std::make_unique<Pending>();
    p->request.method = "GET";
    p->request.path = url;
    p->done = [done = std::move(done)](int status, const char* data, size_t size) {
        const auto* b = reinterpret_cast<const unsigned char*>(data);
        done(status >= 200 && status < 300 && size > 0, std::vector<unsigned char>(b, b + size));
    };
    start(std::move(p));
}

}  // namespace tumen::platform
