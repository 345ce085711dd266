#include "event_source.hpp"

#include <emscripten.h>

#include <memory>

namespace {

tumen::platform::FetchEventChannel* g_channel = nullptr;

// clang-format off
// Opens stream `handle`: one fetch() whose body is read chunk by chunk and parsed as server-sent events (lines
// "field: value", a blank line ends an event, ":" lines are heartbeats). Any end, refusal or network error
// reports failure once; opening another stream (or closing) aborts this one silently.
EM_JS(void, js_live_open, (int handle, const char* url_ptr), {
    const live = Module.tumenLive || (Module.tumenLive = {});
    if (live.controller) live.controller.abort();
    const controller = new AbortController();
    live.controller = controller;
    const current = () => live.controller === controller;
    const withString = (s, use) => {
        const n = lengthBytesUTF8(s) + 1;
        const p = _malloc(n);
        stringToUTF8(s, p, n);
        try { use(p); } finally { _free(p); }
    };
    // Line breaks by char code: an escape such as backslash-r inside EM_JS reaches the generated JS as the raw
    // character, which ends the string literal there (acorn: "Unterminated string constant").
    const NL = String.fromCharCode(10), CR = String.fromCharCode(13);
    let reported = false;
    const fail = () => {
        if (!current() || reported) return;
        reported = true;
        live.controller = null;
        Module["_tumen_live_failed"](handle);
    };
    fetch(UTF8ToString(url_ptr), { headers: { "Accept": "text/event-stream" }, credentials: "same-origin",
                                   cache: "no-store", signal: controller.signal })
        .then(async (res) => {
            if (!res.ok || !res.body) return fail();
            if (!current()) return;
            Module["_tumen_live_opened"](handle);
            const reader = res.body.getReader();
            const decoder = new TextDecoder();
            let buffer = "";
            let id = "", name = "", data = [];
            for (;;) {
                const chunk = await reader.read();
                if (chunk.done || !current()) break;
                buffer += decoder.decode(chunk.value, { stream: true });
                let nl;
                while ((nl = buffer.indexOf(NL)) >= 0) {
                    let line = buffer.slice(0, nl);
                    buffer = buffer.slice(nl + 1);
                    if (line.endsWith(CR)) line = line.slice(0, -1);
                    if (line === "") {
                        if (data.length && current())
                            withString(id, (pi) => withString(name || "message", (pn) =>
                                withString(data.join(NL), (pd) => Module["_tumen_live_event"](handle, pi, pn, pd))));
                        id = ""; name = ""; data = [];
                        continue;
                    }
                    if (line[0] === ":") continue;
                    const colon = line.indexOf(":");
                    const field = colon < 0 ? line : line.slice(0, colon);
                    let value = colon < 0 ? "" : line.slice(colon + 1);
                    if (value[0] === " ") value = value.slice(1);
                    if (field === "data") data.push(value);
                    else if (field === "id") id = value;
                    else if (field === "event") name = value;
                }
            }
            fail();
        })
        .catch(fail);
});

EM_JS(void, js_live_close, (), {
    const live = Module.tumenLive;
    if (live && live.controller) {
        live.controller.abort();
        live.controller = null;
    }
});
// clang-format on

struct Timer {
    std::function<void()> fn;
};

void run_timer(void* arg) {
    std::unique_ptr<Timer> t(static_cast<Timer*>(arg));
    if (t->fn) t->fn();
}

}  // namespace

namespace tumen::platform {

FetchEventChannel::FetchEventChannel(std::function<void()> wake) : wake_(std::move(wake)) { g_channel = this; }

FetchEventChannel::~FetchEventChannel() {
    if (g_channel == this) g_channel = nullptr;
}

void FetchEventChannel::open(const std::string& url, client::StreamHandlers handlers) {
    handlers_ = std::move(handlers);
    js_live_open(++handle_, url.c_str());
}

void FetchEventChannel::close() {
    ++handle_;
    handlers_ = {};
    js_live_close();
}

void FetchEventChannel::after(int ms, std::function<void()> fn) {
    auto wake = wake_;
    emscripten_async_call(run_timer, new Timer{[fn = std::move(fn), wake] {
                              fn();
                              if (wake) wake();
                          }},
                          ms);
}

void FetchEventChannel::opened(int handle) {
    if (handle != handle_ || !handlers_.opened) return;
    handlers_.opened();
    if (wake_) wake_();
}

void FetchEventChannel::event(int handle, const char* id, const char* name, const char* data) {
    if (handle != handle_ || !handlers_.event) return;
    handlers_.event(id ? id : "", name ? name : "", data ? data : "");
    if (wake_) wake_();
}

void FetchEventChannel::failed(int handle) {
    if (handle != handle_ || !handlers_.failed) return;
    auto f = handlers_.failed;  // the handler may open the next stream (replacing handlers_)
    f();
    if (wake_) wake_();
}

}  // namespace tumen::platform

extern "C" {

EMSCRIPTEN_KEEPALIVE void tumen_live_opened(int handle) {
    if (g_channel) g_channel->opened(handle);
}

EMSCRIPTEN_KEEPALIVE void tumen_live_event(int handle, const char* id, const char* name, const char* data) {
    if (g_channel) g_channel->event(handle, id, name, data);
}

EMSCRIPTEN_KEEPALIVE void tumen_live_failed(int handle) {
    if (g_channel) g_channel->failed(handle);
}

}  // extern "C"
