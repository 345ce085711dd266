// Plain text <-> HTML for e-mail bodies. html_to_text makes an HTML-only mail readable in the chatter and the
// lead description (tags dropped, blocks and <br> become line breaks, list items "- ", links keep their target,
// entities decoded, <script>/<style>/<head> dropped). text_to_html is the HTML alternative of a text mail: every
// character escaped, line breaks kept; nothing the user typed can become markup.
#pragma once
#include <string>
#include <string_view>

namespace tumen {

std::string html_to_text(std::string_view html);

// & < > " ' escaped; "\n" -> "<br>\n"; a "\r\n" counts as one break. The result is a fragment (no <html>).
std::string text_to_html(std::string_view text);

// Only the escaping part of text_to_html.
std::string html_escape(std::string_view text);

}  // namespace tumen
