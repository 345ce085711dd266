// Test doubles for the client view models: a transport that holds requests until the test answers them, and a
// host that records what the address bar and storage were asked to do.
#pragma once
#include <doctest/doctest.h>

#include <deque>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "state/host.hpp"
#include "state/transport.hpp"

namespace tumen::client::testing {

class FakeTransport : public Transport {
public:
    struct Pending {
        HttpRequest request;
        HttpCallback done;
    };

    void send(HttpRequest request, HttpCallback done) override { pending.push_back({std::move(request), std::move(done)}); }

    // Answers the oldest request; returns it so the test can check what was sent.
    HttpRequest answer(int status, std::string body = {}) {
        REQUIRE_FALSE(pending.empty());
        Pending p = std::move(pending.front());
        pending.pop_front();
        p.done(HttpResponse{status, std::move(body)});
        return p.request;
    }

    // Answers the oldest request whose path starts with `prefix` (requests in flight at once arrive in any order).
    HttpRequest answer_path(const std::string& prefix, int status, std::string body) {
        for (auto it = pending.begin(); it != pending.end(); ++it) {
            if (it->request.path.rfind(prefix, 0) != 0) continue;
            Pending p = std::move(*it);
            pending.erase(it);
            p.done(HttpResponse{status, std::move(body)});
            return p.request;
        }
        FAIL("no pending request for " << prefix);
        return {};
    }

    std::deque<Pending> pending;
};

class FakeHost : public Host {
public:
    void push_url(const std::string& hash) override {
        history.push_back(hash);
        pushes.push_back(hash);
    }
    void replace_url(const std::string& hash) override {
        if (history.empty()) history.push_back(hash);
        else history.back() = hash;
        replaces.push_back(hash);
    }
    void save_language(std::string_view code) override { saved_language = std::string(code); }
    void open_url(const std::string& path) override { opened.push_back(path); }
    void save_file(const std::string& name, const std::string& mime, const std::string& bytes) override {
        saved_files.push_back({name, mime, bytes});
    }

    void save_preference(std::string_view key, std::string_view value) override { prefs[std::string(key)] = value; }
    std::string load_preference(std::string_view key) const override {
        auto it = prefs.find(std::string(key));
        return it == prefs.end() ? std::string() : it->second;
    }
    bool system_prefers_dark() const override { return system_dark; }

    std::string url() const { return history.empty() ? std::string() : history.back(); }

    std::vector<std::string> history;  // like the browser's session history (no forward part)
    std::vector<std::string> pushes;
    std::vector<std::string> replaces;
    std::string saved_language;
    std::map<std::string, std::string> prefs;  // save_preference / load_preference (localStorage)
    bool system_dark = false;
    std::vector<std::string> opened;  // open_url calls (new tabs)
    struct SavedFile {
        std::string name, mime, bytes;
    };
    std::vector<SavedFile> saved_files;
};

// A host whose file chooser the test answers.
struct PickingHost : FakeHost {
    void pick_file(const std::string& accept, std::size_t max, std::function<void(std::string, std::string)> chosen) override {
        this->accept = accept;
        this->max = max;
        this->chosen = std::move(chosen);
    }
    std::string accept;
    std::size_t max = 0;
    std::function<void(std::string, std::string)> chosen;
};

inline std::string header(const HttpRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return {};
}

}  // namespace tumen::client::testing
