// tumen-server: serves the web client and /api/v1 from one process with an embedded SQLite file.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app.hpp"
#include "cli/eval_scoring.hpp"
#include "cli/mailgate.hpp"

namespace {
volatile std::sig_atomic_t stop_requested = 0;
void on_signal(int) { stop_requested = 1; }
}  // namespace

int main(int argc, char** argv) {
    using namespace tumen::server;
    std::vector<std::string> args(argv + 1, argv + argc);

    // tumen-server eval-scoring --csv FILE --label COLUMN --positive VALUE [--model nb|lr]
    if (!args.empty() && (args[0] == "eval-scoring" || args[0] == "--eval-scoring"))
        return run_eval_scoring(std::vector<std::string>(args.begin() + 1, args.end()));

    // tumen-server mailgate --url URL --token KEY < message: one mail from an MTA pipe (cli/mailgate.hpp)
    if (!args.empty() && args[0] == "mailgate")
        return run_mailgate(std::vector<std::string>(args.begin() + 1, args.end()), std::cin);

    // tumen-server --reset-password LOGIN NEW_PASSWORD [--data-dir DIR]
    if (!args.empty() && args[0] == "--reset-password") {
        if (args.size() < 3) {
            std::fprintf(stderr, "usage: tumen-server --reset-password LOGIN NEW_PASSWORD [--data-dir DIR]\n");
            return 2;
        }
        auto cfg = parse_config(std::vector<std::string>(args.begin() + 3, args.end()));
        if (!cfg) return std::fprintf(stderr, "%s\n", cfg.error().message.c_str()), 2;
        tumen::store::Database db(cfg->database_path());
        AuthService auth(db);
        auto r = auth.reset_password(args[1], args[2]);
        if (!r) return std::fprintf(stderr, "tumen-server: %s\n", r.error().message.c_str()), 1;
        std::printf("Password of %s changed; their sessions were signed out.\n", args[1].c_str());
        return 0;
    }

    // tumen-server --backup FILE [--data-dir DIR]: a consistent copy while the server may be running.
    if (!args.empty() && args[0] == "--backup") {
        if (args.size() < 2) {
            std::fprintf(stderr, "usage: tumen-server --backup FILE|FOLDER [--data-dir DIR]\n");
            return 2;
        }
        auto bcfg = parse_config(std::vector<std::string>(args.begin() + 2, args.end()));
        if (!bcfg) return std::fprintf(stderr, "%s\n", bcfg.error().message.c_str()), 2;
        if (!std::filesystem::exists(bcfg->database_path()))
            return std::fprintf(stderr, "tumen-server: no database at %s\n", bcfg->database_path().c_str()), 1;
        std::string target = args[1];
        if (std::filesystem::is_directory(target)) {
            std::string stamp;
            for (char c : tumen::format_timestamp(tumen::server::unix_now()))
                if (c != '-' && c != ':') stamp += c;
            target = (std::filesystem::path(target) / ("tumen-" + stamp + ".db")).string();
        }
        try {
            tumen::store::Database db(bcfg->database_path());
            auto b = backup_database(db, target);
            if (!b) return std::fprintf(stderr, "tumen-server: %s\n", b.error().message.c_str()), 1;
            std::printf("Backup written: %s (%lld bytes)\n", target.c_str(), static_cast<long long>(b->size));
        } catch (const std::exception& e) {
            return std::fprintf(stderr, "tumen-server: %s\n", e.what()), 1;
        }
        return 0;
    }

    auto cfg = parse_config(args);
    if (!cfg) {
        std::fprintf(stderr, "%s\n", cfg.error().message.c_str());
        return args.size() == 1 && (args[0] == "--help" || args[0] == "-h") ? 0 : 2;
    }
    try {
        App app(cfg.value());
        auto admin_password = app.initialise();
        app.start();
        std::printf("Tumen CRM %s is running at %s\n", TUMEN_VERSION, app.url().c_str());
        if (admin_password)
            std::printf("First start: sign in as  admin / %s  (shown once; reset with: tumen-server --reset-password admin NEW)\n",
                        admin_password->c_str());
        if (app.demo_seeded())
            std::printf("Demo data loaded: users such as 'batbayar' (manager) and 'oyunchimeg' sign in with the password %s\n", App::demo_user_password);
        std::printf("Database: %s\n", cfg->database_path().c_str());
        std::fflush(stdout);

        std::signal(SIGINT, on_signal);
        std::signal(SIGTERM, on_signal);
        while (!stop_requested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        std::printf("tumen-server: stopping\n");
        app.stop();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "tumen-server: %s\n", e.what());
        return 1;
    }
    return 0;
}
