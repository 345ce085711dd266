#include <doctest/doctest.h>

#include "tumen/file_type.hpp"

using namespace tumen::files;

TEST_CASE("sniff_mime_type trusts the bytes, not the name") {
    CHECK(sniff_mime_type("\x89PNG\r\n\x1A\n....", "photo.pdf") == "image/png");
    CHECK(sniff_mime_type("\xFF\xD8\xFF\xE0....", "x") == "image/jpeg");
    CHECK(sniff_mime_type("%PDF-1.7\n", "гэрээ.png") == "application/pdf");
    CHECK(sniff_mime_type("GIF89a...", "") == "image/gif");
    CHECK(sniff_mime_type(std::string("RIFF\0\0\0\0WEBPVP8 ", 16), "") == "image/webp");
    CHECK(sniff_mime_type(std::string("\0\0\0\x18" "ftypmp42", 12), "") == "video/mp4");
    CHECK(sniff_mime_type("\x1F\x8B\x08", "a.csv") == "application/gzip");
}

TEST_CASE("sniff_mime_type tells office files apart") {
    const std::string zip = std::string("PK\x03\x04", 4) + std::string(26, '\0') + "[Content_Types].xml....word/document.xml";
    CHECK(sniff_mime_type(zip, "Гэрээ.docx") == "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const std::string xlsx = std::string("PK\x03\x04", 4) + std::string(26, '\0') + "[Content_Types].xml....xl/workbook.xml";
    CHECK(sniff_mime_type(xlsx, "") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    CHECK(sniff_mime_type(std::string("PK\x03\x04", 4) + "plain zip", "a.zip") == "application/zip");
    const std::string ole = std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "....";
    CHECK(sniff_mime_type(ole, "тайлан.XLS") == "application/vnd.ms-excel");
    CHECK(sniff_mime_type(ole, "x.bin") == "application/x-ole-storage");
}

TEST_CASE("sniff_mime_type: text is plain text, never active content; binary is octet-stream") {
    CHECK(sniff_mime_type("Сайн байна уу, Өлзий!\n", "note.txt") == "text/plain");
    CHECK(sniff_mime_type("Нэр,Имэйл\n", "leads.csv") == "text/csv");
    CHECK(sniff_mime_type("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "x.svg") ==
          "text/plain");
    CHECK(sniff_mime_type("<html><script>alert(1)</script>", "x.html") == "text/plain");
    CHECK(sniff_mime_type(std::string("\x01\x02\x00\x03", 4), "x.txt") == "application/octet-stream");
    CHECK(sniff_mime_type("\xC3\x28 broken", "x.txt") == "application/octet-stream");
    CHECK(sniff_mime_type("", "") == "text/plain");
}

TEST_CASE("sanitize_file_name removes paths, control and reserved characters, keeps Cyrillic") {
    CHECK(sanitize_file_name("../../etc/passwd") == "passwd");
    CHECK(sanitize_file_name("C:\\Users\\Бат\\Гэрээ №5.pdf") == "Гэрээ №5.pdf");
    CHECK(sanitize_file_name("a\x01" "b\r\nc?.txt") == "abc_.txt");
    CHECK(sanitize_file_name("  ..hidden  .") == "hidden");
    CHECK(sanitize_file_name("invoice\xE2\x80\xAEgpj.exe") == "invoicegpj.exe");  // right-to-left override dropped
    CHECK(sanitize_file_name("") == "file");
    CHECK(sanitize_file_name("///") == "file");
    CHECK(sanitize_file_name("CON.txt") == "_CON.txt");
    CHECK(sanitize_file_name("bad\xFFutf8.txt") == "badutf8.txt");
    const std::string long_name = std::string(300, 'x') + ".pdf";
    const std::string cut = sanitize_file_name(long_name);
    CHECK(cut.size() == 180);
    CHECK(cut.substr(cut.size() - 4) == ".pdf");
    std::string cyr;
    for (int i = 0; i < 200; ++i) cyr += "Ө";
    CHECK(sanitize_file_name(cyr).size() == 180 * 2);
}

TEST_CASE("content_disposition gives an ASCII fallback and the UTF-8 name") {
    CHECK(content_disposition("report.pdf") == "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    CHECK(content_disposition("Гэрээ \"1\".pdf") ==
          "attachment; filename=\"_____ _1_.pdf\"; filename*=UTF-8''%D0%93%D1%8D%D1%80%D1%8D%D1%8D%20%221%22.pdf");
    CHECK(content_disposition("a.png", true).rfind("inline;", 0) == 0);
}
