// Outgoing mail: N queued messages (default 10,000) sent by the mail.send job to a local SMTP sink (aiosmtpd,
// counting only), next to a plain SMTP client loop (the same libcurl client, one connection, one pre-built
// message, no database and no MIME building) against the same sink in the same run: the sink's own ceiling.
//   tumen_bench_mail_send [messages]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "app.hpp"
#include "mail/mime_build.hpp"
#include "mail/smtp_client.hpp"
#include "services/auth_service.hpp"
#include "smtp_sink.hpp"
#include "test_server.hpp"
#include "store/mail_outbox.hpp"
#include "store/mail_settings.hpp"
#include "tumen/mail_text.hpp"

using namespace tumen;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

mail::OutgoingMail sample(int i, int64_t now) {
    mail::OutgoingMail m;
    m.message_id = "<bench-" + std::to_string(i) + "@bench.tumen.mn>";
    m.mail_from = "Түмэн CRM <crm@bench.tumen.mn>";
    m.to = {"Батбаяр Ганболд <bat" + std::to_string(i % 500) + "@gobi.mn>"};
    m.subject = "Үнийн санал №" + std::to_string(i) + ": Төмөр замын тендер";
    m.body_text = "Сайн байна уу, Батбаяр Ганболд!\n\nҮнийн саналаа хавсаргав. Асуух зүйл байвал холбогдоно уу.\n\nСараа\nТүмэн ХХК\n";
    m.body_html = text_to_html(m.body_text);
    m.created_at = now;
    m.next_try_at = now;
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::stoi(argv[1]) : 10000;
    const auto dir = testing::make_temp_dir("tumen-bench-mail");
    testing::SmtpSink sink(dir / "sink", testing::SmtpSink::Options{"", "", 0, true});

    // Baseline: a plain SMTP client loop over one connection.
    const int64_t now = server::unix_now();
    server::mime::MimeInput in;
    {
        auto m = sample(0, now);
        in.from = m.mail_from;
        in.to = m.to;
        in.subject = m.subject;
        in.body_text = m.body_text;
        in.body_html = m.body_html;
        in.message_id = m.message_id;
        in.date = now;
    }
    const std::string data = server::mime::build_mime(in);
    server::smtp::SmtpSettings smtp;
    smtp.host = "127.0.0.1";
    smtp.port = sink.port();
    double plain_s = 0;
    {
        server::smtp::SmtpClient client(smtp);
        auto t0 = Clock::now();
        for (int i = 0; i < n; ++i)
            if (!client.send("crm@bench.tumen.mn", {"bat@gobi.mn"}, data).ok) {
                std::fprintf(stderr, "plain client: send failed\n");
                return 1;
            }
        plain_s = seconds_since(t0);
    }

    // Ours: N rows queued in one transaction, then the mail.send job (MIME built per row, one state commit
    // before and one after each transfer).
    server::Config cfg;
    cfg.port = 0;
    cfg.data_dir = (dir / "data").string();
    cfg.quiet = true;
    cfg.demo_data = false;
    cfg.seed_reference = false;
    cfg.admin_password = "bench-password-1";
    double job_s = 0;
    int64_t sent = 0;
    {
        server::App app(cfg);
        app.initialise();
        app.db().write([&](store::Connection& c) {
            store::MailSettings s = store::load_mail_settings(c);
            s.host = "127.0.0.1";
            s.port = sink.port();
            s.default_from = "Түмэн CRM <crm@bench.tumen.mn>";
            s.domain = "bench.tumen.mn";
            store::save_mail_settings(c, s);
            for (int i = 0; i < n; ++i) {
                auto m = sample(i, now);
                store::insert_outbox(c, m);
            }
        });
        app.start();
        auto t0 = Clock::now();
        app.jobs().enqueue("mail.send");
        app.jobs().wait_idle(std::chrono::minutes(30));
        job_s = seconds_since(t0);
        sent = store::count_outbox(app.db().reader(), "sent");
        app.stop();
    }
    sink.stop();
    std::ifstream log(dir / "sink" / "sink.log");
    std::string line, count = "?";
    while (std::getline(log, line))
        if (line.rfind("COUNT ", 0) == 0) count = line.substr(6);

    std::printf("mail send (%d messages, %zu bytes each, aiosmtpd sink on loopback; the sink counted %s for both runs)\n", n, data.size(),
                count.c_str());
    std::printf("  plain SMTP client loop (libcurl, one connection): %8.0f msg/s  (%.2f s)\n", n / plain_s, plain_s);
    std::printf("  mail.send job from the outbox:                    %8.0f msg/s  (%.2f s, %lld sent)  = %.0f%% of the plain loop\n",
                sent / job_s, job_s, static_cast<long long>(sent), 100.0 * (sent / job_s) / (n / plain_s));
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    return sent == n ? 0 : 1;
}
