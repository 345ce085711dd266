#include "mail/gmime_support.hpp"

#include <gmime/gmime.h>

#include <mutex>

namespace tumen::server::mime {

void ensure_gmime() {
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

}  // namespace tumen::server::mime
