// What the view models need from the page around them: the address bar and a little persistent storage.
// The browser implements it in client/platform; tests record the calls.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace tumen::client {

class Host {
public:
    virtual ~Host() = default;
    // A new history entry (the back button returns to the current one).
    virtual void push_url(const std::string& hash) = 0;
    // Rewrites the current entry (redirects, canonical form), so back does not bounce.
    virtual void replace_url(const std::string& hash) = 0;
    // Remembers the chosen UI language for the next visit.
    virtual void save_language(std::string_view code) = 0;
    // Hands a file to the user as a download (the leads list's export). Default: nothing (hosts without files).
    virtual void save_file(const std::string& /*name*/, const std::string& /*mime*/, const std::string& /*bytes*/) {}
    // Lets the user choose one file (the import's CSV): `accept` as for <input type=file> (".csv,text/csv");
    // `chosen(name, bytes)` runs later, once, only when a file was chosen and read. At most `max_bytes + 1` bytes
    // are read, so a file over the limit is recognised without loading all of it. Default: nothing.
    virtual void pick_file(const std::string& /*accept*/, std::size_t /*max_bytes*/,
                           std::function<void(std::string, std::string)> /*chosen*/) {}
    // Opens a same-origin URL in a new tab (the quotation's PDF preview). Default: nothing.
    virtual void open_url(const std::string& /*path*/) {}
    // The page's origin ("https://crm.example.mn"), for full URLs the user copies elsewhere (the calendar feed).
    // Default: "" (a path is shown as it is).
    virtual std::string origin() const { return {}; }
    // Small per-browser preferences (theme, interface size): kept across visits, before sign-in too.
    // Defaults: nothing stored, nothing read.
    virtual void save_preference(std::string_view /*key*/, std::string_view /*value*/) {}
    virtual std::string load_preference(std::string_view /*key*/) const { return {}; }
    // The system's colour scheme (prefers-color-scheme: dark), for the "System" theme. Default: light.
    virtual bool system_prefers_dark() const { return false; }
    // Whether closing or reloading the page should ask first (unsaved edits: the browser's beforeunload prompt).
    virtual void set_leave_prompt(bool /*ask*/) {}
};

}  // namespace tumen::client
