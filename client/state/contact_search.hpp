// Search as you type for a contact (the contact form's company picker, the "New contact" dialog): the typed text is
// sent to GET /contacts?q= (companies only when asked) and the hits listed; a reply for older text is dropped.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tumen::client {

class AppState;

struct ContactHit {
    std::int64_t id = 0;
    std::string name;
    bool is_company = false;
};

class ContactSearch {
public:
    static constexpr int max_hits = 8;

    explicit ContactSearch(bool companies_only = false) : companies_only_(companies_only) {}

    std::string text;  // what the user typed
    // Asks the server for `text` unless it was the last text asked (the view calls it each frame).
    void update(AppState& app);
    const std::vector<ContactHit>& hits() const { return hits_; }
    bool searching() const { return searching_; }
    // A contact to leave out of the hits (the form's own contact: not its own parent).
    std::int64_t exclude = 0;

private:
    bool companies_only_ = false;
    std::string asked_;
    bool has_asked_ = false;
    bool searching_ = false;
    std::vector<ContactHit> hits_;
};

}  // namespace tumen::client
