// Inbound mail parsing (issue 8): parse N raw messages with GMime (mime_parse: headers decoded, charsets
// converted to UTF-8, HTML turned into text, attachments and DSN parts read) and route each with shared/'s
// mail_routing, next to a baseline in the same run: one plain byte scan of the same messages (finding the
// header/body boundary and counting lines), the least any parser must do. Goal: >= 10,000 messages/s.
// Usage: tumen_bench_mail_parse [messages] [data dir]   (default 10000, tests/data/mail of the source tree)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "mail/mime_parse.hpp"
#include "tumen/mail_routing.hpp"

#ifndef TUMEN_MAIL_DATA_DIR
#define TUMEN_MAIL_DATA_DIR "tests/data/mail"
#endif

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::vector<std::string> load_corpus(const std::string& dir) {
    std::vector<std::string> out;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".eml") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        out.push_back(s.str());
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::max(1, std::atoi(argv[1])) : 10000;
    const std::string dir = argc > 2 ? argv[2] : TUMEN_MAIL_DATA_DIR;
    const auto corpus = load_corpus(dir);
    if (corpus.empty()) {
        std::fprintf(stderr, "no .eml files in %s\n", dir.c_str());
        return 1;
    }
    std::size_t bytes = 0;
    for (int i = 0; i < n; ++i) bytes += corpus[static_cast<std::size_t>(i) % corpus.size()].size();

    tumen::mail::RoutingContext ctx;
    ctx.aliases = {{1, "sales"}, {2, "support"}};
    // Warm-up (GMime init, iconv converters opened once).
    for (const auto& m : corpus) (void)tumen::server::mime::parse_mime(m);

    // Baseline: a plain byte scan - the header/body boundary and the line count of every message.
    auto t0 = Clock::now();
    std::size_t lines = 0, boundaries = 0;
    for (int i = 0; i < n; ++i) {
        const auto& m = corpus[static_cast<std::size_t>(i) % corpus.size()];
        boundaries += m.find("\n\n") != std::string::npos || m.find("\r\n\r\n") != std::string::npos;
        lines += static_cast<std::size_t>(std::count(m.begin(), m.end(), '\n'));
    }
    const double scan_s = seconds_since(t0);

    // GMime parse + routing decision.
    t0 = Clock::now();
    std::size_t ok = 0, text_bytes = 0, created = 0;
    for (int i = 0; i < n; ++i) {
        auto parsed = tumen::server::mime::parse_mime(corpus[static_cast<std::size_t>(i) % corpus.size()]);
        if (!parsed) continue;
        ++ok;
        text_bytes += parsed->body_text.size();
        created += tumen::mail::route_inbound(parsed->routing_headers(), ctx).kind == tumen::mail::RouteKind::create;
    }
    const double parse_s = seconds_since(t0);

    std::printf("mail parse: %d messages (%zu distinct from %s, %.1f KiB total)\n", n, corpus.size(), dir.c_str(),
                static_cast<double>(bytes) / 1024.0);
    std::printf("  baseline byte scan      : %10.0f messages/s  (%zu lines, %zu header blocks)\n", n / scan_s, lines,
                boundaries);
    std::printf("  GMime parse + routing   : %10.0f messages/s  (%zu parsed, %zu would create a lead, %zu text bytes)\n",
                n / parse_s, ok, created, text_bytes);
    std::printf("  ratio parse/scan        : %10.4f   goal: >= 10,000 messages/s parsed\n", scan_s / parse_s);
    return ok == static_cast<std::size_t>(n) ? 0 : 1;
}
