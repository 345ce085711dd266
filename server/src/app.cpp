#include "app.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>

#include "http/http_setup.hpp"

namespace tumen::server {

App::App(Config config) : config_(std::move(config)) {
    std::filesystem::create_directories(config_.data_dir);
    db_ = std::make_unique<store::Database>(config_.database_path());
    auth_ = std::make_unique<AuthService>(*db_);
    router_ = std::make_unique<Router>([this](const httplib::Request& req) { return auth_->authenticate(req); });
    register_system_routes(*router_, *this);
    register_session_routes(*router_, *this);
    configure_http();
}

App::~App() {
    stop();
}

std::optional<std::string> App::initialise() {
    return auth_->ensure_admin(config_.admin_password);
}

void App::configure_http() {
    configure_server(http_, config_);
    router_->install(http_);
}

void App::start() {
    if (config_.port == 0) port_ = http_.bind_to_any_port(config_.bind);
    else port_ = http_.bind_to_port(config_.bind, config_.port) ? config_.port : -1;
    if (port_ <= 0) throw std::runtime_error("cannot listen on " + config_.bind + ":" + std::to_string(config_.port));
    listener_ = std::thread([this] { http_.listen_after_bind(); });
    for (int i = 0; i < 500 && !http_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

void App::wait() {
    if (listener_.joinable()) listener_.join();
}

void App::stop() {
    if (http_.is_running()) http_.stop();
    if (listener_.joinable()) listener_.join();
}

std::string App::url() const {
    std::string host = config_.bind == "0.0.0.0" ? "127.0.0.1" : config_.bind;
    return "http://" + host + ":" + std::to_string(port_) + "/";
}

}  // namespace tumen::server
