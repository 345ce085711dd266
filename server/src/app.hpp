// The running server: configuration, database, services, router and HTTP listener, wired once.
// main() and the integration tests both start an App, so tests exercise exactly what production runs.
#pragma once
#include <httplib.h>

#include <memory>
#include <string>
#include <thread>

#include "config.hpp"
#include "http/router.hpp"
#include "services/auth_service.hpp"
#include "store/database.hpp"

namespace tumen::server {

class App {
public:
    explicit App(Config config);
    ~App();

    // First-start work: the administrator account (returns its password once) and demo data.
    std::optional<std::string> initialise();
    // Binds the port (config.port 0 = any free port) and serves on a background thread.
    void start();
    // Blocks until stop() is called (from a signal watcher or a test).
    void wait();
    void stop();
    int port() const { return port_; }
    std::string url() const;

    const Config& config() const { return config_; }
    store::Database& db() { return *db_; }
    AuthService& auth() { return *auth_; }

private:
    void configure_http();
    Config config_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<AuthService> auth_;
    std::unique_ptr<Router> router_;
    httplib::Server http_;
    std::thread listener_;
    int port_ = 0;
};

// Route groups, one file each under server/src/http/.
void register_system_routes(Router& r, App& app);
void register_session_routes(Router& r, App& app);

}  // namespace tumen::server
