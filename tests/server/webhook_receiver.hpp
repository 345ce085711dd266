// A webhook receiver for the webhook tests: cpp-httplib on 127.0.0.1 in a thread, recording every request and
// answering from a script the test sets (then 200).
#pragma once
#include <httplib.h>

#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tumen::testing {

class WebhookReceiver {
public:
    struct Received {
        std::string path, body;
        httplib::Headers headers;
        std::string header(const std::string& name) const {
            auto it = headers.find(name);
            return it == headers.end() ? std::string() : it->second;
        }
    };

    WebhookReceiver() {
        server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
            int status = 200;
            {
                std::lock_guard lock(mutex_);
                received_.push_back({req.path, req.body, req.headers});
                if (!script_.empty()) {
                    status = script_.front();
                    script_.pop_front();
                }
            }
            res.status = status;
            res.set_content(status == 200 ? "ok" : "Түр алдаа: try later", "text/plain; charset=utf-8");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~WebhookReceiver() {
        server_.stop();
        thread_.join();
    }

    std::string url(const std::string& path = "/hook") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    void answer_next(int status) {
        std::lock_guard lock(mutex_);
        script_.push_back(status);
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
    std::deque<int> script_;
};

}  // namespace tumen::testing
