// GMime's global tables (charsets, iconv cache, parser options) are set up by g_mime_init, which is not
// thread-safe itself: every user of GMime (mime_build, mime_parse) calls this first, so it runs exactly once.
// Also the one RAII holder of GObject references both of them use.
#pragma once
#include <glib-object.h>

namespace tumen::server::mime {

void ensure_gmime();

// A GObject reference released at the end of a scope.
template <class T>
struct Ref {
    T* p;
    explicit Ref(T* p) : p(p) {}
    ~Ref() {
        if (p) g_object_unref(p);
    }
    Ref(const Ref&) = delete;
    Ref& operator=(const Ref&) = delete;
    T* get() const { return p; }
};

}  // namespace tumen::server::mime
