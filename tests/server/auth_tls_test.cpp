// HTTPS served by the server itself (--tls-cert/--tls-key): a self-signed certificate made here with OpenSSL,
// a verifying client, the Secure cookie and HSTS, and clear failures for bad configuration.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <fstream>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

// Writes a P-256 key and a self-signed certificate for 127.0.0.1 (CN and IP SAN) as PEM files.
void make_self_signed(const std::string& cert_path, const std::string& key_path) {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    REQUIRE(key);
    X509* cert = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    X509_EXTENSION* san = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, "IP:127.0.0.1");
    REQUIRE(san);
    X509_add_ext(cert, san, -1);
    X509_EXTENSION_free(san);
    REQUIRE(X509_sign(cert, key, EVP_sha256()) > 0);

    FILE* f = std::fopen(cert_path.c_str(), "wb");
    REQUIRE(f);
    PEM_write_X509(f, cert);
    std::fclose(f);
    f = std::fopen(key_path.c_str(), "wb");
    REQUIRE(f);
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    X509_free(cert);
    EVP_PKEY_free(key);
}

struct TlsFiles {
    std::filesystem::path dir = make_temp_dir("tumen-tls");
    std::string cert = (dir / "cert.pem").string(), key = (dir / "key.pem").string();
    TlsFiles() { make_self_signed(cert, key); }
    ~TlsFiles() {
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

}  // namespace

TEST_CASE("with a certificate and key the server speaks HTTPS, sets Secure cookies and HSTS") {
    TlsFiles files;
    TestServer s([&](tumen::server::Config& c) {
        c.tls_cert = files.cert;
        c.tls_key = files.key;
    });
    CHECK(s.app->url().rfind("https://127.0.0.1:", 0) == 0);

    httplib::SSLClient tls("127.0.0.1", s.app->port());
    tls.set_ca_cert_path(files.cert.c_str());
    tls.enable_server_certificate_verification(true);
    tls.set_read_timeout(10, 0);
    auto r = tls.Get("/api/v1/health");
    REQUIRE_MESSAGE(r, "TLS request failed: " << httplib::to_string(r.error()));
    CHECK(r->status == 200);
    CHECK(r->get_header_value("Strict-Transport-Security") == "max-age=31536000");

    r = tls.Post("/api/v1/session/login", json({{"login", "admin"}, {"password", admin_password}}).dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
    auto cookie = r->get_header_value("Set-Cookie");
    CHECK(cookie.find("; Secure") != std::string::npos);
    CHECK(cookie.find("HttpOnly") != std::string::npos);

    // The session works over TLS, CSRF included.
    std::string csrf = body_of(r)["csrf_token"];
    tls.set_default_headers({{"Cookie", cookie.substr(0, cookie.find(';'))}, {"X-CSRF-Token", csrf}});
    CHECK(tls.Get("/api/v1/session/me")->status == 200);
    CHECK(tls.Post("/api/v1/session/logout", "", "application/json")->status == 204);

    // Plain HTTP to the TLS port gets no HTTP answer.
    httplib::Client plain("127.0.0.1", s.app->port());
    plain.set_read_timeout(2, 0);
    auto p = plain.Get("/api/v1/health");
    CHECK((!p || p->status != 200));
}

TEST_CASE("a client that does not trust the certificate refuses the connection") {
    TlsFiles files;
    TestServer s([&](tumen::server::Config& c) {
        c.tls_cert = files.cert;
        c.tls_key = files.key;
    });
    TlsFiles other;  // a different self-signed certificate
    httplib::SSLClient tls("127.0.0.1", s.app->port());
    tls.set_ca_cert_path(other.cert.c_str());
    tls.enable_server_certificate_verification(true);
    auto r = tls.Get("/api/v1/health");
    CHECK_FALSE(r);
}

TEST_CASE("TLS configuration mistakes are reported, not ignored") {
    auto only_cert = tumen::server::parse_config({"--tls-cert", "/tmp/cert.pem"});
    REQUIRE_FALSE(only_cert);
    CHECK(only_cert.error().message.find("--tls-key") != std::string::npos);
    auto both = tumen::server::parse_config({"--tls-cert", "/tmp/c.pem", "--tls-key", "/tmp/k.pem"});
    REQUIRE(both);
    CHECK(both->tls());
    CHECK(both->secure_cookies());

    TlsFiles files;
    std::ofstream(files.dir / "garbage.pem") << "not a certificate";
    auto dir = make_temp_dir("tumen-tls-bad");
    tumen::server::Config c = TestServer::default_config(dir);
    c.tls_cert = (files.dir / "garbage.pem").string();
    c.tls_key = files.key;
    CHECK_THROWS_WITH_AS(tumen::server::App{c}, doctest::Contains("cannot use TLS certificate"), std::runtime_error);
    c.tls_cert = (files.dir / "missing.pem").string();
    CHECK_THROWS_AS(tumen::server::App{c}, std::runtime_error);
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
}
