#include "kiosk_state.hpp"

#include <algorithm>
#include <cstdlib>

#include "app_state.hpp"
#include "json_fields.hpp"
#include "live_event.hpp"
#include "tumen/api.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

std::string endpoint_path(std::string_view id) {
    const api::Endpoint* e = api::find_endpoint(id);
    return e ? std::string(e->path) : std::string();
}

// A card from a board item or an event's lead fields (no contact details reach a kiosk).
KioskCard card_of(const json& j) {
    KioskCard c;
    c.id = opt_int(j, "id").value_or(0);
    c.version = opt_int(j, "version").value_or(0);
    c.title = str(j, "name");
    c.company = str(j, "partner_name");
    if (j.contains("expected_revenue") && j["expected_revenue"].is_object()) {
        const auto& m = j["expected_revenue"];
        c.revenue.amount = m.value("amount", std::int64_t{0});
        if (m.contains("currency") && m["currency"].is_string()) c.revenue.currency = m["currency"];
    }
    c.priority = static_cast<int>(opt_int(j, "priority").value_or(0));
    c.user_id = opt_int(j, "user_id");
    c.stage_id = opt_int(j, "stage_id").value_or(0);
    return c;
}

// The server's order on a board: priority first, then newest.
bool sorts_before(const KioskCard& a, const KioskCard& b) {
    return a.priority != b.priority ? a.priority > b.priority : a.id > b.id;
}

void add_sum(std::map<std::string, std::int64_t>& sums, const Money& m, int sign) {
    if (m.amount == 0) return;
    auto& v = sums[m.currency];
    v += sign * m.amount;
    if (v == 0) sums.erase(m.currency);
}

// Offsets (CSS px) the picture cycles through against burn-in: small enough that nobody notices a step.
constexpr float shifts[][2] = {{0, 0}, {3, 1}, {1, 3}, {4, 4}, {2, 0}, {0, 2}, {4, 2}, {2, 4}};
constexpr int shift_count = sizeof(shifts) / sizeof(shifts[0]);

}  // namespace

std::string kiosk_url(const std::string& origin, const std::string& token) {
    return origin + "/" + format_route(Route::kiosk("token=" + percent_encode(token)));
}

void KioskState::start(const Route& route) {
    stop();
    active_ = true;
    token_ = query_value(route.query, "token");
    seconds_ = default_seconds;
    const std::string s = query_value(route.query, "seconds");
    if (!s.empty()) {
        char* end = nullptr;
        const long n = std::strtol(s.c_str(), &end, 10);
        if (end && *end == '\0') seconds_ = static_cast<int>(std::clamp<long>(n, min_seconds, max_seconds));
    }
    if (token_.empty()) {
        status_ = KioskStatus::invalid_token;
        return;
    }
    load_me();
}

void KioskState::stop() {
    ++gen_;  // replies and stream callbacks of this display are dropped from now on
    ++stream_gen_;
    if (channel_ && (live_ || reconnecting_ || active_)) channel_->close();
    status_ = KioskStatus::starting;
    active_ = false;
    token_.clear();
    seconds_ = default_seconds;
    name_.clear();
    leaderboard_ = false;
    pages_.clear();
    page_ = 0;
    boards_.clear();
    leaders_.clear();
    month_.clear();
    highlight_.reset();
    page_due_ = retry_due_ = shift_due_ = -1;
    shift_step_ = 0;
    live_ = reconnecting_ = stale_ = reload_on_open_ = false;
    last_event_id_ = 0;
    retry_ms_ = first_retry_ms;
}

void KioskState::get(const std::string& path, std::function<void(const HttpResponse&)> ok) {
    HttpRequest r = api_request("kiosk.me", {}, app_.language());
    r.path = path + (path.find('?') == std::string::npos ? "?" : "&") + "kiosk_token=" + percent_encode(token_);
    const std::uint64_t gen = gen_;
    app_.transport().send(std::move(r), [this, gen, ok = std::move(ok)](const HttpResponse& reply) {
        if (gen != gen_) return;
        if (!reply.ok()) return refused(reply);
        if (status_ == KioskStatus::ready) stale_ = false;
        ok(reply);
    });
}

void KioskState::refused(const HttpResponse& reply) {
    if (reply.status == 401) {
        // Revoked, expired or mistyped: nothing of the old data may stay on the wall.
        ++stream_gen_;
        if (channel_) channel_->close();  // open, opening or waiting to retry: none of it goes on
        live_ = reconnecting_ = false;
        boards_.clear();
        leaders_.clear();
        pages_.clear();
        highlight_.reset();
        status_ = KioskStatus::invalid_token;
        retry_due_ = -1;
        return;
    }
    if (status_ == KioskStatus::starting) {
        status_ = KioskStatus::unreachable;
        retry_due_ = -1;
        return;
    }
    stale_ = true;  // keep showing what we have; the next page turn asks again
}

void KioskState::load_me() {
    status_ = KioskStatus::starting;
    get(endpoint_path("kiosk.me"), [this](const HttpResponse& reply) {
        const json j = json::parse(reply.body, nullptr, false);
        if (!j.is_object()) return refused(HttpResponse{500, {}});
        name_ = str(j, "name");
        leaderboard_ = j.value("leaderboard", false);
        pages_.clear();
        if (j.contains("team_ids") && j["team_ids"].is_array())
            for (const auto& t : j["team_ids"])
                if (t.is_number_integer()) pages_.push_back({KioskPage::Kind::board, t.get<std::int64_t>()});
        if (leaderboard_) pages_.push_back({KioskPage::Kind::leaderboard, 0});
        page_ = 0;
        page_due_ = -1;
        status_ = KioskStatus::ready;
        stale_ = false;
        load_all();
        if (!live_ && !reconnecting_) open_stream();
    });
}

void KioskState::load_all() {
    for (const auto& p : pages_) load_page(p);
}

void KioskState::load_page(const KioskPage& p) {
    if (p.kind == KioskPage::Kind::leaderboard) {
        get(endpoint_path("kiosk.leaderboard"), [this](const HttpResponse& reply) {
            const json j = json::parse(reply.body, nullptr, false);
            if (!j.is_object()) return;
            month_ = str(j, "month");
            leaders_.clear();
            if (j.contains("cells") && j["cells"].is_array())
                for (const auto& c : j["cells"]) {
                    KioskLeader l;
                    l.user_id = opt_int(c, "key1").value_or(0);
                    l.name = str(c, "label1");
                    l.count = opt_int(c, "count").value_or(0);
                    if (c.contains("expected") && c["expected"].is_object())
                        for (const auto& [cur, v] : c["expected"].items())
                            if (v.is_number_integer()) l.won[cur] = v.get<std::int64_t>();
                    if (l.user_id > 0) leaders_.push_back(std::move(l));  // deals without a salesperson: no rank
                }
            // The biggest won revenue first (in the first currency), then the most deals.
            auto total = [](const KioskLeader& l) { return l.won.empty() ? 0 : l.won.begin()->second; };
            std::stable_sort(leaders_.begin(), leaders_.end(), [&](const KioskLeader& a, const KioskLeader& b) {
                return total(a) != total(b) ? total(a) > total(b) : a.count > b.count;
            });
        });
        return;
    }
    std::string path = endpoint_path("kiosk.board");
    if (auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, std::to_string(p.team_id));
    const std::int64_t team = p.team_id;
    get(path, [this, team](const HttpResponse& reply) {
        const json j = json::parse(reply.body, nullptr, false);
        if (!j.is_object()) return;
        KioskBoard b;
        b.team_id = team;
        b.loaded = true;
        if (j.contains("team") && j["team"].is_object()) b.team_name = str(j["team"], "name");
        std::map<std::int64_t, const json*> groups;
        if (j.contains("groups") && j["groups"].is_array())
            for (const auto& g : j["groups"])
                if (auto k = opt_int(g, "key")) groups[*k] = &g;
        if (j.contains("stages") && j["stages"].is_array())
            for (const auto& s : j["stages"]) {
                KioskColumn col;
                col.stage_id = opt_int(s, "id").value_or(0);
                col.name = str(s, "name");
                col.is_won = s.value("is_won", false);
                auto g = groups.find(col.stage_id);
                // Folded stages stay off the wall unless they hold cards.
                if (s.value("fold", false) && (g == groups.end() || g->second->value("count", 0) == 0)) continue;
                if (g != groups.end()) {
                    const json& gj = *g->second;
                    col.count = opt_int(gj, "count").value_or(0);
                    if (gj.contains("sums") && gj["sums"].is_array())
                        for (const auto& sum : gj["sums"])
                            if (sum.contains("currency") && sum["currency"].is_string())
                                col.sums[sum["currency"].get<std::string>()] = opt_int(sum, "expected_revenue").value_or(0);
                    if (gj.contains("items") && gj["items"].is_array())
                        for (const auto& item : gj["items"])
                            if (col.cards.size() < static_cast<std::size_t>(cards_shown)) col.cards.push_back(card_of(item));
                }
                b.columns.push_back(std::move(col));
            }
        if (j.contains("users") && j["users"].is_array())
            for (const auto& u : j["users"])
                if (auto id = opt_int(u, "id")) b.users[*id] = str(u, "name");
        boards_[team] = std::move(b);
    });
}

void KioskState::open_stream() {
    if (!channel_) return;
    const std::uint64_t gen = ++stream_gen_;
    std::string url = endpoint_path("events.stream") + "?kiosk_token=" + percent_encode(token_);
    if (last_event_id_ > 0) url += "&last_event_id=" + std::to_string(last_event_id_);
    StreamHandlers h;
    h.opened = [this, gen] {
        if (gen == stream_gen_) opened();
    };
    h.event = [this, gen](const std::string& id, const std::string& event, const std::string& data) {
        if (gen == stream_gen_) received(id, event, data);
    };
    h.failed = [this, gen] {
        if (gen == stream_gen_) failed();
    };
    channel_->open(url, std::move(h));
}

void KioskState::opened() {
    live_ = true;
    retry_ms_ = first_retry_ms;
    if (reconnecting_ || reload_on_open_) {
        // Back after a break: what changed meanwhile may be more than the server's replay holds.
        reconnecting_ = reload_on_open_ = false;
        load_all();
    }
}

void KioskState::failed() {
    if (!active_ || status_ == KioskStatus::invalid_token) return;
    live_ = false;
    reconnecting_ = true;
    const int delay = retry_ms_;
    retry_ms_ = std::min(retry_ms_ * 2, max_retry_ms);
    const std::uint64_t gen = ++stream_gen_;
    channel_->after(delay, [this, gen] {
        if (gen == stream_gen_ && reconnecting_) open_stream();
    });
}

void KioskState::received(const std::string& id, const std::string& event, const std::string& data) {
    if (!active_) return;
    live_ = true;
    if (reconnecting_) opened();
    if (!id.empty()) {
        char* end = nullptr;
        const long long n = std::strtoll(id.c_str(), &end, 10);
        if (end && *end == '\0' && n >= 0) last_event_id_ = n;
    }
    if (event == "hello") return;
    if (event == "reload") return load_all();
    const json d = json::parse(data, nullptr, false);
    if (!d.is_object()) return;
    if (auto lead = parse_live_lead(d)) return apply_live(*lead);
    const std::string entity = d.value("entity", "");
    if (entity == "stage" || entity == "team") load_all();
}

KioskBoard* KioskState::board_of(std::int64_t team_id) {
    auto it = boards_.find(team_id);
    return it == boards_.end() ? nullptr : &it->second;
}

const KioskBoard* KioskState::board(std::int64_t team_id) const {
    auto it = boards_.find(team_id);
    return it == boards_.end() ? nullptr : &it->second;
}

void KioskState::apply_live(const LiveLead& ev) {
    if (status_ != KioskStatus::ready || ev.chatter_only()) return;
    // Where the card is now (older news than what it shows changes nothing).
    for (auto& [team, b] : boards_)
        for (auto& col : b.columns)
            for (auto it = col.cards.begin(); it != col.cards.end(); ++it)
                if (it->id == ev.id) {
                    if (!ev.gone() && it->version >= ev.version) return;
                    --col.count;
                    add_sum(col.sums, it->revenue, -1);
                    col.cards.erase(it);
                    goto taken;
                }
taken:
    if (ev.gone()) return;
    KioskCard card = card_of(*ev.lead);
    card.id = ev.id;
    card.version = ev.version;
    const auto team = opt_int(*ev.lead, "team_id");
    const bool active = ev.lead->value("active", true);
    KioskBoard* b = team ? board_of(*team) : nullptr;
    std::string salesperson;
    if (b && card.user_id) {
        if (auto u = b->users.find(*card.user_id); u != b->users.end()) salesperson = u->second;
    }
    if (b && active) {
        auto col = std::find_if(b->columns.begin(), b->columns.end(),
                                [&](const KioskColumn& c) { return c.stage_id == card.stage_id; });
        if (col != b->columns.end()) {
            ++col->count;
            add_sum(col->sums, card.revenue, +1);
            auto at = std::find_if(col->cards.begin(), col->cards.end(),
                                   [&](const KioskCard& c) { return sorts_before(card, c); });
            col->cards.insert(at, card);
            if (col->cards.size() > static_cast<std::size_t>(cards_shown)) col->cards.pop_back();
        }
    }
    if (ev.action == "won") {
        highlight_ = KioskHighlight{ev.id, card.title, card.company, salesperson, card.revenue, -1};
        if (leaderboard_)
            for (const auto& p : pages_)
                if (p.kind == KioskPage::Kind::leaderboard) load_page(p);
    }
}

void KioskState::go_page(std::size_t index, std::int64_t now_ms) {
    page_ = pages_.empty() ? 0 : index % pages_.size();
    page_due_ = now_ms + static_cast<std::int64_t>(seconds_) * 1000;
    // Fresh figures for the page now shown (events keep it current meanwhile; this catches what they cannot).
    if (!pages_.empty()) load_page(pages_[page_]);
}

void KioskState::tick(std::int64_t now_ms) {
    now_ = now_ms;
    if (!active_) return;
    if (status_ == KioskStatus::invalid_token || status_ == KioskStatus::unreachable) {
        if (token_.empty()) return;  // no token in the address: nothing to retry
        const std::int64_t wait = status_ == KioskStatus::invalid_token ? invalid_retry_ms : unreachable_retry_ms;
        if (retry_due_ < 0) {
            retry_due_ = now_ms + wait;
        } else if (now_ms >= retry_due_) {
            retry_due_ = -1;
            load_me();
        }
    }
    if (status_ == KioskStatus::ready && !pages_.empty()) {
        if (page_due_ < 0) page_due_ = now_ms + static_cast<std::int64_t>(seconds_) * 1000;
        else if (now_ms >= page_due_) go_page(page_ + 1, now_ms);
    }
    if (highlight_) {
        if (highlight_->until_ms < 0) highlight_->until_ms = now_ms + highlight_ms;
        else if (now_ms >= highlight_->until_ms) highlight_.reset();
    }
    if (shift_due_ < 0) {
        shift_due_ = now_ms + shift_every_ms;
    } else if (now_ms >= shift_due_) {
        shift_step_ = (shift_step_ + 1) % shift_count;
        shift_due_ = now_ms + shift_every_ms;
    }
}

std::int64_t KioskState::next_wake_ms(std::int64_t now_ms) const {
    if (!active_) return -1;
    std::int64_t best = -1;
    auto consider = [&](std::int64_t due) {
        const std::int64_t in = std::max<std::int64_t>(0, due - now_ms);
        best = best < 0 ? in : std::min(best, in);
    };
    if (status_ == KioskStatus::ready && !pages_.empty() && page_due_ >= 0) consider(page_due_);
    if (retry_due_ >= 0) consider(retry_due_);
    if (highlight_ && highlight_->until_ms >= 0) consider(highlight_->until_ms);
    if (shift_due_ >= 0) consider(shift_due_);
    return best;
}

float KioskState::shift_x() const { return shifts[shift_step_][0]; }
float KioskState::shift_y() const { return shifts[shift_step_][1]; }

json KioskState::probe() const {
    static constexpr const char* statuses[] = {"starting", "ready", "invalid_token", "unreachable"};
    json j = {{"status", statuses[static_cast<int>(status_)]},
              {"seconds", seconds_},
              {"page_index", page_},
              {"page_count", pages_.size()},
              {"live", live_},
              {"reconnecting", reconnecting_},
              {"stale", stale_},
              {"shift", {shift_x(), shift_y()}}};
    if (const KioskPage* p = page()) {
        j["page"] = {{"kind", p->kind == KioskPage::Kind::board ? "board" : "leaderboard"}, {"team_id", p->team_id}};
        if (const KioskBoard* b = board(p->team_id); b && p->kind == KioskPage::Kind::board) {
            j["page"]["team_name"] = b->team_name;
            auto& cols = j["page"]["columns"] = json::array();
            for (const auto& c : b->columns) {
                json cards = json::array();
                for (const auto& card : c.cards) cards.push_back({{"id", card.id}, {"title", card.title}});
                cols.push_back({{"stage_id", c.stage_id}, {"name", c.name}, {"is_won", c.is_won}, {"count", c.count},
                                {"cards", cards}});
            }
        }
    }
    auto& leaders = j["leaders"] = json::array();
    for (const auto& l : leaders_) leaders.push_back({{"user_id", l.user_id}, {"name", l.name}, {"count", l.count}});
    j["highlight"] = highlight_ ? json{{"lead_id", highlight_->lead_id}, {"title", highlight_->title},
                                       {"amount", highlight_->amount.amount}, {"currency", highlight_->amount.currency}}
                                : json(nullptr);
    return j;
}

}  // namespace tumen::client
