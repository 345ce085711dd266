#include "mail/smtp_client.hpp"

#include <curl/curl.h>

#include <cstring>
#include <mutex>

namespace tumen::server::smtp {

struct SmtpClient::Trace {
    std::string reply;  // the last complete reply, possibly multi-line ("250-...\r\n250 ...")
    std::string current;   // bytes of a line not complete yet
    std::string building;  // lines of a reply not complete yet
    int code = 0;
    bool mail_from_sent = false;  // failures before MAIL FROM concern the connection or the login
    bool quit_sent = false;       // curl says QUIT after a refusal: the "221 Bye" must not hide the refusal
};

namespace {

void ensure_curl() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// Server replies arrive as CURLINFO_HEADER_IN lines; a line "ddd " (space, not '-') ends a reply.
int on_debug(CURL*, curl_infotype type, char* data, size_t size, void* user) {
    auto* t = static_cast<SmtpClient::Trace*>(user);
    if (type == CURLINFO_HEADER_OUT && size >= 9 && std::strncmp(data, "MAIL FROM", 9) == 0) t->mail_from_sent = true;
    if (type == CURLINFO_HEADER_OUT && size >= 4 && std::strncmp(data, "QUIT", 4) == 0) t->quit_sent = true;
    if (type != CURLINFO_HEADER_IN || t->quit_sent) return 0;
    t->current.append(data, size);
    while (true) {
        const auto eol = t->current.find('\n');
        if (eol == std::string::npos) break;
        std::string line = t->current.substr(0, eol);
        t->current.erase(0, eol + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.size() < 3) continue;
        const bool last = line.size() == 3 || line[3] == ' ';
        t->building += (t->building.empty() ? "" : "\n") + line;
        if (last) {
            t->reply = std::move(t->building);
            t->building.clear();
            t->code = std::atoi(line.substr(0, 3).c_str());
        }
    }
    return 0;
}

struct Upload {
    const std::string* data;
    size_t offset = 0;
};

size_t on_read(char* buffer, size_t size, size_t count, void* user) {
    auto* u = static_cast<Upload*>(user);
    const size_t n = std::min(size * count, u->data->size() - u->offset);
    std::memcpy(buffer, u->data->data() + u->offset, n);
    u->offset += n;
    return n;
}

size_t on_write(char*, size_t size, size_t count, void*) { return size * count; }

std::string single_line(std::string s) {
    for (auto& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

}  // namespace

std::string_view to_string(SmtpSecurity s) {
    switch (s) {
        case SmtpSecurity::starttls: return "starttls";
        case SmtpSecurity::tls: return "tls";
        default: return "none";
    }
}

SmtpClient::SmtpClient(SmtpSettings settings) : settings_(std::move(settings)) {
    ensure_curl();
    url_ = std::string(settings_.security == SmtpSecurity::tls ? "smtps://" : "smtp://") + settings_.host + ":" +
           std::to_string(settings_.port) + "/" + settings_.helo_domain;
}

SmtpClient::~SmtpClient() {
    if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

void* SmtpClient::prepare(void* handle) {
    CURL* c = static_cast<CURL*>(handle);
    curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, settings_.connect_timeout_s);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, settings_.stall_timeout_s);
    if (settings_.security == SmtpSecurity::starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!settings_.verify_tls) {
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
        curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    if (!settings_.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, settings_.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, settings_.password.c_str());
    }
    curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, on_debug);
    curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);  // the debug callback sees the replies only in verbose mode
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_);
    error_[0] = 0;
    return c;
}

SmtpResult SmtpClient::outcome(void* handle, int curl_code, const Trace& trace) {
    SmtpResult r;
    const auto res = static_cast<CURLcode>(curl_code);
    if (res == CURLE_OK) {
        long code = 0;
        curl_easy_getinfo(static_cast<CURL*>(handle), CURLINFO_RESPONSE_CODE, &code);
        r.ok = true;
        r.code = trace.code ? trace.code : static_cast<int>(code);
        r.message = single_line(trace.reply);
        return r;
    }
    // Only a 4xx/5xx reply is the server's verdict; a failure after a good reply is a broken connection.
    r.code = trace.code >= 400 ? trace.code : 0;
    // 421: the server closes the connection (busy, shutting down), whatever the stage.
    r.connection = !trace.mail_from_sent || r.code == 0 || r.code == 421;
    r.attempted = trace.mail_from_sent;
    if (r.code) r.message = single_line(trace.reply);
    else r.message = error_[0] ? std::string(error_) : std::string(curl_easy_strerror(res));
    return r;
}

SmtpResult SmtpClient::send(const std::string& from, const std::vector<std::string>& recipients, const std::string& data) {
    if (!curl_) curl_ = prepare(curl_easy_init());
    CURL* c = static_cast<CURL*>(curl_);
    Trace trace;  // fresh per message; a reused connection shows no greeting, so the last reply is this message's
    Upload upload{&data};
    curl_slist* rcpt = nullptr;
    for (const auto& r : recipients) rcpt = curl_slist_append(rcpt, ("<" + r + ">").c_str());
    const std::string mail_from = "<" + from + ">";
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &trace);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(data.size()));
    error_[0] = 0;
    const CURLcode res = curl_easy_perform(c);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, nullptr);
    curl_slist_free_all(rcpt);
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, nullptr);
    return outcome(c, res, trace);
}

SmtpResult SmtpClient::check() {
    CURL* c = static_cast<CURL*>(prepare(curl_easy_init()));
    Trace trace;
    curl_easy_setopt(c, CURLOPT_DEBUGDATA, &trace);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "NOOP");
    const CURLcode res = curl_easy_perform(c);
    SmtpResult r = outcome(c, res, trace);
    curl_easy_cleanup(c);
    return r;
}

}  // namespace tumen::server::smtp
