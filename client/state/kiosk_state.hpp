// #/kiosk?token=...: a wall display's view model. No sign-in: the kiosk token in the address is the key to every
// request (?kiosk_token=, GET only). The playlist is the token's team boards (GET /api/v1/kiosk/me) and then this
// month's leaderboard when the token allows it; each page shows `seconds` (default 20, &seconds= in the address).
// Live events (GET /api/v1/events?kiosk_token=) move, add and remove cards in place; a newly won deal is
// highlighted for a few seconds. While the stream is down a "reconnecting" mark shows and, once it is back, the
// data is loaded again. A bad or revoked token shows a full-screen message and tries again every few minutes.
// Pure C++ and clock-free: the view passes the time (ms) to tick() and asks next_wake_ms() when to draw again,
// so nothing animates between events and page turns.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "live_channel.hpp"
#include "message.hpp"
#include "transport.hpp"
#include "tumen/money.hpp"
#include "tumen/route.hpp"

namespace tumen::client {

class AppState;
struct LiveLead;

struct KioskCard {
    std::int64_t id = 0, version = 0;
    std::string title, company;
    Money revenue;
    int priority = 0;
    std::optional<std::int64_t> user_id;
    std::int64_t stage_id = 0;
};

struct KioskColumn {
    std::int64_t stage_id = 0;
    std::string name;
    bool is_won = false;
    std::int64_t count = 0;                      // every lead of the stage, not only the cards shown
    std::map<std::string, std::int64_t> sums;    // currency -> expected revenue, minor units
    std::vector<KioskCard> cards;                // the first cards, priority then newest first
};

struct KioskBoard {
    std::int64_t team_id = 0;
    std::string team_name;
    std::vector<KioskColumn> columns;
    std::map<std::int64_t, std::string> users;  // salespeople of the cards: id -> name
    bool loaded = false;
};

struct KioskLeader {
    std::int64_t user_id = 0;
    std::string name;
    std::int64_t count = 0;
    std::map<std::string, std::int64_t> won;  // currency -> won revenue, minor units
};

struct KioskPage {
    enum class Kind { board, leaderboard } kind = Kind::board;
    std::int64_t team_id = 0;
};

// A newly won deal, celebrated for highlight_ms.
struct KioskHighlight {
    std::int64_t lead_id = 0;
    std::string title, company, salesperson;
    Money amount;
    std::int64_t until_ms = -1;  // set by the first tick() after the event
};

enum class KioskStatus {
    starting,       // GET /kiosk/me under way
    ready,          // the playlist runs
    invalid_token,  // 401: the link is no longer valid (retried every invalid_retry_ms)
    unreachable,    // no answer before anything was shown (retried every unreachable_retry_ms)
};

// The full address a wall display opens for `token` ("https://crm.mn/#/kiosk?token=..."); `origin` may be "".
std::string kiosk_url(const std::string& origin, const std::string& token);

class KioskState {
public:
    static constexpr int default_seconds = 20;
    static constexpr int min_seconds = 5;
    static constexpr int max_seconds = 3600;
    static constexpr std::int64_t highlight_ms = 6000;
    static constexpr std::int64_t invalid_retry_ms = 3 * 60 * 1000;
    static constexpr std::int64_t unreachable_retry_ms = 30 * 1000;
    static constexpr std::int64_t shift_every_ms = 4 * 60 * 1000;  // burn-in: the picture moves a few px
    static constexpr int first_retry_ms = 1000;
    static constexpr int max_retry_ms = 30000;
    static constexpr int cards_shown = 30;

    explicit KioskState(AppState& app) : app_(app) {}
    void set_channel(LiveChannel* channel) { channel_ = channel; }

    // Opens the display for a kiosk route (token and seconds from its query); leaving it closes the stream.
    void start(const Route& route);
    void stop();
    // Advances the clock: page turns, the highlight's end, retries, the pixel shift. Cheap; the view calls it
    // every frame with a monotonic time in ms.
    void tick(std::int64_t now_ms);
    // Milliseconds from `now_ms` until tick() has something to do (-1: nothing scheduled).
    std::int64_t next_wake_ms(std::int64_t now_ms) const;

    KioskStatus status() const { return status_; }
    const std::string& token() const { return token_; }
    int seconds() const { return seconds_; }
    const std::string& name() const { return name_; }
    const std::vector<KioskPage>& pages() const { return pages_; }
    std::size_t page_index() const { return page_; }
    const KioskPage* page() const { return pages_.empty() ? nullptr : &pages_[page_]; }
    const KioskBoard* board(std::int64_t team_id) const;
    const std::vector<KioskLeader>& leaders() const { return leaders_; }
    const std::string& month() const { return month_; }
    const std::optional<KioskHighlight>& highlight() const { return highlight_; }
    bool reconnecting() const { return reconnecting_; }
    bool live() const { return live_; }
    // Burn-in protection: the offset (CSS px) the whole picture is drawn at.
    float shift_x() const;
    float shift_y() const;
    // An unreachable server while the display already shows data: the data stays, with a small note.
    bool stale() const { return stale_; }

    // The stream's callbacks (public for the tests' fake channel).
    void opened();
    void received(const std::string& id, const std::string& event, const std::string& data);
    void failed();
    void apply_live(const LiveLead& event);

    nlohmann::json probe() const;

private:
    void load_me();
    void load_page(const KioskPage& p);
    void load_all();
    void get(const std::string& path, std::function<void(const HttpResponse&)> ok);
    void refused(const HttpResponse& reply);
    void open_stream();
    void go_page(std::size_t index, std::int64_t now_ms);
    KioskBoard* board_of(std::int64_t team_id);

    AppState& app_;
    LiveChannel* channel_ = nullptr;
    std::uint64_t gen_ = 0;         // replies and stream callbacks of an earlier start are dropped
    std::uint64_t stream_gen_ = 0;
    KioskStatus status_ = KioskStatus::starting;
    bool active_ = false;
    std::string token_;
    int seconds_ = default_seconds;
    std::string name_;
    bool leaderboard_ = false;
    std::vector<KioskPage> pages_;
    std::size_t page_ = 0;
    std::map<std::int64_t, KioskBoard> boards_;
    std::vector<KioskLeader> leaders_;
    std::string month_;
    std::optional<KioskHighlight> highlight_;
    std::int64_t now_ = 0;
    std::int64_t page_due_ = -1;    // -1: set by the next tick
    std::int64_t retry_due_ = -1;
    std::int64_t shift_due_ = -1;
    int shift_step_ = 0;
    bool live_ = false, reconnecting_ = false, stale_ = false;
    bool reload_on_open_ = false;
    std::int64_t last_event_id_ = 0;
    int retry_ms_ = first_retry_ms;
};

}  // namespace tumen::client
