// XLSX exports through libxlsxwriter: a real workbook (read back here with a minimal ZIP reader + zlib),
// typed cells, Cyrillic intact, and the temporary file removed after sending.
#include <doctest/doctest.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <map>

#include "io_helpers.hpp"

using nlohmann::json;
using namespace tumen::testing;

namespace {
void export_xlsx_seeded_config(tumen::server::Config& c) { c.seed_reference = true; }

uint32_t u32(const std::string& z, size_t at) {
    return static_cast<uint32_t>(static_cast<unsigned char>(z[at])) | static_cast<uint32_t>(static_cast<unsigned char>(z[at + 1])) << 8 |
           static_cast<uint32_t>(static_cast<unsigned char>(z[at + 2])) << 16 |
           static_cast<uint32_t>(static_cast<unsigned char>(z[at + 3])) << 24;
}
uint16_t u16(const std::string& z, size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(z[at]) | static_cast<unsigned char>(z[at + 1]) << 8);
}

// Every member of a ZIP archive, by name, inflated (central directory -> local header -> raw deflate).
std::map<std::string, std::string> unzip(const std::string& z) {
    std::map<std::string, std::string> out;
    const size_t eocd = z.rfind(std::string("PK\x05\x06", 4));
    REQUIRE(eocd != std::string::npos);
    const size_t entries = u16(z, eocd + 10);
    size_t at = u32(z, eocd + 16);
    for (size_t e = 0; e < entries; ++e) {
        REQUIRE(u32(z, at) == 0x02014b50u);
        const uint16_t method = u16(z, at + 10);
        const uint32_t csize = u32(z, at + 20), usize = u32(z, at + 24);
        const uint16_t name_len = u16(z, at + 28), extra_len = u16(z, at + 30), comment_len = u16(z, at + 32);
        const uint32_t local = u32(z, at + 42);
        const std::string name = z.substr(at + 46, name_len);
        at += 46 + name_len + extra_len + comment_len;
        const size_t data = local + 30 + u16(z, local + 26) + u16(z, local + 28);
        std::string content(usize, '\0');
        if (method == 0) {
            content = z.substr(data, csize);
        } else {
            z_stream zs{};
            REQUIRE(inflateInit2(&zs, -MAX_WBITS) == Z_OK);
            zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(z.data() + data));
            zs.avail_in = csize;
            zs.next_out = reinterpret_cast<Bytef*>(content.data());
            zs.avail_out = usize;
            const int rc = inflate(&zs, Z_FINISH);
            inflateEnd(&zs);
            REQUIRE(rc == Z_STREAM_END);
        }
        out[name] = content;
    }
    return out;
}
}  // namespace

TEST_CASE("XLSX export: a workbook with typed cells and Cyrillic text, for the caller's leads only") {
    TestServer s(export_xlsx_seeded_config);
    IoSession admin(s);
    REQUIRE(import_csv(admin, "Нэр,Компани,Орлого,Магадлал,Хаах огноо\n"
                              "Өргөө зочид буудал,Өргөө ХХК,1 500 000,35,2026-11-27\n"
                              "Үүрцайх сүлжээ,Үүрцайх ХК,2 000,50,\n")["created"] == 2);
    auto r = admin.get("/api/v1/leads/export.xlsx?header=mn&sort=id%20asc&fields=name,partner_name,expected_revenue,probability,date_deadline");
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    CHECK(r->get_header_value("Content-Type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    CHECK(r->get_header_value("Content-Disposition").find(".xlsx") != std::string::npos);
    REQUIRE(r->body.rfind("PK\x03\x04", 0) == 0);

    auto files = unzip(r->body);
    REQUIRE(files.count("xl/worksheets/sheet1.xml"));
    REQUIRE(files.count("xl/workbook.xml"));
    CHECK(files["xl/workbook.xml"].find("Сэжим") != std::string::npos);  // the sheet's Mongolian name
    std::string cells = files["xl/worksheets/sheet1.xml"];
    if (files.count("xl/sharedStrings.xml")) cells += files["xl/sharedStrings.xml"];
    CHECK(cells.find("Нэр") != std::string::npos);
    CHECK(cells.find("Орлого") != std::string::npos);
    CHECK(cells.find("Өргөө зочид буудал") != std::string::npos);
    CHECK(cells.find("Үүрцайх ХК") != std::string::npos);
    CHECK(cells.find("<v>1500000</v>") != std::string::npos);  // money as a number in major units
    CHECK(cells.find("<v>35</v>") != std::string::npos);
    CHECK(cells.find("<v>46353</v>") != std::string::npos);    // 2026-11-27 as an Excel date serial

    // Nothing is left behind in the data folder's temporary files.
    const auto tmp = std::filesystem::path(s.app->config().data_dir) / "tmp";
    size_t left = 0;
    std::error_code ec;
    for (const auto& f : std::filesystem::directory_iterator(tmp, ec)) left += f.path().extension() == ".xlsx";
    CHECK(left == 0);

    make_user(admin, "own", "sales_own");
    IoSession own(s.app->port(), "own", io_password);
    auto empty = own.get("/api/v1/leads/export.xlsx");
    REQUIRE(empty);
    REQUIRE(empty->status == 200);
    auto own_cells = unzip(empty->body)["xl/worksheets/sheet1.xml"];
    CHECK(own_cells.find("Өргөө") == std::string::npos);
}

TEST_CASE("XLSX export of contacts, and a bad filter is a JSON error") {
    TestServer s(export_xlsx_seeded_config);
    IoSession admin(s);
    import_csv(admin, "Нэр,Компани\nӨлзий,Говь ХК\n", {{"entity", "contact"}});
    auto r = admin.get("/api/v1/contacts/export.xlsx");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    auto files = unzip(r->body);
    std::string cells = files["xl/worksheets/sheet1.xml"] + files["xl/sharedStrings.xml"];
    CHECK(cells.find("Өлзий") != std::string::npos);
    CHECK(cells.find("Говь ХК") != std::string::npos);
    auto bad = admin.get("/api/v1/contacts/export.xlsx?filter=" + url_encode("name ="));
    REQUIRE(bad);
    CHECK(bad->status == 400);
}
