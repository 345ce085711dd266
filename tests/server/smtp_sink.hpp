// A real SMTP server for the mail tests and the send benchmark: tests/server/smtp_sink.py (Debian's
// python3-aiosmtpd) on a free loopback port, writing each accepted message byte for byte into a Maildir.
// Stopped (SIGTERM) by the destructor, and killed with the test process (PR_SET_PDEATHSIG) if that dies first.
#pragma once
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tumen::testing {

inline int free_loopback_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

class SmtpSink {
public:
    struct Options {
        std::string user, password;  // AUTH required when set
        int delay_ms = 0;            // per message
        bool count_only = false;     // benchmark: count, write nothing
    };

    explicit SmtpSink(std::filesystem::path maildir) : SmtpSink(std::move(maildir), Options()) {}
    SmtpSink(std::filesystem::path maildir, Options o) : maildir_(std::move(maildir)), options_(std::move(o)) {
        for (const char* sub : {"tmp", "new", "cur"}) std::filesystem::create_directories(maildir_ / sub);
        port_ = free_loopback_port();
        start();
    }
    ~SmtpSink() { stop(); }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;

    int port() const { return port_; }
    const std::filesystem::path& maildir() const { return maildir_; }

    // (Re)starts the server on the same port; returns once it accepts connections.
    void start() {
        if (pid_ > 0) return;
        const std::string script = (std::filesystem::path(__FILE__).parent_path() / "smtp_sink.py").string();
        const std::string log = (maildir_ / "sink.log").string();
        std::vector<std::string> args = {"/usr/bin/python3", script, "--port", std::to_string(port_), "--maildir",
                                         maildir_.string()};
        if (!options_.user.empty()) args.insert(args.end(), {"--user", options_.user, "--password", options_.password});
        if (options_.delay_ms) args.insert(args.end(), {"--delay-ms", std::to_string(options_.delay_ms)});
        if (options_.count_only) args.push_back("--count-only");
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        pid_ = ::fork();
        if (pid_ == 0) {  // only async-signal-safe calls between fork and exec (the test process has threads)
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
            ::dup2(fd, 1);
            ::dup2(fd, 2);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        // Ready when our own child says so: a port that merely accepts could be another process's that took the
        // port between free_loopback_port() and the child's bind (parallel tests), and mail would go there.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        const auto ready_lines = [&] {
            std::ifstream in(log);
            std::string line;
            int n = 0;
            while (std::getline(in, line)) n += line == "READY";
            return n;
        };
        while (ready_lines() <= starts_) {
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("smtp_sink.py exited at start (port " + std::to_string(port_) + " taken?): " + log);
            }
            if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("smtp_sink.py did not start: " + log);
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ++starts_;
    }

    void stop(int sig = SIGTERM) {
        if (pid_ <= 0) return;
        ::kill(pid_, sig);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    void kill() { stop(SIGKILL); }

    // RCPT to busy...@ answers 451 while set.
    void set_busy(bool on) {
        const auto flag = maildir_ / "busy";
        if (on) std::ofstream(flag) << "1";
        else std::filesystem::remove(flag);
    }

    // Every message received, in arrival order (file names start with the arrival time in ns).
    std::vector<std::string> messages() const {
        std::vector<std::filesystem::path> files;
        for (const auto& e : std::filesystem::directory_iterator(maildir_ / "new")) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        std::vector<std::string> out;
        for (const auto& f : files) {
            std::ifstream in(f, std::ios::binary);
            std::ostringstream s;
            s << in.rdbuf();
            out.push_back(s.str());
        }
        return out;
    }
    std::size_t count() const {
        std::size_t n = 0;
        for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(maildir_ / "new")) ++n;
        return n;
    }

private:
    std::filesystem::path maildir_;
    Options options_;
    int port_ = 0;
    pid_t pid_ = -1;
    int starts_ = 0;  // READY lines in the log so far (a restart appends to the same log)
};

// The value of a header of a raw message ("" when absent); unfolds continuation lines.
inline std::string header_of(const std::string& raw, const std::string& name) {
    const std::string head = raw.substr(0, raw.find("\r\n\r\n"));
    std::istringstream in(head);
    std::string line, value;
    bool in_header = false;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (in_header && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
            value += line;
            continue;
        }
        if (in_header) return value;
        if (line.size() > name.size() && line[name.size()] == ':' &&
            std::equal(name.begin(), name.end(), line.begin(), [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
            in_header = true;
            value = line.substr(name.size() + 1);
            while (!value.empty() && value.front() == ' ') value.erase(0, 1);
        }
    }
    return value;
}

}  // namespace tumen::testing
