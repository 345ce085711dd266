// An SMTP client over libcurl: plain, STARTTLS (required, never silently skipped) or TLS (smtps://), with
// optional AUTH. One client keeps one curl handle, so a batch of messages goes over one connection (curl reuses
// it between transfers and reconnects by itself when the server closed it). Failures carry the server's own
// answer ("550 5.1.1 <x@y>: Recipient address rejected"), read from the protocol trace, because curl's error
// text holds only the code. Not thread-safe: one client per sending thread.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace tumen::server::smtp {

enum class SmtpSecurity { none, starttls, tls };
std::string_view to_string(SmtpSecurity s);

struct SmtpSettings {
    std::string host;
    int port = 25;
    SmtpSecurity security = SmtpSecurity::none;
    std::string username;  // "" = no AUTH
    std::string password;
    std::string helo_domain;     // the EHLO name ("" = curl's default)
    long connect_timeout_s = 20;
    long stall_timeout_s = 60;   // a transfer slower than 1 byte/s for this long is abandoned
    bool verify_tls = true;      // off only for tests or a private relay with a self-signed certificate
};

struct SmtpResult {
    bool ok = false;
    int code = 0;           // the server's last reply code (0: no reply - connection, TLS or timeout)
    std::string message;    // the server's last reply text, else curl's description
    bool connection = false;// the connection or the login failed, or the link broke: the next message would too
    bool attempted = false; // MAIL FROM was sent: this message itself was tried (counts as an attempt)
};

class SmtpClient {
public:
    explicit SmtpClient(SmtpSettings settings);
    ~SmtpClient();
    SmtpClient(const SmtpClient&) = delete;
    SmtpClient& operator=(const SmtpClient&) = delete;

    // MAIL FROM `from`, RCPT TO each of `recipients` (bare addresses), DATA `data` (CRLF lines).
    SmtpResult send(const std::string& from, const std::vector<std::string>& recipients, const std::string& data);
    // Connects, says EHLO, STARTTLS and AUTH as configured, then NOOP: the Settings "Test" button.
    SmtpResult check();

    struct Trace;  // the server's replies, collected by curl's debug callback

private:
    void* prepare(void* handle);
    SmtpResult outcome(void* handle, int curl_code, const Trace& trace);
    SmtpSettings settings_;
    std::string url_;
    void* curl_ = nullptr;  // CURL*, reused across send() calls
    char error_[256] = {};  // CURLOPT_ERRORBUFFER
};

}  // namespace tumen::server::smtp
