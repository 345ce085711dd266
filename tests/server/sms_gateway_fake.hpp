// A small HTTP SMS gateway for the SMS tests: cpp-httplib on 127.0.0.1 in a thread. It records every request it
// receives and answers from a script the test sets (then the default answer).
#pragma once
#include <httplib.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tumen::testing {

class FakeSmsGateway {
public:
    struct Received {
        std::string method, path, target, body;
        httplib::Headers headers;
        httplib::Params params;
    };
    struct Answer {
        int status = 200;
        std::string body = R"({"status":"OK"})";
        std::string location;  // a Location header (redirect tests)
    };

    FakeSmsGateway() {
        const auto handle = [this](const httplib::Request& req, httplib::Response& res) {
            Answer a;
            {
                std::lock_guard lock(mutex_);
                received_.push_back({req.method, req.path, req.target, req.body, req.headers, req.params});
                if (!script_.empty()) {
                    a = script_.front();
                    script_.pop_front();
                } else {
                    a = default_;
                }
            }
            res.status = a.status;
            res.set_content(a.body, "application/json");
            if (!a.location.empty()) res.set_header("Location", a.location);
        };
        server_.Get(".*", handle);
        server_.Post(".*", handle);
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~FakeSmsGateway() {
        server_.stop();
        thread_.join();
    }

    int port() const { return port_; }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    void answer_next(int status, std::string body, std::string location = {}) {
        std::lock_guard lock(mutex_);
        script_.push_back(Answer{status, std::move(body), std::move(location)});
    }
    std::vector<Received> received() {
        std::lock_guard lock(mutex_);
        return received_;
    }
    std::size_t count() {
        std::lock_guard lock(mutex_);
        return received_.size();
    }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
    std::mutex mutex_;
    std::vector<Received> received_;
    std::deque<Answer> script_;
    Answer default_;
};

}  // namespace tumen::testing
