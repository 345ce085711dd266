// store::lead_text_of, the derived columns every stored lead has: whether its e-mail is a corporate address (the
// similar-leads rule by domain reads it) must be what is_free_mail says of the typed address, however it is typed.
#include <doctest/doctest.h>

#include "store/leads.hpp"
#include "tumen/email_phone.hpp"

using namespace tumen;

TEST_CASE("lead_text_of marks an e-mail corporate exactly when is_free_mail says it is not free mail") {
    for (const char* email : {"", " ", "boldoo@gmail.com", "  Boldoo@GMAIL.com ", "Болд <bold@gmail.com>",
                              "sara@tumen.mn", "Сараа <SARA@Tumen.MN>", "gmail.com", " tumen.mn ", "not an address",
                              "a@b@gmail.com", "x@", "@gmail.com", "ner@yandex.ru", "ner@mail.ru"}) {
        Lead l;
        l.email = email;
        CAPTURE(std::string(email));
        CHECK(store::lead_text_of(l).email_is_corporate == (!l.email.empty() && !is_free_mail(l.email)));
    }
}
