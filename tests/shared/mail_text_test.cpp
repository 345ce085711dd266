#include <doctest/doctest.h>

#include "tumen/mail_text.hpp"

using namespace tumen;

TEST_CASE("html_to_text keeps paragraphs, breaks, lists and links, drops styles and scripts") {
    const auto text = html_to_text(
        "<html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<p>Сайн байна уу,</p><p>Бид <b>50</b>&nbsp;ширхэг &amp; хүргэлт<br>авмаар байна.</p>"
        "<ul><li>Нэг</li><li>Хоёр</li></ul>"
        "<script>alert(1)</script><a href=\"https://gobi.mn/order\">захиалга</a>"
        "<!-- hidden --></body></html>");
    CHECK(text ==
          "Сайн байна уу,\n\nБид 50 ширхэг & хүргэлт\nавмаар байна.\n\n- Нэг\n- Хоёр\nзахиалга (https://gobi.mn/order)");
}

TEST_CASE("html_to_text decodes numeric entities and collapses white space") {
    CHECK(html_to_text("a&#1041;&#x411;   b\n\n c &lt;x&gt; &unknown; &") == "aББ b c <x> &unknown; &");
    CHECK(html_to_text("<div>one</div><div>two</div>") == "one\ntwo");
    CHECK(html_to_text("<pre>a\n  b</pre>") == "a\n  b");
    CHECK(html_to_text("<a href='https://x.mn'>https://x.mn</a>") == "https://x.mn");
    CHECK(html_to_text("").empty());
    CHECK(html_to_text("<SCRIPT>x</SCRIPT>ok") == "ok");
}

TEST_CASE("text_to_html escapes everything and keeps line breaks") {
    CHECK(text_to_html("<b>hi</b> & \"you\"\r\nнэг'") ==
          "&lt;b&gt;hi&lt;/b&gt; &amp; &quot;you&quot;<br>\nнэг&#39;");
    CHECK(text_to_html("a\n\nb") == "a<br>\n<br>\nb");
    CHECK(html_to_text(text_to_html("x < y\nz")) == "x < y\nz");
}
