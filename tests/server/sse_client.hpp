// A small server-sent-events client over a plain socket, for the stream tests and the events benchmark: sends one
// GET, reads the status and headers, decodes the chunked body and parses SSE frames (id, event, data, comments).
// A plain socket (not httplib::Client) so a test can hold many streams open, read them with timeouts, and drop one
// the way a vanished browser does.
#pragma once
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tumen::testing {

struct SseEvent {
    std::string id;
    std::string event;  // "message" when the frame names none
    std::string data;
};

class SseClient {
public:
    using Clock = std::chrono::steady_clock;

    // Connects and sends `GET path` with `headers` ("Name: value" lines); reads the status line and headers.
    SseClient(int port, const std::string& path, const std::vector<std::string>& headers = {}) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket");
        int one = 1;
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<uint16_t>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) throw std::runtime_error("connect");
        std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
        for (const auto& h : headers) req += h + "\r\n";
        req += "\r\n";
        if (::send(fd_, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size()))
            throw std::runtime_error("send");
        read_head(Clock::now() + std::chrono::seconds(10));
    }
    ~SseClient() { close(); }
    SseClient(const SseClient&) = delete;
    SseClient& operator=(const SseClient&) = delete;

    int status() const { return status_; }
    std::string header(const std::string& name) const {
        for (const auto& [k, v] : headers_)
            if (lower(k) == lower(name)) return v;
        return {};
    }
    // The whole body of a non-stream reply (an error); read up to Content-Length.
    std::string body(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        const auto deadline = Clock::now() + timeout;
        const size_t want = std::strtoull(header("Content-Length").c_str(), nullptr, 10);
        while (raw_.size() < want && fill(deadline)) {}
        return raw_.substr(0, want);
    }

    // The next event, or nullopt when none came within `timeout` or the stream ended.
    std::optional<SseEvent> next(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            if (!events_.empty()) {
                SseEvent e = std::move(events_.front());
                events_.pop_front();
                return e;
            }
            if (!pump(deadline)) return std::nullopt;
        }
    }
    // The next event named `name`, skipping others.
    std::optional<SseEvent> next_named(const std::string& name, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        const auto deadline = Clock::now() + timeout;
        for (;;) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
            if (left.count() <= 0) return std::nullopt;
            auto e = next(left);
            if (!e || e->event == name) return e;
        }
    }
    // Waits until `n` comment lines (heartbeats) in all have arrived.
    bool wait_comments(int n, std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        while (comments_ < n)
            if (!pump(deadline)) return false;
        return true;
    }
    int comments() const { return comments_; }
    // True once the server closed the stream (after reading what is there).
    bool ended(std::chrono::milliseconds timeout) {
        const auto deadline = Clock::now() + timeout;
        while (!eof_)
            if (!pump(deadline) && !eof_) return false;
        return true;
    }

    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }

private:
    static std::string lower(std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    }

    // Reads more bytes into raw_; false on timeout, end or error.
    bool fill(Clock::time_point deadline) {
        if (fd_ < 0 || eof_) return false;
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left < 0) left = 0;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
        char buf[16384];
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) {
            eof_ = true;
            return false;
        }
        raw_.append(buf, static_cast<size_t>(n));
        return true;
    }

    void read_head(Clock::time_point deadline) {
        size_t end;
        while ((end = raw_.find("\r\n\r\n")) == std::string::npos)
            if (!fill(deadline)) throw std::runtime_error("no HTTP response head");
        std::string head = raw_.substr(0, end);
        raw_.erase(0, end + 4);
        size_t line_end = head.find("\r\n");
        std::string status_line = head.substr(0, line_end);
        status_ = std::atoi(status_line.substr(9, 3).c_str());
        size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
        while (pos < head.size()) {
            size_t e = head.find("\r\n", pos);
            if (e == std::string::npos) e = head.size();
            std::string line = head.substr(pos, e - pos);
            if (auto colon = line.find(':'); colon != std::string::npos) {
                std::string v = line.substr(colon + 1);
                while (!v.empty() && v.front() == ' ') v.erase(0, 1);
                headers_.emplace_back(line.substr(0, colon), v);
            }
            pos = e + 2;
        }
        chunked_ = lower(header("Transfer-Encoding")).find("chunked") != std::string::npos;
    }

    // Decodes what raw_ holds into SSE text and frames; reads more when nothing is complete. False on timeout/end.
    bool pump(Clock::time_point deadline) {
        for (;;) {
            bool progressed = false;
            if (chunked_) {
                for (;;) {
                    size_t crlf = raw_.find("\r\n");
                    if (crlf == std::string::npos) break;
                    size_t size = std::strtoull(raw_.substr(0, crlf).c_str(), nullptr, 16);
                    if (raw_.size() < crlf + 2 + size + 2) break;
                    text_.append(raw_, crlf + 2, size);
                    raw_.erase(0, crlf + 2 + size + 2);
                    if (size == 0) eof_ = true;
                }
            } else {
                text_ += raw_;
                raw_.clear();
            }
            size_t frame_end;
            while ((frame_end = text_.find("\n\n")) != std::string::npos) {
                parse_frame(text_.substr(0, frame_end));
                text_.erase(0, frame_end + 2);
                progressed = true;
            }
            if (progressed) return true;
            if (!fill(deadline)) return false;
        }
    }

    void parse_frame(const std::string& frame) {
        SseEvent e;
        bool has_field = false;
        size_t pos = 0;
        while (pos <= frame.size()) {
            size_t nl = frame.find('\n', pos);
            if (nl == std::string::npos) nl = frame.size();
            std::string line = frame.substr(pos, nl - pos);
            pos = nl + 1;
            if (line.empty()) continue;
            if (line[0] == ':') {
                ++comments_;
                continue;
            }
            size_t colon = line.find(':');
            std::string field = line.substr(0, colon);
            std::string value = colon == std::string::npos ? "" : line.substr(colon + 1);
            if (!value.empty() && value[0] == ' ') value.erase(0, 1);
            if (field == "id") e.id = value, has_field = true;
            else if (field == "event") e.event = value, has_field = true;
            else if (field == "data") e.data += (e.data.empty() ? "" : "\n") + value, has_field = true;
        }
        if (!has_field || (e.data.empty() && e.event.empty())) return;  // retry: lines and comments only
        if (e.event.empty()) e.event = "message";
        events_.push_back(std::move(e));
    }

    int fd_ = -1;
    int status_ = 0;
    std::vector<std::pair<std::string, std::string>> headers_;
    bool chunked_ = false;
    bool eof_ = false;
    std::string raw_, text_;
    std::deque<SseEvent> events_;
    int comments_ = 0;
};

}  // namespace tumen::testing
